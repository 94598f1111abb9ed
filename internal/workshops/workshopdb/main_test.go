package workshopdb_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

// now is Monday 30 November 2026, 9:00 Prague.
var now = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

type fixture struct {
	t      *testing.T
	client *dynamodb.Client
	table  string
	store  *workshopdb.Store
	clock  *clock.Fixed
	svc    *workshops.Service
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	store := workshopdb.New(dynamo.New(client, table))
	clk := clock.NewFixed(now)
	return &fixture{t: t, client: client, table: table, store: store, clock: clk, svc: &workshops.Service{
		Store: store, Clock: clk, IDs: ids.Random{Now: clk.Now}, BaseURL: "http://localhost:8080",
		EmailKey: []byte("0123456789abcdef0123456789abcdef"),
	}}
}

// event is a published in-person workshop on 10 December 2026, 9:00–12:30
// Prague, with the given capacity, registration open from now.
func event(id string, capacity int) workshops.Event {
	d := cz.Date{Year: 2026, Month: 12, Day: 10}
	start, end := d.At(9*60).UTC(), d.At(12*60+30).UTC()
	return workshops.Event{
		ID: id, Kind: workshops.KindWorkshop,
		Title:             workshops.Text{CS: "Plánování podpory v domácnosti", EN: "Planning support at home"},
		Description:       workshops.Text{CS: "Praktický workshop."},
		Topics:            []programme.Topic{programme.Topic("community_services")},
		TargetGroups:      []programme.TargetGroup{programme.TargetGroup("provider")},
		Region:            "CZ064",
		Sessions:          []workshops.Session{{Start: start, End: end}},
		Mode:              workshops.ModeInPerson,
		Venue:             workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno", StepFree: true, NearestStop: "Česká"},
		Capacity:          workshops.Capacity{InPerson: capacity},
		RegistrationOpens: now.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventPublished,
		Version: 1, CreatedAt: now, UpdatedAt: now,
	}
}

func (f *fixture) putEvent(e workshops.Event) workshops.Event {
	f.t.Helper()
	if err := f.store.PutEvent(context.Background(), e, e.Version-1); err != nil {
		f.t.Fatalf("put event: %v", err)
	}
	return e
}

// counter reads a counter item's n (0 when absent).
func (f *fixture) counter(pk, sk string) int {
	f.t.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(f.table), ConsistentRead: aws.Bool(true),
		Key: map[string]types.AttributeValue{"PK": &types.AttributeValueMemberS{Value: pk}, "SK": &types.AttributeValueMemberS{Value: sk}},
	})
	if err != nil {
		f.t.Fatal(err)
	}
	n, ok := out.Item["n"].(*types.AttributeValueMemberN)
	if !ok {
		return 0
	}
	var v int
	for _, c := range n.Value {
		v = v*10 + int(c-'0')
	}
	return v
}
