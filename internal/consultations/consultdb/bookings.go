package consultdb

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/programme"
)

func bookingKey(id string) dynamo.Key { return dynamo.Key{PK: "BOOKING#" + id, SK: "BOOKING"} }
func claimKey(expertID string, granule time.Time) dynamo.Key {
	return dynamo.Key{PK: expertPK(expertID), SK: "CLAIM#" + ts(granule)}
}
func dayKey(expertID string, d cz.Date) dynamo.Key {
	return dynamo.Key{PK: expertPK(expertID), SK: "DAY#" + d.String()}
}
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
	Lang           string   `dynamodbav:"lang,omitempty"`
	Status         string   `dynamodbav:"status"`
	Sequence       int      `dynamodbav:"sequence"`
	Version        int      `dynamodbav:"version"`
	TokenHash      []byte   `dynamodbav:"tokenHash,omitempty"`
	ReminderFor    string   `dynamodbav:"reminderFor,omitempty"`
	Mail           []string `dynamodbav:"mail,omitempty"`
	Holds          []string `dynamodbav:"holds,omitempty"` // <kind>#<hash>#<n>
	Reschedules    int      `dynamodbav:"reschedules,omitempty"`
	IdemKeys       []string `dynamodbav:"idempotencyKeys,omitempty"`
	CreatedAt      string   `dynamodbav:"createdAt"`
	UpdatedAt      string   `dynamodbav:"updatedAt"`
	CancelledAt    string   `dynamodbav:"cancelledAt,omitempty"`
	OutcomeAt      string   `dynamodbav:"outcomeAt,omitempty"`
	ErasedAt       string   `dynamodbav:"erasedAt,omitempty"`
}

func toBookingItem(b consultations.Booking) bookingItem {
	start := ts(b.Start)
	return bookingItem{
		PK: bookingKey(b.ID).PK, SK: bookingKey(b.ID).SK,
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
		Holds: holdRefs(b.Holds), Reschedules: b.Reschedules, IdemKeys: b.IdempotencyKeys,
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
		Reschedules: it.Reschedules, IdempotencyKeys: it.IdemKeys,
	}
	holds, err := parseHoldRefs(it.Holds)
	if err != nil {
		return b, fmt.Errorf("booking %s: %w", it.ID, err)
	}
	b.Holds = holds
	for _, f := range []struct {
		dst *time.Time
		src string
	}{
		{&b.Start, it.Start}, {&b.End, it.End}, {&b.ClaimEnd, it.ClaimEnd}, {&b.Consent.At, it.ConsentAt},
		{&b.ReminderFor, it.ReminderFor}, {&b.CreatedAt, it.CreatedAt}, {&b.UpdatedAt, it.UpdatedAt},
		{&b.CancelledAt, it.CancelledAt}, {&b.OutcomeAt, it.OutcomeAt}, {&b.ErasedAt, it.ErasedAt},
	} {
		t, err := dynamo.ParseTime(f.src)
		if err != nil {
			return b, fmt.Errorf("booking %s: %w", it.ID, err)
		}
		*f.dst = t
	}
	return b, nil
}

var (
	ts   = dynamo.Time
	str  = dynamo.S
	num  = dynamo.N
	bval = dynamo.Bool
)

// Claims returns an expert's claimed granules in [from, to): one Query on
// the expert's partition, projected to what slot generation needs.
func (s *Store) Claims(ctx context.Context, expertID string, from, to time.Time) ([]consultations.Claim, error) {
	type claimItem struct {
		SK        string
		BookingID string `dynamodbav:"bookingId"`
		Start     string `dynamodbav:"start"`
	}
	items, err := dynamo.Query[claimItem](ctx, s.Store, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND SK BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(expertPK(expertID)), ":from": str(claimKey(expertID, from).SK), ":to": str(claimKey(expertID, to.Add(-time.Second)).SK),
		},
		ProjectionExpression:     aws.String("SK, bookingId, #start"),
		ExpressionAttributeNames: map[string]string{"#start": "start"},
	})
	if err != nil {
		return nil, fmt.Errorf("query claims of %s: %w", expertID, err)
	}
	var out []consultations.Claim
	for _, c := range items {
		g, err := dynamo.ParseTime(c.SK[len("CLAIM#"):])
		if err != nil {
			return nil, err
		}
		start, err := dynamo.ParseTime(c.Start)
		if err != nil {
			return nil, err
		}
		out = append(out, consultations.Claim{ExpertID: expertID, Granule: g, BookingID: c.BookingID, Start: start})
	}
	return out, nil
}

// GetBooking reads one booking.
func (s *Store) GetBooking(ctx context.Context, id string) (consultations.Booking, error) {
	if !dynamo.StorableID(id) {
		return consultations.Booking{}, apperr.New(apperr.NotFound, consultations.ReasonBookingNotFound)
	}
	it, found, err := dynamo.Get[bookingItem](ctx, s.Store, bookingKey(id), dynamo.Consistent)
	if err != nil {
		return consultations.Booking{}, fmt.Errorf("get booking %s: %w", id, err)
	}
	if !found {
		return consultations.Booking{}, apperr.New(apperr.NotFound, consultations.ReasonBookingNotFound)
	}
	return it.booking()
}

// bookingPriority orders the reasons a booking write fails with, most
// telling first.
var bookingPriority = []apperr.Reason{
	idempotency.ReasonRace, consultations.ReasonBookingChanged, consultations.ReasonExpertNotFound,
	consultations.ReasonSlotTaken, consultations.ReasonDayFull, consultations.ReasonHoldTaken,
}

// WriteBooking applies a booking change in one transaction: the booking
// (conditioned on its version), the expert's active flag, every claimed
// granule (attribute_not_exists), every released one (still ours), the
// per-day counter (under the cap), the outbox items and the idempotency
// record.
func (s *Store) WriteBooking(ctx context.Context, w consultations.BookingWrite) error {
	b := w.Booking
	put, err := s.PutIfVersion(toBookingItem(b), w.PrevVersion, consultations.ReasonBookingChanged)
	if err != nil {
		return fmt.Errorf("booking %s: %w", b.ID, err)
	}
	items := []dynamo.TxItem{put}

	if w.ExpertMustBeActive {
		items = append(items, s.Check(expertKey(b.ExpertID), dynamo.Equals("active", bval(true)), consultations.ReasonExpertNotFound).WithCode(apperr.NotFound))
	}
	for _, g := range w.Claim {
		k := claimKey(b.ExpertID, g)
		item := k.AV()
		item[dynamo.AttrType] = str("claim")
		item["bookingId"] = str(b.ID)
		item["start"] = str(ts(b.Start))
		claim, err := s.PutIfAbsent(item, consultations.ReasonSlotTaken)
		if err != nil {
			return err
		}
		items = append(items, claim)
	}
	for _, g := range w.Release {
		items = append(items, s.DeleteIfOwned(claimKey(b.ExpertID, g), "bookingId", b.ID, consultations.ReasonBookingChanged))
	}
	for _, h := range w.Hold {
		it, err := s.holdPut(h, b.ID, b.End, b.UpdatedAt)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	unhold, err := s.ownedHolds(ctx, b.ID, w.Unhold)
	if err != nil {
		return err
	}
	for _, h := range unhold {
		items = append(items, s.DeleteIfOwned(holdKey(h), "bookingId", b.ID, consultations.ReasonBookingChanged))
	}
	if d := w.CountDay; d != nil {
		items = append(items, s.Add(dayCounter(b.ExpertID, d.Date), 1, int64(d.Max), consultations.ReasonDayFull))
	}
	if d := w.UncountDay; d != nil {
		items = append(items, s.Add(dayCounter(b.ExpertID, *d), -1, 0, ""))
	}
	for _, m := range w.Mail {
		// Outbox ids are derived from what they announce: one already
		// queued means this change was already made.
		it, err := s.OutboxPut(m, consultations.ReasonBookingChanged)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	if w.Idempotency != nil {
		it, err := s.IdempotencyPut(*w.Idempotency)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	for _, hash := range w.DeleteIdempotency {
		items = append(items, s.Delete(dynamo.IdempotencyKey(hash)))
	}
	// Erasure may have more outbox copies to delete than fit in one
	// transaction. Those that do not fit are deleted first, one by one: if
	// that fails, the booking (with its list of copies) is still as it was
	// and the erasure can simply run again; deleting a copy twice is harmless.
	inTx := w.DeleteMail
	if room := max(dynamo.MaxTxItems-len(items), 0); len(inTx) > room {
		for _, id := range inTx[room:] {
			if err := s.DeleteNow(ctx, dynamo.OutboxKey(id)); err != nil {
				return fmt.Errorf("delete outbox item %s of booking %s: %w", id, b.ID, err)
			}
		}
		inTx = inTx[:room]
	}
	for _, id := range inTx {
		items = append(items, s.Delete(dynamo.OutboxKey(id)))
	}
	return s.Transact(ctx, "write booking "+b.ID, items, bookingPriority...)
}

// dayCounter counts an expert's consultations on a Prague day.
func dayCounter(expertID string, d cz.Date) dynamo.Counter {
	return dynamo.Counter{Key: dayKey(expertID, d), Attr: "n", Type: "day"}
}

// ListBookingsByExpert lists an expert's bookings starting in [from, to),
// with one Query on GSI1.
func (s *Store) ListBookingsByExpert(ctx context.Context, expertID string, from, to time.Time) ([]consultations.Booking, error) {
	return s.listBookings(ctx, dynamo.IndexGSI1, "GSI1PK", "GSI1SK", expertBookingsPK(expertID), from, to)
}

// ListBookingsByTime lists all bookings starting in [from, to): one Query
// per Prague month the range touches, on the time-bucketed GSI2.
func (s *Store) ListBookingsByTime(ctx context.Context, from, to time.Time) ([]consultations.Booking, error) {
	var out []consultations.Booking
	for _, bucket := range monthBuckets("BOOKING", from, to) {
		list, err := s.listBookings(ctx, dynamo.IndexGSI2, "GSI2PK", "GSI2SK", bucket, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

func (s *Store) listBookings(ctx context.Context, index, pkAttr, skAttr, pk string, from, to time.Time) ([]consultations.Booking, error) {
	items, err := dynamo.Query[bookingItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:              aws.String(index),
		KeyConditionExpression: aws.String(pkAttr + " = :pk AND " + skAttr + " BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(pk), ":from": str(ts(from)), ":to": str(ts(to.Add(-time.Second)) + "#~"),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("list bookings in %s: %w", pk, err)
	}
	var out []consultations.Booking
	for _, it := range items {
		b, err := it.booking()
		if err != nil {
			return nil, err
		}
		out = append(out, b)
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
