// Package powdb keeps spent proof-of-work solutions in the table: one item
// per challenge, POW#<challenge>, written with a condition so that a
// solution is spent once, and deleted by TTL when its challenge expires.
package powdb

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/pow"
)

// KeyPrefix is the partition-key prefix of spent solutions (registry.KeyPoW).
const KeyPrefix = "POW#"

const sortKey = "POW"

// Store spends solutions.
type Store struct{ s *dynamo.Store }

var _ pow.Spender = (*Store)(nil)

// New returns a Store on a table.
func New(s *dynamo.Store) *Store { return &Store{s: s} }

type spentItem struct {
	PK, SK    string
	Type      string `dynamodbav:"type"`
	Scope     string `dynamodbav:"scope,omitempty"`
	ExpiresAt int64  `dynamodbav:"expiresAt"`
}

const reasonSpent apperr.Reason = "pow_spent"

// Spend records challenge id as spent until expires. It fails with
// pow.ErrSpent when id is recorded already, unless with the same non-empty
// scope (a retry of the same request).
func (st *Store) Spend(ctx context.Context, id, scope string, expires time.Time) error {
	if !dynamo.StorableID(id) {
		return pow.ErrSpent // cannot be ours: the verifier checked the hash
	}
	cond := dynamo.Condition{Expr: "attribute_not_exists(PK)"}
	if scope != "" {
		cond = dynamo.Condition{
			Expr:   "attribute_not_exists(PK) OR #scope = :scope",
			Names:  map[string]string{"#scope": "scope"},
			Values: map[string]types.AttributeValue{":scope": dynamo.S(scope)},
		}
	}
	put, err := st.s.PutIf(spentItem{PK: KeyPrefix + id, SK: sortKey, Type: "pow", Scope: scope, ExpiresAt: expires.Unix()}, cond, reasonSpent)
	if err != nil {
		return err
	}
	if err := st.s.PutNow(ctx, put); err != nil {
		if apperr.Is(err, apperr.Conflict, reasonSpent) {
			return pow.ErrSpent
		}
		return fmt.Errorf("spend proof of work: %w", err)
	}
	return nil
}
