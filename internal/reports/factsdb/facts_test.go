package factsdb_test

import (
	"context"
	"fmt"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/factsdb"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }

var (
	oct = cz.Month{Year: 2026, Month: time.October}
	nov = cz.Month{Year: 2026, Month: time.November}
	dec = cz.Month{Year: 2026, Month: time.December}
	// created is when the seeded items were made (before every month).
	created = time.Date(2026, 9, 15, 8, 0, 0, 0, time.UTC)
	admin   = auth.Principal{Subject: "dev-admin", Groups: []string{auth.GroupAdmin}}
)

// prague is a Prague wall-clock time, in UTC.
func prague(mo time.Month, day, hour, minute int) time.Time {
	return time.Date(2026, mo, day, hour, minute, 0, 0, cz.Prague).UTC()
}

// fixture is a fresh table: the capabilities' own stores write it (on the
// plain client), the facts reader reads it through a CountingDB.
type fixture struct {
	tb        testing.TB
	client    *dynamodb.Client
	table     string
	counter   *factsdb.CountingDB
	facts     *factsdb.Facts
	db        *dynamo.Store
	bookings  *consultdb.Store
	workshops *workshopdb.Store
	surveys   *surveydb.Store
}

// register is the transformation register the reader is given (its
// storage is another's): two services.
var register = []reports.Service{
	{ID: "s1", Name: "Domov Slunečnice", Ico: "00551023", Region: "CZ064", Phase: "planning"},
	{ID: "s2", Name: "Chráněné bydlení Lipka", Ico: "25596641", Region: "CZ010", Phase: "transforming"},
}

func services(_ context.Context, fn func(reports.Service) error) error {
	for _, s := range register {
		if err := fn(s); err != nil {
			return err
		}
	}
	return nil
}

func newFixture(tb testing.TB) *fixture {
	tb.Helper()
	client := dynamotest.Client(tb)
	table := dynamotest.NewTable(tb, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	counter := factsdb.NewCountingDB(client)
	db := dynamo.New(client, table)
	return &fixture{
		tb: tb, client: client, table: table, counter: counter, db: db,
		facts:    factsdb.NewFacts(dynamo.New(counter, table), services),
		bookings: consultdb.New(db), workshops: workshopdb.New(db), surveys: surveydb.New(db),
	}
}

// ---- What is seeded, and the facts it must read back as ----

// eventFacts is an event with its registrations, as Facts.Events gives it.
type eventFacts struct {
	Event facts.Event
	Regs  []facts.Registration
}

// monthFacts is everything Facts gives for one month, in a fixed order.
type monthFacts struct {
	Consultations []facts.Consultation
	Events        []eventFacts
	Esf           []facts.EsfAnswer
	Surveys       []surveys.Survey
	Versions      map[string]surveys.Version // "<survey>/<n>", those the responses answered
	Responses     []surveys.Response
	Services      []reports.Service
}

// seed is what was written, per month: the facts it must read back as,
// the ids to erase, and how many items each month holds.
type seed struct {
	want     map[cz.Month]*monthFacts
	bookings map[cz.Month][]string
	regs     map[cz.Month][]string
	surveys  []surveys.Survey
	n        int
}

func (s *seed) month(m cz.Month) *monthFacts {
	if s.want == nil {
		s.want = map[cz.Month]*monthFacts{}
	}
	if s.want[m] == nil {
		s.want[m] = &monthFacts{Versions: map[string]surveys.Version{}}
	}
	return s.want[m]
}

// keptIco is the IČO the facts keep: only of public administrations and
// providers (what an erasure keeps).
func keptIco(g programme.TargetGroup, ico string) string {
	if g == programme.TargetProvider || g == programme.TargetPublicAdministration {
		return ico
	}
	return ""
}

var (
	forms   = []programme.Form{programme.FormOnline, programme.FormPhone, programme.FormOnsite}
	topics  = []programme.Topic{programme.TopicTransformationPlan, programme.TopicFinancing, programme.TopicCaseManagement}
	groups  = []programme.TargetGroup{programme.TargetProvider, programme.TargetClient, programme.TargetPublicAdministration, programme.TargetCommunity}
	regions = []string{"CZ064", "CZ010", "CZ080", ""}
	bStates = []consultations.Status{consultations.StatusHeld, consultations.StatusNoShow, consultations.StatusCancelled, consultations.StatusConfirmed}
)

// booking writes a booking with the consultations' own store, full of
// personal data, and records the fact it must read back as.
func (f *fixture) booking(s *seed, id string, start time.Time, minutes, i int) {
	f.tb.Helper()
	g := groups[i%len(groups)]
	b := consultations.Booking{
		ID: id, ExpertID: "jana", Start: start, End: start.Add(time.Duration(minutes) * time.Minute),
		ClaimEnd: start.Add(time.Duration(minutes+15) * time.Minute),
		Form:     forms[i%len(forms)], Topic: topics[i%len(topics)], TargetGroup: g, Region: regions[i%len(regions)],
		// Every booking has an IČO, clients' too (a sole trader's): only
		// those of organisations may be read.
		Organisation: consultations.Organisation{Name: "Domov Slunečnice", ICO: fmt.Sprintf("%08d", 551023+i)},
		Contact:      consultations.Contact{Name: "Marie Procházková", Email: "marie" + id + "@example.cz", Phone: "+420603123456"},
		Address:      "Lipová 12, Brno", Note: "poznámka",
		Consent: consultations.Consent{NoticeVersion: consultations.PrivacyNoticeVersion, At: created},
		Lang:    i18n.CS, Status: bStates[i%len(bStates)], Version: 1,
		TokenHash: ids.HashToken("token-" + id), CreatedAt: created, UpdatedAt: created,
	}
	if err := f.bookings.WriteBooking(context.Background(), consultations.BookingWrite{Booking: b}); err != nil {
		f.tb.Fatalf("write booking %s: %v", id, err)
	}
	m := cz.MonthOf(start)
	mf := s.month(m)
	mf.Consultations = append(mf.Consultations, facts.Consultation{
		Start: b.Start, End: b.End, Status: string(b.Status), Form: string(b.Form), Topic: string(b.Topic),
		TargetGroup: string(g), Region: b.Region, Ico: keptIco(g, b.Organisation.ICO),
	})
	s.bookings[m] = append(s.bookings[m], id)
	s.n++
}

var rStates = []workshops.RegistrationStatus{workshops.RegAttended, workshops.RegConfirmed, workshops.RegCancelled, workshops.RegNoShow, workshops.RegWaitlisted}

// event writes an event with the workshops' own store, nRegs registrations
// (the first two with ESF+ answers) and records the facts.
func (f *fixture) event(s *seed, id string, kind workshops.Kind, status workshops.EventStatus, sessions []workshops.Session, nRegs int) {
	f.tb.Helper()
	ctx := context.Background()
	e := workshops.Event{
		ID: id, Kind: kind, Title: workshops.Text{CS: "Plánování podpory", EN: "Planning support"},
		Description: workshops.Text{CS: "Praktický workshop."}, Topics: []programme.Topic{programme.TopicCommunityServices},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider}, Region: "CZ064", Sessions: sessions,
		Mode: workshops.ModeInPerson, Venue: workshops.Venue{Name: "Krajský úřad", Address: "Žerotínovo nám. 3, Brno"},
		Capacity: workshops.Capacity{InPerson: 30}, RegistrationOpens: created, RegistrationCloses: sessions[0].Start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: status, Version: 1, CreatedAt: created, UpdatedAt: created,
	}
	if err := f.workshops.PutEvent(ctx, e, 0); err != nil {
		f.tb.Fatalf("put event %s: %v", id, err)
	}
	m := cz.MonthOf(e.Start())
	ef := eventFacts{Event: facts.Event{ID: id, Kind: string(kind), Region: e.Region, Status: string(status),
		Start: e.Start(), End: e.End(), Hours: e.Hours().Hours()}}
	s.n++
	for i := range nRegs {
		g := groups[i%len(groups)]
		r := workshops.Registration{
			ID: fmt.Sprintf("%s-r%d", id, i), EventID: id, Seat: workshops.SeatInPerson, Status: rStates[i%len(rStates)],
			Contact: workshops.Contact{Name: "Petr Novák", Email: fmt.Sprintf("petr%d@example.cz", i), Phone: "+420603000111"},
			Org:     workshops.Organisation{Name: "Obec Lhota", ICO: fmt.Sprintf("%08d", 259664+i)},
			JobRole: "sociální pracovník", Region: regions[(i+1)%len(regions)], TargetGroup: g,
			Needs:     workshops.Needs{Wheelchair: i%2 == 0, Other: "vodicí pes"},
			ConsentAt: created, ConsentVer: "2026-11", Lang: i18n.CS, TokenHash: ids.HashToken("t" + id),
			EmailHash: fmt.Sprintf("%s%02d", strings.Repeat("ab", 15), i), WalkIn: i%3 == 2,
			Version: 1, CreatedAt: created.Add(time.Duration(i) * time.Minute), UpdatedAt: created,
		}
		if r.Status == workshops.RegAttended {
			r.CheckedInAt = e.Start().Add(5 * time.Minute)
		}
		if err := f.workshops.WriteRegistrations(ctx, workshops.RegistrationWrite{EventID: id, Changes: []workshops.Change{{Reg: r, ClaimEmail: true}}}); err != nil {
			f.tb.Fatalf("write registration %s: %v", r.ID, err)
		}
		ef.Regs = append(ef.Regs, facts.Registration{EventID: id, Status: string(r.Status), TargetGroup: string(g),
			Region: r.Region, Ico: keptIco(g, r.Org.ICO), CheckedIn: !r.CheckedInAt.IsZero(), WalkIn: r.WalkIn})
		s.regs[m] = append(s.regs[m], r.ID)
		s.n++
		if i < 2 {
			a := workshops.Esf{Gender: []string{"woman", "man"}[i], AgeBand: []string{"30_54", ""}[i], Disability: "no", ConsentAt: created}
			rec := workshops.EsfRecord{Key: fmt.Sprintf("%032x", s.n), EventID: id, Month: workshops.EventMonth(e.Start()),
				Answers: a, Attended: r.Status == workshops.RegAttended, NoticeVersion: "2026-11"}
			if err := f.workshops.WriteEsf(ctx, workshops.EsfWrite{Registration: r, New: true, Record: rec}); err != nil {
				f.tb.Fatalf("write esf of %s: %v", r.ID, err)
			}
			mf := s.month(m)
			mf.Esf = append(mf.Esf, facts.EsfAnswer{EventID: id, Gender: a.Gender, AgeBand: a.AgeBand, Disability: a.Disability, Attended: rec.Attended})
			s.n++
		}
	}
	mf := s.month(m)
	mf.Events = append(mf.Events, ef)
}

// survey creates and publishes a survey with the surveys' own store.
func (f *fixture) survey(s *seed, id string, def surveys.Definition) {
	f.tb.Helper()
	ctx := context.Background()
	sv, _, err := f.surveys.Create(ctx, surveys.Survey{ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title,
		CreatedAt: created.Add(time.Duration(len(s.surveys)) * time.Hour), CreatedBy: "evaluator-1"}, def)
	if err != nil {
		f.tb.Fatalf("create survey %s: %v", id, err)
	}
	if sv, err = f.surveys.Publish(ctx, id, sv.Rev, 1, created.Add(time.Minute)); err != nil {
		f.tb.Fatalf("publish survey %s: %v", id, err)
	}
	s.surveys = append(s.surveys, sv)
}

// response writes an anonymous response with the surveys' own store.
func (f *fixture) response(s *seed, survey string, m cz.Month, i int) {
	f.tb.Helper()
	five := float64(i % 5)
	r := surveys.Response{
		ID: surveydb.NewResponseID(), Survey: survey, Version: 1, Month: m.String(),
		Context:  surveys.Context{Source: surveys.SourcePublic, Region: regions[i%len(regions)], TargetGroup: string(groups[i%len(groups)]), Wave: "baseline"},
		EasyRead: i%2 == 0,
		Values:   map[string]surveys.Value{"q1": {Codes: []int{i % 4}}, "q2": {Number: &five}, "q3": {Text: "Málo informací."}},
	}
	put, err := f.surveys.ResponsePut(r)
	if err != nil {
		f.tb.Fatal(err)
	}
	if err := f.db.Transact(context.Background(), "put response", []dynamo.TxItem{put}); err != nil {
		f.tb.Fatalf("put response: %v", err)
	}
	mf := s.month(m)
	mf.Responses = append(mf.Responses, r)
	s.n++
}

// seedMonths writes three months of mixed facts (October to December
// 2026), with the month boundaries and the DST change of 25 October in
// them, and returns what each month must read back as.
func (f *fixture) seedMonths() *seed {
	f.tb.Helper()
	s := &seed{bookings: map[cz.Month][]string{}, regs: map[cz.Month][]string{}}
	f.survey(s, "povedomi", demo.Awareness())
	f.survey(s, "hodnoceni", demo.EvaluationConsultation())
	for k, m := range []cz.Month{oct, nov, dec} {
		for i := range 12 + 2*k {
			start := time.Date(m.Year, m.Month, 2+i, 9+i%8, 15*(i%4), 0, 0, cz.Prague).UTC()
			f.booking(s, fmt.Sprintf("b-%s-%02d", m, i), start, 30+30*(i%3), i)
		}
		day := func(d, h int) time.Time { return time.Date(m.Year, m.Month, d, h, 0, 0, 0, cz.Prague).UTC() }
		f.event(s, "ev-"+m.String()+"-a", workshops.KindWorkshop, workshops.EventHeld,
			[]workshops.Session{{Start: day(10, 9), End: day(10, 12).Add(30 * time.Minute)}}, 5)
		f.event(s, "ev-"+m.String()+"-b", workshops.KindStudyVisit, workshops.EventPublished,
			[]workshops.Session{{Start: day(20, 9), End: day(20, 16)}, {Start: day(21, 9), End: day(21, 13)}}, 3+k)
		f.event(s, "ev-"+m.String()+"-c", workshops.KindWebinar, workshops.EventCancelled,
			[]workshops.Session{{Start: day(22, 14), End: day(22, 15)}}, 0)
		for i := range 4 + k {
			f.response(s, "povedomi", m, i)
		}
		for i := range 2 {
			f.response(s, "hodnoceni", m, i+k)
		}
	}
	// The month boundaries: 23:30 on 31 October is October, 00:30 on
	// 1 November is November (22:30 and 23:30 UTC on 31 October).
	f.booking(s, "b-last-of-october", prague(time.October, 31, 23, 30), 60, 0)
	f.booking(s, "b-first-of-november", prague(time.November, 1, 0, 30), 60, 1)
	// An event across the end of summer time (25 October 2026, 3:00 CEST
	// becomes 2:00 CET): 0:30–5:30 on the clock is six hours.
	f.event(s, "ev-dst", workshops.KindForum, workshops.EventHeld,
		[]workshops.Session{{Start: prague(time.October, 25, 0, 30), End: prague(time.October, 25, 5, 30)}}, 2)
	// An event from 23:00 on 31 October to 1:00 on 1 November counts in
	// October, the month of its start.
	f.event(s, "ev-halloween", workshops.KindSeminar, workshops.EventHeld,
		[]workshops.Session{{Start: prague(time.October, 31, 23, 0), End: prague(time.November, 1, 1, 0)}}, 2)
	for _, m := range []cz.Month{oct, nov, dec} {
		mf := s.month(m)
		mf.Surveys = s.surveys
		mf.Services = register
		for _, r := range mf.Responses {
			for _, sv := range s.surveys {
				if sv.ID == r.Survey {
					v, err := f.surveys.Version(context.Background(), sv.ID, r.Version, true)
					if err != nil {
						f.tb.Fatal(err)
					}
					mf.Versions[fmt.Sprintf("%s/%d", sv.ID, r.Version)] = v
				}
			}
		}
		normalise(mf)
	}
	return s
}

// ---- Reading ----

func sortBy[T any](s []T, key func(T) string) {
	sort.SliceStable(s, func(i, j int) bool { return key(s[i]) < key(s[j]) })
}

func str[T any](v T) string { return fmt.Sprintf("%+v", v) }

// normalise puts a month's facts in a fixed order: Facts promises none.
func normalise(mf *monthFacts) {
	sortBy(mf.Consultations, str)
	for i := range mf.Events {
		sortBy(mf.Events[i].Regs, str)
	}
	sortBy(mf.Events, func(e eventFacts) string { return e.Event.ID })
	sortBy(mf.Esf, str)
	sortBy(mf.Surveys, func(s surveys.Survey) string { return s.ID })
	sortBy(mf.Responses, func(r surveys.Response) string { return r.Survey + "/" + r.ID })
	sortBy(mf.Services, func(s reports.Service) string { return s.ID })
}

// readAll reads a month through every method of Facts, loading every
// version the month's responses answered.
func readAll(tb testing.TB, r facts.Facts, m cz.Month) *monthFacts {
	tb.Helper()
	ctx := context.Background()
	mf := &monthFacts{Versions: map[string]surveys.Version{}}
	if err := r.Consultations(ctx, m, func(c facts.Consultation) error { mf.Consultations = append(mf.Consultations, c); return nil }); err != nil {
		tb.Fatalf("consultations: %v", err)
	}
	if err := r.Events(ctx, m, func(e facts.Event, regs []facts.Registration) error {
		mf.Events = append(mf.Events, eventFacts{Event: e, Regs: regs})
		return nil
	}); err != nil {
		tb.Fatalf("events: %v", err)
	}
	if err := r.Esf(ctx, m, func(a facts.EsfAnswer) error { mf.Esf = append(mf.Esf, a); return nil }); err != nil {
		tb.Fatalf("esf: %v", err)
	}
	list, err := r.Surveys(ctx)
	if err != nil {
		tb.Fatalf("surveys: %v", err)
	}
	for _, sf := range list {
		mf.Surveys = append(mf.Surveys, sf.Survey)
		if err := r.Responses(ctx, sf.Survey.ID, m, func(resp surveys.Response) error {
			mf.Responses = append(mf.Responses, resp)
			k := fmt.Sprintf("%s/%d", sf.Survey.ID, resp.Version)
			// Twice: the second comes from the loader's cache.
			for range 2 {
				v, err := sf.Version(ctx, resp.Version)
				if err != nil {
					return err
				}
				mf.Versions[k] = v
			}
			return nil
		}); err != nil {
			tb.Fatalf("responses of %s: %v", sf.Survey.ID, err)
		}
	}
	if err := r.Services(ctx, func(s reports.Service) error { mf.Services = append(mf.Services, s); return nil }); err != nil {
		tb.Fatalf("services: %v", err)
	}
	normalise(mf)
	return mf
}

// diff reports the first difference of two months' facts, field by field.
func diff(tb testing.TB, what string, got, want *monthFacts) {
	tb.Helper()
	gv, wv := reflect.ValueOf(*got), reflect.ValueOf(*want)
	for i := range gv.NumField() {
		name := gv.Type().Field(i).Name
		g, w := gv.Field(i).Interface(), wv.Field(i).Interface()
		if reflect.DeepEqual(g, w) {
			continue
		}
		if gl, wl := gv.Field(i), wv.Field(i); gl.Kind() == reflect.Slice && gl.Len() == wl.Len() {
			for j := range gl.Len() {
				if !reflect.DeepEqual(gl.Index(j).Interface(), wl.Index(j).Interface()) {
					tb.Errorf("%s: %s[%d]:\n got %+v\nwant %+v", what, name, j, gl.Index(j).Interface(), wl.Index(j).Interface())
					break
				}
			}
			continue
		}
		tb.Errorf("%s: %s:\n got %+v\nwant %+v", what, name, g, w)
	}
}

// ---- Tests ----

// TestFactsReadBackAsWritten: every kept fact of every month reads back as
// the capabilities' own stores wrote it, and nothing of another month.
func TestFactsReadBackAsWritten(t *testing.T) {
	f := newFixture(t)
	s := f.seedMonths()
	for _, m := range []cz.Month{oct, nov, dec} {
		t.Run(m.String(), func(t *testing.T) {
			diff(t, m.String(), readAll(t, f.facts, m), s.want[m])
		})
	}
	t.Run("an empty month reads nothing but surveys and services", func(t *testing.T) {
		got := readAll(t, f.facts, cz.Month{Year: 2027, Month: time.January})
		if len(got.Consultations)+len(got.Events)+len(got.Esf)+len(got.Responses) != 0 {
			t.Errorf("January 2027: %+v", got)
		}
	})
}

// TestMonthBoundaries: the Prague month of the start decides, at midnight
// and across the change of summer time.
func TestMonthBoundaries(t *testing.T) {
	f := newFixture(t)
	f.seedMonths()
	got := map[cz.Month]*monthFacts{oct: readAll(t, f.facts, oct), nov: readAll(t, f.facts, nov)}
	has := func(m cz.Month, start time.Time) bool {
		return slices.ContainsFunc(got[m].Consultations, func(c facts.Consultation) bool { return c.Start.Equal(start) })
	}
	last, first := prague(time.October, 31, 23, 30), prague(time.November, 1, 0, 30)
	if !has(oct, last) || has(nov, last) {
		t.Errorf("the consultation at 23:30 on 31 October: in October %v, in November %v; want October only", has(oct, last), has(nov, last))
	}
	if !has(nov, first) || has(oct, first) {
		t.Errorf("the consultation at 0:30 on 1 November: in November %v, in October %v; want November only", has(nov, first), has(oct, first))
	}
	event := func(m cz.Month, id string) (facts.Event, int, bool) {
		for _, e := range got[m].Events {
			if e.Event.ID == id {
				return e.Event, len(e.Regs), true
			}
		}
		return facts.Event{}, 0, false
	}
	if e, regs, ok := event(oct, "ev-dst"); !ok || e.Hours != 6 || regs != 2 {
		t.Errorf("the event across the DST change in October: found %v, hours %v, %d registrations; want 6 hours, 2", ok, e.Hours, regs)
	}
	if e, _, ok := event(oct, "ev-halloween"); !ok || e.Hours != 2 || !e.End.Equal(prague(time.November, 1, 1, 0)) {
		t.Errorf("the event from 31 October to 1 November: found %v in October, %+v", ok, e)
	}
	if _, _, ok := event(nov, "ev-halloween"); ok {
		t.Error("the event starting on 31 October is in November's facts too")
	}
	if !slices.ContainsFunc(got[oct].Esf, func(a facts.EsfAnswer) bool { return a.EventID == "ev-halloween" }) {
		t.Error("the ESF+ answers of the event starting on 31 October are not in October's facts")
	}
}

// TestReadAmplification: reading a month through every method of Facts
// reads exactly the items of that month (and the survey directory with
// the versions its responses answered), one each, from three months of
// mixed items; nothing is Scanned, and no personal attribute is read.
func TestReadAmplification(t *testing.T) {
	f := newFixture(t)
	s := f.seedMonths()
	for _, m := range []cz.Month{oct, nov, dec} {
		t.Run(m.String(), func(t *testing.T) {
			want := s.want[m]
			inMonth := len(want.Consultations) + len(want.Events) + len(want.Esf) + len(want.Surveys) + len(want.Versions) + len(want.Responses)
			for _, e := range want.Events {
				inMonth += len(e.Regs)
			}
			f.counter.Reset()
			// A fresh reader (the version cache starts empty), watched for
			// personal data.
			r := factsdb.NewFacts(dynamo.New(&noPersonalData{API: f.counter, tb: t}, f.table), services)
			readAll(t, r, m)
			read := f.counter.ItemsRead()
			ratio := float64(read) / float64(inMonth)
			t.Logf("%s: %d items read for %d items in the month (of %d seeded), %d queries, %d gets: %.3f",
				m, read, inMonth, s.n, f.counter.Queries(), f.counter.Gets(), ratio)
			if ratio != 1.0 {
				t.Errorf("%s: read %d items for %d in the month: amplification %.3f, want 1.0", m, read, inMonth, ratio)
			}
			if n := f.counter.Scans(); n != 0 {
				t.Errorf("%d Scans", n)
			}
		})
	}
}

// personalAttrs are the attributes of bookings and registrations that
// hold or lead to a person: the facts reader must never read them.
var personalAttrs = []string{"contactName", "contactEmail", "contactPhone", "organisationName", "address", "note",
	"jobRole", "answers", "needs", "tokenHash", "offerTokenHash", "emailHash", "esfKey", "lang", "mail",
	"idempotencyKeys", "holds", "certificate"}

// noPersonalData fails the test when a Query returns any personal
// attribute.
type noPersonalData struct {
	dynamo.API
	tb testing.TB
}

func (n *noPersonalData) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := n.API.Query(ctx, in, opts...)
	if err == nil {
		for _, it := range out.Items {
			for _, a := range personalAttrs {
				if _, ok := it[a]; ok {
					n.tb.Errorf("a Query of %v returned the personal attribute %q", in.ExpressionAttributeValues[":pk"], a)
				}
			}
		}
	}
	return out, err
}

// TestErasureLeavesTheFactsAsTheyWere: erasing people's data from bookings
// and registrations (the capabilities' own erasure paths) changes nothing
// a month's facts say, so a report compiled again after an erasure gives
// the same figures.
func TestErasureLeavesTheFactsAsTheyWere(t *testing.T) {
	f := newFixture(t)
	s := f.seedMonths()
	ctx := context.Background()
	before := map[cz.Month]*monthFacts{}
	for _, m := range []cz.Month{oct, nov} {
		before[m] = readAll(t, f.facts, m)
		diff(t, "before erasure "+m.String(), before[m], s.want[m])
	}
	now := time.Date(2027, 1, 15, 9, 0, 0, 0, time.UTC)
	erasedBookings, erasedRegs := 0, 0
	for _, m := range []cz.Month{oct, nov} {
		// Every booking but each fourth: every target group and status.
		for i, id := range s.bookings[m] {
			if i%4 == 3 {
				continue
			}
			// The store path of consultations.Service.ErasePersonalData
			// (Service.erase): PlanErasure, then WriteBooking.
			b, err := f.bookings.GetBooking(ctx, id)
			if err != nil {
				t.Fatal(err)
			}
			plan, err := consultations.PlanErasure(b, now)
			if err != nil {
				t.Fatalf("plan erasure of %s: %v", id, err)
			}
			if plan.Cancels {
				t.Fatalf("erasure of past booking %s cancels it", id)
			}
			if err := f.bookings.WriteBooking(ctx, plan.Write); err != nil {
				t.Fatalf("erase booking %s: %v", id, err)
			}
			after, err := f.bookings.GetBooking(ctx, id)
			if err != nil || !after.Erased() || after.Contact != (consultations.Contact{}) {
				t.Fatalf("booking %s after erasure: %+v, %v", id, after, err)
			}
			erasedBookings++
		}
		// Every registration but each third, through the workshops' eraser
		// (workshopdb.EraseRegistration).
		eraser := workshops.Eraser{Store: f.workshops, Now: func() time.Time { return now }}
		for i, id := range s.regs[m] {
			if i%3 == 2 {
				continue
			}
			r, err := eraser.Erase(ctx, admin, id)
			if err != nil {
				t.Fatalf("erase registration %s: %v", id, err)
			}
			if r.ErasedAt.IsZero() || r.Contact != (workshops.Contact{}) || r.EsfKey != "" {
				t.Fatalf("registration %s after erasure: %+v", id, r)
			}
			erasedRegs++
		}
	}
	t.Logf("erased %d bookings and %d registrations", erasedBookings, erasedRegs)
	for _, m := range []cz.Month{oct, nov} {
		after := readAll(t, f.facts, m)
		diff(t, "after erasure "+m.String(), after, before[m])
	}
}

// TestServicesNeedTheRegister: a reader without the register's storage
// says so rather than reporting no services.
func TestServicesNeedTheRegister(t *testing.T) {
	r := factsdb.NewFacts(nil, nil)
	err := r.Services(context.Background(), func(reports.Service) error { return nil })
	if err != factsdb.ErrNoRegister {
		t.Errorf("got %v, want ErrNoRegister", err)
	}
}
