package dynamo

import (
	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/outbox"
)

// OutboxPut is the transaction item queueing an outbox item. Its id is
// derived from what it announces, so it must not exist yet: if it does, the
// change that queues it was already made, and the transaction fails with
// the caller's reason.
func (s *Store) OutboxPut(it outbox.Item, reason apperr.Reason) (TxItem, error) {
	t, err := s.outboxPut(it)
	return t.Because(reason), err
}

// OutboxKey is the key of an outbox item (to withdraw or erase it).
func OutboxKey(id string) Key { return Key{outboxPK(id), outboxSK} }
