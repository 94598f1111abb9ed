package app

import (
	"context"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// DemoPastConsultation is one fictional consultation the demo seed books
// in the past, so that a newcomer can mark it held at once and see the
// evaluation survey's invitation (README, "Try the surveys").
type DemoPastConsultation struct {
	ExpertID    string
	Form        programme.Form
	Topic       programme.Topic
	TargetGroup programme.TargetGroup
	Region      string
	Org         consultations.OrganisationInput
	Contact     consultations.ContactInput
	Address     string
	Language    string
	// DaysAgo is where the search for the consultation's day starts: the
	// latest day at most this many days before today on which the expert
	// has a free slot.
	DaysAgo int
}

// DemoPastConsultations are the demo consultations that already took
// place: with different experts, forms, topics, regions, target groups
// and languages.
func DemoPastConsultations() []DemoPastConsultation {
	return []DemoPastConsultation{
		{
			ExpertID: "jana-dvorakova", Form: programme.FormOnline, Topic: programme.TopicTransformationPlan,
			TargetGroup: programme.TargetProvider, Region: "CZ064",
			Org:      consultations.OrganisationInput{Name: "Domov Slunečnice, poskytovatel sociálních služeb", ICO: "00551023"},
			Contact:  consultations.ContactInput{Name: "Jana Nováková", Email: "jana.novakova@example.cz", Phone: "+420 777 123 456"},
			Language: "cs", DaysAgo: 1,
		},
		{
			ExpertID: "petr-svoboda", Form: programme.FormPhone, Topic: programme.TopicFinancing,
			TargetGroup: programme.TargetPublicAdministration, Region: "CZ010",
			Org:      consultations.OrganisationInput{Name: "Magistrát hlavního města Prahy, odbor sociálních věcí", ICO: "00064581"},
			Contact:  consultations.ContactInput{Name: "Tomáš Procházka", Email: "tomas.prochazka@example.cz", Phone: "+420 602 555 010"},
			Language: "cs", DaysAgo: 2,
		},
		{
			ExpertID: "eva-horakova", Form: programme.FormOnsite, Topic: programme.TopicCommunityServices,
			TargetGroup: programme.TargetClient, Region: "CZ020",
			Contact:  consultations.ContactInput{Name: "Marie Svobodová", Email: "marie.svobodova@example.cz", Phone: "+420 731 222 333"},
			Address:  "Husova 12, 252 63 Roztoky",
			Language: "en", DaysAgo: 1,
		},
	}
}

// demoPastSearchDays bounds how far back the seed looks for a day on
// which a demo past consultation's expert works.
const demoPastSearchDays = 14

// demoPastBookedDaysAhead is how many days before its day a demo past
// consultation is booked (at 10:00): more than the experts' notice.
const demoPastBookedDaysAhead = 3

// SeedPastConsultations books the demo past consultations of today (Prague
// date) that do not exist yet, through the booking service with its clock
// set to a moment when the slot was still to come, so that the booking is
// like a real one: slot claimed, day counted, limit holds taken. No
// e-mails are queued for them (the booker would get a confirmation of
// something already over). Their ids are derived from today's date and
// their number: a second run the same day finds them and books nothing;
// a run on another day books that day's (the earlier ones stay, past).
// It returns the bookings, new or found, in DemoPastConsultations' order.
func (d *Deps) SeedPastConsultations(ctx context.Context, demo []DemoPastConsultation) (_ []consultations.Booking, created int, _ error) {
	now := d.Clock.Now()
	today := cz.DateOf(now)
	var out []consultations.Booking
	for i, c := range demo {
		id := demoPastID(today, i)
		b, err := d.Store.GetBooking(ctx, id)
		if err == nil {
			out = append(out, b)
			continue
		}
		if !apperr.Is(err, apperr.NotFound, consultations.ReasonBookingNotFound) {
			return out, created, fmt.Errorf("demo past consultation %s: %w", id, err)
		}
		b, err = d.bookInPast(ctx, id, c, today, now)
		if err != nil {
			return out, created, err
		}
		out = append(out, b)
		created++
	}
	return out, created, nil
}

// bookInPast books c on the latest day, from c.DaysAgo days back, on which
// its expert had a free slot that started before now.
func (d *Deps) bookInPast(ctx context.Context, id string, c DemoPastConsultation, today cz.Date, now time.Time) (consultations.Booking, error) {
	svc := *d.Service
	svc.Store = noMailStore{d.Store}
	svc.IDs = fixedID(id)
	for back := max(c.DaysAgo, 1); back <= demoPastSearchDays; back++ {
		day := today.AddDays(-back)
		svc.Clock = clock.NewFixed(day.AddDays(-demoPastBookedDaysAhead).At(10 * 60))
		free, err := svc.FreeSlots(ctx, consultations.SlotQuery{From: day, To: day, ExpertID: c.ExpertID, Form: c.Form, Topic: c.Topic, Region: c.Region})
		if err != nil {
			return consultations.Booking{}, fmt.Errorf("demo past consultation %s: free slots on %s: %w", id, day, err)
		}
		if len(free) == 0 || !free[0].Start.Before(now) {
			continue
		}
		in := consultations.BookingInput{
			ExpertID: c.ExpertID, Start: free[0].Start.Format(time.RFC3339),
			Form: string(c.Form), Topic: string(c.Topic), TargetGroup: string(c.TargetGroup), Region: c.Region,
			Organisation: c.Org, Contact: c.Contact, Address: c.Address,
			Consent:  consultations.ConsentInput{Accepted: true, NoticeVersion: consultations.PrivacyNoticeVersion},
			Language: c.Language,
		}
		if _, err := svc.CreateBooking(ctx, in, nil); err != nil {
			return consultations.Booking{}, fmt.Errorf("demo past consultation %s on %s: %w", id, day, err)
		}
		return d.Store.GetBooking(ctx, id) // as stored: without the e-mails
	}
	return consultations.Booking{}, fmt.Errorf("demo past consultation %s: %s has no free slot in the %d days before %s", id, c.ExpertID, demoPastSearchDays, today)
}

// demoB32 is the booking ids' alphabet (internal/ids).
var demoB32 = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

// demoPastID is the id of the i-th demo past consultation seeded on day:
// 26 characters like a generated booking id.
func demoPastID(day cz.Date, i int) string {
	sum := sha256.Sum256([]byte("demo past consultation " + day.String() + " " + strconv.Itoa(i)))
	return demoB32.EncodeToString(sum[:16])
}

// fixedID gives every new booking the same id (one booking per service).
type fixedID string

func (f fixedID) NewID() string { return string(f) }

// noMailStore writes bookings without their e-mails.
type noMailStore struct{ consultations.Store }

func (s noMailStore) WriteBooking(ctx context.Context, w consultations.BookingWrite) error {
	w.Mail, w.Booking.Mail = nil, nil
	return s.Store.WriteBooking(ctx, w)
}

// DemoEvaluationResponses is how many answers the demo evaluation of
// consultations starts with each month `make run` runs: enough for its
// totals to show (5 and more), so that the answer a newcomer gives through
// an invitation is counted where they can see it.
const DemoEvaluationResponses = 8

// SeedEvaluationAnswers gives the demo evaluation of consultations its
// demo answers in the current Prague month, as if invited people had
// answered (source consultation, the consultation's facts as context),
// each checked by surveys.Validate. Their ids are derived from the survey,
// the month and the number: a second run the same month writes nothing.
// Run it after SeedSurveys.
func (d *Deps) SeedEvaluationAnswers(ctx context.Context) (created int, _ error) {
	store := surveydb.New(dynamo.New(d.Env.DB, d.Config.TableName))
	id := DemoConsultationSurveyID
	sv, err := store.Get(ctx, id)
	if err != nil {
		return 0, fmt.Errorf("seed evaluation answers: %w", err)
	}
	if sv.Published == 0 {
		return 0, fmt.Errorf("seed evaluation answers: %s is not published", id)
	}
	version := surveys.Version{Survey: id, Number: sv.Published, Definition: DemoSurveys()[id]}
	month := surveydb.Month(d.Clock.Now())
	contexts := []surveys.Context{
		{Form: "online", Topic: "transformation_plan", Region: "CZ064", TargetGroup: "provider"},
		{Form: "phone", Topic: "financing", Region: "CZ010", TargetGroup: "public_administration"},
		{Form: "onsite", Topic: "community_services", Region: "CZ020", TargetGroup: "client"},
		{Form: "online", Topic: "human_resources", Region: "CZ010", TargetGroup: "provider"},
	}
	var items []dynamo.TxItem
	for i := range DemoEvaluationResponses {
		a := surveys.Answers{
			"q1_satisfaction": 3 + i%3, "q3_nps": 6 + i%5,
			"q2_expertise": 4 + i%2, "q2_practical": 3 + i%3, "q2_time": 2 + i%4, "q2_booking": 5 - i%2,
		}
		a["q4_again"] = 1
		if i%4 == 3 {
			a["q4_again"] = 0
		}
		values, errs := surveys.Validate(version, a, false)
		if len(errs) > 0 {
			return 0, fmt.Errorf("demo evaluation answer %d: %v", i, errs)
		}
		c := contexts[i%len(contexts)]
		c.Source = surveys.SourceConsultation
		sum := sha256.Sum256([]byte("demo evaluation " + id + " " + month + " " + strconv.Itoa(i)))
		put, err := store.ResponsePut(surveys.Response{
			ID: hex.EncodeToString(sum[:16]), Survey: id, Version: sv.Published, Month: month, Context: c, Values: values,
		})
		if err != nil {
			return 0, err
		}
		items = append(items, put)
	}
	err = store.Transact(ctx, "seed evaluation answers", items)
	if apperr.Is(err, apperr.Conflict, surveydb.ReasonResponseExists) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("seed evaluation answers: %w", err)
	}
	return len(items), nil
}
