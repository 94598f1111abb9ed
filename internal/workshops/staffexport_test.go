package workshops

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/i18n"
)

func TestExportTable(t *testing.T) {
	e := Event{Questions: []Question{
		{ID: "meal", Kind: QuestionSingle, Label: Text{CS: "Strava", EN: "Meals"}, Options: []Text{{CS: "Bez omezení"}, {CS: "Vegetariánská", EN: "Vegetarian"}}},
		{ID: "park", Kind: QuestionYesNo, Label: Text{CS: "Parkování"}},
		{ID: "note", Kind: QuestionShortText, Label: Text{CS: "Poznámka"}},
	}}
	at := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	regs := []Registration{
		{ID: "a", Seat: SeatInPerson, Status: RegConfirmed, Contact: Contact{Name: "Jana Nováková", Email: "jana@example.cz"},
			Region: "CZ064", TargetGroup: "provider", Needs: Needs{Wheelchair: true, Other: "tlumočník"},
			Answers: map[string][]string{"meal": {"1"}, "park": {"yes"}, "note": {"=SUM(A1)"}}, EsfKey: "esf-secret", CreatedAt: at},
		{ID: "b", Status: RegCancelled, ErasedAt: at, CreatedAt: at},
		{ID: "c", Seat: SeatInPerson, Status: RegAttended, WalkIn: true, Contact: Contact{Name: "Karel Dvořák"}, CheckedInAt: at, CreatedAt: at},
	}
	head, rows := ExportTable(e, regs, i18n.CS)
	if len(rows) != 2 {
		t.Fatalf("rows: got %d, want 2 (the erased registration left out)", len(rows))
	}
	col := func(name string) int {
		i := slices.Index(head, name)
		if i < 0 {
			t.Fatalf("no column %q in %v", name, head)
		}
		return i
	}
	for _, c := range []struct {
		row       int
		col, want string
	}{
		{0, "Jméno", "Jana Nováková"},
		{0, "Kraj", "Jihomoravský kraj"},
		{0, "Stav", "potvrzeno"},
		{0, "Bezbariérový přístup", "ano"},
		{0, "Jiné potřeby", "tlumočník"},
		{0, "Strava", "Vegetariánská"},
		{0, "Parkování", "ano"},
		{0, "Poznámka", "=SUM(A1)"}, // the writers neutralise formulas
		{1, "Přidán na místě", "ano"},
		{1, "Stav", "zúčastnil(a) se"},
	} {
		if got := rows[c.row][col(c.col)]; got != c.want {
			t.Errorf("row %d %s: got %q, want %q", c.row, c.col, got, c.want)
		}
	}
	for _, r := range rows {
		if len(r) != len(head) {
			t.Errorf("row of %d values for %d columns", len(r), len(head))
		}
		if strings.Contains(strings.Join(r, "|"), "esf-secret") {
			t.Error("the ESF+ key is in the export")
		}
	}
	enHead, enRows := ExportTable(e, regs, i18n.EN)
	if enHead[0] != "Name" || enRows[0][slices.Index(enHead, "Meals")] != "Vegetarian" {
		t.Errorf("English: got %v / %v", enHead, enRows[0])
	}
}
