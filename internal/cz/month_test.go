package cz

import (
	"encoding/json"
	"testing"
	"time"
)

func TestMonthBoundariesArePragueMonths(t *testing.T) {
	oct := Month{2026, time.October}
	// 23:30 on 31 October in Prague (CET, after the DST change on the
	// 25th) is 22:30 UTC: October, although 1 November is near in UTC terms
	// only the other way round.
	late := time.Date(2026, 10, 31, 22, 30, 0, 0, time.UTC)
	if got := MonthOf(late); got != oct {
		t.Fatalf("MonthOf(23:30 Prague, 31 Oct) = %v, want 2026-10", got)
	}
	// 00:30 on 1 November in Prague is 23:30 UTC on 31 October: November.
	early := time.Date(2026, 10, 31, 23, 30, 0, 0, time.UTC)
	if got := MonthOf(early); got != oct.Next() {
		t.Fatalf("MonthOf(00:30 Prague, 1 Nov) = %v, want 2026-11", got)
	}
	if !oct.Contains(late) || oct.Contains(early) {
		t.Fatal("Contains disagrees with MonthOf")
	}
	// October 2026 has the autumn DST change: 31 days and one hour.
	if got := oct.End().Sub(oct.Start()); got != 31*24*time.Hour+time.Hour {
		t.Fatalf("October 2026 lasts %v", got)
	}
	// March 2027 has the spring change: 31 days less one hour.
	mar := Month{2027, time.March}
	if got := mar.End().Sub(mar.Start()); got != 31*24*time.Hour-time.Hour {
		t.Fatalf("March 2027 lasts %v", got)
	}
	if got := oct.Start().UTC(); !got.Equal(time.Date(2026, 9, 30, 22, 0, 0, 0, time.UTC)) {
		t.Fatalf("October starts at %v UTC", got)
	}
	if got := oct.End().UTC(); !got.Equal(time.Date(2026, 10, 31, 23, 0, 0, 0, time.UTC)) {
		t.Fatalf("October ends at %v UTC", got)
	}
}

func TestMonthArithmeticAndText(t *testing.T) {
	m, err := ParseMonth("2026-12")
	if err != nil {
		t.Fatal(err)
	}
	if m.Next().String() != "2027-01" || m.Prev().String() != "2026-11" || m.Add(-12).String() != "2025-12" {
		t.Fatalf("arithmetic: %v %v %v", m.Next(), m.Prev(), m.Add(-12))
	}
	if !m.Prev().Before(m) || m.Before(m) || m.Compare(m) != 0 {
		t.Fatal("Compare")
	}
	for _, bad := range []string{"", "2026-13", "2026-1", "26-12", "2026-12-01", "2026/12"} {
		if _, err := ParseMonth(bad); err == nil {
			t.Errorf("ParseMonth(%q) accepted", bad)
		}
	}
	b, err := json.Marshal(struct{ M Month }{m})
	if err != nil || string(b) != `{"M":"2026-12"}` {
		t.Fatalf("json %s %v", b, err)
	}
	var back struct{ M Month }
	if err := json.Unmarshal(b, &back); err != nil || back.M != m {
		t.Fatalf("json back %v %v", back.M, err)
	}
	if _, err := json.Marshal(struct{ M Month }{}); err == nil {
		t.Fatal("zero month marshalled")
	}
}
