package dynamo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go"

	"github.com/mpsv/brana/internal/apperr"
)

// API is the part of the DynamoDB client the stores use. Tests wrap the real
// client to inject what DynamoDB Local never raises (transaction conflicts).
type API interface {
	GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error)
	PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error)
	UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error)
	DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error)
	Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error)
	TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error)
}

// Store is the DynamoDB implementation of the domain stores.
type Store struct {
	api   API
	table string
	// Transaction retries on contention: attempts and the first backoff.
	attempts int
	backoff  time.Duration
}

// Option configures a Store.
type Option func(*Store)

// WithRetry sets how often a transaction cancelled by contention is retried
// and the first wait (doubled each time, with jitter).
func WithRetry(attempts int, backoff time.Duration) Option {
	return func(s *Store) { s.attempts, s.backoff = attempts, backoff }
}

// New returns a store on table.
func New(api API, table string, opts ...Option) *Store {
	s := &Store{api: api, table: table, attempts: 4, backoff: 20 * time.Millisecond}
	for _, o := range opts {
		o(s)
	}
	return s
}

// RetryAfter is what a caller is told to wait after contention.
const RetryAfter = 2 * time.Second

// txItem is one item of a transaction with the domain meaning of its
// condition failing.
type txItem struct {
	item   types.TransactWriteItem
	reason string // the Conflict reason when its condition fails
	code   apperr.Code
}

// transact runs a transaction, retrying when DynamoDB cancels it for
// contention, and maps a failed condition to the domain error of the item
// with the highest priority (the order of `priority`).
func (s *Store) transact(ctx context.Context, op string, items []txItem, priority []string) error {
	in := &dynamodb.TransactWriteItemsInput{TransactItems: make([]types.TransactWriteItem, len(items))}
	for i, it := range items {
		in.TransactItems[i] = it.item
	}
	wait := s.backoff
	for attempt := 1; ; attempt++ {
		_, err := s.api.TransactWriteItems(ctx, in)
		if err == nil {
			return nil
		}
		var canceled *types.TransactionCanceledException
		if errors.As(err, &canceled) {
			if failed := failedReasons(canceled, items); len(failed) > 0 {
				return conflict(failed, priority, items)
			}
		}
		if !retryable(err) {
			return fmt.Errorf("%s: %w", op, err)
		}
		if attempt >= s.attempts {
			return &apperr.Error{Code: apperr.Unavailable, Reason: "busy", RetryAfter: RetryAfter, Err: fmt.Errorf("%s: %d attempts: %w", op, attempt, err)}
		}
		jittered := wait/2 + rand.N(wait)
		select {
		case <-ctx.Done():
			return fmt.Errorf("%s: %w", op, ctx.Err())
		case <-time.After(jittered):
		}
		wait *= 2
	}
}

// failedReasons lists the items whose condition failed.
func failedReasons(e *types.TransactionCanceledException, items []txItem) []int {
	var out []int
	for i, r := range e.CancellationReasons {
		if i < len(items) && aws.ToString(r.Code) == "ConditionalCheckFailed" {
			out = append(out, i)
		}
	}
	return out
}

func conflict(failed []int, priority []string, items []txItem) error {
	best := failed[0]
	rank := func(reason string) int {
		for i, p := range priority {
			if p == reason {
				return i
			}
		}
		return len(priority)
	}
	for _, i := range failed[1:] {
		if rank(items[i].reason) < rank(items[best].reason) {
			best = i
		}
	}
	code := items[best].code
	if code == 0 {
		code = apperr.Conflict
	}
	return apperr.New(code, items[best].reason)
}

// retryable reports contention DynamoDB asks us to retry: a transaction
// cancelled by a conflicting transaction, a write that conflicted with one,
// throttling.
func retryable(err error) bool {
	var canceled *types.TransactionCanceledException
	if errors.As(err, &canceled) {
		for _, r := range canceled.CancellationReasons {
			switch aws.ToString(r.Code) {
			case "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded":
				return true
			}
		}
		return false
	}
	var conflict *types.TransactionConflictException
	var inProgress *types.TransactionInProgressException
	var throughput *types.ProvisionedThroughputExceededException
	var limit *types.RequestLimitExceeded
	if errors.As(err, &conflict) || errors.As(err, &inProgress) || errors.As(err, &throughput) || errors.As(err, &limit) {
		return true
	}
	var apiErr smithy.APIError
	return errors.As(err, &apiErr) && apiErr.ErrorCode() == "ThrottlingException"
}

// isConditionFailed reports a single write's failed condition.
func isConditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}

// MaxIDLength bounds the ids the store looks up. Ours are far shorter (26
// characters for generated ids, 64 for chosen ones, 128 for account
// subjects); a longer id from a URL cannot exist, and sending it would only
// earn a ValidationException from DynamoDB (its key limit is 1,024 bytes).
const MaxIDLength = 128

func storableID(id string) bool { return id != "" && len(id) <= MaxIDLength }

// keys builds a primary key.
func key(pk, sk string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{AttrPK: &types.AttributeValueMemberS{Value: pk}, AttrSK: &types.AttributeValueMemberS{Value: sk}}
}

func str(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }
func num(v int64) types.AttributeValue  { return &types.AttributeValueMemberN{Value: fmt.Sprint(v)} }

// ts formats a time for keys and attributes: UTC, second precision, so that
// strings sort as times do.
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

func parseTS(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// query runs a Query to the end, page by page (one Query, several pages
// only beyond 1 MB).
func (s *Store) query(ctx context.Context, in *dynamodb.QueryInput, each func(map[string]types.AttributeValue) error) error {
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
