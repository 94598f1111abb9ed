package dynamo

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// GetOption tunes a Get.
type GetOption func(*dynamodb.GetItemInput)

// Consistent asks for a strongly consistent read.
func Consistent(in *dynamodb.GetItemInput) { in.ConsistentRead = aws.Bool(true) }

// Project reads only the given attributes.
func Project(attrs ...string) GetOption {
	return func(in *dynamodb.GetItemInput) {
		names := map[string]string{}
		expr := ""
		for i, a := range attrs {
			n := fmt.Sprintf("#p%d", i)
			names[n] = a
			if i > 0 {
				expr += ", "
			}
			expr += n
		}
		in.ProjectionExpression, in.ExpressionAttributeNames = aws.String(expr), names
	}
}

// Get reads the item at k into a T (attributevalue, `dynamodbav` tags).
// found is false, with no error, when there is no such item.
func Get[T any](ctx context.Context, s *Store, k Key, opts ...GetOption) (item T, found bool, err error) {
	in := &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: k.AV()}
	for _, o := range opts {
		o(in)
	}
	out, err := s.api.GetItem(ctx, in)
	if err != nil {
		return item, false, fmt.Errorf("get %s %s: %w", k.PK, k.SK, err)
	}
	if len(out.Item) == 0 {
		return item, false, nil
	}
	if err := attributevalue.UnmarshalMap(out.Item, &item); err != nil {
		return item, false, fmt.Errorf("unmarshal %s %s: %w", k.PK, k.SK, err)
	}
	return item, true, nil
}

// Query runs in on the store's table to the end, page by page, and
// unmarshals every item into a T.
func Query[T any](ctx context.Context, s *Store, in *dynamodb.QueryInput) ([]T, error) {
	var out []T
	err := s.QueryEach(ctx, in, func(item map[string]types.AttributeValue) error {
		var v T
		if err := attributevalue.UnmarshalMap(item, &v); err != nil {
			return fmt.Errorf("unmarshal: %w", err)
		}
		out = append(out, v)
		return nil
	})
	return out, err
}

// QueryEach runs in on the store's table to the end, page by page (one
// Query, several pages only beyond 1 MB), calling each for every item.
func (s *Store) QueryEach(ctx context.Context, in *dynamodb.QueryInput, each func(map[string]types.AttributeValue) error) error {
	in.TableName = aws.String(s.table)
	for {
		out, err := s.api.Query(ctx, in)
		if err != nil {
			return err
		}
		for _, item := range out.Items {
			if err := each(item); err != nil {
				return err
			}
		}
		if len(out.LastEvaluatedKey) == 0 {
			return nil
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// DeleteNow deletes the item at k outside any transaction; a missing item
// is no failure.
func (s *Store) DeleteNow(ctx context.Context, k Key) error {
	if _, err := s.api.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: k.AV()}); err != nil {
		return fmt.Errorf("delete %s %s: %w", k.PK, k.SK, err)
	}
	return nil
}
