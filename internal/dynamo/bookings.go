package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/programme"
)

const bookingSK = "BOOKING"

func bookingPK(id string) string              { return "BOOKING#" + id }
func claimSK(granule time.Time) string        { return "CLAIM#" + ts(granule) }
func daySK(d cz.Date) string                  { return "DAY#" + d.String() }
func expertBookingsPK(expertID string) string { return "EXPERT#" + expertID + "#BOOKINGS" }
func monthBucket(kind string, t time.Time) string {
	d := cz.DateOf(t)
	return fmt.Sprintf("%s#%04d-%02d", kind, d.Year, int(d.Month))
}

type bookingItem struct {
	PK, SK         string
	GSI1PK, GSI1SK string
	GSI2PK, GSI2SK string
	Type           string   `dynamodbav:"type"`
	ID             string   `dynamodbav:"id"`
	ExpertID       string   `dynamodbav:"expertId"`
	Start          string   `dynamodbav:"start"`
	End            string   `dynamodbav:"end"`
	ClaimEnd       string   `dynamodbav:"claimEnd"`
	Form           string   `dynamodbav:"form"`
	Topic          string   `dynamodbav:"topic"`
	TargetGroup    string   `dynamodbav:"targetGroup"`
	Region         string   `dynamodbav:"region"`
	OrgName        string   `dynamodbav:"organisationName,omitempty"`
	OrgICO         string   `dynamodbav:"organisationIco,omitempty"`
	ContactName    string   `dynamodbav:"contactName,omitempty"`
	ContactEmail   string   `dynamodbav:"contactEmail,omitempty"`
	ContactPhone   string   `dynamodbav:"contactPhone,omitempty"`
	Address        string   `dynamodbav:"address,omitempty"`
	Note           string   `dynamodbav:"note,omitempty"`
	ConsentVersion string   `dynamodbav:"consentNoticeVersion"`
	ConsentAt      string   `dynamodbav:"consentAt"`
	Lang           string   `dynamodbav:"lang"`
	Status         string   `dynamodbav:"status"`
	Sequence       int      `dynamodbav:"sequence"`
	Version        int      `dynamodbav:"version"`
	TokenHash      []byte   `dynamodbav:"tokenHash,omitempty"`
	ReminderFor    string   `dynamodbav:"reminderFor,omitempty"`
	Mail           []string `dynamodbav:"mail,omitempty"`
	CreatedAt      string   `dynamodbav:"createdAt"`
	UpdatedAt      string   `dynamodbav:"updatedAt"`
	CancelledAt    string   `dynamodbav:"cancelledAt,omitempty"`
	OutcomeAt      string   `dynamodbav:"outcomeAt,omitempty"`
	ErasedAt       string   `dynamodbav:"erasedAt,omitempty"`
}

func toBookingItem(b consultations.Booking) bookingItem {
	start := ts(b.Start)
	return bookingItem{
		PK: bookingPK(b.ID), SK: bookingSK,
		GSI1PK: expertBookingsPK(b.ExpertID), GSI1SK: start + "#" + b.ID,
		GSI2PK: monthBucket("BOOKING", b.Start), GSI2SK: start + "#" + b.ID,
		Type: "booking", ID: b.ID, ExpertID: b.ExpertID,
		Start: start, End: ts(b.End), ClaimEnd: ts(b.ClaimEnd),
		Form: string(b.Form), Topic: string(b.Topic), TargetGroup: string(b.TargetGroup), Region: b.Region,
		OrgName: b.Organisation.Name, OrgICO: b.Organisation.ICO,
		ContactName: b.Contact.Name, ContactEmail: b.Contact.Email, ContactPhone: b.Contact.Phone,
		Address: b.Address, Note: b.Note,
		ConsentVersion: b.Consent.NoticeVersion, ConsentAt: ts(b.Consent.At),
		Lang: string(b.Lang), Status: string(b.Status), Sequence: b.Sequence, Version: b.Version,
		TokenHash: b.TokenHash, ReminderFor: ts(b.ReminderFor), Mail: b.Mail,
		CreatedAt: ts(b.CreatedAt), UpdatedAt: ts(b.UpdatedAt),
		CancelledAt: ts(b.CancelledAt), OutcomeAt: ts(b.OutcomeAt), ErasedAt: ts(b.ErasedAt),
	}
}

func (it bookingItem) booking() (consultations.Booking, error) {
	b := consultations.Booking{
		ID: it.ID, ExpertID: it.ExpertID,
		Form: programme.Form(it.Form), Topic: programme.Topic(it.Topic),
		TargetGroup: programme.TargetGroup(it.TargetGroup), Region: it.Region,
		Organisation: consultations.Organisation{Name: it.OrgName, ICO: it.OrgICO},
		Contact:      consultations.Contact{Name: it.ContactName, Email: it.ContactEmail, Phone: it.ContactPhone},
		Address:      it.Address, Note: it.Note,
		Consent: consultations.Consent{NoticeVersion: it.ConsentVersion},
		Lang:    i18n.Lang(it.Lang), Status: consultations.Status(it.Status),
		Sequence: it.Sequence, Version: it.Version, TokenHash: it.TokenHash, Mail: it.Mail,
	}
	for _, f := range []struct {
		dst *time.Time
		src string
	}{
		{&b.Start, it.Start}, {&b.End, it.End}, {&b.ClaimEnd, it.ClaimEnd}, {&b.Consent.At, it.ConsentAt},
		{&b.ReminderFor, it.ReminderFor}, {&b.CreatedAt, it.CreatedAt}, {&b.UpdatedAt, it.UpdatedAt},
		{&b.CancelledAt, it.CancelledAt}, {&b.OutcomeAt, it.OutcomeAt}, {&b.ErasedAt, it.ErasedAt},
	} {
		t, err := parseTS(f.src)
		if err != nil {
			return b, fmt.Errorf("booking %s: %w", it.ID, err)
		}
		*f.dst = t
	}
	return b, nil
}

// Claims returns an expert's claimed granules in [from, to): one Query on
// the expert's partition, projected to what slot generation needs.
func (s *Store) Claims(ctx context.Context, expertID string, from, to time.Time) ([]consultations.Claim, error) {
	var out []consultations.Claim
	err := s.query(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(expertPK(expertID)), ":from": str(claimSK(from)), ":to": str(claimSK(to.Add(-time.Second))),
		},
		ProjectionExpression:     aws.String("SK, bookingId, #start"),
		ExpressionAttributeNames: map[string]string{"#start": "start"},
	}, func(item map[string]types.AttributeValue) error {
		var c struct {
			SK        string
			BookingID string `dynamodbav:"bookingId"`
			Start     string `dynamodbav:"start"`
		}
		if err := attributevalue.UnmarshalMap(item, &c); err != nil {
			return fmt.Errorf("unmarshal claim: %w", err)
		}
		g, err := parseTS(c.SK[len("CLAIM#"):])
		if err != nil {
			return err
		}
		start, err := parseTS(c.Start)
		if err != nil {
			return err
		}
		out = append(out, consultations.Claim{ExpertID: expertID, Granule: g, BookingID: c.BookingID, Start: start})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("query claims of %s: %w", expertID, err)
	}
	return out, nil
}

// GetBooking reads one booking.
func (s *Store) GetBooking(ctx context.Context, id string) (consultations.Booking, error) {
	if !storableID(id) {
		return consultations.Booking{}, apperr.New(apperr.NotFound, "booking_not_found")
	}
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(bookingPK(id), bookingSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return consultations.Booking{}, fmt.Errorf("get booking %s: %w", id, err)
	}
	if len(out.Item) == 0 {
		return consultations.Booking{}, apperr.New(apperr.NotFound, "booking_not_found")
	}
	return unmarshalBooking(out.Item)
}

func unmarshalBooking(item map[string]types.AttributeValue) (consultations.Booking, error) {
	var it bookingItem
	if err := attributevalue.UnmarshalMap(item, &it); err != nil {
		return consultations.Booking{}, fmt.Errorf("unmarshal booking: %w", err)
	}
	return it.booking()
}

// Conflict reasons of a booking write, most telling first.
var bookingPriority = []string{"idempotency_race", "booking_changed", "expert_not_found", "slot_taken", "day_full"}

// maxTxItems is DynamoDB's limit of items in one transaction.
const maxTxItems = 100

// WriteBooking applies a booking change in one transaction: the booking
// (conditioned on its version), the expert's active flag, every claimed
// granule (attribute_not_exists), every released one (still ours), the
// per-day counter (under the cap), the outbox items and the idempotency
// record.
func (s *Store) WriteBooking(ctx context.Context, w consultations.BookingWrite) error {
	b := w.Booking
	av, err := attributevalue.MarshalMap(toBookingItem(b))
	if err != nil {
		return fmt.Errorf("marshal booking %s: %w", b.ID, err)
	}
	put := &types.Put{TableName: aws.String(s.table), Item: av}
	if w.PrevVersion == 0 {
		put.ConditionExpression = aws.String("attribute_not_exists(PK)")
	} else {
		put.ConditionExpression = aws.String("#version = :prev")
		put.ExpressionAttributeNames = map[string]string{"#version": "version"}
		put.ExpressionAttributeValues = map[string]types.AttributeValue{":prev": num(int64(w.PrevVersion))}
	}
	items := []txItem{{reason: "booking_changed", item: types.TransactWriteItem{Put: put}}}

	if w.ExpertMustBeActive {
		items = append(items, txItem{reason: "expert_not_found", code: apperr.NotFound, item: types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
			TableName: aws.String(s.table), Key: key(expertPK(b.ExpertID), profileSK),
			ConditionExpression:       aws.String("#active = :true"),
			ExpressionAttributeNames:  map[string]string{"#active": "active"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":true": &types.AttributeValueMemberBOOL{Value: true}},
		}}})
	}
	for _, g := range w.Claim {
		item := key(expertPK(b.ExpertID), claimSK(g))
		item["type"] = str("claim")
		item["bookingId"] = str(b.ID)
		item["start"] = str(ts(b.Start))
		items = append(items, txItem{reason: "slot_taken", item: types.TransactWriteItem{Put: &types.Put{
			TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)"),
		}}})
	}
	for _, g := range w.Release {
		items = append(items, txItem{reason: "booking_changed", item: types.TransactWriteItem{Delete: &types.Delete{
			TableName: aws.String(s.table), Key: key(expertPK(b.ExpertID), claimSK(g)),
			ConditionExpression:       aws.String("bookingId = :id"),
			ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(b.ID)},
		}}})
	}
	if d := w.CountDay; d != nil {
		u := &types.Update{
			TableName: aws.String(s.table), Key: key(expertPK(b.ExpertID), daySK(d.Date)),
			UpdateExpression:          aws.String("ADD #n :one SET #type = :type"),
			ExpressionAttributeNames:  map[string]string{"#type": "type", "#n": "n"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":one": num(1), ":type": str("day")},
		}
		if d.Max > 0 {
			u.ConditionExpression = aws.String("attribute_not_exists(#n) OR #n < :max")
			u.ExpressionAttributeValues[":max"] = num(int64(d.Max))
		}
		items = append(items, txItem{reason: "day_full", item: types.TransactWriteItem{Update: u}})
	}
	if d := w.UncountDay; d != nil {
		items = append(items, txItem{item: types.TransactWriteItem{Update: &types.Update{
			TableName: aws.String(s.table), Key: key(expertPK(b.ExpertID), daySK(*d)),
			UpdateExpression:          aws.String("ADD #n :minus"),
			ExpressionAttributeNames:  map[string]string{"#n": "n"},
			ExpressionAttributeValues: map[string]types.AttributeValue{":minus": num(-1)},
		}}})
	}
	for _, m := range w.Mail {
		it, err := s.outboxPut(m)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	if w.Idempotency != nil {
		it, err := s.idempotencyPut(*w.Idempotency)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	// Erasure may have more outbox copies to delete than fit in one
	// transaction. Those that do not fit are deleted first, one by one: if
	// that fails, the booking (with its list of copies) is still as it was
	// and the erasure can simply run again; deleting a copy twice is harmless.
	inTx := w.DeleteMail
	if room := max(maxTxItems-len(items), 0); len(inTx) > room {
		for _, id := range inTx[room:] {
			if _, err := s.api.DeleteItem(ctx, &dynamodb.DeleteItemInput{TableName: aws.String(s.table), Key: key(outboxPK(id), outboxSK)}); err != nil {
				return fmt.Errorf("delete outbox item %s of booking %s: %w", id, b.ID, err)
			}
		}
		inTx = inTx[:room]
	}
	for _, id := range inTx {
		items = append(items, txItem{item: types.TransactWriteItem{Delete: &types.Delete{
			TableName: aws.String(s.table), Key: key(outboxPK(id), outboxSK),
		}}})
	}
	if err := s.transact(ctx, "write booking "+b.ID, items, bookingPriority); err != nil {
		return err
	}
	return nil
}

// ListBookingsByExpert lists an expert's bookings starting in [from, to),
// with one Query on GSI1.
func (s *Store) ListBookingsByExpert(ctx context.Context, expertID string, from, to time.Time) ([]consultations.Booking, error) {
	return s.listBookings(ctx, IndexGSI1, "GSI1PK", "GSI1SK", expertBookingsPK(expertID), from, to)
}

// ListBookingsByTime lists all bookings starting in [from, to): one Query
// per Prague month the range touches, on the time-bucketed GSI2.
func (s *Store) ListBookingsByTime(ctx context.Context, from, to time.Time) ([]consultations.Booking, error) {
	var out []consultations.Booking
	for _, bucket := range monthBuckets("BOOKING", from, to) {
		list, err := s.listBookings(ctx, IndexGSI2, "GSI2PK", "GSI2SK", bucket, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

func (s *Store) listBookings(ctx context.Context, index, pkAttr, skAttr, pk string, from, to time.Time) ([]consultations.Booking, error) {
	var out []consultations.Booking
	err := s.query(ctx, &dynamodb.QueryInput{
		IndexName:              aws.String(index),
		KeyConditionExpression: aws.String(pkAttr + " = :pk AND " + skAttr + " BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(pk), ":from": str(ts(from)), ":to": str(ts(to.Add(-time.Second)) + "#~"),
		},
	}, func(item map[string]types.AttributeValue) error {
		b, err := unmarshalBooking(item)
		if err != nil {
			return err
		}
		out = append(out, b)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list bookings in %s: %w", pk, err)
	}
	return out, nil
}

// monthBuckets lists the Prague-month buckets [from, to) touches.
func monthBuckets(kind string, from, to time.Time) []string {
	var out []string
	d := cz.DateOf(from)
	last := cz.DateOf(to.Add(-time.Second))
	for m := (cz.Date{Year: d.Year, Month: d.Month, Day: 1}); !m.After(last); {
		out = append(out, fmt.Sprintf("%s#%04d-%02d", kind, m.Year, int(m.Month)))
		if m.Month == 12 {
			m = cz.Date{Year: m.Year + 1, Month: 1, Day: 1}
		} else {
			m = cz.Date{Year: m.Year, Month: m.Month + 1, Day: 1}
		}
	}
	return out
}

// ---- idempotency records ----

func idempotencyPK(hash string) string { return "IDEMPOTENCY#" + hash }

type idempotencyItem struct {
	PK, SK      string
	Type        string `dynamodbav:"type"`
	RequestHash string `dynamodbav:"requestHash"`
	Status      int    `dynamodbav:"status"`
	ResourceID  string `dynamodbav:"resourceId"`
	Sealed      []byte `dynamodbav:"sealed,omitempty"`
	CreatedAt   string `dynamodbav:"createdAt"`
	ExpiresAt   int64  `dynamodbav:"expiresAt"`
}

func (s *Store) idempotencyPut(r idempotency.Record) (txItem, error) {
	av, err := attributevalue.MarshalMap(idempotencyItem{
		PK: idempotencyPK(r.KeyHash), SK: "IDEMPOTENCY", Type: "idempotency",
		RequestHash: r.RequestHash, Status: r.Status, ResourceID: r.ResourceID, Sealed: r.Sealed,
		CreatedAt: ts(r.CreatedAt), ExpiresAt: r.ExpiresAt.Unix(),
	})
	if err != nil {
		return txItem{}, fmt.Errorf("marshal idempotency record: %w", err)
	}
	// An expired record that TTL has not deleted yet may be reused.
	return txItem{reason: "idempotency_race", item: types.TransactWriteItem{Put: &types.Put{
		TableName: aws.String(s.table), Item: av,
		ConditionExpression:       aws.String("attribute_not_exists(PK) OR #exp < :now"),
		ExpressionAttributeNames:  map[string]string{"#exp": AttrTTL},
		ExpressionAttributeValues: map[string]types.AttributeValue{":now": num(r.CreatedAt.Unix())},
	}}}, nil
}

// GetIdempotency reads the record of an idempotency key.
func (s *Store) GetIdempotency(ctx context.Context, keyHash string) (idempotency.Record, error) {
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(idempotencyPK(keyHash), "IDEMPOTENCY"), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return idempotency.Record{}, fmt.Errorf("get idempotency record: %w", err)
	}
	if len(out.Item) == 0 {
		return idempotency.Record{}, apperr.New(apperr.NotFound, "not_found")
	}
	var it idempotencyItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return idempotency.Record{}, fmt.Errorf("unmarshal idempotency record: %w", err)
	}
	created, err := parseTS(it.CreatedAt)
	if err != nil {
		return idempotency.Record{}, err
	}
	return idempotency.Record{
		KeyHash: keyHash, RequestHash: it.RequestHash, Status: it.Status, ResourceID: it.ResourceID,
		Sealed: it.Sealed, CreatedAt: created, ExpiresAt: time.Unix(it.ExpiresAt, 0).UTC(),
	}, nil
}
