package dynamotest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/ddblocal"
)

func TestMain(m *testing.M) { os.Exit(Main(m)) }

// createPKTable creates a table keyed by the string attribute "pk".
func createPKTable(ctx context.Context, c *dynamodb.Client, name string) error {
	_, err := c.CreateTable(ctx, &dynamodb.CreateTableInput{
		TableName:            aws.String(name),
		BillingMode:          types.BillingModePayPerRequest,
		AttributeDefinitions: []types.AttributeDefinition{{AttributeName: aws.String("pk"), AttributeType: types.ScalarAttributeTypeS}},
		KeySchema:            []types.KeySchemaElement{{AttributeName: aws.String("pk"), KeyType: types.KeyTypeHash}},
	})
	return err
}

func str(s string) types.AttributeValue { return &types.AttributeValueMemberS{Value: s} }

func TestPutGetAndConditionalPut(t *testing.T) {
	ctx := t.Context()
	c := Client(t)
	table := NewTable(t, createPKTable)

	item := map[string]types.AttributeValue{"pk": str("case-1"), "status": str("open")}
	put := &dynamodb.PutItemInput{
		TableName:           aws.String(table),
		Item:                item,
		ConditionExpression: aws.String("attribute_not_exists(pk)"),
	}
	if _, err := c.PutItem(ctx, put); err != nil {
		t.Fatalf("first put: %v", err)
	}

	got, err := c.GetItem(ctx, &dynamodb.GetItemInput{
		TableName:      aws.String(table),
		Key:            map[string]types.AttributeValue{"pk": str("case-1")},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		t.Fatalf("get: %v", err)
	}
	if s, ok := got.Item["status"].(*types.AttributeValueMemberS); !ok || s.Value != "open" {
		t.Fatalf("got item %v, want status=open", got.Item)
	}

	_, err = c.PutItem(ctx, put)
	var ccf *types.ConditionalCheckFailedException
	if !errors.As(err, &ccf) {
		t.Fatalf("second put: err = %v, want ConditionalCheckFailedException", err)
	}
}

// TestEndpointAnyCredentials checks that a client of the code under test,
// signing with other credentials and region, sees the same tables
// (-sharedDb).
func TestEndpointAnyCredentials(t *testing.T) {
	table := NewTable(t, createPKTable)
	other, err := ddblocal.NewClient(t.Context(), Endpoint(t))
	if err != nil {
		t.Fatal(err)
	}
	other = dynamodb.New(other.Options(), func(o *dynamodb.Options) {
		o.Region = "us-east-1"
		o.Credentials = credentials.NewStaticCredentialsProvider("someone", "else", "")
	})
	if _, err := other.DescribeTable(t.Context(), &dynamodb.DescribeTableInput{TableName: aws.String(table)}); err != nil {
		t.Fatalf("table %s not visible to other credentials in us-east-1: %v", table, err)
	}
}

// TestConcurrentClient runs 100 goroutines on one client, as the
// concurrency tests of other packages will.
func TestConcurrentClient(t *testing.T) {
	ctx := t.Context()
	c := Client(t)
	table := NewTable(t, createPKTable)
	const goroutines, perG = 100, 10
	var wg sync.WaitGroup
	errs := make(chan error, goroutines)
	for g := range goroutines {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range perG {
				_, err := c.PutItem(ctx, &dynamodb.PutItemInput{
					TableName: aws.String(table),
					Item:      map[string]types.AttributeValue{"pk": str(fmt.Sprintf("%d-%d", g, i))},
				})
				if err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	out, err := c.Scan(ctx, &dynamodb.ScanInput{TableName: aws.String(table), Select: types.SelectCount})
	if err != nil {
		t.Fatal(err)
	}
	if out.Count != goroutines*perG {
		t.Errorf("scan counted %d items, want %d", out.Count, goroutines*perG)
	}
}

func TestNewTableDeletesOnCleanup(t *testing.T) {
	var name string
	t.Run("sub", func(t *testing.T) {
		name = NewTable(t, createPKTable)
	})
	_, err := Client(t).DescribeTable(t.Context(), &dynamodb.DescribeTableInput{TableName: aws.String(name)})
	var notFound *types.ResourceNotFoundException
	if !errors.As(err, &notFound) {
		t.Fatalf("table %s after its test ended: err = %v, want ResourceNotFoundException", name, err)
	}
}

func TestTableName(t *testing.T) {
	valid := regexp.MustCompile(`^[a-zA-Z0-9_.-]{3,255}$`)
	long := "TestX/" + strings.Repeat("ünïcode and spaces/", 40)
	seen := map[string]bool{}
	for i, tn := range []string{"TestA", "TestA/sub#01", "TestA/sub_01", long, long} {
		got := tableName(tn, uint64(i+1))
		if !valid.MatchString(got) {
			t.Errorf("tableName(%q) = %q: not a valid DynamoDB table name", tn, got)
		}
		if seen[got] {
			t.Errorf("tableName(%q) = %q: duplicate", tn, got)
		}
		seen[got] = true
	}
	if got := tableName("TestA/sub#01", 7); got != "t_TestA_sub_01_7" {
		t.Errorf("tableName = %q, want t_TestA_sub_01_7", got)
	}
}
