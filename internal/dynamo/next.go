package dynamo

import (
	"context"
	"fmt"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Next adds one to a counter on its own, outside any transaction, and
// returns the new value: a sequence number (a transaction cannot return
// what it wrote). Concurrent callers get distinct, increasing numbers in
// the order DynamoDB applied their additions.
func (s *Store) Next(ctx context.Context, c Counter) (int64, error) {
	in := &dynamodb.UpdateItemInput{
		TableName: aws.String(s.table), Key: c.Key.AV(),
		UpdateExpression:          aws.String("ADD #n :one"),
		ExpressionAttributeNames:  map[string]string{"#n": c.Attr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":one": N(1)},
		ReturnValues:              types.ReturnValueUpdatedNew,
	}
	if c.Type != "" {
		in.UpdateExpression = aws.String("ADD #n :one SET #type = :type")
		in.ExpressionAttributeNames["#type"] = AttrType
		in.ExpressionAttributeValues[":type"] = S(c.Type)
	}
	out, err := s.api.UpdateItem(ctx, in)
	if err != nil {
		return 0, fmt.Errorf("next %s %s: %w", c.Key.PK, c.Key.SK, err)
	}
	n, ok := out.Attributes[c.Attr].(*types.AttributeValueMemberN)
	if !ok {
		return 0, fmt.Errorf("next %s %s: no number returned", c.Key.PK, c.Key.SK)
	}
	return strconv.ParseInt(n.Value, 10, 64)
}
