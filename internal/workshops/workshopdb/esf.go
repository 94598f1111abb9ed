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
//	WLIMIT#<email HMAC> / HOLD#nn   a limit hold (workshops.Hold)
//
// An ESF+ item holds the event id, the three answers, the Prague day of
// the consent, the notice version, the event month and whether the person
// attended: never a name, an e-mail or the registration's id. Only the
// registration's EsfKey points at it, and erasure removes that.

// Core is what this file needs of the registration storage (wcore's
// workshopdb.Store implements it).
type Core interface {
	GetRegistration(ctx context.Context, id string) (workshops.Registration, error)
	GetEvent(ctx context.Context, id string) (workshops.Event, error)
	// RegistrationPut replaces the registration item with r if its stored
	// version is prev; the failed condition is Conflict
	// workshops.ReasonErasureRace.
	RegistrationPut(r workshops.Registration, prev int) (dynamo.TxItem, error)
	// RegistrationKey is the key of the registration item (its version
	// attribute is dynamo.AttrVersion).
	RegistrationKey(id string) dynamo.Key
	// UniquenessKey is the key of the item that makes email's
	// registration for the event the only one.
	UniquenessKey(eventID, email string) dynamo.Key
}

// Privacy stores the ESF+ items and limit holds and erases registrations.
type Privacy struct {
	*dynamo.Store
	Core Core
	// IdentityKey is the HMAC key of e-mail identities
	// (seal.DeriveKey(master, workshops.IdentityKeyPurpose)).
	IdentityKey []byte
}

var (
	_ workshops.EsfStore     = (*Privacy)(nil)
	_ workshops.ErasureStore = (*Privacy)(nil)
)

// NewPrivacy returns the privacy storage on a table.
func NewPrivacy(db *dynamo.Store, core Core, identityKey []byte) *Privacy {
	return &Privacy{Store: db, Core: core, IdentityKey: identityKey}
}

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
func (s *Privacy) WriteEsf(ctx context.Context, w workshops.EsfWrite) error {
	reg, rec := w.Registration, w.Record
	var items []dynamo.TxItem
	if w.New {
		rec.Version = 1
		put, err := s.PutIfAbsent(toEsfItem(rec), workshops.ReasonErasureRace)
		if err != nil {
			return err
		}
		linked := reg
		linked.EsfKey = rec.Key
		linked.Version++
		link, err := s.Core.RegistrationPut(linked, reg.Version)
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
		}, workshops.ReasonErasureRace)
		if err != nil {
			return err
		}
		// The registration must still be the one read (no erasure
		// meanwhile removed the key).
		still := s.Check(s.Core.RegistrationKey(reg.ID), dynamo.Equals(dynamo.AttrVersion, dynamo.N(int64(reg.Version))), workshops.ReasonErasureRace)
		items = append(items, upd, still)
	}
	return s.Transact(ctx, "write esf", items)
}

func consentDay(t time.Time) string { return t.In(cz.Prague).Format(time.DateOnly) }

// GetEsf reads an ESF+ item (NotFound when absent).
func (s *Privacy) GetEsf(ctx context.Context, key string) (workshops.EsfRecord, error) {
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
// the check-in's transaction fail with workshops.ReasonErasureRace, and the
// check-in tries again.
func (s *Privacy) AttendEsf(ctx context.Context, key string, attended bool) (dynamo.TxItem, error) {
	cur, err := s.GetEsf(ctx, key)
	if err != nil {
		return dynamo.TxItem{}, err
	}
	return s.UpdateIfVersion(EsfKey(key), cur.Version, map[string]any{"attended": attended}, workshops.ReasonErasureRace)
}

// EsfByMonth reads the ESF+ items of the events starting in month
// ("2026-12"), with one Query on GSI2 (paged beyond 1 MB).
func (s *Privacy) EsfByMonth(ctx context.Context, month string) ([]workshops.EsfRecord, error) {
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
func (s *Privacy) CountEsf(ctx context.Context, month string) (workshops.EsfMonth, error) {
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
func (s *Privacy) HoldPut(h workshops.Hold, id string, until, now time.Time) (dynamo.TxItem, error) {
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
func (s *Privacy) HoldRelease(h workshops.Hold, id string) dynamo.TxItem {
	return s.DeleteIfOwned(HoldKey(h), "registrationId", id, workshops.ReasonLimitHoldTaken)
}

// Holds reads an identity's holds with one Query on its partition.
func (s *Privacy) Holds(ctx context.Context, identity string) ([]workshops.HoldState, error) {
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
func (s *Privacy) ReleaseHoldOf(ctx context.Context, r workshops.Registration) ([]dynamo.TxItem, error) {
	id := workshops.EmailIdentity(s.IdentityKey, r.Contact.Email)
	if id == "" {
		return nil, nil
	}
	states, err := s.Holds(ctx, id)
	if err != nil {
		return nil, err
	}
	if h, ok := workshops.HoldOf(id, states, r.ID); ok {
		return []dynamo.TxItem{s.HoldRelease(h, r.ID)}, nil
	}
	return nil, nil
}

// ---- Erasure ----

// GetRegistration reads a registration (through Core).
func (s *Privacy) GetRegistration(ctx context.Context, id string) (workshops.Registration, error) {
	return s.Core.GetRegistration(ctx, id)
}

// GetEvent reads an event (through Core).
func (s *Privacy) GetEvent(ctx context.Context, id string) (workshops.Event, error) {
	return s.Core.GetEvent(ctx, id)
}

// EraseRegistration writes an erasure in one transaction: the kept record
// (without the EsfKey, so the ESF+ item is joined to nobody), the
// e-mail's uniqueness item for the event deleted, and the limit hold
// given back if still the registration's.
func (s *Privacy) EraseRegistration(ctx context.Context, w workshops.RegistrationErasure) error {
	put, err := s.Core.RegistrationPut(w.Registration, w.PrevVersion)
	if err != nil {
		return err
	}
	items := []dynamo.TxItem{put}
	if w.Email != "" {
		items = append(items, s.Delete(s.Core.UniquenessKey(w.Registration.EventID, w.Email)))
		rel, err := s.ReleaseHoldOf(ctx, workshops.Registration{ID: w.Registration.ID, Contact: workshops.Contact{Email: w.Email}})
		if err != nil {
			return err
		}
		items = append(items, rel...)
	}
	return s.Transact(ctx, "erase registration", items, workshops.ReasonErasureRace)
}
