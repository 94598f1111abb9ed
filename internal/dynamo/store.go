package dynamo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
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

// Store is one table and the toolkit to write it: the transaction items
// (tx.go), the transaction runner, Get and Query. Each capability's storage
// (consultations/consultdb, …) sits on a Store and knows its own items; the
// Store knows no capability.
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

// ReasonBusy is the Unavailable reason of a transaction still contended
// after every retry.
const ReasonBusy apperr.Reason = "busy"

type retriesKey struct{}

// CountRetries returns a context under which Transact adds to *n every
// contention retry it makes (a benchmark's instrument; n is not guarded:
// one request's context at a time).
func CountRetries(ctx context.Context, n *int) context.Context {
	return context.WithValue(ctx, retriesKey{}, n)
}

// MaxTxItems is DynamoDB's limit of items in one transaction.
const MaxTxItems = 100

// Transact runs a transaction, retrying when DynamoDB cancels it for
// contention. When conditions fail, it returns the domain error of the
// failed item whose reason comes first in priority (reasons not listed come
// after, in item order): Conflict with that reason unless the item says
// otherwise (TxItem.WithCode). op names the transaction in wrapped errors.
func (s *Store) Transact(ctx context.Context, op string, items []TxItem, priority ...apperr.Reason) error {
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
			if failed := failedItems(canceled, len(items)); len(failed) > 0 {
				return conflict(failed, priority, items)
			}
		}
		if !retryable(err) {
			return fmt.Errorf("%s: %w", op, err)
		}
		if attempt >= s.attempts {
			return &apperr.Error{Code: apperr.Unavailable, Reason: string(ReasonBusy), RetryAfter: RetryAfter, Err: fmt.Errorf("%s: %d attempts: %w", op, attempt, err)}
		}
		if n, ok := ctx.Value(retriesKey{}).(*int); ok {
			*n++
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

// failedItems lists the items whose condition failed.
func failedItems(e *types.TransactionCanceledException, n int) []int {
	var out []int
	for i, r := range e.CancellationReasons {
		if i < n && aws.ToString(r.Code) == "ConditionalCheckFailed" {
			out = append(out, i)
		}
	}
	return out
}

func conflict(failed []int, priority []apperr.Reason, items []TxItem) error {
	rank := func(i int) int {
		if p := slices.Index(priority, items[i].reason); p >= 0 {
			return p
		}
		return len(priority)
	}
	best := failed[0]
	for _, i := range failed[1:] {
		if rank(i) < rank(best) {
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

// IsConditionFailed reports a single write's failed condition.
func IsConditionFailed(err error) bool {
	var ccf *types.ConditionalCheckFailedException
	return errors.As(err, &ccf)
}

func isConditionFailed(err error) bool { return IsConditionFailed(err) }

// MaxIDLength bounds the ids the store looks up. Ours are far shorter (26
// characters for generated ids, 64 for chosen ones, 128 for account
// subjects); a longer id from a URL cannot exist, and sending it would only
// earn a ValidationException from DynamoDB (its key limit is 1,024 bytes).
const MaxIDLength = 128

// StorableID reports whether id can be part of a key: not empty and at most
// MaxIDLength long. Anything else cannot exist and is not looked up.
func StorableID(id string) bool { return id != "" && len(id) <= MaxIDLength }

// Key is an item's primary key.
type Key struct{ PK, SK string }

// AV renders the key as DynamoDB attributes.
func (k Key) AV() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{AttrPK: S(k.PK), AttrSK: S(k.SK)}
}

// key builds a primary key.
func key(pk, sk string) map[string]types.AttributeValue { return Key{pk, sk}.AV() }

// S is a string attribute value.
func S(v string) types.AttributeValue { return &types.AttributeValueMemberS{Value: v} }

// N is a number attribute value.
func N(v int64) types.AttributeValue { return &types.AttributeValueMemberN{Value: fmt.Sprint(v)} }

// Bool is a boolean attribute value.
func Bool(v bool) types.AttributeValue { return &types.AttributeValueMemberBOOL{Value: v} }

func str(v string) types.AttributeValue { return S(v) }
func num(v int64) types.AttributeValue  { return N(v) }

// Time formats a time for keys and attributes: UTC, second precision, so
// that strings sort as times do. The zero time is "".
func Time(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format("2006-01-02T15:04:05Z")
}

// ParseTime reads a time written by Time ("" is the zero time).
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("parse stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

func ts(t time.Time) string               { return Time(t) }
func parseTS(s string) (time.Time, error) { return ParseTime(s) }
