package workshopdb

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
)

type regItem struct {
	PK, SK         string
	GSI1PK         string `dynamodbav:",omitempty"` // OFFERS while offered
	GSI1SK         string `dynamodbav:",omitempty"`
	GSI2PK, GSI2SK string
	Type           string              `dynamodbav:"type"`
	ID             string              `dynamodbav:"id"`
	EventID        string              `dynamodbav:"eventId"`
	Seat           string              `dynamodbav:"seat"`
	Status         string              `dynamodbav:"status"`
	ContactName    string              `dynamodbav:"contactName,omitempty"`
	ContactEmail   string              `dynamodbav:"contactEmail,omitempty"`
	ContactPhone   string              `dynamodbav:"contactPhone,omitempty"`
	OrgName        string              `dynamodbav:"organisationName,omitempty"`
	OrgICO         string              `dynamodbav:"organisationIco,omitempty"`
	JobRole        string              `dynamodbav:"jobRole,omitempty"`
	Region         string              `dynamodbav:"region"`
	TargetGroup    string              `dynamodbav:"targetGroup"`
	Answers        map[string][]string `dynamodbav:"answers,omitempty"`
	Needs          workshops.Needs     `dynamodbav:"needs"`
	ConsentAt      string              `dynamodbav:"consentAt"`
	ConsentVer     string              `dynamodbav:"consentNoticeVersion"`
	Lang           string              `dynamodbav:"lang,omitempty"`
	TokenHash      []byte              `dynamodbav:"tokenHash,omitempty"`
	OfferTokenHash []byte              `dynamodbav:"offerTokenHash,omitempty"`
	EmailHash      string              `dynamodbav:"emailHash,omitempty"`
	Queue          string              `dynamodbav:"queue,omitempty"`
	OfferExpires   string              `dynamodbav:"offerExpires,omitempty"`
	WalkIn         bool                `dynamodbav:"walkIn,omitempty"`
	CheckedInAt    string              `dynamodbav:"checkedInAt,omitempty"`
	EsfKey         string              `dynamodbav:"esfKey,omitempty"`
	Certificate    string              `dynamodbav:"certificate,omitempty"`
	Mail           []string            `dynamodbav:"mail,omitempty"`
	IdemKeys       []string            `dynamodbav:"idempotencyKeys,omitempty"`
	Version        int                 `dynamodbav:"version"`
	CreatedAt      string              `dynamodbav:"createdAt"`
	UpdatedAt      string              `dynamodbav:"updatedAt"`
	CancelledAt    string              `dynamodbav:"cancelledAt,omitempty"`
	ErasedAt       string              `dynamodbav:"erasedAt,omitempty"`
}

func toRegItem(r workshops.Registration) regItem {
	k := regKey(r.ID)
	it := regItem{
		PK: k.PK, SK: k.SK,
		GSI2PK: eventRegsPK(r.EventID), GSI2SK: ts(r.CreatedAt) + "#" + r.ID,
		Type: "registration", ID: r.ID, EventID: r.EventID, Seat: string(r.Seat), Status: string(r.Status),
		ContactName: r.Contact.Name, ContactEmail: r.Contact.Email, ContactPhone: r.Contact.Phone,
		OrgName: r.Org.Name, OrgICO: r.Org.ICO, JobRole: r.JobRole, Region: r.Region,
		TargetGroup: string(r.TargetGroup), Answers: r.Answers, Needs: r.Needs,
		ConsentAt: ts(r.ConsentAt), ConsentVer: r.ConsentVer, Lang: string(r.Lang),
		TokenHash: r.TokenHash, OfferTokenHash: r.OfferTokenHash, EmailHash: r.EmailHash,
		Queue: r.Queue, OfferExpires: ts(r.OfferExpires), WalkIn: r.WalkIn, CheckedInAt: ts(r.CheckedInAt),
		EsfKey: r.EsfKey, Certificate: r.Certificate, Mail: r.Mail, IdemKeys: r.IdempotencyKeys,
		Version: r.Version, CreatedAt: ts(r.CreatedAt), UpdatedAt: ts(r.UpdatedAt),
		CancelledAt: ts(r.CancelledAt), ErasedAt: ts(r.ErasedAt),
	}
	if r.Status == workshops.RegOffered {
		it.GSI1PK, it.GSI1SK = OffersPartition, ts(r.OfferExpires)+"#"+r.ID
	}
	return it
}

func (it regItem) registration() (workshops.Registration, error) {
	r := workshops.Registration{
		ID: it.ID, EventID: it.EventID, Seat: workshops.Seat(it.Seat), Status: workshops.RegistrationStatus(it.Status),
		Contact: workshops.Contact{Name: it.ContactName, Email: it.ContactEmail, Phone: it.ContactPhone},
		Org:     workshops.Organisation{Name: it.OrgName, ICO: it.OrgICO},
		JobRole: it.JobRole, Region: it.Region, TargetGroup: programme.TargetGroup(it.TargetGroup),
		Answers: it.Answers, Needs: it.Needs, ConsentVer: it.ConsentVer, Lang: i18n.Lang(it.Lang),
		TokenHash: it.TokenHash, OfferTokenHash: it.OfferTokenHash, EmailHash: it.EmailHash,
		Queue: it.Queue, WalkIn: it.WalkIn, EsfKey: it.EsfKey, Certificate: it.Certificate,
		Mail: it.Mail, IdempotencyKeys: it.IdemKeys, Version: it.Version,
	}
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&r.ConsentAt, it.ConsentAt}, {&r.OfferExpires, it.OfferExpires}, {&r.CheckedInAt, it.CheckedInAt},
		{&r.CreatedAt, it.CreatedAt}, {&r.UpdatedAt, it.UpdatedAt}, {&r.CancelledAt, it.CancelledAt}, {&r.ErasedAt, it.ErasedAt}} {
		if err := parseTimes(f); err != nil {
			return r, fmt.Errorf("registration %s: %w", it.ID, err)
		}
	}
	return r, nil
}

// GetRegistration reads one registration (strongly consistent).
func (s *Store) GetRegistration(ctx context.Context, id string) (workshops.Registration, error) {
	if !dynamo.StorableID(id) {
		return workshops.Registration{}, apperr.New(apperr.NotFound, workshops.ReasonRegistrationNotFound)
	}
	it, found, err := dynamo.Get[regItem](ctx, s.Store, regKey(id), dynamo.Consistent)
	if err != nil {
		return workshops.Registration{}, fmt.Errorf("get registration %s: %w", id, err)
	}
	if !found {
		return workshops.Registration{}, apperr.New(apperr.NotFound, workshops.ReasonRegistrationNotFound)
	}
	return it.registration()
}

// ListRegistrations lists an event's registrations, oldest first: one
// Query on GSI2 (EVENT#<id>#REGISTRATIONS).
func (s *Store) ListRegistrations(ctx context.Context, eventID string) ([]workshops.Registration, error) {
	items, err := dynamo.Query[regItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI2),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(eventRegsPK(eventID))},
	})
	if err != nil {
		return nil, fmt.Errorf("registrations of %s: %w", eventID, err)
	}
	out := make([]workshops.Registration, 0, len(items))
	for _, it := range items {
		r, err := it.registration()
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// Waiting lists the first n entries of a seat kind's waiting list, first
// first: a strongly consistent Query on the event's partition.
func (s *Store) Waiting(ctx context.Context, eventID string, seat workshops.Seat, n int) ([]workshops.WaitEntry, error) {
	type entry struct {
		SK             string
		RegistrationID string `dynamodbav:"registrationId"`
	}
	prefix := waitPrefix(seat)
	out, err := s.QueryPage(ctx, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(eventPK(eventID)), ":p": str(prefix)},
		ConsistentRead:            aws.Bool(true),
		Limit:                     aws.Int32(int32(n)),
	})
	if err != nil {
		return nil, fmt.Errorf("waiting list of %s: %w", eventID, err)
	}
	var list []workshops.WaitEntry
	for _, item := range out {
		var e entry
		if err := unmarshal(item, &e); err != nil {
			return nil, err
		}
		list = append(list, workshops.WaitEntry{Queue: e.SK[len(prefix):], RegistrationID: e.RegistrationID})
	}
	return list, nil
}

// WaitingAhead counts the entries of a seat kind's waiting list before
// queue: a strongly consistent counting Query.
func (s *Store) WaitingAhead(ctx context.Context, eventID string, seat workshops.Seat, queue string) (int, error) {
	// Entries sort by their ticket: those ahead are the ones up to the
	// ticket before queue (a counting Query: only the number comes back).
	ticket, err := strconv.ParseInt(queue, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("waiting ahead in %s: ticket %q: %w", eventID, queue, err)
	}
	if ticket <= 1 {
		return 0, nil
	}
	n, err := s.Count(ctx, &dynamodb.QueryInput{
		KeyConditionExpression: aws.String("PK = :pk AND SK BETWEEN :a AND :b"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(eventPK(eventID)), ":a": str(waitPrefix(seat)), ":b": str(waitPrefix(seat) + workshops.QueueKey(ticket-1)),
		},
		ConsistentRead: aws.Bool(true),
	})
	if err != nil {
		return 0, fmt.Errorf("waiting ahead in %s: %w", eventID, err)
	}
	return n, nil
}

// DueOffers lists the registrations whose offer expired by now, earliest
// first: one Query on GSI1's OFFERS partition.
func (s *Store) DueOffers(ctx context.Context, now time.Time, limit int) ([]string, error) {
	out, err := s.QueryPage(ctx, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk AND GSI1SK <= :now"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(OffersPartition), ":now": str(ts(now) + "#~")},
		ProjectionExpression:      aws.String("id"),
		Limit:                     aws.Int32(int32(limit)),
	})
	if err != nil {
		return nil, fmt.Errorf("due offers: %w", err)
	}
	var ids []string
	for _, item := range out {
		if id, ok := item["id"].(*types.AttributeValueMemberS); ok {
			ids = append(ids, id.Value)
		}
	}
	return ids, nil
}

// registrationPriority orders the reasons a registration write fails
// with, most telling first.
var registrationPriority = []apperr.Reason{
	idempotency.ReasonRace, workshops.ReasonRegistrationChanged, workshops.ReasonEventChanged,
	workshops.ReasonAlreadyRegistered, workshops.ReasonOrganisationLimit, workshops.ReasonLimitHoldTaken, workshops.ReasonWaitlistMove,
	workshops.ReasonSeatsFull, workshops.ReasonWaiters, workshops.ReasonSeatFree,
}

// WriteRegistrations applies one change of an event's registrations in
// one transaction: each registration (conditioned on its version), its
// e-mail uniqueness item, organisation counter and waiting-list entry; the
// seat counter (bounded by the capacity) and the waiting counter; a check
// of the event's version and status; the outbox items and the idempotency
// record.
func (s *Store) WriteRegistrations(ctx context.Context, w workshops.RegistrationWrite) error {
	var items []dynamo.TxItem
	if w.EventVersion > 0 {
		items = append(items, s.Check(eventKey(w.EventID), dynamo.Condition{
			Expr:   "#v = :v AND #s = :published",
			Names:  map[string]string{"#v": dynamo.AttrVersion, "#s": "status"},
			Values: map[string]types.AttributeValue{":v": num(int64(w.EventVersion)), ":published": str(string(workshops.EventPublished))},
		}, workshops.ReasonEventChanged))
	}
	waitDelta := 0
	for _, c := range w.Changes {
		r := c.Reg
		put, err := s.PutIfVersion(toRegItem(r), c.PrevVersion, workshops.ReasonRegistrationChanged)
		if err != nil {
			return fmt.Errorf("registration %s: %w", r.ID, err)
		}
		items = append(items, put)
		// A check-in also records attendance on the ESF+ answers (esf.go).
		esf, err := s.EsfAttendance(ctx, r)
		if err != nil {
			return err
		}
		items = append(items, esf...)
		if c.ClaimEmail {
			k := emailKey(r.EventID, r.EmailHash)
			item := k.AV()
			item[dynamo.AttrType] = str("email")
			item["registrationId"] = str(r.ID)
			claim, err := s.PutIfAbsent(item, workshops.ReasonAlreadyRegistered)
			if err != nil {
				return err
			}
			items = append(items, claim)
		}
		if c.ReleaseEmail && r.EmailHash != "" {
			items = append(items, s.DeleteIfOwned(emailKey(r.EventID, r.EmailHash), "registrationId", r.ID, workshops.ReasonRegistrationChanged))
		}
		if c.Org != 0 && r.Org.ICO != "" {
			items = append(items, s.Add(dynamo.Counter{Key: orgKey(r.EventID, r.Org.ICO), Attr: "n", Type: "org"}, int64(c.Org), int64(c.OrgMax), workshops.ReasonOrganisationLimit))
		}
		if c.Hold != nil {
			it, err := s.HoldPut(*c.Hold, r.ID, c.HoldUntil, r.UpdatedAt)
			if err != nil {
				return err
			}
			items = append(items, it)
		}
		if c.ReleaseHold {
			release, err := s.ReleaseHoldOf(ctx, r)
			if err != nil {
				return err
			}
			items = append(items, release...)
		}
		if c.JoinWaitlist {
			k := waitKey(r.EventID, r.Seat, r.Queue)
			item := k.AV()
			item[dynamo.AttrType] = str("wait")
			item["registrationId"] = str(r.ID)
			put, err := s.PutIfAbsent(item, workshops.ReasonWaitlistMove)
			if err != nil {
				return err
			}
			items = append(items, put)
			waitDelta++
		}
		if c.LeaveWaitlist {
			items = append(items, s.DeleteIfOwned(waitKey(r.EventID, r.Seat, r.Queue), "registrationId", r.ID, workshops.ReasonWaitlistMove))
			waitDelta--
		}
	}
	if w.SeatDelta != 0 {
		items = append(items, s.Add(seatsCounter(w.EventID, w.Seat), int64(w.SeatDelta), int64(w.Capacity), workshops.ReasonSeatsFull))
	} else if w.FullSeats {
		items = append(items, s.Check(seatsKey(w.EventID, w.Seat), dynamo.Condition{
			Expr: "#n >= :cap", Names: map[string]string{"#n": "n"}, Values: map[string]types.AttributeValue{":cap": num(int64(w.Capacity))},
		}, workshops.ReasonSeatFree))
	}
	if waitDelta != 0 {
		items = append(items, s.Add(dynamo.Counter{Key: waitingKey(w.EventID, w.Seat), Attr: "n", Type: "waiting"}, int64(waitDelta), 0, ""))
	} else if w.NoWaiters {
		items = append(items, s.Check(waitingKey(w.EventID, w.Seat), dynamo.Condition{
			Expr: "attribute_not_exists(#n) OR #n <= :zero", Names: map[string]string{"#n": "n"}, Values: map[string]types.AttributeValue{":zero": num(0)},
		}, workshops.ReasonWaiters))
	}
	for _, m := range w.Mail {
		it, err := s.OutboxPut(m, workshops.ReasonRegistrationChanged)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	for _, id := range w.DeleteMail {
		items = append(items, s.Delete(dynamo.OutboxKey(id)))
	}
	if w.Idempotency != nil {
		it, err := s.IdempotencyPut(*w.Idempotency)
		if err != nil {
			return err
		}
		items = append(items, it)
	}
	return s.Transact(ctx, "write registrations of "+w.EventID, items, registrationPriority...)
}

func seatsCounter(eventID string, seat workshops.Seat) dynamo.Counter {
	return dynamo.Counter{Key: seatsKey(eventID, seat), Attr: "n", Type: "seats"}
}
