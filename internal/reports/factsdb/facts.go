// Package factsdb reads the facts a monthly report is compiled from
// (facts.Facts) from the bookings', workshops' and surveys' own items on
// Brána's one DynamoDB table. It is apart from reportdb (the reports'
// own items: versions, snapshots, the register) so that the staff-reports
// function, which links reportdb, does not link the survey model.
package factsdb

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// The partitions a month's facts are read from (docs/data-model.md,
// "Reports: how a month's facts are read"). Each is the key the owning
// capability writes; the tests write with those capabilities' own stores,
// so a change of their format fails here.
const (
	bookingBucket   = "BOOKING#" // GSI2, + Prague month of the start (consultdb)
	eventBucket     = "EVENTS#"  // GSI2, + Prague month of the first session's start (workshopdb)
	esfBucket       = "ESF#"     // GSI2, + Prague month of the event's start (workshopdb/esf.go)
	eventRegsPrefix = "EVENT#"   // GSI2 EVENT#<id>#REGISTRATIONS (workshopdb)
	eventRegsSuffix = "#REGISTRATIONS"
)

// PageSize is the most items one Query page returns. DynamoDB also stops a
// page at 1 MB; bounding the count as well keeps the memory of a read
// that of one page of at most PageSize items whatever the month holds.
const PageSize = 1000

// EventPageSize is the most events one page of a month's events holds:
// the page stays in memory while each of its events' registrations is
// read, so it is kept small (a page of 1,000 events and their sessions
// held across 1,000 registration Queries doubled the heap of a month of
// 100,000 items in BenchmarkFactsOverDynamoDB).
const EventPageSize = 50

// Facts reads one Prague month's facts from the table, streaming page by
// page: one Query per entity kind and month (and one per event for its
// registrations), never a Scan, and only the attributes the kept facts
// need (no names, e-mails or phones are read). It implements facts.Facts.
type Facts struct {
	db       *dynamo.Store
	surveys  *surveydb.Store
	services func(ctx context.Context, fn func(reports.Service) error) error
}

var _ facts.Facts = (*Facts)(nil)

// NewFacts returns the facts reader on db. services streams the
// transformation register (its storage is the register's own).
func NewFacts(db *dynamo.Store, services func(ctx context.Context, fn func(reports.Service) error) error) *Facts {
	return &Facts{db: db, surveys: surveydb.New(db), services: services}
}

// projection builds a ProjectionExpression of attrs, every name through
// ExpressionAttributeNames (several are reserved words: status, start, end).
func projection(attrs ...string) (string, map[string]string) {
	names := make(map[string]string, len(attrs)+1)
	parts := make([]string, len(attrs))
	for i, a := range attrs {
		n := fmt.Sprintf("#a%d", i)
		names[n] = a
		parts[i] = n
	}
	return strings.Join(parts, ", "), names
}

// queryIndex streams every item of one GSI partition, projected to attrs.
func (f *Facts) queryIndex(ctx context.Context, index, pkAttr, pk string, attrs []string, each func(map[string]types.AttributeValue) error) error {
	return f.queryIndexPaged(ctx, index, pkAttr, pk, attrs, PageSize, each)
}

// queryIndexPaged is queryIndex with pages of at most limit items.
func (f *Facts) queryIndexPaged(ctx context.Context, index, pkAttr, pk string, attrs []string, limit int32, each func(map[string]types.AttributeValue) error) error {
	expr, names := projection(attrs...)
	names["#pk"] = pkAttr
	in := &dynamodb.QueryInput{
		IndexName:                 aws.String(index),
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  names,
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(pk)},
		ProjectionExpression:      aws.String(expr),
		Limit:                     aws.Int32(limit),
	}
	if err := f.db.QueryEach(ctx, in, each); err != nil {
		return fmt.Errorf("query %s %s: %w", index, pk, err)
	}
	return nil
}

// item is a read-only view of one projected item.
type item map[string]types.AttributeValue

func (it item) str(name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func (it item) bool(name string) bool {
	v, ok := it[name].(*types.AttributeValueMemberBOOL)
	return ok && v.Value
}

func (it item) time(name string) (time.Time, error) { return dynamo.ParseTime(it.str(name)) }

// keptIco is the IČO a fact keeps: only for the target groups that act for
// an organisation (public administrations, providers). For anyone else it
// would be a sole trader's, which identifies a person, and an erasure
// removes it; reading it only where erasure keeps it makes a report
// re-compiled after an erasure identical.
func keptIco(g, ico string) string {
	if programme.TargetGroup(g).NeedsOrganisation() {
		return ico
	}
	return ""
}

var consultationAttrs = []string{"start", "end", "status", "form", "topic", "targetGroup", "region", "organisationIco"}

// Consultations streams the bookings starting in m: one Query of GSI2
// BOOKING#<yyyy-mm> (the bucket is the Prague month of the start).
func (f *Facts) Consultations(ctx context.Context, m cz.Month, fn func(facts.Consultation) error) error {
	return f.queryIndex(ctx, dynamo.IndexGSI2, dynamo.AttrGSI2PK, bookingBucket+m.String(), consultationAttrs, func(av map[string]types.AttributeValue) error {
		c, err := decodeConsultation(item(av))
		if err != nil {
			return err
		}
		return fn(c)
	})
}

func decodeConsultation(it item) (facts.Consultation, error) {
	c := facts.Consultation{
		Status: it.str("status"), Form: it.str("form"), Topic: it.str("topic"),
		TargetGroup: it.str("targetGroup"), Region: it.str("region"),
		Ico: keptIco(it.str("targetGroup"), it.str("organisationIco")),
	}
	var err error
	if c.Start, err = it.time("start"); err != nil {
		return c, fmt.Errorf("booking: %w", err)
	}
	if c.End, err = it.time("end"); err != nil {
		return c, fmt.Errorf("booking: %w", err)
	}
	return c, nil
}

var eventAttrs = []string{"id", "kind", "region", "status", "sessions"}

var registrationAttrs = []string{"eventId", "status", "targetGroup", "region", "organisationIco", "checkedInAt", "walkIn"}

// Events streams the events whose first session starts in m (one Query of
// GSI2 EVENTS#<yyyy-mm>), each with its registrations (one Query of GSI2
// EVENT#<id>#REGISTRATIONS per event; an event's registrations are bounded
// by its capacity).
func (f *Facts) Events(ctx context.Context, m cz.Month, fn func(facts.Event, []facts.Registration) error) error {
	return f.queryIndexPaged(ctx, dynamo.IndexGSI2, dynamo.AttrGSI2PK, eventBucket+m.String(), eventAttrs, EventPageSize, func(av map[string]types.AttributeValue) error {
		e, err := decodeEvent(item(av))
		if err != nil {
			return err
		}
		var regs []facts.Registration
		err = f.queryIndex(ctx, dynamo.IndexGSI2, dynamo.AttrGSI2PK, eventRegsPrefix+e.ID+eventRegsSuffix, registrationAttrs, func(av map[string]types.AttributeValue) error {
			it := item(av)
			regs = append(regs, facts.Registration{
				EventID: it.str("eventId"), Status: it.str("status"),
				TargetGroup: it.str("targetGroup"), Region: it.str("region"),
				Ico:       keptIco(it.str("targetGroup"), it.str("organisationIco")),
				CheckedIn: it.str("checkedInAt") != "", WalkIn: it.bool("walkIn"),
			})
			return nil
		})
		if err != nil {
			return err
		}
		return fn(e, regs)
	})
}

func decodeEvent(it item) (facts.Event, error) {
	e := facts.Event{ID: it.str("id"), Kind: it.str("kind"), Region: it.str("region"), Status: it.str("status")}
	l, _ := it["sessions"].(*types.AttributeValueMemberL)
	if l == nil || len(l.Value) == 0 {
		return e, fmt.Errorf("event %s: no sessions", e.ID)
	}
	var hours time.Duration
	for i, av := range l.Value {
		m, ok := av.(*types.AttributeValueMemberM)
		if !ok {
			return e, fmt.Errorf("event %s: session %d is not a map", e.ID, i)
		}
		s := item(m.Value)
		start, err := s.time("start")
		if err != nil {
			return e, fmt.Errorf("event %s: %w", e.ID, err)
		}
		end, err := s.time("end")
		if err != nil {
			return e, fmt.Errorf("event %s: %w", e.ID, err)
		}
		if i == 0 {
			e.Start = start
		}
		e.End = end
		hours += end.Sub(start)
	}
	e.Hours = hours.Hours()
	return e, nil
}

var esfAttrs = []string{"eventId", "gender", "ageBand", "disability", "attended"}

// Esf streams the ESF+ answers of the events starting in m: one Query of
// GSI2 ESF#<yyyy-mm>.
func (f *Facts) Esf(ctx context.Context, m cz.Month, fn func(facts.EsfAnswer) error) error {
	return f.queryIndex(ctx, dynamo.IndexGSI2, dynamo.AttrGSI2PK, esfBucket+m.String(), esfAttrs, func(av map[string]types.AttributeValue) error {
		it := item(av)
		return fn(facts.EsfAnswer{
			EventID: it.str("eventId"), Gender: it.str("gender"), AgeBand: it.str("ageBand"),
			Disability: it.str("disability"), Attended: it.bool("attended"),
		})
	})
}

// Surveys lists every survey (one Query of GSI1 SURVEYS), each with a
// Version loader that reads a version once (GetItem SURVEY#<id> /
// VERSION#<0001>) and caches it for the reader's life: published versions
// never change.
func (f *Facts) Surveys(ctx context.Context) ([]facts.SurveyFacts, error) {
	list, err := f.surveys.List(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]facts.SurveyFacts, 0, len(list))
	for _, sv := range list {
		out = append(out, facts.SurveyFacts{Survey: sv, Version: f.versionLoader(sv.ID)})
	}
	return out, nil
}

func (f *Facts) versionLoader(id string) func(ctx context.Context, number int) (surveys.Version, error) {
	var mu sync.Mutex
	cache := map[int]surveys.Version{}
	return func(ctx context.Context, number int) (surveys.Version, error) {
		mu.Lock()
		defer mu.Unlock()
		if v, ok := cache[number]; ok {
			return v, nil
		}
		v, err := f.surveys.Version(ctx, id, number, false)
		if err != nil {
			return surveys.Version{}, err
		}
		cache[number] = v
		return v, nil
	}
}

// Responses streams a survey's responses of m: one Query of the partition
// RESPONSE#<surveyId>#<yyyy-mm> (surveydb.EachResponse). A response holds
// no person, so it is read whole.
func (f *Facts) Responses(ctx context.Context, survey string, m cz.Month, fn func(surveys.Response) error) error {
	return f.surveys.EachResponse(ctx, survey, m.String(), fn)
}

// ErrNoRegister is returned by Services when the reader was made without
// the register's storage.
var ErrNoRegister = errors.New("factsdb: facts reader has no service register")

// Services streams the transformation register through the injected
// function (the register's storage is its own).
func (f *Facts) Services(ctx context.Context, fn func(reports.Service) error) error {
	if f.services == nil {
		return ErrNoRegister
	}
	return f.services(ctx, fn)
}
