package surveydb_test

import (
	"context"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// newRespStore is a surveys store on a fresh table of DynamoDB Local, with
// the raw client for tests that read items as stored.
func newRespStore(t *testing.T) (*surveydb.Store, *dynamodb.Client, string) {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	return surveydb.New(dynamo.New(client, table)), client, table
}
