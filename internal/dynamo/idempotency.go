package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/idempotency"
)

// Idempotency records: one item per used key hash, written in the same
// transaction as the change it records and deleted by TTL.

func idempotencyKey(hash string) Key { return IdempotencyKey(hash) }

// IdempotencyKey is the key of the record of a key hash (an erasure deletes
// the records that point at the booking).
func IdempotencyKey(hash string) Key { return Key{"IDEMPOTENCY#" + hash, "IDEMPOTENCY"} }

type idempotencyItem struct {
	PK, SK      string
	Type        string `dynamodbav:"type"`
	RequestHash string `dynamodbav:"requestHash"`
	Status      int    `dynamodbav:"status"`
	ResourceID  string `dynamodbav:"resourceId"`
	Sealed      []byte `dynamodbav:"sealed,omitempty"`
	CreatedAt   string `dynamodbav:"createdAt"`
	ExpiresAt   int64  `dynamodbav:"expiresAt"`
}

// IdempotencyPut is the transaction item recording r. It fails with
// idempotency.ReasonRace when a live record of the same key exists (the same
// key used concurrently); an expired record that TTL has not deleted yet is
// replaced.
func (s *Store) IdempotencyPut(r idempotency.Record) (TxItem, error) {
	k := idempotencyKey(r.KeyHash)
	return s.PutIf(idempotencyItem{
		PK: k.PK, SK: k.SK, Type: "idempotency",
		RequestHash: r.RequestHash, Status: r.Status, ResourceID: r.ResourceID, Sealed: r.Sealed,
		CreatedAt: Time(r.CreatedAt), ExpiresAt: r.ExpiresAt.Unix(),
	}, Condition{
		Expr:   "attribute_not_exists(PK) OR #exp < :now",
		Names:  map[string]string{"#exp": AttrTTL},
		Values: map[string]types.AttributeValue{":now": N(r.CreatedAt.Unix())},
	}, idempotency.ReasonRace)
}

// GetIdempotency reads the record of an idempotency key (NotFound when
// there is none).
func (s *Store) GetIdempotency(ctx context.Context, keyHash string) (idempotency.Record, error) {
	it, found, err := Get[idempotencyItem](ctx, s, idempotencyKey(keyHash), Consistent)
	if err != nil {
		return idempotency.Record{}, fmt.Errorf("get idempotency record: %w", err)
	}
	if !found {
		return idempotency.Record{}, apperr.New(apperr.NotFound, "not_found")
	}
	created, err := ParseTime(it.CreatedAt)
	if err != nil {
		return idempotency.Record{}, err
	}
	return idempotency.Record{
		KeyHash: keyHash, RequestHash: it.RequestHash, Status: it.Status, ResourceID: it.ResourceID,
		Sealed: it.Sealed, CreatedAt: created, ExpiresAt: time.Unix(it.ExpiresAt, 0).UTC(),
	}, nil
}
