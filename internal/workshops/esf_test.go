package workshops_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
)

func TestCountEsf(t *testing.T) {
	recs := []workshops.EsfRecord{
		{Month: "2026-12", Answers: workshops.Esf{Gender: "woman", AgeBand: "18_29", Disability: "yes"}, Attended: true},
		{Month: "2026-12", Answers: workshops.Esf{Gender: "man"}},
		{Month: "2026-12", Answers: workshops.Esf{}, Attended: true},
		{Month: "2027-01", Answers: workshops.Esf{Gender: "woman"}},
	}
	m := workshops.CountEsf("2026-12", recs)
	if m.Registered.Total != 3 || m.Registered.Gender["woman"] != 1 || m.Registered.Gender["man"] != 1 || m.Registered.Gender[workshops.NotStated] != 1 {
		t.Errorf("registered %+v", m.Registered)
	}
	if m.Registered.AgeBand[workshops.NotStated] != 2 || m.Registered.Disability["yes"] != 1 || m.Registered.Disability["no"] != 0 {
		t.Errorf("registered %+v", m.Registered)
	}
	if m.Attended.Total != 2 || m.Attended.Gender["woman"] != 1 || m.Attended.Gender[workshops.NotStated] != 1 {
		t.Errorf("attended %+v", m.Attended)
	}
	if _, ok := m.Attended.Gender["non_binary"]; !ok {
		t.Error("every answer has a count, zero included")
	}
}

func TestEsfKeyIsOpaque(t *testing.T) {
	a, b := workshops.NewEsfKey(), workshops.NewEsfKey()
	if a == b || len(a) < 22 {
		t.Errorf("keys %q %q", a, b)
	}
}

func TestPlanEsfConsentDayOnly(t *testing.T) {
	e := workshops.Event{ID: "ev", Sessions: []workshops.Session{{Start: time.Date(2026, 12, 31, 23, 30, 0, 0, time.UTC), End: time.Date(2027, 1, 1, 1, 0, 0, 0, time.UTC)}}}
	r := workshops.Registration{ID: "r", EventID: "ev", Status: workshops.RegConfirmed, Version: 2}
	w, err := workshops.PlanEsf(r, e, workshops.Esf{Gender: "man"}, "2026-11", time.Date(2026, 11, 30, 23, 30, 0, 0, time.UTC), func() string { return "k" })
	if err != nil {
		t.Fatal(err)
	}
	// 23:30 UTC on 30 November is 00:30 on 1 December in Prague; the event
	// starts on 1 January 2027 in Prague.
	if got := w.Record.Answers.ConsentAt; !got.Equal(time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)) {
		t.Errorf("consent %v, want the start of the Prague day", got)
	}
	if w.Record.Month != "2027-01" || !w.New || w.Record.Key != "k" {
		t.Errorf("write %+v", w)
	}
	r.ErasedAt = time.Now()
	if _, err := workshops.PlanEsf(r, e, workshops.Esf{}, "2026-11", time.Now(), func() string { return "k" }); !apperr.Is(err, apperr.Conflict, workshops.ReasonEsfClosed) {
		t.Errorf("erased: %v", err)
	}
}

func TestErasureKeeps(t *testing.T) {
	for _, g := range programme.TargetGroups {
		keeps := strings.Join(workshops.ErasureKeeps(g), " ")
		if strings.Contains(keeps, "organisation_ico") != g.NeedsOrganisation() {
			t.Errorf("%s keeps %s", g, keeps)
		}
	}
}

func TestErasureOfAnActiveRegistrationCancelsFirst(t *testing.T) {
	start := time.Date(2026, 12, 16, 8, 0, 0, 0, time.UTC)
	e := workshops.Event{ID: "ev", Sessions: []workshops.Session{{Start: start, End: start.Add(time.Hour)}}}
	r := workshops.Registration{ID: "r", EventID: "ev", Status: workshops.RegWaitlisted, Version: 1}
	if _, err := workshops.PlanRegistrationErasure(r, e, start.Add(-time.Hour)); !apperr.Is(err, apperr.Conflict, workshops.ReasonStillActive) {
		t.Errorf("active: %v", err)
	}
	store := &memErasure{r: r, e: e}
	cancelled := 0
	x := workshops.Eraser{Store: store, Now: func() time.Time { return start.Add(-time.Hour) },
		Cancel: func(_ context.Context, r workshops.Registration) (workshops.Registration, error) {
			cancelled++
			r.Status, r.Version = workshops.RegCancelled, r.Version+1
			return r, nil
		}}
	got, err := x.Erase(context.Background(), adminP, "r")
	if err != nil {
		t.Fatal(err)
	}
	if cancelled != 1 || got.Status != workshops.RegCancelled || got.Version != 3 {
		t.Errorf("cancelled %d, got %+v", cancelled, got)
	}
}

type memErasure struct {
	r workshops.Registration
	e workshops.Event
}

func (m *memErasure) GetRegistration(context.Context, string) (workshops.Registration, error) {
	return m.r, nil
}
func (m *memErasure) GetEvent(context.Context, string) (workshops.Event, error) { return m.e, nil }
func (m *memErasure) EraseRegistration(_ context.Context, w workshops.RegistrationErasure) error {
	m.r = w.Registration
	return nil
}

func TestLimitsFromEnv(t *testing.T) {
	l, err := workshops.LimitsFromEnv(func(string) string { return "" })
	if err != nil || l.PerPerson != 10 {
		t.Errorf("default %+v %v", l, err)
	}
	for _, bad := range []string{"0", "51", "x"} {
		if _, err := workshops.LimitsFromEnv(func(string) string { return bad }); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

var adminP = auth.Principal{Subject: "admin", Groups: []string{auth.GroupAdmin}}

// TestEsfNeverInStaffExports: the export of an event's registrations (CSV,
// XLSX) has no column and no cell of the ESF+ data, nor the key that joins
// it (the answers are not on the registration at all; only the key is).
func TestEsfNeverInStaffExports(t *testing.T) {
	e := workshops.Event{ID: "ev", Title: workshops.Text{CS: "Dílna"}, Mode: workshops.ModeInPerson}
	r := workshops.Registration{ID: "r1", EventID: "ev", Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
		Contact: workshops.Contact{Name: "Jana Nováková", Email: "jana@example.cz"}, EsfKey: "esf-key-AAAAAAAAAAAAAAAAAA"}
	for _, lang := range []i18n.Lang{i18n.CS, i18n.EN} {
		head, rows := workshops.ExportTable(e, []workshops.Registration{r}, lang)
		all := strings.ToLower(strings.Join(head, "|"))
		for _, row := range rows {
			all += "|" + strings.ToLower(strings.Join(row, "|"))
		}
		if !strings.Contains(all, "jana") {
			t.Fatalf("%s: the export lacks the registration: %q", lang, all)
		}
		for _, banned := range []string{"esf-key", "esf", "pohlaví", "gender", "věkov", "age band", "postižení", "disabilit"} {
			if strings.Contains(all, banned) {
				t.Errorf("%s: the export holds %q: %q", lang, banned, all)
			}
		}
	}
}
