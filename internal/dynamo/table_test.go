package dynamo_test

import (
	"context"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
)

// countingAdmin counts UpdateTimeToLive calls: real DynamoDB refuses to
// enable TTL that is already enabled, so EnsureTable must not ask twice.
type countingAdmin struct {
	*dynamodb.Client
	mu         sync.Mutex
	ttlUpdates int
	creates    int
}

func (c *countingAdmin) CreateTable(ctx context.Context, in *dynamodb.CreateTableInput, opts ...func(*dynamodb.Options)) (*dynamodb.CreateTableOutput, error) {
	c.mu.Lock()
	c.creates++
	c.mu.Unlock()
	return c.Client.CreateTable(ctx, in, opts...)
}

func (c *countingAdmin) UpdateTimeToLive(ctx context.Context, in *dynamodb.UpdateTimeToLiveInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateTimeToLiveOutput, error) {
	c.mu.Lock()
	c.ttlUpdates++
	c.mu.Unlock()
	return c.Client.UpdateTimeToLive(ctx, in, opts...)
}

func TestEnsureTable(t *testing.T) {
	ctx := context.Background()
	admin := &countingAdmin{Client: dynamotest.Client(t)}
	table := dynamotest.NewTable(t, func(ctx context.Context, _ *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, admin, name)
	})
	if admin.creates != 1 || admin.ttlUpdates != 1 {
		t.Fatalf("first EnsureTable: got %d CreateTable and %d UpdateTimeToLive calls, want 1 and 1", admin.creates, admin.ttlUpdates)
	}

	t.Run("running it again on the existing table succeeds", func(t *testing.T) {
		for i := range 2 {
			if err := dynamo.EnsureTable(ctx, admin, table); err != nil {
				t.Fatalf("EnsureTable run %d: got %v, want nil", i+2, err)
			}
		}
	})

	t.Run("running it again does not enable TTL a second time", func(t *testing.T) {
		if admin.ttlUpdates != 1 {
			t.Errorf("got %d UpdateTimeToLive calls after three runs, want 1", admin.ttlUpdates)
		}
	})

	t.Run("TTL is on, on expiresAt", func(t *testing.T) {
		out, err := admin.DescribeTimeToLive(ctx, &dynamodb.DescribeTimeToLiveInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatal(err)
		}
		d := out.TimeToLiveDescription
		if d == nil || d.TimeToLiveStatus != types.TimeToLiveStatusEnabled || aws.ToString(d.AttributeName) != "expiresAt" {
			t.Errorf("got TTL %+v, want ENABLED on expiresAt", d)
		}
	})

	t.Run("the table has the spec's keys, indexes and stream", func(t *testing.T) {
		out, err := admin.DescribeTable(ctx, &dynamodb.DescribeTableInput{TableName: aws.String(table)})
		if err != nil {
			t.Fatal(err)
		}
		tb := out.Table
		if tb.TableStatus != types.TableStatusActive {
			t.Errorf("status: got %s, want ACTIVE", tb.TableStatus)
		}
		got := map[string]string{}
		for _, k := range tb.KeySchema {
			got["table "+string(k.KeyType)] = aws.ToString(k.AttributeName)
		}
		for _, ix := range tb.GlobalSecondaryIndexes {
			for _, k := range ix.KeySchema {
				got[aws.ToString(ix.IndexName)+" "+string(k.KeyType)] = aws.ToString(k.AttributeName)
			}
			if ix.Projection == nil || ix.Projection.ProjectionType != types.ProjectionTypeAll {
				t.Errorf("index %s: got projection %+v, want ALL", aws.ToString(ix.IndexName), ix.Projection)
			}
		}
		want := map[string]string{
			"table HASH": "PK", "table RANGE": "SK",
			"GSI1 HASH": "GSI1PK", "GSI1 RANGE": "GSI1SK",
			"GSI2 HASH": "GSI2PK", "GSI2 RANGE": "GSI2SK",
		}
		for k, w := range want {
			if got[k] != w {
				t.Errorf("%s key: got %q, want %q", k, got[k], w)
			}
		}
		if len(got) != len(want) {
			t.Errorf("keys: got %v, want %v", got, want)
		}
		if s := tb.StreamSpecification; s == nil || !aws.ToBool(s.StreamEnabled) || s.StreamViewType != types.StreamViewTypeKeysOnly {
			t.Errorf("stream: got %+v, want enabled with KEYS_ONLY", s)
		}
	})
}
