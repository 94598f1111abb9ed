package consultdb_test

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// now is when the fixtures are written: Monday 30 November 2026, 9:00 Prague.
var now = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// wed is Wednesday 2 December 2026, the day most test bookings are on.
var wed = cz.Date{Year: 2026, Month: 12, Day: 2}

// at is a Prague wall-clock time on d, in UTC.
func at(d cz.Date, hour, minute int) time.Time { return d.At(hour*60 + minute).UTC() }

// fixture is a store on a fresh table, with the raw client to look at items.
type fixture struct {
	t      *testing.T
	client *dynamodb.Client
	table  string
	store  *consultdb.Store
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
	return &fixture{t: t, client: client, table: table, store: consultdb.New(dynamo.New(api, table, opts...))}
}

// raw reads one item as stored (nil when absent).
func (f *fixture) raw(pk, sk string) map[string]types.AttributeValue {
	f.t.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(f.table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: sk}},
	})
	if err != nil {
		f.t.Fatalf("get %s/%s: %v", pk, sk, err)
	}
	if len(out.Item) == 0 {
		return nil
	}
	return out.Item
}

// scan returns every item of the table.
func (f *fixture) scan() []map[string]types.AttributeValue {
	f.t.Helper()
	var items []map[string]types.AttributeValue
	in := &dynamodb.ScanInput{TableName: aws.String(f.table), ConsistentRead: aws.Bool(true)}
	for {
		out, err := f.client.Scan(context.Background(), in)
		if err != nil {
			f.t.Fatalf("scan: %v", err)
		}
		items = append(items, out.Items...)
		if len(out.LastEvaluatedKey) == 0 {
			return items
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// keysByType lists "PK SK" of every item, grouped by its "type" attribute.
func (f *fixture) keysByType() map[string][]string {
	f.t.Helper()
	out := map[string][]string{}
	for _, it := range f.scan() {
		typ := sval(it, "type")
		out[typ] = append(out[typ], sval(it, "PK")+" "+sval(it, "SK"))
	}
	for _, v := range out {
		sort.Strings(v)
	}
	return out
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

// expert returns an active expert with the default availability.
func expert(id, subject string) consultations.Expert {
	return consultations.Expert{
		ID: id, Name: "Expert " + id, Email: id + "@example.cz",
		Topics:  []programme.Topic{programme.TopicTransformationPlan},
		Regions: []string{"CZ064"}, Forms: []programme.Form{programme.FormPhone, programme.FormOnline},
		Subject: subject, Active: true, Availability: consultations.DefaultAvailability(),
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
}

// mustCreateExpert stores an expert or fails the test.
func (f *fixture) mustCreateExpert(e consultations.Expert) {
	f.t.Helper()
	if err := f.store.CreateExpert(context.Background(), e); err != nil {
		f.t.Fatalf("create expert %s: %v", e.ID, err)
	}
}

// booking is a confirmed 60-minute booking with a 15-minute buffer.
func booking(id, expertID string, start time.Time) consultations.Booking {
	claim := slots.ClaimInterval(start, time.Hour, 15*time.Minute)
	return consultations.Booking{
		ID: id, ExpertID: expertID, Start: start, End: start.Add(time.Hour), ClaimEnd: claim.End,
		Form: programme.FormOnline, Topic: programme.TopicTransformationPlan,
		TargetGroup: programme.TargetProvider, Region: "CZ064",
		Organisation: consultations.Organisation{Name: "Domov Slunečnice", ICO: "00551023"},
		Contact:      consultations.Contact{Name: "Marie Procházková", Email: "marie@example.cz", Phone: "+420603123456"},
		Note:         "poznámka", Consent: consultations.Consent{NoticeVersion: consultations.PrivacyNoticeVersion, At: now},
		Lang: i18n.CS, Status: consultations.StatusConfirmed, Version: 1,
		TokenHash: ids.HashToken("token-" + id), CreatedAt: now, UpdatedAt: now,
	}
}

// create is the write that makes a new booking, as the service builds it.
func create(b consultations.Booking, maxPerDay int) consultations.BookingWrite {
	return consultations.BookingWrite{
		Booking: b, ExpertMustBeActive: true,
		Claim:    slots.Granules(b.ClaimInterval()),
		CountDay: &consultations.DayCount{Date: cz.DateOf(b.Start), Max: maxPerDay},
	}
}

// mailItem is a pending outbox item about a booking.
func mailItem(bookingID, id string) outbox.Item {
	return outbox.Item{
		ID: id, Ref: bookingID, Status: outbox.StatusPending, NextAttemptAt: now, CreatedAt: now,
		Message: mail.Message{ID: id, Template: "consultations.confirmation.person", Lang: "cs",
			To: mail.Address{Email: "marie@example.cz"}, Data: []byte(`{"booking":{"id":"` + bookingID + `"}}`), CreatedAt: now},
	}
}

// mustWrite applies a booking write or fails the test.
func (f *fixture) mustWrite(w consultations.BookingWrite) {
	f.t.Helper()
	if err := f.store.WriteBooking(context.Background(), w); err != nil {
		f.t.Fatalf("write booking %s: %v", w.Booking.ID, err)
	}
}

// describe renders an error as "code reason" for comparisons.
func describe(err error) string {
	if err == nil {
		return "<nil>"
	}
	e, ok := apperr.As(err)
	if !ok {
		return "not an apperr: " + err.Error()
	}
	return e.Code.String() + " " + e.Reason
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

// counting counts the calls the store makes, per operation.
type counting struct {
	dynamo.API
	mu    sync.Mutex
	calls map[string]int
}

func newCounting(api dynamo.API) *counting { return &counting{API: api, calls: map[string]int{}} }

func (c *counting) count(op string) {
	c.mu.Lock()
	c.calls[op]++
	c.mu.Unlock()
}

// Calls returns how often op was called.
func (c *counting) Calls(op string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls[op]
}

// Reset forgets the counts.
func (c *counting) Reset() {
	c.mu.Lock()
	c.calls = map[string]int{}
	c.mu.Unlock()
}

func (c *counting) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	c.count("GetItem")
	return c.API.GetItem(ctx, in, opts...)
}

func (c *counting) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	c.count("PutItem")
	return c.API.PutItem(ctx, in, opts...)
}

func (c *counting) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	c.count("UpdateItem")
	return c.API.UpdateItem(ctx, in, opts...)
}

func (c *counting) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	c.count("DeleteItem")
	return c.API.DeleteItem(ctx, in, opts...)
}

func (c *counting) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	c.count("Query")
	return c.API.Query(ctx, in, opts...)
}

func (c *counting) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	c.count("TransactWriteItems")
	return c.API.TransactWriteItems(ctx, in, opts...)
}

// contended makes the first `fail` TransactWriteItems calls fail with the
// error make builds (what DynamoDB raises under contention and DynamoDB
// Local never does), then delegates to the real client.
type contended struct {
	dynamo.API
	fail  int64
	make  func(in *dynamodb.TransactWriteItemsInput) error
	calls atomic.Int64
}

func (c *contended) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if n := c.calls.Add(1); n <= c.fail {
		return nil, c.make(in)
	}
	return c.API.TransactWriteItems(ctx, in, opts...)
}

// cancelledFor is a TransactionCanceledException whose first item has the
// given cancellation code and the others "None", as DynamoDB reports it.
func cancelledFor(code string) func(*dynamodb.TransactWriteItemsInput) error {
	return func(in *dynamodb.TransactWriteItemsInput) error {
		reasons := make([]types.CancellationReason, len(in.TransactItems))
		for i := range reasons {
			reasons[i] = types.CancellationReason{Code: aws.String("None")}
		}
		reasons[0] = types.CancellationReason{Code: aws.String(code), Message: aws.String("injected " + code)}
		return &types.TransactionCanceledException{
			Message:             aws.String(fmt.Sprintf("Transaction cancelled, please refer cancellation reasons for specific reasons [%s]", code)),
			CancellationReasons: reasons,
		}
	}
}

func conflictException(*dynamodb.TransactWriteItemsInput) error {
	return &types.TransactionConflictException{Message: aws.String("injected transaction conflict")}
}
