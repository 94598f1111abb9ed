package powdb_test

import (
	"context"
	"errors"
	"os"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/pow/powdb"
	"github.com/mpsv/brana/internal/registry"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

func newStore(t *testing.T) (*powdb.Store, *dynamodb.Client, string) {
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	return powdb.New(dynamo.New(client, table)), client, table
}

func TestKeyPrefixIsTheRegistrys(t *testing.T) {
	if powdb.KeyPrefix != registry.KeyPoW {
		t.Errorf("got %q, want registry.KeyPoW %q", powdb.KeyPrefix, registry.KeyPoW)
	}
}

func TestSpend(t *testing.T) {
	ctx := context.Background()
	st, client, table := newStore(t)
	expires := time.Date(2026, 11, 30, 8, 10, 0, 0, time.UTC)
	const id = "5d1e7c0f3c5a4c0b7b8e2c7f1f0d9a6e1b2c3d4e5f60718293a4b5c6d7e8f901"

	if err := st.Spend(ctx, id, "", expires); err != nil {
		t.Fatalf("first spend: %v", err)
	}
	out, err := client.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(table), Key: dynamo.Key{PK: "POW#" + id, SK: "POW"}.AV(), ConsistentRead: aws.Bool(true)})
	if err != nil || len(out.Item) == 0 {
		t.Fatalf("the spent item: %v %v", out, err)
	}
	if got := out.Item[dynamo.AttrTTL]; got == nil || got.(*types.AttributeValueMemberN).Value != "1796026200" {
		t.Errorf("expiresAt: got %v, want the challenge's expiry 1796026200", got)
	}
	if err := st.Spend(ctx, id, "", expires); !errors.Is(err, pow.ErrSpent) {
		t.Errorf("second spend: got %v, want ErrSpent", err)
	}

	t.Run("a scope lets the same request through again, and only it", func(t *testing.T) {
		const id2 = "aa1e7c0f3c5a4c0b7b8e2c7f1f0d9a6e1b2c3d4e5f60718293a4b5c6d7e8f901"
		if err := st.Spend(ctx, id2, "scope-1", expires); err != nil {
			t.Fatal(err)
		}
		if err := st.Spend(ctx, id2, "scope-1", expires); err != nil {
			t.Errorf("same scope: got %v, want nil", err)
		}
		for _, scope := range []string{"scope-2", ""} {
			if err := st.Spend(ctx, id2, scope, expires); !errors.Is(err, pow.ErrSpent) {
				t.Errorf("scope %q: got %v, want ErrSpent", scope, err)
			}
		}
	})

	t.Run("of 20 concurrent spends of one solution exactly one succeeds", func(t *testing.T) {
		const id3 = "bb1e7c0f3c5a4c0b7b8e2c7f1f0d9a6e1b2c3d4e5f60718293a4b5c6d7e8f901"
		var ok, spent atomic.Int32
		var wg sync.WaitGroup
		for range 20 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				switch err := st.Spend(ctx, id3, "", expires); {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, pow.ErrSpent):
					spent.Add(1)
				default:
					t.Errorf("spend: %v", err)
				}
			}()
		}
		wg.Wait()
		if ok.Load() != 1 || spent.Load() != 19 {
			t.Errorf("got %d spent and %d refused, want 1 and 19", ok.Load(), spent.Load())
		}
	})
}
