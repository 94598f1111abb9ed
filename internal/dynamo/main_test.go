package dynamo_test

import (
	"context"
	"os"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// fixture is a store on a fresh table, with the raw client to look at items.
type fixture struct {
	t      *testing.T
	client *dynamodb.Client
	table  string
	store  *dynamo.Store
}

// newFixture makes a fresh table; wrap (may be nil) wraps the client the
// store uses, opts configure the store.
func newFixture(t *testing.T, wrap func(dynamo.API) dynamo.API, opts ...dynamo.Option) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	var api dynamo.API = client
	if wrap != nil {
		api = wrap(client)
	}
	return &fixture{t: t, client: client, table: table, store: dynamo.New(api, table, opts...)}
}

// raw reads one item as stored (nil when absent).
func (f *fixture) raw(k dynamo.Key) map[string]types.AttributeValue {
	f.t.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(f.table), ConsistentRead: aws.Bool(true), Key: k.AV(),
	})
	if err != nil {
		f.t.Fatalf("get %v: %v", k, err)
	}
	if len(out.Item) == 0 {
		return nil
	}
	return out.Item
}

func sval(item map[string]types.AttributeValue, name string) string {
	if v, ok := item[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func nval(item map[string]types.AttributeValue, name string) string {
	if v, ok := item[name].(*types.AttributeValueMemberN); ok {
		return v.Value
	}
	return ""
}

// outcome is what a caller of the store sees: "<nil>", or the code and
// reason ("internal" alone for a plain error).
func outcome(err error) string {
	if err == nil {
		return "<nil>"
	}
	if e, ok := apperr.As(err); ok && e.Code != apperr.Internal {
		return e.Code.String() + " " + e.Reason
	}
	return "internal"
}
