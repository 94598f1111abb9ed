package dynamo

import (
	"context"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/apperr"
)

// PutNow writes one Put item (from Put, PutIfAbsent or PutIf) on its own,
// outside a transaction. A failed condition is the item's reason, as a
// Conflict unless WithCode said otherwise.
func (s *Store) PutNow(ctx context.Context, t TxItem) error {
	p := t.item.Put
	if p == nil {
		return errors.New("PutNow: not a Put item")
	}
	_, err := s.api.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: p.TableName, Item: p.Item, ConditionExpression: p.ConditionExpression,
		ExpressionAttributeNames: p.ExpressionAttributeNames, ExpressionAttributeValues: p.ExpressionAttributeValues,
	})
	if err != nil {
		if isConditionFailed(err) {
			return conflict([]int{0}, nil, []TxItem{t})
		}
		if retryable(err) {
			return &apperr.Error{Code: apperr.Unavailable, Reason: string(ReasonBusy), RetryAfter: RetryAfter, Err: fmt.Errorf("put: %w", err)}
		}
		return fmt.Errorf("put: %w", err)
	}
	return nil
}
