package register_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/register"
)

// now is Monday 30 November 2026, 9:00 in Prague.
var now = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

func valid() register.CreateInput {
	return register.CreateInput{Name: " Domov Ráček ", Ico: "005 64 222", Region: "cz063", RegistryID: "736 4519", Joined: "2026-10-21"}
}

// rules lists the field errors of err as "field rule".
func rules(t *testing.T, err error) []string {
	t.Helper()
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid {
		t.Fatalf("got %v, want an invalid_request", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+" "+f.Rule)
	}
	slices.Sort(out)
	return out
}

func TestNewNormalisesAndJoins(t *testing.T) {
	s, err := register.New("svc-1", valid(), "admin-1", now)
	if err != nil {
		t.Fatal(err)
	}
	want := reports.Service{
		ID: "svc-1", Name: "Domov Ráček", Ico: "00564222", Region: "CZ063", RegistryID: "7364519", Phase: reports.PhaseJoined,
		History: []reports.PhaseChange{{Phase: reports.PhaseJoined, Date: cz.Date{Year: 2026, Month: 10, Day: 21}, At: now, By: "admin-1"}},
		Version: 1,
	}
	if s.ID != want.ID || s.Name != want.Name || s.Ico != want.Ico || s.Region != want.Region || s.RegistryID != want.RegistryID ||
		s.Phase != want.Phase || s.Version != 1 || !slices.Equal(s.History, want.History) {
		t.Errorf("got %+v, want %+v", s, want)
	}
}

func TestNewRefusesBadFields(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*register.CreateInput)
		want []string
	}{
		{"empty", func(in *register.CreateInput) { *in = register.CreateInput{} },
			[]string{"ico required", "joined required", "name required", "region required", "registryId required"}},
		{"ico check digit", func(in *register.CreateInput) { in.Ico = "00564223" }, []string{"ico ico"}},
		{"ico letters", func(in *register.CreateInput) { in.Ico = "0056422x" }, []string{"ico ico"}},
		{"region", func(in *register.CreateInput) { in.Region = "CZ099" }, []string{"region region"}},
		{"registry id short", func(in *register.CreateInput) { in.RegistryID = "12345" }, []string{"registryId registry_id"}},
		{"registry id letters", func(in *register.CreateInput) { in.RegistryID = "12a4567" }, []string{"registryId registry_id"}},
		{"registry id zeros", func(in *register.CreateInput) { in.RegistryID = "0000000" }, []string{"registryId registry_id"}},
		{"name control", func(in *register.CreateInput) { in.Name = "Domov\u202eRáček" }, []string{"name line"}},
		{"name long", func(in *register.CreateInput) { in.Name = strings.Repeat("ř", 201) }, []string{"name max"}},
		{"joined form", func(in *register.CreateInput) { in.Joined = "2026-02-30" }, []string{"joined date"}},
		// 1 December in Prague begins at 23:00 UTC on 30 November.
		{"joined tomorrow", func(in *register.CreateInput) { in.Joined = "2026-12-01" }, []string{"joined not_future"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := valid()
			tc.edit(&in)
			_, err := register.New("svc-1", in, "admin-1", now)
			if got := rules(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// Midnight in Prague: 1 December is today.
	in := valid()
	in.Joined = "2026-12-01"
	if _, err := register.New("svc-1", in, "admin-1", time.Date(2026, 11, 30, 23, 0, 0, 0, time.UTC)); err != nil {
		t.Errorf("joined today in Prague: %v", err)
	}
}

func TestValidRegistryID(t *testing.T) {
	for s, want := range map[string]bool{"1234567": true, "123456": true, "12345678": true, "12345": false, "123456789": false, "": false, "000000": false, "１２３４５６７": false} {
		if got := register.ValidRegistryID(s); got != want {
			t.Errorf("ValidRegistryID(%q) = %v, want %v", s, got, want)
		}
	}
}

func joined(t *testing.T) reports.Service {
	t.Helper()
	s, err := register.New("svc-1", valid(), "admin-1", now.Add(-40*24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestChangePhaseForwardOneStep(t *testing.T) {
	s := joined(t)
	// Recorded to the second, as every stored time (docs/data-model.md).
	s2, err := register.ChangePhase(s, register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-02", Version: 1}, "admin-2", now.Add(123456789))
	if err != nil {
		t.Fatal(err)
	}
	if s2.Phase != reports.PhasePlanDrafted || s2.Version != 2 || len(s2.History) != 2 || len(s.History) != 1 {
		t.Fatalf("got %+v (the original %+v)", s2, s)
	}
	if h := s2.History[1]; h.Phase != reports.PhasePlanDrafted || h.Date.String() != "2026-11-02" || !h.At.Equal(now) || h.By != "admin-2" {
		t.Errorf("change %+v", h)
	}
	// The same day as the last change is allowed.
	if _, err := register.ChangePhase(s2, register.PhaseInput{Phase: "plan_approved", Date: "2026-11-02", Version: 2}, "admin-2", now); err != nil {
		t.Errorf("same day: %v", err)
	}
}

func TestChangePhaseRules(t *testing.T) {
	s := joined(t) // joined on 2026-10-21
	s, err := register.ChangePhase(s, register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-02", Version: 1}, "a", now)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		in   register.PhaseInput
		want []string
	}{
		{"empty", register.PhaseInput{}, []string{"date required", "phase required", "version gte"}},
		{"unknown phase", register.PhaseInput{Phase: "done", Date: "2026-11-10", Version: 2}, []string{"phase oneof"}},
		{"same phase", register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-10", Version: 2}, []string{"phase phase_same"}},
		{"skips a phase", register.PhaseInput{Phase: "in_implementation", Date: "2026-11-10", Version: 2}, []string{"phase phase_next"}},
		{"back without reason", register.PhaseInput{Phase: "joined", Date: "2026-11-10", Version: 2}, []string{"reason correction_reason"}},
		{"future", register.PhaseInput{Phase: "plan_approved", Date: "2026-12-01", Version: 2}, []string{"date not_future"}},
		{"before last", register.PhaseInput{Phase: "plan_approved", Date: "2026-11-01", Version: 2}, []string{"date not_before_last"}},
		{"bad date", register.PhaseInput{Phase: "plan_approved", Date: "1.11.2026", Version: 2}, []string{"date date"}},
		{"reason control", register.PhaseInput{Phase: "joined", Date: "2026-11-10", Reason: "a\x00b", Version: 2}, []string{"reason line"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := register.ChangePhase(s, tc.in, "a", now)
			if got := rules(t, err); !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	// A stale version is a conflict.
	_, err = register.ChangePhase(s, register.PhaseInput{Phase: "plan_approved", Date: "2026-11-10", Version: 1}, "a", now)
	if !apperr.Is(err, apperr.Conflict, register.ReasonServiceChanged) {
		t.Errorf("stale version: got %v", err)
	}
	// A correction back with a reason keeps it.
	back, err := register.ChangePhase(s, register.PhaseInput{Phase: "joined", Date: "2026-11-10", Reason: "  Plán byl vrácen k přepracování. ", Version: 2}, "a", now)
	if err != nil {
		t.Fatal(err)
	}
	if back.Phase != reports.PhaseJoined || back.History[2].Reason != "Plán byl vrácen k přepracování." || back.Version != 3 {
		t.Errorf("correction: %+v", back)
	}
	// On the 10th it was joined again; on the 1st of November plan_drafted.
	if p := back.PhaseOn(cz.Date{Year: 2026, Month: 11, Day: 5}); p != reports.PhasePlanDrafted {
		t.Errorf("phase on 5 November: %s", p)
	}
}

func TestUpdate(t *testing.T) {
	s := joined(t)
	u, err := register.Update(s, register.UpdateInput{Name: "Domov Ráček, p. o.", Ico: "70889015", Region: "CZ010", RegistryID: "1726354", Version: 1})
	if err != nil {
		t.Fatal(err)
	}
	if u.Name != "Domov Ráček, p. o." || u.Ico != "70889015" || u.Version != 2 || u.Phase != s.Phase || len(u.History) != 1 {
		t.Errorf("got %+v", u)
	}
	if _, err := register.Update(s, register.UpdateInput{Name: "x", Ico: "70889015", Region: "CZ010", RegistryID: "1726354", Version: 3}); !apperr.Is(err, apperr.Conflict, register.ReasonServiceChanged) {
		t.Errorf("stale version: %v", err)
	}
	if got := rules(t, func() error { _, err := register.Update(s, register.UpdateInput{}); return err }()); !slices.Equal(got, []string{"ico required", "name required", "region required", "registryId required", "version gte"}) {
		t.Errorf("empty: %v", got)
	}
}

// TestDemoFollowsTheRules replays every demo service through the rules.
func TestDemoFollowsTheRules(t *testing.T) {
	demo := register.Demo()
	if len(demo) != 10 {
		t.Fatalf("%d demo services", len(demo))
	}
	phases := map[reports.Phase]int{}
	for _, d := range demo {
		h := d.History
		s, err := register.New(d.ID, register.CreateInput{Name: d.Name, Ico: d.Ico, Region: d.Region, RegistryID: d.RegistryID, Joined: h[0].Date.String()}, register.DemoBy, h[0].At)
		if err != nil {
			t.Fatalf("%s: %v", d.ID, err)
		}
		for _, c := range h[1:] {
			if s, err = register.ChangePhase(s, register.PhaseInput{Phase: string(c.Phase), Date: c.Date.String(), Version: s.Version}, register.DemoBy, c.At); err != nil {
				t.Fatalf("%s to %s: %v", d.ID, c.Phase, err)
			}
		}
		if s.Phase != d.Phase || s.Version != d.Version || !slices.Equal(s.History, d.History) {
			t.Errorf("%s: replayed %+v, demo %+v", d.ID, s, d)
		}
		for _, c := range h {
			if m := cz.MonthOf(c.Date.Start()); m.Compare(cz.Month{Year: 2026, Month: 10}) < 0 || m.Compare(cz.Month{Year: 2026, Month: 11}) > 0 {
				t.Errorf("%s: change on %s, outside October and November 2026", d.ID, c.Date)
			}
		}
		phases[d.Phase]++
	}
	for _, p := range reports.Phases {
		if phases[p] == 0 {
			t.Errorf("no demo service in phase %s", p)
		}
	}
}

func TestFold(t *testing.T) {
	if got := register.Fold("Domov Žirovnice ČTYŘLÍSTEK"); got != "domov zirovnice ctyrlistek" {
		t.Errorf("got %q", got)
	}
}

// TestChangePhaseHistoryIsBounded: a service's history stops at
// MaxChanges, so its item cannot outgrow DynamoDB's limit through
// corrections back and forth.
func TestChangePhaseHistoryIsBounded(t *testing.T) {
	s := joined(t)
	for len(s.History) < register.MaxChanges {
		s.History = append(s.History, s.History[0])
	}
	_, err := register.ChangePhase(s, register.PhaseInput{Phase: "plan_drafted", Date: "2026-11-02", Version: s.Version}, "admin-2", now)
	e, ok := apperr.As(err)
	if !ok || e.Code != apperr.Invalid || len(e.Fields) != 1 || e.Fields[0].Rule != "max_changes" {
		t.Fatalf("change %d: %v, want the max_changes field error", register.MaxChanges+1, err)
	}
}
