package workshopdb

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops"
)

// Staff is the storage of the staff side of events (workshops.Staff): the
// same items as Store's, plus the audit records of exports.
type Staff struct{ *Store }

// NewStaff returns the staff storage on s.
func NewStaff(s *dynamo.Store) Staff { return Staff{New(s)} }

var _ workshops.StaffStore = Staff{}

// AuditPrefix starts the partition key of an audit record of an export of
// personal data: AUDIT#<yyyy-mm> (the Prague month of the export), sorted
// by time.
const AuditPrefix = "AUDIT#"

// MaxMailInTx is how many e-mails go into the transaction of an event's
// change (with the event and the checks of its two seat counters); beyond
// it they are queued after it, one by one.
const MaxMailInTx = dynamo.MaxTxItems - 3

// CreateEvent stores a new event (Conflict event_changed if the id is
// taken).
func (s Staff) CreateEvent(ctx context.Context, e workshops.Event) error {
	return s.PutEvent(ctx, e, 0)
}

// UpdateEvent replaces prev by next (version-checked) and queues mails: in
// the same transaction when they fit, else after it, each at most once
// (an item already queued, by an earlier try, is skipped).
func (s Staff) UpdateEvent(ctx context.Context, next, prev workshops.Event, mails []outbox.Item) error {
	put, err := s.PutIfVersion(toEventItem(next), prev.Version, workshops.ReasonEventChanged)
	if err != nil {
		return fmt.Errorf("event %s: %w", next.ID, err)
	}
	items := []dynamo.TxItem{put}
	if next.Status == workshops.EventPublished {
		// Never fewer seats than taken: each seat kind's counter is at
		// most the new capacity (none for a kind the mode dropped).
		for _, seat := range []workshops.Seat{workshops.SeatInPerson, workshops.SeatOnline} {
			items = append(items, s.Check(seatsKey(next.ID, seat), dynamo.Condition{
				Expr:   "attribute_not_exists(#n) OR #n <= :cap",
				Names:  map[string]string{"#n": "n"},
				Values: map[string]types.AttributeValue{":cap": num(int64(workshops.SeatCapacity(next, seat)))},
			}, workshops.ReasonCapacityBelowTaken))
		}
	}
	inTx := len(mails) <= MaxMailInTx
	if inTx {
		for _, m := range mails {
			it, err := s.OutboxPut(m, workshops.ReasonEventChanged)
			if err != nil {
				return err
			}
			items = append(items, it)
		}
	}
	if err := s.Transact(ctx, "update event "+next.ID, items, workshops.ReasonEventChanged, workshops.ReasonCapacityBelowTaken); err != nil {
		return err
	}
	if inTx {
		return nil
	}
	for _, m := range mails {
		if err := s.PutOutbox(ctx, m); err != nil && !apperr.Is(err, apperr.Conflict, "outbox_exists") {
			return fmt.Errorf("queue %s: %w", m.ID, err)
		}
	}
	return nil
}

// Registrations lists an event's registrations, oldest first.
func (s Staff) Registrations(ctx context.Context, eventID string) ([]workshops.Registration, error) {
	return s.ListRegistrations(ctx, eventID)
}

// PutRegistration writes r if the stored one is at prevVersion.
func (s Staff) PutRegistration(ctx context.Context, r workshops.Registration, prevVersion int) error {
	return s.WriteRegistrations(ctx, workshops.RegistrationWrite{
		EventID: r.EventID, Changes: []workshops.Change{{Reg: r, PrevVersion: prevVersion}},
	})
}

// CancelRegistration cancels one registration of a cancelled event in one
// transaction: the registration (version-checked), its seat given back
// (confirmed or offered) or its waiting-list entry removed (waitlisted),
// and its e-mail.
func (s Staff) CancelRegistration(ctx context.Context, e workshops.Event, next, prev workshops.Registration, mail *outbox.Item) error {
	w := workshops.RegistrationWrite{
		EventID: e.ID,
		Changes: []workshops.Change{{Reg: next, PrevVersion: prev.Version, LeaveWaitlist: prev.Status == workshops.RegWaitlisted}},
		Seat:    prev.Seat,
	}
	if prev.Status == workshops.RegWaitlisted {
		w.Changes[0].Reg.Queue = prev.Queue
	}
	if prev.Status == workshops.RegConfirmed || prev.Status == workshops.RegOffered {
		w.SeatDelta = -1
	}
	if mail != nil {
		w.Mail = []outbox.Item{*mail}
	}
	w.DeleteMail = workshops.QueuedReminders(prev)
	return s.WriteRegistrations(ctx, w)
}

type auditItem struct {
	PK, SK    string
	Type      string `dynamodbav:"type"`
	ID        string `dynamodbav:"id"`
	Subject   string `dynamodbav:"subject"`
	Action    string `dynamodbav:"action"`
	EventID   string `dynamodbav:"eventId"`
	Format    string `dynamodbav:"format"`
	Count     int    `dynamodbav:"count"`
	At        string `dynamodbav:"at"`
	ExpiresAt int64  `dynamodbav:"expiresAt"`
}

// AuditPartition is the partition of the audit records of t's Prague month.
func AuditPartition(t time.Time) string {
	d := cz.DateOf(t)
	return fmt.Sprintf("%s%04d-%02d", AuditPrefix, d.Year, int(d.Month))
}

// PutAudit records an export (never overwriting another record).
func (s Staff) PutAudit(ctx context.Context, a workshops.Audit) error {
	put, err := s.PutIfAbsent(auditItem{
		PK: AuditPartition(a.At), SK: ts(a.At) + "#" + a.ID, Type: "audit", ID: a.ID,
		Subject: a.Subject, Action: a.Action, EventID: a.EventID, Format: a.Format, Count: a.Count,
		At: ts(a.At), ExpiresAt: a.ExpiresAt.Unix(),
	}, "audit_exists")
	if err != nil {
		return err
	}
	return s.PutNow(ctx, put)
}

// Audits lists the audit records of t's Prague month, oldest first.
func (s Staff) Audits(ctx context.Context, t time.Time) ([]workshops.Audit, error) {
	rows, err := dynamo.Query[auditItem](ctx, s.Store.Store, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(AuditPartition(t))},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, err
	}
	out := make([]workshops.Audit, 0, len(rows))
	for _, r := range rows {
		at, err := dynamo.ParseTime(r.At)
		if err != nil {
			return nil, err
		}
		out = append(out, workshops.Audit{
			ID: r.ID, Subject: r.Subject, Action: r.Action, EventID: r.EventID, Format: r.Format, Count: r.Count,
			At: at, ExpiresAt: time.Unix(r.ExpiresAt, 0).UTC(),
		})
	}
	return out, nil
}

// QueueMail queues e-mails that go with no other change (the
// certificates of a held event): in one transaction while they fit
// (dynamo.MaxTxItems), else one by one. An item already queued by an
// earlier try is skipped: the transaction then gives way to the one-by-one
// path, which skips it.
func (s Staff) QueueMail(ctx context.Context, mails []outbox.Item) error {
	if len(mails) == 0 {
		return nil
	}
	if len(mails) <= dynamo.MaxTxItems {
		items := make([]dynamo.TxItem, 0, len(mails))
		for _, m := range mails {
			it, err := s.OutboxPut(m, reasonOutboxExists)
			if err != nil {
				return err
			}
			items = append(items, it)
		}
		err := s.Transact(ctx, "queue mail", items, reasonOutboxExists)
		if !apperr.Is(err, apperr.Conflict, reasonOutboxExists) {
			return err
		}
	}
	for _, m := range mails {
		if err := s.PutOutbox(ctx, m); err != nil && !apperr.Is(err, apperr.Conflict, reasonOutboxExists) {
			return fmt.Errorf("queue %s: %w", m.ID, err)
		}
	}
	return nil
}

// reasonOutboxExists is the conflict of an outbox item already queued
// (dynamo.PutOutbox's).
const reasonOutboxExists apperr.Reason = "outbox_exists"
