package workshopdb

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
)

type sessionItem struct {
	Start string `dynamodbav:"start"`
	End   string `dynamodbav:"end"`
}

type eventItem struct {
	PK, SK         string
	GSI1PK         string `dynamodbav:",omitempty"` // published only
	GSI1SK         string `dynamodbav:",omitempty"`
	GSI2PK, GSI2SK string
	Type           string               `dynamodbav:"type"`
	ID             string               `dynamodbav:"id"`
	Kind           string               `dynamodbav:"kind"`
	Title          workshops.Text       `dynamodbav:"title"`
	Description    workshops.Text       `dynamodbav:"description"`
	Topics         []string             `dynamodbav:"topics"`
	TargetGroups   []string             `dynamodbav:"targetGroups"`
	Region         string               `dynamodbav:"region"`
	Sessions       []sessionItem        `dynamodbav:"sessions"`
	Mode           string               `dynamodbav:"mode"`
	Venue          workshops.Venue      `dynamodbav:"venue"`
	OnlineLink     string               `dynamodbav:"onlineLink,omitempty"`
	CapInPerson    int                  `dynamodbav:"capacityInPerson"`
	CapOnline      int                  `dynamodbav:"capacityOnline"`
	Opens          string               `dynamodbav:"registrationOpens"`
	Closes         string               `dynamodbav:"registrationCloses"`
	OrgLimit       int                  `dynamodbav:"orgLimit,omitempty"`
	Questions      []workshops.Question `dynamodbav:"questions,omitempty"`
	Organiser      string               `dynamodbav:"organiser,omitempty"`
	Owner          string               `dynamodbav:"owner,omitempty"`
	Status         string               `dynamodbav:"status"`
	Sequence       int                  `dynamodbav:"sequence"`
	Version        int                  `dynamodbav:"version"`
	CreatedAt      string               `dynamodbav:"createdAt"`
	UpdatedAt      string               `dynamodbav:"updatedAt"`
}

func toEventItem(e workshops.Event) eventItem {
	k := eventKey(e.ID)
	start := ts(e.Start())
	it := eventItem{
		PK: k.PK, SK: k.SK,
		GSI2PK: monthBucket(e.Start()), GSI2SK: start + "#" + e.ID,
		Type: "event", ID: e.ID, Kind: string(e.Kind), Title: e.Title, Description: e.Description,
		Region: e.Region, Mode: string(e.Mode), Venue: e.Venue, OnlineLink: e.OnlineLink,
		CapInPerson: e.Capacity.InPerson, CapOnline: e.Capacity.Online,
		Opens: ts(e.RegistrationOpens), Closes: ts(e.RegistrationCloses), OrgLimit: e.OrgLimit,
		Questions: e.Questions, Organiser: e.Organiser, Owner: e.Owner, Status: string(e.Status),
		Sequence: e.Sequence, Version: e.Version, CreatedAt: ts(e.CreatedAt), UpdatedAt: ts(e.UpdatedAt),
	}
	if e.Status == workshops.EventPublished {
		it.GSI1PK, it.GSI1SK = PublishedPartition, start+"#"+e.ID
	}
	for _, t := range e.Topics {
		it.Topics = append(it.Topics, string(t))
	}
	for _, g := range e.TargetGroups {
		it.TargetGroups = append(it.TargetGroups, string(g))
	}
	for _, s := range e.Sessions {
		it.Sessions = append(it.Sessions, sessionItem{Start: ts(s.Start), End: ts(s.End)})
	}
	return it
}

func (it eventItem) event() (workshops.Event, error) {
	e := workshops.Event{
		ID: it.ID, Kind: workshops.Kind(it.Kind), Title: it.Title, Description: it.Description,
		Region: it.Region, Mode: workshops.Mode(it.Mode), Venue: it.Venue, OnlineLink: it.OnlineLink,
		Capacity: workshops.Capacity{InPerson: it.CapInPerson, Online: it.CapOnline},
		OrgLimit: it.OrgLimit, Questions: it.Questions, Organiser: it.Organiser, Owner: it.Owner,
		Status: workshops.EventStatus(it.Status), Sequence: it.Sequence, Version: it.Version,
	}
	for _, t := range it.Topics {
		e.Topics = append(e.Topics, programme.Topic(t))
	}
	for _, g := range it.TargetGroups {
		e.TargetGroups = append(e.TargetGroups, programme.TargetGroup(g))
	}
	for _, s := range it.Sessions {
		var ses workshops.Session
		if err := parseTimes(
			struct {
				dst *time.Time
				src string
			}{&ses.Start, s.Start},
			struct {
				dst *time.Time
				src string
			}{&ses.End, s.End},
		); err != nil {
			return e, fmt.Errorf("event %s: %w", it.ID, err)
		}
		e.Sessions = append(e.Sessions, ses)
	}
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&e.RegistrationOpens, it.Opens}, {&e.RegistrationCloses, it.Closes}, {&e.CreatedAt, it.CreatedAt}, {&e.UpdatedAt, it.UpdatedAt}} {
		if err := parseTimes(f); err != nil {
			return e, fmt.Errorf("event %s: %w", it.ID, err)
		}
	}
	return e, nil
}

// PutEvent writes an event if its stored version is prevVersion (0: it
// must not exist yet); Conflict event_changed otherwise. The seat
// counters, waiting lists and registrations are other items: a staff
// change of the event never touches them.
func (s *Store) PutEvent(ctx context.Context, e workshops.Event, prevVersion int) error {
	put, err := s.PutIfVersion(toEventItem(e), prevVersion, workshops.ReasonEventChanged)
	if err != nil {
		return fmt.Errorf("event %s: %w", e.ID, err)
	}
	return s.Transact(ctx, "put event "+e.ID, []dynamo.TxItem{put})
}

// GetEvent reads an event.
func (s *Store) GetEvent(ctx context.Context, id string) (workshops.Event, error) {
	if !dynamo.StorableID(id) {
		return workshops.Event{}, apperr.New(apperr.NotFound, workshops.ReasonEventNotFound)
	}
	it, found, err := dynamo.Get[eventItem](ctx, s.Store, eventKey(id), dynamo.Consistent)
	if err != nil {
		return workshops.Event{}, fmt.Errorf("get event %s: %w", id, err)
	}
	if !found {
		return workshops.Event{}, apperr.New(apperr.NotFound, workshops.ReasonEventNotFound)
	}
	return it.event()
}

// ListPublishedEvents lists the published events starting in [from, to),
// by start: one Query on GSI1's EVENTS partition.
func (s *Store) ListPublishedEvents(ctx context.Context, from, to time.Time) ([]workshops.Event, error) {
	return s.listEvents(ctx, dynamo.IndexGSI1, "GSI1PK", "GSI1SK", PublishedPartition, from, to)
}

// ListEvents lists events of every status (drafts too) starting in
// [from, to): one Query per Prague month on GSI2 (EVENTS#<yyyy-mm>).
func (s *Store) ListEvents(ctx context.Context, from, to time.Time) ([]workshops.Event, error) {
	var out []workshops.Event
	for _, b := range monthBuckets(from, to) {
		list, err := s.listEvents(ctx, dynamo.IndexGSI2, "GSI2PK", "GSI2SK", b, from, to)
		if err != nil {
			return nil, err
		}
		out = append(out, list...)
	}
	return out, nil
}

func (s *Store) listEvents(ctx context.Context, index, pkAttr, skAttr, pk string, from, to time.Time) ([]workshops.Event, error) {
	items, err := dynamo.Query[eventItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:              aws.String(index),
		KeyConditionExpression: aws.String(pkAttr + " = :pk AND " + skAttr + " BETWEEN :from AND :to"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(pk), ":from": str(ts(from)), ":to": str(ts(to.Add(-time.Second)) + "#~"),
		},
	})
	if err != nil {
		return nil, fmt.Errorf("list events in %s: %w", pk, err)
	}
	out := make([]workshops.Event, 0, len(items))
	for _, it := range items {
		e, err := it.event()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// Seats reads an event's seat and waiting counters: one strongly
// consistent Query of the event's SEATS# items.
func (s *Store) Seats(ctx context.Context, eventID string) (map[workshops.Seat]workshops.SeatCount, error) {
	type counter struct {
		SK string
		N  int `dynamodbav:"n"`
	}
	out := map[workshops.Seat]workshops.SeatCount{}
	if !dynamo.StorableID(eventID) {
		return out, nil
	}
	items, err := dynamo.Query[counter](ctx, s.Store, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(eventPK(eventID)), ":p": str("SEATS#")},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("seats of %s: %w", eventID, err)
	}
	for _, c := range items {
		rest := strings.TrimPrefix(c.SK, "SEATS#")
		seat, waiting := strings.CutSuffix(rest, "#WAITING")
		sc := out[workshops.Seat(seat)]
		if waiting {
			sc.Waiting = c.N
		} else {
			sc.Taken = c.N
		}
		out[workshops.Seat(seat)] = sc
	}
	return out, nil
}

// NextTicket hands out the next waiting-list number of a seat kind (an
// atomic ADD that returns the new value): the order in which the server
// accepted people into the waiting list. Numbers a failed registration
// took are simply skipped.
func (s *Store) NextTicket(ctx context.Context, eventID string, seat workshops.Seat) (int64, error) {
	return s.Next(ctx, dynamo.Counter{Key: ticketKey(eventID, seat), Attr: "n", Type: "ticket"})
}
