package workshopdb

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/workshops"
)

// The privacy side of the workshops' storage: the ESF+ items, the
// per-person limit holds and the erasure of a registration.
//
//	ESF#<opaque key> / ESF          the ESF+ answers (GSI2 ESF#<event month>)
//	WLIMIT#<EmailHash> / HOLD#nn    a limit hold (workshops.Hold)
//
// An ESF+ item holds the event id, the three answers, the Prague day of
// the consent, the notice version, the event month and whether the person
// attended: never a name, an e-mail or the registration's id. Only the
// registration's EsfKey points at it, and erasure removes that.

var (
	_ workshops.EsfStore     = (*Store)(nil)
	_ workshops.ErasureStore = (*Store)(nil)
)

// Key prefixes of the items here (registry KeyPrefixes).
const (
	KeyEsfPrefix   = "ESF#"
	KeyLimitPrefix = "WLIMIT#"
)

const esfSK = "ESF"

// EsfKey is the primary key of an ESF+ item.
func EsfKey(key string) dynamo.Key { return dynamo.Key{PK: KeyEsfPrefix + key, SK: esfSK} }

type esfItem struct {
	PK, SK        string
	Type          string `dynamodbav:"type"`
	GSI2PK        string // ESF#<event month>
	GSI2SK        string // <event id>#<key>
	EventID       string `dynamodbav:"eventId"`
	Month         string `dynamodbav:"month"`
	Gender        string `dynamodbav:"gender,omitempty"`
	AgeBand       string `dynamodbav:"ageBand,omitempty"`
	Disability    string `dynamodbav:"disability,omitempty"`
	ConsentDay    string `dynamodbav:"consentDay"` // Prague date, 2026-11-27
	NoticeVersion string `dynamodbav:"noticeVersion"`
	Attended      bool   `dynamodbav:"attended"`
	Version       int    `dynamodbav:"version"`
}

func toEsfItem(r workshops.EsfRecord) esfItem {
	k := EsfKey(r.Key)
	return esfItem{
		PK: k.PK, SK: k.SK, Type: "esf", GSI2PK: KeyEsfPrefix + r.Month, GSI2SK: r.EventID + "#" + r.Key,
		EventID: r.EventID, Month: r.Month,
		Gender: r.Answers.Gender, AgeBand: r.Answers.AgeBand, Disability: r.Answers.Disability,
		ConsentDay: consentDay(r.Answers.ConsentAt), NoticeVersion: r.NoticeVersion,
		Attended: r.Attended, Version: r.Version,
	}
}

func (it esfItem) record() (workshops.EsfRecord, error) {
	day, err := time.ParseInLocation(time.DateOnly, it.ConsentDay, cz.Prague)
	if err != nil {
		return workshops.EsfRecord{}, fmt.Errorf("esf item %s: consent day: %w", it.PK, err)
	}
	return workshops.EsfRecord{
		Key: strings.TrimPrefix(it.PK, KeyEsfPrefix), EventID: it.EventID, Month: it.Month,
		Answers:  workshops.Esf{Gender: it.Gender, AgeBand: it.AgeBand, Disability: it.Disability, ConsentAt: day.UTC()},
		Attended: it.Attended, NoticeVersion: it.NoticeVersion, Version: it.Version,
	}, nil
}

// WriteEsf applies a submission in one transaction. A new one puts the
// item (absent before) and sets the key on the registration (whose version
// must not have changed); a repeated one replaces the answers of the item,
// checking the registration still points at it.
func (s *Store) WriteEsf(ctx context.Context, w workshops.EsfWrite) error {
	reg, rec := w.Registration, w.Record
	var items []dynamo.TxItem
	if w.New {
		rec.Version = 1
		put, err := s.PutIfAbsent(toEsfItem(rec), workshops.ReasonRegistrationChanged)
		if err != nil {
			return err
		}
		linked := reg
		linked.EsfKey = rec.Key
		linked.Version++
		link, err := s.PutIfVersion(toRegItem(linked), reg.Version, workshops.ReasonRegistrationChanged)
		if err != nil {
			return err
		}
		items = append(items, put, link)
	} else {
		// New answers for the item; its other facts (attended) are
		// check-in's, so only the answers and the consent are written.
		cur, err := s.GetEsf(ctx, rec.Key)
		if err != nil {
			return err
		}
		upd, err := s.UpdateIfVersion(EsfKey(rec.Key), cur.Version, map[string]any{
			"gender": rec.Answers.Gender, "ageBand": rec.Answers.AgeBand, "disability": rec.Answers.Disability,
			"consentDay": consentDay(rec.Answers.ConsentAt), "noticeVersion": rec.NoticeVersion,
		}, workshops.ReasonRegistrationChanged)
		if err != nil {
			return err
		}
		// The registration must still be the one read (no erasure
		// meanwhile removed the key).
		still := s.Check(regKey(reg.ID), dynamo.Equals(dynamo.AttrVersion, dynamo.N(int64(reg.Version))), workshops.ReasonRegistrationChanged)
		items = append(items, upd, still)
	}
	return s.Transact(ctx, "write esf", items)
}

func consentDay(t time.Time) string { return t.In(cz.Prague).Format(time.DateOnly) }

// WithdrawEsf deletes r's ESF+ item and removes its key from r (guarded by
// r's version), in one transaction: the consent to the answers withdrawn.
func (s *Store) WithdrawEsf(ctx context.Context, r workshops.Registration) error {
	if r.EsfKey == "" {
		return nil
	}
	next := r
	next.EsfKey = ""
	next.Version++
	put, err := s.PutIfVersion(toRegItem(next), r.Version, workshops.ReasonRegistrationChanged)
	if err != nil {
		return err
	}
	return s.Transact(ctx, "withdraw esf", []dynamo.TxItem{put, s.Delete(EsfKey(r.EsfKey))})
}

// GetEsf reads an ESF+ item (NotFound when absent).
func (s *Store) GetEsf(ctx context.Context, key string) (workshops.EsfRecord, error) {
	if !dynamo.StorableID(key) {
		return workshops.EsfRecord{}, apperr.New(apperr.NotFound, "esf_not_found")
	}
	it, found, err := dynamo.Get[esfItem](ctx, s.Store, EsfKey(key), dynamo.Consistent)
	if err != nil {
		return workshops.EsfRecord{}, fmt.Errorf("get esf: %w", err)
	}
	if !found {
		return workshops.EsfRecord{}, apperr.New(apperr.NotFound, "esf_not_found")
	}
	return it.record()
}

// AttendEsf is the transaction item check-in adds for a registration with
// an EsfKey: the ESF+ item records whether the person attended (true on
// check-in, false if it is undone). The item is read for its version, and
// the write is conditional on it: a concurrent change of the answers makes
// the check-in's transaction fail with workshops.ReasonRegistrationChanged, and the
// check-in tries again.
func (s *Store) AttendEsf(ctx context.Context, key string, attended bool) (dynamo.TxItem, error) {
	cur, err := s.GetEsf(ctx, key)
	if err != nil {
		return dynamo.TxItem{}, err
	}
	return s.UpdateIfVersion(EsfKey(key), cur.Version, map[string]any{"attended": attended}, workshops.ReasonRegistrationChanged)
}

// EsfAttendance is what a registration write adds for its ESF+ answers:
// when r is attended (a check-in) and has an EsfKey, the item records that
// the person attended, in the same transaction (the item read for its
// version; nothing when it already says so). WriteRegistrations calls it
// for every registration it writes.
func (s *Store) EsfAttendance(ctx context.Context, r workshops.Registration) ([]dynamo.TxItem, error) {
	if r.EsfKey == "" || r.Status != workshops.RegAttended {
		return nil, nil
	}
	cur, err := s.GetEsf(ctx, r.EsfKey)
	if err != nil {
		return nil, err
	}
	if cur.Attended {
		return nil, nil
	}
	it, err := s.UpdateIfVersion(EsfKey(r.EsfKey), cur.Version, map[string]any{"attended": true}, workshops.ReasonRegistrationChanged)
	if err != nil {
		return nil, err
	}
	return []dynamo.TxItem{it}, nil
}

// EsfByMonth reads the ESF+ items of the events starting in month
// ("2026-12"), with one Query on GSI2 (paged beyond 1 MB).
func (s *Store) EsfByMonth(ctx context.Context, month string) ([]workshops.EsfRecord, error) {
	items, err := dynamo.Query[esfItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI2),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(KeyEsfPrefix + month)},
	})
	if err != nil {
		return nil, fmt.Errorf("query esf of %s: %w", month, err)
	}
	out := make([]workshops.EsfRecord, 0, len(items))
	for _, it := range items {
		r, err := it.record()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// CountEsf is the ESF+ statistics of one event month for the monthly
// report (issue #11): counts only.
func (s *Store) CountEsf(ctx context.Context, month string) (workshops.EsfMonth, error) {
	recs, err := s.EsfByMonth(ctx, month)
	if err != nil {
		return workshops.EsfMonth{}, err
	}
	return workshops.CountEsf(month, recs), nil
}

// ---- Limit holds ----

func limitPK(identity string) string { return KeyLimitPrefix + identity }

// HoldKey is the primary key of a hold.
func HoldKey(h workshops.Hold) dynamo.Key {
	return dynamo.Key{PK: limitPK(h.Identity), SK: fmt.Sprintf("HOLD#%02d", h.N)}
}

type holdItem struct {
	PK, SK         string
	Type           string `dynamodbav:"type"`
	RegistrationID string `dynamodbav:"registrationId"`
	Until          int64  `dynamodbav:"until"` // the event's end, Unix seconds
	ExpiresAt      int64  `dynamodbav:"expiresAt"`
}

// HoldPut is the item of the registration transaction occupying hold h for
// registration id until the event's end: the hold must be free (absent,
// or its registration's event ended before now) or already id's. Its
// failed condition is Conflict workshops.ReasonLimitHoldTaken.
func (s *Store) HoldPut(h workshops.Hold, id string, until, now time.Time) (dynamo.TxItem, error) {
	k := HoldKey(h)
	return s.PutIf(holdItem{PK: k.PK, SK: k.SK, Type: "workshop-hold", RegistrationID: id, Until: until.Unix(),
		// DynamoDB's TTL removes a hold well after it stopped counting.
		ExpiresAt: until.Add(7 * 24 * time.Hour).Unix()}, dynamo.Condition{
		Expr:   "attribute_not_exists(PK) OR #until < :now OR #reg = :self",
		Names:  map[string]string{"#until": "until", "#reg": "registrationId"},
		Values: map[string]types.AttributeValue{":now": dynamo.N(now.Unix()), ":self": dynamo.S(id)},
	}, workshops.ReasonLimitHoldTaken)
}

// HoldRelease gives hold h back if registration id still occupies it (a
// cancel, an erasure); the failed condition is ReasonLimitHoldTaken.
func (s *Store) HoldRelease(h workshops.Hold, id string) dynamo.TxItem {
	return s.DeleteIfOwned(HoldKey(h), "registrationId", id, workshops.ReasonLimitHoldTaken)
}

// Holds reads an identity's holds with one Query on its partition.
func (s *Store) Holds(ctx context.Context, identity string) ([]workshops.HoldState, error) {
	items, err := dynamo.Query[holdItem](ctx, s.Store, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(limitPK(identity))},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("query holds: %w", err)
	}
	out := make([]workshops.HoldState, 0, len(items))
	for _, it := range items {
		n, err := strconv.Atoi(strings.TrimPrefix(it.SK, "HOLD#"))
		if err != nil {
			return nil, fmt.Errorf("hold %s: %w", it.SK, err)
		}
		out = append(out, workshops.HoldState{N: n, RegistrationID: it.RegistrationID, Until: time.Unix(it.Until, 0).UTC()})
	}
	return out, nil
}

// ReleaseHoldOf is the release of the hold registration r occupies, if it
// still occupies one (read first; the delete's condition decides): none,
// or one item for the cancel's or erasure's transaction.
func (s *Store) ReleaseHoldOf(ctx context.Context, r workshops.Registration) ([]dynamo.TxItem, error) {
	if r.EmailHash == "" {
		return nil, nil
	}
	states, err := s.Holds(ctx, r.EmailHash)
	if err != nil {
		return nil, err
	}
	if h, ok := workshops.HoldOf(r.EmailHash, states, r.ID); ok {
		return []dynamo.TxItem{s.HoldRelease(h, r.ID)}, nil
	}
	return nil, nil
}

// ---- Erasure ----

// EraseRegistration writes an erasure in one transaction: the kept record
// (without the EsfKey, so the ESF+ item is joined to nobody; guarded by
// its version), and deleted: the e-mail's uniqueness item for the event
// and the limit hold if still the registration's, its outbox items and
// its idempotency records. The reads before only choose what to delete;
// the conditions decide.
func (s *Store) EraseRegistration(ctx context.Context, w workshops.RegistrationErasure) error {
	prev := w.Prev
	put, err := s.PutIfVersion(toRegItem(w.Registration), prev.Version, workshops.ReasonRegistrationChanged)
	if err != nil {
		return err
	}
	items := []dynamo.TxItem{put}
	if prev.EmailHash != "" {
		k := emailKey(prev.EventID, prev.EmailHash)
		owner, found, err := dynamo.Get[struct {
			RegistrationID string `dynamodbav:"registrationId"`
		}](ctx, s.Store, k, dynamo.Consistent)
		if err != nil {
			return fmt.Errorf("get e-mail item: %w", err)
		}
		if found && owner.RegistrationID == prev.ID {
			items = append(items, s.DeleteIfOwned(k, "registrationId", prev.ID, workshops.ReasonRegistrationChanged))
		}
		rel, err := s.ReleaseHoldOf(ctx, prev)
		if err != nil {
			return err
		}
		items = append(items, rel...)
	}
	// The certificate e-mail of a held event is queued without a note in
	// the registration (Staff.SendCertificates): deleted by its id.
	extra := []dynamo.Key{dynamo.OutboxKey(workshops.CertificateMailID(prev.ID))}
	for _, id := range prev.Mail {
		extra = append(extra, dynamo.OutboxKey(id))
	}
	for _, h := range prev.IdempotencyKeys {
		extra = append(extra, dynamo.IdempotencyKey(h))
	}
	// What does not fit in the transaction is deleted before it (each
	// delete is idempotent, and a failed erasure is run again).
	for len(items)+len(extra) > dynamo.MaxTxItems {
		if err := s.DeleteNow(ctx, extra[0]); err != nil {
			return err
		}
		extra = extra[1:]
	}
	for _, k := range extra {
		items = append(items, s.Delete(k))
	}
	return s.Transact(ctx, "erase registration", items, workshops.ReasonRegistrationChanged)
}

// ---- Retention ----

var _ workshops.RetentionStore = (*Store)(nil)

// maxEventSpan bounds how long before its end an event starts (a study
// visit spans two days): the retention job reads events by start.
const maxEventSpan = 7 * 24 * time.Hour

// EventsEndedBetween lists the events whose end is in [from, to): one
// Query per Prague month of their start (ListEvents), no Scan.
func (s *Store) EventsEndedBetween(ctx context.Context, from, to time.Time) ([]workshops.Event, error) {
	list, err := s.ListEvents(ctx, from.Add(-maxEventSpan), to)
	if err != nil {
		return nil, err
	}
	var out []workshops.Event
	for _, e := range list {
		if end := e.End(); !end.Before(from) && end.Before(to) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Registrations lists an event's registrations (ListRegistrations).
func (s *Store) Registrations(ctx context.Context, eventID string) ([]workshops.Registration, error) {
	return s.ListRegistrations(ctx, eventID)
}
