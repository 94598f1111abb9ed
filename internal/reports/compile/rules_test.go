package compile

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/reports/reportstest"
	"github.com/mpsv/brana/internal/surveys"
)

var (
	october  = reportstest.October
	november = reportstest.November
	december = cz.Month{Year: 2026, Month: time.December}
)

func compileMonth(t *testing.T, m cz.Month, f facts.Facts, prev reports.Snapshot, prevReport *reports.Report) (reports.Report, reports.Snapshot) {
	t.Helper()
	r, s, err := Compile(context.Background(), catalogue.MustLoad(), m, f, prev, prevReport)
	if err != nil {
		t.Fatalf("compile %s: %v", m, err)
	}
	return r, s
}

// event is an event held in November with registrations: n people of each
// target group, checked in when attended.
func event(id, kind string, hours float64, groups map[string][2]int) reportstest.EventFacts {
	start := time.Date(2026, 11, 10, 9, 0, 0, 0, cz.Prague)
	e := reportstest.EventFacts{Event: facts.Event{ID: id, Kind: kind, Region: "CZ010", Status: "held", Start: start, End: start.Add(time.Duration(hours * float64(time.Hour))), Hours: hours}}
	for g, n := range groups { // n[0] registered, n[1] of them checked in
		for i := 0; i < n[0]; i++ {
			status := "no_show"
			if i < n[1] {
				status = "attended"
			}
			e.Registrations = append(e.Registrations, facts.Registration{EventID: id, Status: status, TargetGroup: g, CheckedIn: i < n[1]})
		}
	}
	return e
}

func TestSmallCellSuppression(t *testing.T) {
	f := &reportstest.MemFacts{EventList: []reportstest.EventFacts{
		event("e1", "workshop", 2, map[string][2]int{"provider": {12, 10}, "public_administration": {7, 6}, "client": {3, 3}}),
		event("e2", "webinar", 1, map[string][2]int{"provider": {2, 1}, "community": {2, 2}}),
		event("e3", "seminar", 1, map[string][2]int{"provider": {1, 1}}),
	}}
	_, r, _ := compileTwo(t, f) // October (no facts) first, then November
	regs := value(t, r, codeRegistrations)

	t.Run("the total is the true total", func(t *testing.T) {
		if got := num(t, regs.Total); got != 27 {
			t.Errorf("registrations total %v, want 27", got)
		}
	})
	t.Run("a cell under 5 is suppressed with no value", func(t *testing.T) {
		c, _ := cellOf(t, regs, catalogue.BreakdownTargetGroup, "client")
		if !c.Suppressed || c.Value != nil || c.N != nil {
			t.Errorf("client cell %+v, want suppressed without value or N", c)
		}
	})
	t.Run("one suppressed cell hides the next smallest too", func(t *testing.T) {
		// target groups: provider 15, public_administration 7, client 3,
		// community 2: two under 5, nothing more hidden.
		if c, _ := cellOf(t, regs, catalogue.BreakdownTargetGroup, "provider"); num(t, c) != 15 {
			t.Errorf("provider %v, want 15", num(t, c))
		}
		if c, _ := cellOf(t, regs, catalogue.BreakdownTargetGroup, "public_administration"); num(t, c) != 7 {
			t.Errorf("public_administration %v, want 7", num(t, c))
		}
		// event kinds: workshop 22, webinar 4, seminar 1: two under 5.
		// attendance by kind: workshop 19, webinar 3, seminar 1.
		att := value(t, r, codeAttendance)
		if c, _ := cellOf(t, att, catalogue.BreakdownEventKind, "workshop"); num(t, c) != 19 {
			t.Errorf("workshop attendance %v, want 19", num(t, c))
		}
		// attendance by target group: provider 12, public_administration
		// 6, client 3, community 2.
		if c, _ := cellOf(t, att, catalogue.BreakdownTargetGroup, "public_administration"); num(t, c) != 6 {
			t.Errorf("public_administration attendance %v, want 6", num(t, c))
		}
	})
	t.Run("complementary suppression", func(t *testing.T) {
		g := &reportstest.MemFacts{EventList: []reportstest.EventFacts{
			event("e1", "workshop", 2, map[string][2]int{"provider": {12, 10}, "public_administration": {7, 6}, "client": {3, 3}, "community": {9, 9}}),
		}}
		_, r, _ := compileTwo(t, g)
		regs := value(t, r, codeRegistrations)
		want := map[string]bool{"client": true, "public_administration": true, "community": false, "provider": false}
		for k, hidden := range want {
			c, ok := cellOf(t, regs, catalogue.BreakdownTargetGroup, k)
			if !ok || c.Suppressed != hidden {
				t.Errorf("%s: suppressed %v, want %v", k, c.Suppressed, hidden)
			}
		}
		if num(t, regs.Total) != 31 {
			t.Errorf("total %v, want 31", num(t, regs.Total))
		}
	})
	t.Run("a total under 5 is suppressed", func(t *testing.T) {
		g := &reportstest.MemFacts{EventList: []reportstest.EventFacts{event("e1", "workshop", 2, map[string][2]int{"provider": {3, 2}})}}
		_, r, _ := compileTwo(t, g)
		if v := value(t, r, codeRegistrations); !v.Total.Suppressed || v.Total.Value != nil {
			t.Errorf("total %+v, want suppressed", v.Total)
		}
		if v := value(t, r, codeAttendanceRate); !v.Total.Suppressed || v.Total.N != nil {
			t.Errorf("a rate over 3 people: %+v, want suppressed", v.Total)
		}
		if v := value(t, r, codeEventsHeld); v.Total.Suppressed || num(t, v.Total) != 1 {
			t.Errorf("events held (not people) %+v, want 1 shown", v.Total)
		}
	})
	t.Run("a rate over fewer than 5 people is suppressed", func(t *testing.T) {
		rate := value(t, r, codeAttendanceRate)
		w, _ := cellOf(t, rate, catalogue.BreakdownEventKind, "workshop")
		if num(t, w) != 86.4 || w.N == nil || *w.N != 22 {
			t.Errorf("workshop rate %+v, want 86.4 over 22", w)
		}
		for _, k := range []string{"webinar", "seminar"} {
			if c, _ := cellOf(t, rate, catalogue.BreakdownEventKind, k); !c.Suppressed {
				t.Errorf("%s rate %+v, want suppressed", k, c)
			}
		}
	})
}

func TestComplementHidesTheNextSmallest(t *testing.T) {
	cells := []reports.Cell{{Key: "a"}, {Key: "b", Suppressed: true}, {Key: "c"}, {Key: "d"}}
	complement(cells, []int64{9, 2, 6, 6})
	if !cells[2].Suppressed || cells[3].Suppressed || cells[0].Suppressed {
		t.Errorf("got %+v, want c (6, the first key of the smallest) hidden too", cells)
	}
	two := []reports.Cell{{Key: "a", Suppressed: true}, {Key: "b", Suppressed: true}, {Key: "c"}}
	complement(two, []int64{1, 2, 6})
	if two[2].Suppressed {
		t.Error("two suppressed cells: nothing more to hide")
	}
}

// TestGoldenCellsAddUp: in the golden month, the count cells of every
// breakdown with nothing hidden add up to the total, and where cells are
// hidden the visible ones leave at least one person per hidden cell.
func TestGoldenCellsAddUp(t *testing.T) {
	_, nov, _ := compileTwo(t, reportstest.GoldenMonth(goldenSeed))
	for _, v := range nov.Indicators {
		if v.Unit != catalogue.UnitCount || v.Total.Value == nil {
			continue
		}
		for _, b := range v.Breakdowns {
			var sum float64
			var hidden int
			for _, c := range b.Cells {
				if c.Suppressed {
					hidden++
				} else {
					sum += *c.Value
				}
			}
			if hidden == 1 {
				t.Errorf("%s by %s: one cell hidden alone", v.Code, b.By)
			}
			switch rest := *v.Total.Value - sum; {
			case hidden == 0 && rest != 0:
				t.Errorf("%s by %s: cells add up to %v, total %v", v.Code, b.By, sum, *v.Total.Value)
			case hidden > 0 && rest < float64(hidden):
				t.Errorf("%s by %s: %d hidden cells but %v left", v.Code, b.By, hidden, rest)
			}
		}
	}
}

func TestPragueMonthBoundary(t *testing.T) {
	at := func(y int, mo time.Month, d, h, min int) time.Time {
		return time.Date(y, mo, d, h, min, 0, 0, cz.Prague)
	}
	held := func(start time.Time) facts.Consultation {
		return facts.Consultation{Start: start, End: start.Add(time.Hour), Status: "held", Form: "online", Topic: "other", TargetGroup: "client", Region: "CZ010"}
	}
	f := &reportstest.MemFacts{
		Leaky: true, // the reader hands over every fact: the compiler must still pick the month's
		Bookings: []facts.Consultation{
			held(at(2026, 9, 30, 23, 30)),  // September
			held(at(2026, 10, 1, 0, 30)),   // October (22:30 UTC on 30 September, CEST)
			held(at(2026, 10, 25, 2, 30)),  // October, the night DST ends
			held(at(2026, 10, 31, 23, 30)), // October (22:30 UTC on 31 October, CET)
			held(at(2026, 11, 1, 0, 30)),   // November
			held(at(2026, 11, 30, 23, 59)), // November
			held(at(2026, 12, 1, 0, 0)),    // December
		},
		EventList: []reportstest.EventFacts{
			{Event: facts.Event{ID: "e-oct", Kind: "webinar", Status: "held", Start: at(2026, 10, 31, 23, 0), Hours: 1}},
			{Event: facts.Event{ID: "e-nov", Kind: "webinar", Status: "held", Start: at(2026, 11, 1, 0, 0), Hours: 1}},
		},
		SurveyList: reportstest.GoldenSurveys(),
	}
	for _, month := range []string{"2026-10", "2026-11", "2026-11", "2026-12"} {
		f.SurveyList[1].Responses = append(f.SurveyList[1].Responses, surveys.Response{ID: month, Survey: reportstest.AwarenessSurvey, Version: 1, Month: month})
	}
	oct, octSnap := compileMonth(t, october, f, reports.Snapshot{}, nil)
	nov, _ := compileMonth(t, november, f, octSnap, &oct)
	for _, c := range []struct {
		r    reports.Report
		code string
		want float64
	}{
		{oct, codeHeld, 3}, {nov, codeHeld, 2},
		{oct, codeHoursHeld, 3}, {nov, codeHoursHeld, 2},
		{oct, codeEventsHeld, 1}, {nov, codeEventsHeld, 1},
	} {
		if got := num(t, value(t, c.r, c.code).Total); got != c.want {
			t.Errorf("%s %s: got %v, want %v", c.r.Month, c.code, got, c.want)
		}
	}
	t.Run("the month DST starts", func(t *testing.T) {
		march := cz.Month{Year: 2027, Month: time.March}
		g := &reportstest.MemFacts{Leaky: true, Bookings: []facts.Consultation{
			held(at(2027, 2, 28, 23, 30)), // February
			held(at(2027, 3, 1, 0, 30)),   // March (23:30 UTC on 28 February, CET)
			held(at(2027, 3, 28, 3, 30)),  // March, the morning DST starts
			held(at(2027, 3, 31, 23, 30)), // March (21:30 UTC, CEST)
			held(at(2027, 4, 1, 0, 30)),   // April
		}}
		r, _ := compileMonth(t, march, g, reports.Snapshot{Month: march.Prev()}, nil)
		if got := num(t, value(t, r, codeHeld).Total); got != 3 {
			t.Errorf("March: %v held, want 3", got)
		}
		if got := r.Period.To.Sub(r.Period.From); got != (31*24-1)*time.Hour {
			t.Errorf("March is %v long, want 743h", got)
		}
	})
	if v := value(t, nov, codeAwareResponses); !v.Total.Suppressed {
		t.Errorf("November awareness responses %+v: want 2, suppressed", v.Total)
	}
	if nov.Period.From.Format(time.RFC3339) != "2026-11-01T00:00:00+01:00" || nov.Period.To.Format(time.RFC3339) != "2026-12-01T00:00:00+01:00" {
		t.Errorf("period %v – %v", nov.Period.From, nov.Period.To)
	}
}

// monthsAsked records the months a compilation reads.
type monthsAsked struct {
	facts.Facts
	months map[cz.Month]bool
}

func (m *monthsAsked) Consultations(ctx context.Context, month cz.Month, fn func(facts.Consultation) error) error {
	m.months[month] = true
	return m.Facts.Consultations(ctx, month, fn)
}

func (m *monthsAsked) Events(ctx context.Context, month cz.Month, fn func(facts.Event, []facts.Registration) error) error {
	m.months[month] = true
	return m.Facts.Events(ctx, month, fn)
}

func TestCumulativeFromTheSnapshotOnly(t *testing.T) {
	f := reportstest.GoldenMonth(goldenSeed)
	oct, octSnap := compileMonth(t, october, f, reports.Snapshot{}, nil)

	// An organisation the snapshot holds but no fact of November names:
	// it counts in the cumulative figures, from the snapshot alone.
	seeded := reports.Snapshot{Month: october, Catalogue: octSnap.Catalogue, Organisations: map[string]reports.OrgSeen{}}
	for ico, o := range octSnap.Organisations {
		seeded.Organisations[ico] = o
	}
	extra := reportstest.ICO(7777)
	seeded.Organisations[extra] = reports.OrgSeen{Kind: "public_administration", Region: "CZ041", First: october}

	asked := &monthsAsked{Facts: f, months: map[cz.Month]bool{}}
	nov, snap := compileMonth(t, november, asked, seeded, &oct)
	if len(asked.months) != 1 || !asked.months[november] {
		t.Errorf("read months %v, want November only", asked.months)
	}
	_, plain := compileMonth(t, november, f, octSnap, &oct)
	base, _ := compileMonth(t, november, f, octSnap, &oct)
	if got, want := num(t, value(t, nov, codeOrgsCumulative).Total), num(t, value(t, base, codeOrgsCumulative).Total)+1; got != want {
		t.Errorf("cumulative organisations %v, want %v (the snapshot's extra one)", got, want)
	}
	if got, want := num(t, value(t, nov, codePACumulative).Total), num(t, value(t, base, codePACumulative).Total)+1; got != want {
		t.Errorf("cumulative public administrations %v, want %v", got, want)
	}
	if c, ok := cellOf(t, value(t, nov, codePACumulative), catalogue.BreakdownRegion, "CZ041"); !ok || num(t, c) < 1 {
		t.Errorf("the extra organisation's region CZ041: %+v", c)
	}
	if got, want := num(t, value(t, nov, codeOrgsMonth).Total), num(t, value(t, base, codeOrgsMonth).Total); got != want {
		t.Errorf("organisations in the month %v, want %v (the snapshot does not change them)", got, want)
	}
	if o := snap.Organisations[extra]; o.First != october || o.Region != "CZ041" {
		t.Errorf("the new snapshot keeps the organisation as first seen: %+v", o)
	}
	if len(snap.Organisations) != len(plain.Organisations)+1 || snap.Month != november {
		t.Errorf("snapshot of %s with %d organisations", snap.Month, len(snap.Organisations))
	}
	// An organisation of October seen again in November keeps October.
	for ico, o := range octSnap.Organisations {
		if snap.Organisations[ico] != o {
			t.Errorf("organisation %s is %+v in November's snapshot, want October's %+v", ico, snap.Organisations[ico], o)
		}
	}

	t.Run("refuses a snapshot that is not the month before's", func(t *testing.T) {
		cat := catalogue.MustLoad()
		if _, _, err := Compile(context.Background(), cat, december, f, reports.Snapshot{}, nil); !errors.Is(err, ErrSnapshot) {
			t.Errorf("December with no snapshot: %v, want ErrSnapshot", err)
		}
		if _, _, err := Compile(context.Background(), cat, december, f, octSnap, nil); !errors.Is(err, ErrSnapshot) {
			t.Errorf("December with October's snapshot: %v, want ErrSnapshot", err)
		}
		if _, _, err := Compile(context.Background(), cat, november, f, octSnap, &nov); !errors.Is(err, ErrSnapshot) {
			t.Errorf("November with November's report as the previous: %v, want ErrSnapshot", err)
		}
	})
}

func TestDiff(t *testing.T) {
	f := reportstest.GoldenMonth(goldenSeed)
	_, v1, _ := compileTwo(t, f)
	if d := Diff(v1, v1); len(d) != 0 {
		t.Fatalf("a report against itself: %d changes", len(d))
	}
	// A late change: one confirmed consultation is marked held afterwards.
	var changed facts.Consultation
	for i, c := range f.Bookings {
		if c.Status == "confirmed" && november.Contains(c.Start) && c.Ico == "" {
			f.Bookings[i].Status = "held"
			changed = f.Bookings[i]
			break
		}
	}
	if changed.Start.IsZero() {
		t.Fatal("no confirmed consultation in the golden month")
	}
	_, v2, _ := compileTwo(t, f)
	d := Diff(v1, v2)
	region := changed.Region
	if region == "" {
		region = reports.NotStated
	}
	group := changed.TargetGroup
	if group == "" {
		group = reports.NotStated
	}
	var want []string
	for _, code := range []string{codeHeld, codeHoursHeld} {
		want = append(want, code+"//")
		for _, k := range [][2]string{{"form", changed.Form}, {"region", region}, {"target_group", group}, {"topic", changed.Topic}} {
			want = append(want, code+"/"+k[0]+"/"+k[1])
		}
	}
	var got []string
	for _, c := range d {
		got = append(got, fmt.Sprintf("%s/%s/%s", c.Code, c.Breakdown, c.Key))
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("changes\n got %v\nwant %v", got, want)
	}
	for _, c := range d {
		if c.Code == codeHeld && c.Breakdown == "" && (c.Before == nil || c.After == nil || *c.After.Value != *c.Before.Value+1) {
			t.Errorf("held total: %+v → %+v, want one more", c.Before, c.After)
		}
	}
	t.Run("a new and a gone cell", func(t *testing.T) {
		a := reports.Report{Indicators: []reports.Value{{Code: "x.y", Breakdowns: []reports.Breakdown{{By: "region", Cells: []reports.Cell{{Key: "CZ010"}}}}}}}
		b := reports.Report{Indicators: []reports.Value{{Code: "x.y", Breakdowns: []reports.Breakdown{{By: "region", Cells: []reports.Cell{{Key: "CZ020"}}}}}}}
		d := Diff(a, b)
		if len(d) != 2 || d[0].Key != "CZ010" || d[0].After != nil || d[1].Key != "CZ020" || d[1].Before != nil {
			t.Errorf("got %+v", d)
		}
	})
}

func TestParticipantsFromEsfAnswers(t *testing.T) {
	f := &reportstest.MemFacts{EventList: []reportstest.EventFacts{
		event("e1", "workshop", 2, map[string][2]int{"provider": {12, 10}}),
	}}
	esf := func(gender, age string, attended bool) {
		f.EsfList = append(f.EsfList, reportstest.EsfFacts{Month: november, Answer: facts.EsfAnswer{EventID: "e1", Gender: gender, AgeBand: age, Attended: attended}})
	}
	for i := 0; i < 6; i++ {
		esf("woman", "30_54", true)
	}
	esf("man", "", true)
	for i := 0; i < 3; i++ {
		esf("woman", "30_54", false) // registered, did not come: not a participant
	}
	_, r, _ := compileTwo(t, f) // October (no facts) first, then November
	g := value(t, r, codeGender)
	if num(t, g.Total) != 10 {
		t.Errorf("participants %v, want the attendance, 10", num(t, g.Total))
	}
	if c, _ := cellOf(t, g, catalogue.BreakdownGender, "woman"); num(t, c) != 6 {
		t.Errorf("women %v, want 6", num(t, c))
	}
	for _, k := range []string{"man", reports.NotStated} {
		if c, ok := cellOf(t, g, catalogue.BreakdownGender, k); !ok || !c.Suppressed {
			t.Errorf("%s: %+v, want a suppressed cell", k, c)
		}
	}
	// age: 30_54 6, not stated 4 (one said nothing, three gave no answers).
	a := value(t, r, codeAgeBand)
	if c, _ := cellOf(t, a, catalogue.BreakdownAgeBand, reports.NotStated); !c.Suppressed {
		t.Errorf("age not stated %+v, want suppressed (4)", c)
	}
	if l := r.Labels[catalogue.BreakdownGender][reports.NotStated]; l.CS != "neuvedeno" || l.EN != "not stated" {
		t.Errorf("not stated label %+v", l)
	}
	if l := r.Labels[catalogue.BreakdownEventKind]["workshop"]; l.CS != "Workshop" {
		t.Errorf("event kind label %+v", l)
	}
}

func TestAnIndicatorWithoutARuleIsAnError(t *testing.T) {
	cat := catalogue.MustLoad()
	cat.Indicators = append(cat.Indicators, catalogue.Indicator{Code: "consultations.unknown", Unit: catalogue.UnitCount})
	if _, _, err := Compile(context.Background(), cat, november, &reportstest.MemFacts{}, reports.Snapshot{Month: october}, nil); err == nil || errors.Is(err, ErrSnapshot) {
		t.Error("compiled an indicator it has no rule for")
	}
}
