package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports/reportdb"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// DemoReportMonths are the two Prague months the demo report data of
// `make run` spans (SeedReportData): past consultations, events with
// registrations, check-ins, walk-ins and ESF+ answers, and survey
// responses in each (the evaluation of events; the awareness survey in
// November, its first wave), so that `make report MONTH=2026-10` and
// `MONTH=2026-11` have something to count and compare.
func DemoReportMonths() []cz.Month {
	return []cz.Month{{Year: 2026, Month: time.October}, {Year: 2026, Month: time.November}}
}

// demoOrg is an organisation of the demo report data (valid IČO
// checksums; the names are made up).
type demoOrg struct {
	Name, ICO string
	Group     programme.TargetGroup
}

// demoOrgs: a few public administrations and providers, so that the
// organisations supported count distinct IČOs, some again in the second
// month (the cumulative count).
var demoOrgs = []demoOrg{
	{"Magistrát hlavního města Prahy, odbor sociálních věcí", "00064581", programme.TargetPublicAdministration},
	{"Krajský úřad, odbor sociálních věcí", "70890013", programme.TargetPublicAdministration},
	{"Městský úřad, sociální odbor", "00299278", programme.TargetPublicAdministration},
	{"Obecní úřad, sociální pracovnice obce", "00241237", programme.TargetPublicAdministration},
	{"Domov Slunečnice, poskytovatel sociálních služeb", "00551023", programme.TargetProvider},
	{"Domov na Výsluní, příspěvková organizace", "70888434", programme.TargetProvider},
	{"Chráněné bydlení Lipka, o. p. s.", "26745887", programme.TargetProvider},
	{"Sociální služby Dubina, z. ú.", "26901056", programme.TargetProvider},
	{"Centrum podpory Horizont, z. s.", "45612871", programme.TargetProvider},
	{"Denní stacionář Paprsek, z. ú.", "01245635", programme.TargetProvider},
	{"Domov pod Lipami, příspěvková organizace", "28003161", programme.TargetProvider},
}

// demoNames are the made-up people of the demo report data.
var demoNames = []string{
	"Alena Marková", "Petr Kolář", "Lucie Benešová", "Martin Veselý", "Hana Pokorná", "Tomáš Růžička",
	"Eva Fialová", "Jan Kučera", "Markéta Němcová", "David Sedláček", "Zuzana Krejčí", "Pavel Doležal",
}

// demoReportID is a stable 26-character id (like a generated one) of the
// demo report data's item named by parts.
func demoReportID(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p + "\x00"))
	}
	return demoB32.EncodeToString(h.Sum(nil)[:16])
}

// demoAdmin is who the seed acts as on the staff side.
var demoAdmin = auth.Principal{Subject: DemoAdminSubject, Groups: []string{auth.GroupAdmin}}

// ReportSeeded counts what SeedReportData wrote.
type ReportSeeded struct {
	Consultations, Events, Registrations, Responses, Services int
}

// demoReportQuiet: the demo report data ends this long before now, past
// the survey invitations' catch-up window, so that the invitation job
// (every minute in the local stack) invites none of its made-up people.
const demoReportQuiet = invite.InvitationCatchUp + 24*time.Hour

// SeedReportData writes the demo data of the monthly reports
// (DemoReportMonths) through the real write paths: consultations booked
// through the booking service (clock set to before their day) and then
// marked held or no-show by staff, or cancelled by their booker; events
// stored by the events' store, registered to through the registration
// service (with ESF+ answers), checked in, with walk-ins, then marked
// held (the rest no-shows); evaluation and awareness survey responses
// through the survey store, each checked by surveys.Validate. Only
// consultations and events over demoReportQuiet before now are written. Every item's id is derived from what it is:
// a second run finds it and writes nothing. Run it after SeedSurveys.
func (d *Deps) SeedReportData(ctx context.Context) (ReportSeeded, error) {
	var n ReportSeeded
	now := d.Clock.Now()
	quiet := now.Add(-demoReportQuiet)
	var err error
	for _, m := range DemoReportMonths() {
		c, err := d.seedReportConsultations(ctx, m, quiet)
		n.Consultations += c
		if err != nil {
			return n, err
		}
		e, r, err := d.seedReportEvents(ctx, m, quiet)
		n.Events += e
		n.Registrations += r
		if err != nil {
			return n, err
		}
		s, err := d.seedReportResponses(ctx, m, now)
		n.Responses += s
		if err != nil {
			return n, err
		}
	}
	// The transformation register's demo services (register.Demo: ten
	// services with phase changes in October and November 2026); a
	// service stored before is left as it is.
	created, err := reportdb.NewServices(dynamo.New(d.Env.DB, d.Config.TableName)).SeedDemo(ctx)
	n.Services += created
	return n, err
}

// --- consultations ------------------------------------------------------------

// demoStatusCycle spreads the consultations' outcomes: of every 20, 14
// held, 2 no-shows, 3 cancelled by their booker, 1 without an outcome
// recorded.
func demoStatus(i int) consultations.Status {
	switch k := i % 20; {
	case k == 3 || k == 11:
		return consultations.StatusNoShow
	case k == 6 || k == 13 || k == 17:
		return consultations.StatusCancelled
	case k == 19:
		return consultations.StatusConfirmed
	}
	return consultations.StatusHeld
}

// demoGroups spreads the target groups: providers and public
// administrations most, clients and the community a few (small cells).
var demoGroups = []programme.TargetGroup{
	programme.TargetProvider, programme.TargetPublicAdministration, programme.TargetProvider, programme.TargetClient,
	programme.TargetProvider, programme.TargetPublicAdministration, programme.TargetProvider, programme.TargetPublicAdministration,
	programme.TargetProvider, programme.TargetCommunity,
}

// demoOrgFor picks an organisation of the target group (none for clients
// and the community); the second month meets some new ones.
func demoOrgFor(g programme.TargetGroup, i int, m cz.Month) consultations.OrganisationInput {
	var pool []demoOrg
	for _, o := range demoOrgs {
		if o.Group == g {
			pool = append(pool, o)
		}
	}
	if len(pool) == 0 {
		return consultations.OrganisationInput{}
	}
	// October knows the first part of each pool, November all of it.
	size := len(pool)
	if m == DemoReportMonths()[0] {
		size = max(1, size*2/3)
	}
	// i/10 shifts each round of demoGroups, whose slots of one group all
	// have the same parity.
	o := pool[(i+i/len(demoGroups))%size]
	return consultations.OrganisationInput{Name: o.Name, ICO: o.ICO}
}

// seedReportConsultations books month m's demo consultations over before
// until: for each working day of each demo expert, one (two with
// Dvořáková) in the first free slot, each with its own form, topic,
// region and target group from the expert's offer, then its outcome.
func (d *Deps) seedReportConsultations(ctx context.Context, m cz.Month, until time.Time) (created int, _ error) {
	experts := DemoExperts(until)
	i := 0
	for day := cz.DateOf(m.Start()); day.Before(cz.DateOf(m.End())); day = day.AddDays(1) {
		for _, e := range experts {
			if len(e.Availability.Weekly[day.Weekday()]) == 0 {
				continue
			}
			perDay := 1
			if e.ID == "jana-dvorakova" {
				perDay = 2
			}
			for k := range perDay {
				id := demoReportID("demo report consultation", day.String(), e.ID, strconv.Itoa(k))
				ok, err := d.seedReportConsultation(ctx, id, e, day, i, m, until)
				if err != nil {
					return created, err
				}
				if ok {
					created++
				}
				i++
			}
		}
	}
	return created, nil
}

func (d *Deps) seedReportConsultation(ctx context.Context, id string, e consultations.Expert, day cz.Date, i int, m cz.Month, until time.Time) (bool, error) {
	if _, err := d.Store.GetBooking(ctx, id); err == nil {
		return false, nil
	} else if !apperr.Is(err, apperr.NotFound, consultations.ReasonBookingNotFound) {
		return false, fmt.Errorf("demo report consultation %s: %w", id, err)
	}
	form := e.Forms[(i/2)%len(e.Forms)]
	topic := e.Topics[(i/3)%len(e.Topics)]
	// Most from the expert's first regions, a few from the others.
	region := e.Regions[0]
	if r := i % 10; r >= 6 {
		region = e.Regions[(i/10+r)%len(e.Regions)]
	} else if r >= 3 && len(e.Regions) > 1 {
		region = e.Regions[1]
	}
	group := demoGroups[i%len(demoGroups)]
	name := demoNames[i%len(demoNames)]
	in := consultations.BookingInput{
		ExpertID: e.ID, Form: string(form), Topic: string(topic), TargetGroup: string(group), Region: region,
		Organisation: demoOrgFor(group, i, m),
		Contact: consultations.ContactInput{
			Name:  name,
			Email: fmt.Sprintf("demo.report.%s.%03d@example.cz", m, i),
			Phone: fmt.Sprintf("+420 77%d %03d %03d", int(m.Month)%10, i, 100+i),
		},
		Consent:  consultations.ConsentInput{Accepted: true, NoticeVersion: consultations.PrivacyNoticeVersion},
		Language: "cs",
	}
	if form == programme.FormOnsite {
		in.Address = "Náměstí Míru 1, 120 00 Praha 2"
	}
	svc := *d.Service
	svc.Store = noMailStore{d.Store}
	svc.IDs = fixedID(id)
	svc.Clock = clock.NewFixed(day.AddDays(-demoPastBookedDaysAhead).At(10 * 60))
	free, err := svc.FreeSlots(ctx, consultations.SlotQuery{From: day, To: day, ExpertID: e.ID, Form: form, Topic: topic, Region: region})
	if err != nil {
		return false, fmt.Errorf("demo report consultation %s: free slots on %s: %w", id, day, err)
	}
	if len(free) == 0 || free[0].End.After(until) {
		return false, nil // a full day, or too recent
	}
	in.Start = free[0].Start.Format(time.RFC3339)
	c, err := svc.CreateBooking(ctx, in, nil)
	if err != nil {
		return false, fmt.Errorf("demo report consultation %s on %s: %w%s", id, day, err, fieldErrors(err))
	}
	switch st := demoStatus(i); st {
	case consultations.StatusHeld, consultations.StatusNoShow:
		svc.Clock = clock.NewFixed(free[0].End.Add(30 * time.Minute))
		if _, err := svc.SetOutcome(ctx, demoAdmin, id, consultations.OutcomeInput{Status: string(st)}); err != nil {
			return false, fmt.Errorf("demo report consultation %s: outcome %s: %w", id, st, err)
		}
	case consultations.StatusCancelled:
		svc.Clock = clock.NewFixed(free[0].Start.Add(-26 * time.Hour))
		if _, err := svc.Cancel(ctx, id, c.Token, nil); err != nil {
			return false, fmt.Errorf("demo report consultation %s: cancel: %w", id, err)
		}
	}
	return true, nil
}

// --- events --------------------------------------------------------------------

// demoReportEvent is one past event of the demo report data and how it
// went.
type demoReportEvent struct {
	Event       workshops.Event
	Registrants int // registered (a few cancel)
	Absent      int // of them, never checked in: no-shows
	Cancelled   int
	WalkIns     int
}

// demoReportEvents are month m's past events: a workshop, a webinar and a
// hybrid seminar every month, a forum in October and a two-day study
// visit in November.
func demoReportEvents(m cz.Month) []demoReportEvent {
	at := func(day int, from, to string) workshops.Session {
		d := cz.Date{Year: m.Year, Month: m.Month, Day: day}
		return workshops.Session{Start: d.At(clockMinutes(from)).UTC(), End: d.At(clockMinutes(to)).UTC()}
	}
	ev := func(slug string, e workshops.Event) workshops.Event {
		e.ID = "demo-report-" + m.String() + "-" + slug
		e.Status = workshops.EventPublished
		e.RegistrationOpens = e.Sessions[0].Start.Add(-30 * 24 * time.Hour)
		e.RegistrationCloses = e.Sessions[0].Start.Add(-24 * time.Hour)
		e.Organiser = "Národní program transformace sociálních služeb, MPSV"
		e.Owner = DemoAdminSubject
		e.Version = 1
		e.CreatedAt = e.RegistrationOpens.Add(-24 * time.Hour)
		e.UpdatedAt = e.CreatedAt
		return e
	}
	venue := func(name, address string) workshops.Venue {
		return workshops.Venue{Name: name, Address: address, StepFree: true}
	}
	out := []demoReportEvent{
		{Event: ev("workshop", workshops.Event{
			Kind:  workshops.KindWorkshop,
			Title: workshops.Text{CS: "Transformační plán v praxi", EN: "The transformation plan in practice"},
			Description: workshops.Text{
				CS: "Workshop pro vedení pobytových služeb nad jejich transformačními plány.",
				EN: "A workshop for managers of residential services on their transformation plans.",
			},
			Topics:       []programme.Topic{programme.TopicTransformationPlan},
			TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration},
			Region:       "CZ010", Sessions: []workshops.Session{at(7, "09:00", "15:00")}, Mode: workshops.ModeInPerson,
			Venue:    venue("Ministerstvo práce a sociálních věcí, zasedací sál", "Na Poříčním právu 1/376, 128 01 Praha 2"),
			Capacity: workshops.Capacity{InPerson: 20},
		}), Registrants: 12, Absent: 2, Cancelled: 1, WalkIns: 2},
		{Event: ev("webinar", workshops.Event{
			Kind:  workshops.KindWebinar,
			Title: workshops.Text{CS: "Webinář: financování komunitních služeb", EN: "Webinar: funding community services"},
			Description: workshops.Text{
				CS: "Výzvy, způsobilé výdaje a nejčastější chyby v žádostech.",
				EN: "Calls, eligible costs and the most common mistakes in applications.",
			},
			Topics:       []programme.Topic{programme.TopicFinancing},
			TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration},
			Region:       "CZ020", Sessions: []workshops.Session{at(14, "10:00", "11:30")}, Mode: workshops.ModeOnline,
			OnlineLink: "https://meet.example.cz/brana-webinar-" + m.String(),
			Capacity:   workshops.Capacity{Online: 100},
		}), Registrants: 18, Absent: 5, Cancelled: 2},
		{Event: ev("seminar", workshops.Event{
			Kind:  workshops.KindSeminar,
			Title: workshops.Text{CS: "Seminář: lidé v transformaci", EN: "Seminar: people in the transformation"},
			Description: workshops.Text{
				CS: "Jak připravit tým na práci v komunitě.",
				EN: "Preparing a team for community work.",
			},
			Topics:       []programme.Topic{programme.TopicHumanResources},
			TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetClient, programme.TargetCommunity},
			Region:       "CZ052", Sessions: []workshops.Session{at(21, "09:30", "14:00")}, Mode: workshops.ModeHybrid,
			Venue:      venue("Univerzita Hradec Králové, aula", "Rokitanského 62, 500 03 Hradec Králové"),
			OnlineLink: "https://meet.example.cz/brana-seminar-" + m.String(),
			Capacity:   workshops.Capacity{InPerson: 15, Online: 50},
		}), Registrants: 10, Absent: 3, Cancelled: 1, WalkIns: 1},
	}
	if m.Month == time.October {
		out = append(out, demoReportEvent{Event: ev("forum", workshops.Event{
			Kind:  workshops.KindForum,
			Title: workshops.Text{CS: "Fórum: komunitní služby v kraji", EN: "Forum: community services in the region"},
			Description: workshops.Text{
				CS: "Setkání poskytovatelů, obcí a kraje nad sítí komunitních služeb.",
				EN: "Providers, municipalities and the region on the network of community services.",
			},
			Topics:       []programme.Topic{programme.TopicCommunityServices},
			TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration, programme.TargetCommunity},
			Region:       "CZ064", Sessions: []workshops.Session{at(23, "13:00", "16:30")}, Mode: workshops.ModeInPerson,
			Venue:    venue("Krajský úřad Jihomoravského kraje, sál Rady", "Žerotínovo náměstí 3, 601 82 Brno"),
			Capacity: workshops.Capacity{InPerson: 12},
		}), Registrants: 8, Absent: 1, WalkIns: 3})
	} else {
		out = append(out, demoReportEvent{Event: ev("staz", workshops.Event{
			Kind:  workshops.KindStudyVisit,
			Title: workshops.Text{CS: "Stáž v chráněném bydlení", EN: "Study visit: supported housing"},
			Description: workshops.Text{
				CS: "Dvoudenní stáž ve službě, která prošla transformací.",
				EN: "Two days in a service that went through the transformation.",
			},
			Topics:       []programme.Topic{programme.TopicCaseManagement},
			TargetGroups: []programme.TargetGroup{programme.TargetProvider},
			Region:       "CZ071", Sessions: []workshops.Session{at(18, "09:00", "16:00"), at(19, "08:30", "12:30")}, Mode: workshops.ModeInPerson,
			Venue:    venue("Chráněné bydlení Na Letné", "Dukelských hrdinů 12, 779 00 Olomouc"),
			Capacity: workshops.Capacity{InPerson: 8},
		}), Registrants: 6, Absent: 1})
	}
	return out
}

// demoEsf is the i-th registrant's ESF+ answers; every fourth gives none,
// some prefer not to say.
func demoEsf(i int) (workshops.EsfInput, bool) {
	if i%4 == 3 {
		return workshops.EsfInput{}, false
	}
	return workshops.EsfInput{
		Consent:    true,
		Gender:     []string{"woman", "woman", "man", "woman", "man", "prefer_not_to_say", "woman", "non_binary", "man"}[i%9],
		AgeBand:    []string{"30_54", "30_54", "55_plus", "18_29", "30_54", "prefer_not_to_say", "55_plus"}[i%7],
		Disability: []string{"no", "no", "no", "yes", "no", "prefer_not_to_say", "no", "no"}[i%8],
	}, true
}

// seedReportEvents writes month m's events over before until and not
// stored yet, with their registrations.
func (d *Deps) seedReportEvents(ctx context.Context, m cz.Month, until time.Time) (events, regs int, _ error) {
	db := dynamo.New(d.Env.DB, d.Config.TableName)
	store := workshopdb.New(db)
	for j, de := range demoReportEvents(m) {
		e := de.Event
		if e.End().After(until) {
			continue
		}
		err := store.PutEvent(ctx, e, 0)
		if apperr.Is(err, apperr.Conflict, workshops.ReasonEventChanged) {
			continue // seeded before
		}
		if err != nil {
			return events, regs, fmt.Errorf("demo report event %s: %w", e.ID, err)
		}
		events++
		n, err := d.seedReportRegistrations(ctx, db, store, de, j)
		regs += n
		if err != nil {
			return events, regs, fmt.Errorf("demo report event %s: %w", e.ID, err)
		}
	}
	return events, regs, nil
}

func (d *Deps) seedReportRegistrations(ctx context.Context, db *dynamo.Store, store *workshopdb.Store, de demoReportEvent, j int) (int, error) {
	e := de.Event
	clk := clock.NewFixed(e.RegistrationOpens)
	regIDs := make([]string, 0, de.Registrants)
	gen := &demoIDs{prefix: e.ID}
	svc := &workshops.Service{
		Store: store, Clock: clk, IDs: gen, BaseURL: d.Config.PublicBaseURL, // no Mail: no e-mails
		EmailKey: seal.DeriveKey(d.Config.OutboxKey, workshops.EmailKeyPurpose),
	}
	staff := &workshops.Staff{Store: workshopdb.NewStaff(db), Clock: clk, IDs: gen}
	seats := e.Seats()
	var tokens []string
	for i := range de.Registrants {
		k := j*7 + i
		group := demoGroups[k%len(demoGroups)]
		if !containsGroup(e.TargetGroups, group) {
			group = e.TargetGroups[i%len(e.TargetGroups)]
		}
		org := demoOrgFor(group, k, cz.MonthOf(e.Start()))
		region := e.Region
		if i%5 == 4 {
			region = []string{"CZ080", "CZ041", "CZ063", "CZ031"}[k%4]
		}
		clk.Set(e.RegistrationOpens.Add(time.Duration(24+i) * time.Hour))
		r, err := svc.Register(ctx, e.ID, workshops.RegistrationInput{
			Contact:      workshops.ContactInput{Name: demoNames[k%len(demoNames)], Email: fmt.Sprintf("demo.%s.%02d@example.cz", e.ID, i)},
			Organisation: workshops.OrganisationInput{Name: org.Name, ICO: org.ICO},
			TargetGroup:  string(group), JobRole: "sociální pracovník", Region: region,
			Seat:     string(seats[i%len(seats)]),
			Consent:  workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
			Language: "cs",
		}, nil)
		if err != nil {
			return len(regIDs), fmt.Errorf("registration %d: %w%s", i, err, fieldErrors(err))
		}
		regIDs = append(regIDs, r.Registration.ID)
		tokens = append(tokens, r.Token)
		if a, ok := demoEsf(k); ok {
			if _, err := svc.SubmitEsf(ctx, r.Registration.ID, r.Token, a); err != nil {
				return len(regIDs), fmt.Errorf("ESF+ answers of registration %d: %w", i, err)
			}
		}
	}
	// A few cancel the week before.
	for i := range de.Cancelled {
		clk.Set(e.Start().Add(-7 * 24 * time.Hour))
		if _, err := svc.Cancel(ctx, regIDs[i], tokens[i], nil); err != nil {
			return len(regIDs), fmt.Errorf("cancel registration %d: %w", i, err)
		}
	}
	// On the day: the others check in, but Absent of them; walk-ins.
	clk.Set(e.Start().Add(10 * time.Minute))
	for i := de.Cancelled; i < len(regIDs)-de.Absent; i++ {
		if _, err := staff.CheckIn(ctx, demoAdmin, e.ID, workshops.CheckInInput{RegistrationID: regIDs[i]}); err != nil {
			return len(regIDs), fmt.Errorf("check in registration %d: %w", i, err)
		}
	}
	for i := range de.WalkIns {
		in := workshops.WalkInInput{Name: demoNames[(j+i+5)%len(demoNames)]}
		if o := demoOrgs[(j*3+i)%len(demoOrgs)]; i%2 == 0 {
			in.Org.Name, in.Org.ICO = o.Name, o.ICO
		}
		if _, err := staff.AddWalkIn(ctx, demoAdmin, e.ID, in); err != nil {
			return len(regIDs), fmt.Errorf("walk-in %d: %w", i, err)
		}
	}
	// Held: the ones not checked in are no-shows. (Not Staff.MarkHeld:
	// that e-mails every attendee a certificate.)
	clk.Set(e.End().Add(time.Hour))
	cur, err := store.GetEvent(ctx, e.ID)
	if err != nil {
		return len(regIDs), err
	}
	held := cur
	held.Status, held.Version, held.UpdatedAt = workshops.EventHeld, cur.Version+1, clk.Now()
	if err := store.PutEvent(ctx, held, cur.Version); err != nil {
		return len(regIDs), fmt.Errorf("mark held: %w", err)
	}
	if err := staff.MarkNoShows(ctx, held, clk.Now()); err != nil {
		return len(regIDs), fmt.Errorf("mark no-shows: %w", err)
	}
	return len(regIDs) + de.WalkIns, nil
}

func containsGroup(gs []programme.TargetGroup, g programme.TargetGroup) bool {
	for _, x := range gs {
		if x == g {
			return true
		}
	}
	return false
}

// demoIDs gives the registrations of a demo event ids derived from the
// event and their number: the same every run.
type demoIDs struct {
	prefix string
	n      int
}

func (g *demoIDs) NewID() string {
	g.n++
	return demoReportID("demo report registration", g.prefix, strconv.Itoa(g.n))
}

// --- survey responses ----------------------------------------------------------

// demoReportResponses is how many answers each demo survey gets in the
// demo report months: by survey, October then November. Not the
// evaluation of consultations: its 8 demo answers of the current month
// (SeedEvaluationAnswers) are what README's "Try the surveys" and the
// browser tests count on.
var demoReportResponses = map[string][2]int{
	DemoEventSurveyID:     {16, 12},
	DemoAwarenessSurveyID: {0, 36}, // its first wave starts in November
}

// seedReportResponses writes month m's demo answers to the three demo
// surveys (the version published), each checked by surveys.Validate;
// their ids are derived from the survey, the month and the number. The
// month's responses are written only once it has begun.
func (d *Deps) seedReportResponses(ctx context.Context, m cz.Month, now time.Time) (int, error) {
	if now.Before(m.Start()) {
		return 0, nil
	}
	store := surveydb.New(dynamo.New(d.Env.DB, d.Config.TableName))
	idx := 0
	if m != DemoReportMonths()[0] {
		idx = 1
	}
	written := 0
	for _, id := range []string{DemoEventSurveyID, DemoAwarenessSurveyID} {
		count := demoReportResponses[id][idx]
		if count == 0 {
			continue
		}
		sv, err := store.Get(ctx, id)
		if err != nil {
			return written, fmt.Errorf("seed report responses: %w", err)
		}
		if sv.Published == 0 {
			continue
		}
		def := DemoSurveys()[id]
		version := surveys.Version{Survey: id, Number: sv.Published, Definition: def}
		rnd := rand.New(rand.NewPCG(uint64(m.Year), uint64(m.Month)*31+uint64(len(id))))
		var items []dynamo.TxItem
		for i := range count {
			a, easy, c := demoReportAnswer(id, def, m, rnd, i)
			values, errs := surveys.Validate(version, a, easy)
			if len(errs) > 0 {
				return written, fmt.Errorf("demo report answer %s %d: %v", id, i, errs)
			}
			sum := sha256.Sum256([]byte("demo report response " + id + " " + m.String() + " " + strconv.Itoa(i)))
			put, err := store.ResponsePut(surveys.Response{
				ID: hex.EncodeToString(sum[:16]), Survey: id, Version: sv.Published, Month: m.String(),
				Context: c, EasyRead: easy, Values: values,
			})
			if err != nil {
				return written, err
			}
			items = append(items, put)
		}
		for len(items) > 0 {
			n := min(len(items), 25)
			err := store.Transact(ctx, "seed report responses", items[:n])
			if apperr.Is(err, apperr.Conflict, surveydb.ReasonResponseExists) {
				break // written before
			}
			if err != nil {
				return written, fmt.Errorf("seed report responses of %s: %w", id, err)
			}
			written += n
			items = items[n:]
		}
	}
	return written, nil
}

// demoReportAnswer is the i-th demo answer to survey id in month m, with
// its context; November's evaluations are a little better than
// October's, so the change from the month before shows.
func demoReportAnswer(id string, def surveys.Definition, m cz.Month, rnd *rand.Rand, i int) (surveys.Answers, bool, surveys.Context) {
	better := 0
	if m != DemoReportMonths()[0] {
		better = 1
	}
	groups := []string{"provider", "public_administration", "provider", "client", "provider", "public_administration", "community"}
	regions := []string{"CZ064", "CZ010", "CZ071", "CZ064", "CZ020", "CZ010", "CZ052", "CZ080"}
	c := surveys.Context{TargetGroup: groups[i%len(groups)], Region: regions[(i*3)%len(regions)]}
	switch id {
	case DemoConsultationSurveyID:
		c.Source = surveys.SourceConsultation
		c.Form = []string{"online", "phone", "onsite"}[i%3]
		c.Topic = []string{"transformation_plan", "financing", "community_services", "human_resources"}[i%4]
		a := surveys.Answers{
			"q1_satisfaction": min(5, 2+rnd.IntN(3)+better), "q3_nps": min(10, 5+rnd.IntN(5)+better),
			"q2_expertise": 3 + rnd.IntN(3), "q2_practical": 2 + rnd.IntN(4), "q2_time": 2 + rnd.IntN(4), "q2_booking": 3 + rnd.IntN(3),
			"q4_again": 1,
		}
		if i%5 == 4 {
			a["q4_again"] = 0
		}
		return a, false, c
	case DemoEventSurveyID:
		c.Source = surveys.SourceEvent
		c.Form = []string{"workshop", "webinar", "seminar", "forum"}[i%4]
		a := surveys.Answers{
			"q1_satisfaction": min(5, 2+rnd.IntN(3)+better), "q3_apply": []int{1, 1, 2, 3, 9}[rnd.IntN(5)], "q4_nps": min(10, 4+rnd.IntN(6)+better),
			"q2_useful": 2 + rnd.IntN(4), "q2_speakers": 3 + rnd.IntN(3), "q2_venue": 2 + rnd.IntN(4),
		}
		if i%3 == 0 {
			a["q5_hours"] = 1 + rnd.IntN(6)
		}
		return a, false, c
	}
	// The awareness survey: the wave of the month's middle.
	a, easy := demoAnswers(rnd, i)
	c.Source = surveys.SourcePublic
	group, region := demoRespondent(i)
	c.TargetGroup, c.Region = group, region
	if w, ok := surveyapi.WaveOn(def, cz.DateOf(m.Start()).AddDays(14)); ok {
		c.Wave = w.Code
	}
	return a, easy, c
}

// fieldErrors names the fields an invalid demo item broke (for the seed's
// own error message: the demo data is made up, nothing personal).
func fieldErrors(err error) string {
	var e *apperr.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return ""
	}
	return fmt.Sprintf(" %+v", e.Fields)
}
