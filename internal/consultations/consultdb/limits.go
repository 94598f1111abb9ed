package consultdb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/dynamo"
)

// Limit holds: an identity (the HMAC of an e-mail, phone or IČO) has items
// HOLD#01 … HOLD#<limit> in its partition LIMIT#<kind>#<hash>; a booking
// to come occupies one of them until its end (see consultations.Hold).

// KeyLimitPrefix starts the partition key of an identity's holds.
const KeyLimitPrefix = "LIMIT#"

func limitPK(id consultations.Identity) string {
	return KeyLimitPrefix + string(id.Kind) + "#" + id.Hash
}

func holdKey(h consultations.Hold) dynamo.Key {
	return dynamo.Key{PK: limitPK(h.Identity), SK: fmt.Sprintf("HOLD#%02d", h.N)}
}

type holdItem struct {
	PK, SK    string
	Type      string `dynamodbav:"type"`
	BookingID string `dynamodbav:"bookingId"`
	Until     int64  `dynamodbav:"until"` // the booking's end, Unix seconds
}

// holdPut occupies a hold for booking until its end: the hold must be free
// (absent, or its booking ended before now) or already the booking's own
// (a reschedule moves its end).
func (s *Store) holdPut(h consultations.Hold, bookingID string, until, now time.Time) (dynamo.TxItem, error) {
	k := holdKey(h)
	return s.PutIf(holdItem{PK: k.PK, SK: k.SK, Type: "hold", BookingID: bookingID, Until: until.Unix()}, dynamo.Condition{
		Expr:   "attribute_not_exists(PK) OR #until < :now OR #booking = :self",
		Names:  map[string]string{"#until": "until", "#booking": "bookingId"},
		Values: map[string]types.AttributeValue{":now": num(now.Unix()), ":self": str(bookingID)},
	}, consultations.ReasonHoldTaken)
}

// Holds reads an identity's holds with one Query on its partition.
func (s *Store) Holds(ctx context.Context, id consultations.Identity) ([]consultations.HoldState, error) {
	items, err := dynamo.Query[holdItem](ctx, s.Store, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(limitPK(id))},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("query holds: %w", err)
	}
	out := make([]consultations.HoldState, 0, len(items))
	for _, it := range items {
		n, err := strconv.Atoi(strings.TrimPrefix(it.SK, "HOLD#"))
		if err != nil {
			return nil, fmt.Errorf("hold %s: %w", it.SK, err)
		}
		out = append(out, consultations.HoldState{N: n, BookingID: it.BookingID, Until: time.Unix(it.Until, 0).UTC()})
	}
	return out, nil
}

// holdRefs are the booking item's references to its holds.
func holdRefs(holds []consultations.Hold) []string {
	var out []string
	for _, h := range holds {
		out = append(out, string(h.Identity.Kind)+"#"+h.Identity.Hash+"#"+strconv.Itoa(h.N))
	}
	return out
}

func parseHoldRefs(refs []string) ([]consultations.Hold, error) {
	var out []consultations.Hold
	for _, r := range refs {
		parts := strings.Split(r, "#")
		if len(parts) != 3 {
			return nil, fmt.Errorf("malformed hold reference %q", r)
		}
		n, err := strconv.Atoi(parts[2])
		if err != nil {
			return nil, fmt.Errorf("malformed hold reference %q", r)
		}
		out = append(out, consultations.Hold{Identity: consultations.Identity{Kind: consultations.IdentityKind(parts[0]), Hash: parts[1]}, N: n})
	}
	return out, nil
}

// ownedHolds keeps the holds still occupied by booking id. A hold of a
// booking that has ended is free, and another booking may have taken it
// since: that one is left alone (an erasure of a past booking). The read
// only chooses; the delete's condition (still ours) decides.
func (s *Store) ownedHolds(ctx context.Context, id string, holds []consultations.Hold) ([]consultations.Hold, error) {
	var out []consultations.Hold
	for _, h := range holds {
		it, found, err := dynamo.Get[holdItem](ctx, s.Store, holdKey(h), dynamo.Consistent)
		if err != nil {
			return nil, fmt.Errorf("get hold: %w", err)
		}
		if found && it.BookingID == id {
			out = append(out, h)
		}
	}
	return out, nil
}
