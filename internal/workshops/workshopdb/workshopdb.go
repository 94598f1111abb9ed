// Package workshopdb is the workshops capability's storage on Brána's one
// DynamoDB table: events, registrations, the seat and waiting-list
// counters, the one-registration-per-address items, the organisation
// counters, the waiting lists and the offers index. docs/data-model.md
// ("Workshops") lists its items and access patterns.
package workshopdb

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/workshops"
)

// Store is the workshops storage on a table.
type Store struct{ *dynamo.Store }

// New returns the workshops storage on s.
func New(s *dynamo.Store) *Store { return &Store{s} }

var _ workshops.Store = (*Store)(nil)

// Partition and sort keys (docs/data-model.md).
const (
	// PublishedPartition is the GSI1 partition of published events, by start.
	PublishedPartition = "EVENTS"
	// OffersPartition is the GSI1 partition of offered registrations, by
	// the offer's expiry (the sweep's index).
	OffersPartition = "OFFERS"
)

func eventPK(id string) string          { return "EVENT#" + id }
func eventKey(id string) dynamo.Key     { return dynamo.Key{PK: eventPK(id), SK: "EVENT"} }
func regKey(id string) dynamo.Key       { return dynamo.Key{PK: "REGISTRATION#" + id, SK: "REGISTRATION"} }
func eventRegsPK(eventID string) string { return "EVENT#" + eventID + "#REGISTRATIONS" }

func seatsKey(eventID string, s workshops.Seat) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: "SEATS#" + string(s)}
}
func waitingKey(eventID string, s workshops.Seat) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: "SEATS#" + string(s) + "#WAITING"}
}
func ticketKey(eventID string, s workshops.Seat) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: "TICKET#" + string(s)}
}
func waitPrefix(s workshops.Seat) string { return "WAIT#" + string(s) + "#" }
func waitKey(eventID string, s workshops.Seat, queue string) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: waitPrefix(s) + queue}
}
func emailKey(eventID, hash string) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: "EMAIL#" + hash}
}
func orgKey(eventID, ico string) dynamo.Key {
	return dynamo.Key{PK: eventPK(eventID), SK: "ORG#" + ico}
}

// monthBucket is the GSI2 partition of events starting in t's Prague month.
func monthBucket(t time.Time) string {
	d := cz.DateOf(t)
	return fmt.Sprintf("EVENTS#%04d-%02d", d.Year, int(d.Month))
}

// monthBuckets lists the buckets [from, to) touches.
func monthBuckets(from, to time.Time) []string {
	var out []string
	d := cz.DateOf(from)
	last := cz.DateOf(to.Add(-time.Second))
	for m := (cz.Date{Year: d.Year, Month: d.Month, Day: 1}); !m.After(last); {
		out = append(out, fmt.Sprintf("EVENTS#%04d-%02d", m.Year, int(m.Month)))
		if m.Month == 12 {
			m = cz.Date{Year: m.Year + 1, Month: 1, Day: 1}
		} else {
			m = cz.Date{Year: m.Year, Month: m.Month + 1, Day: 1}
		}
	}
	return out
}

var (
	ts  = dynamo.Time
	str = dynamo.S
	num = dynamo.N
)

func parseTimes(fields ...struct {
	dst *time.Time
	src string
}) error {
	for _, f := range fields {
		t, err := dynamo.ParseTime(f.src)
		if err != nil {
			return err
		}
		*f.dst = t
	}
	return nil
}

// errEnough stops a QueryEach once enough items were read.
var errEnough = errors.New("enough")

// QueryPage runs in (with its Limit) and returns at most Limit items: the
// first page, without reading on.
func (s *Store) QueryPage(ctx context.Context, in *dynamodb.QueryInput) ([]map[string]types.AttributeValue, error) {
	limit := int(aws.ToInt32(in.Limit))
	var out []map[string]types.AttributeValue
	err := s.QueryEach(ctx, in, func(item map[string]types.AttributeValue) error {
		out = append(out, item)
		if limit > 0 && len(out) >= limit {
			return errEnough
		}
		return nil
	})
	if err != nil && !errors.Is(err, errEnough) {
		return nil, err
	}
	return out, nil
}

func unmarshal(item map[string]types.AttributeValue, v any) error {
	if err := attributevalue.UnmarshalMap(item, v); err != nil {
		return fmt.Errorf("unmarshal: %w", err)
	}
	return nil
}
