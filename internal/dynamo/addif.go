package dynamo

import (
	"maps"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
)

// AddIf adds delta to a counter if cond holds for its item: for a counter
// on an item the same transaction must also check (a survey that must
// still be open), since a transaction may touch an item only once. cond's
// names and values must not use #n or :delta.
func (s *Store) AddIf(c Counter, delta int64, cond Condition, reason apperr.Reason) TxItem {
	names := map[string]string{"#n": c.Attr}
	values := map[string]types.AttributeValue{":delta": N(delta)}
	maps.Copy(names, cond.Names)
	maps.Copy(values, cond.Values)
	return TxItem{reason: reason, item: types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: c.Key.AV(),
		UpdateExpression:          aws.String("ADD #n :delta"),
		ConditionExpression:       aws.String(cond.Expr),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: values,
	}}}
}
