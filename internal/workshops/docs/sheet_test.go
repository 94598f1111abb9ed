package docs_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/docs"
)

var seminar = workshops.Event{
	ID: "ev-000002", Kind: workshops.KindSeminar,
	Title:     workshops.Text{CS: "Financování komunitních služeb"},
	Mode:      workshops.ModeHybrid,
	Venue:     workshops.Venue{Name: "MPSV", Address: "Na Poříčním právu 1/376, 128 01 Praha 2"},
	Sessions:  []workshops.Session{{Start: prague(2027, 4, 20, 9, 0), End: prague(2027, 4, 20, 15, 0)}},
	Organiser: "Ministerstvo práce a sociálních věcí",
}

func registrants(n int) []workshops.Registration {
	var regs []workshops.Registration
	for i := range n {
		regs = append(regs, workshops.Registration{
			ID: fmt.Sprintf("r%03d", i), Status: workshops.RegConfirmed,
			Contact: workshops.Contact{Name: fmt.Sprintf("Účastník Číslo %03d", i)},
			Org:     workshops.Organisation{Name: "Domov Žirovnice, příspěvková organizace"},
		})
	}
	return regs
}

func TestAttendanceSheetReadsBack(t *testing.T) {
	regs := registrants(45)
	regs = append(regs,
		workshops.Registration{Status: workshops.RegAttended, WalkIn: true, Contact: workshops.Contact{Name: "Chrudoš Ďoubalík"}, Org: workshops.Organisation{Name: "Obec Řevnice"}},
		workshops.Registration{Status: workshops.RegAttended, Contact: workshops.Contact{Name: "Hana Horáková"}},
		workshops.Registration{Status: workshops.RegNoShow, Contact: workshops.Contact{Name: "Cyril Čermák"}},
		workshops.Registration{Status: workshops.RegWaitlisted, Contact: workshops.Contact{Name: "Waitlisted Person"}},
		workshops.Registration{Status: workshops.RegOffered, Contact: workshops.Contact{Name: "Offered Person"}},
		workshops.Registration{Status: workshops.RegCancelled, Contact: workshops.Contact{Name: "Cancelled Person"}},
		workshops.Registration{Status: workshops.RegConfirmed, Contact: workshops.Contact{Name: "Erased Person"}, ErasedAt: prague(2027, 4, 1, 0, 0)},
		workshops.Registration{Status: workshops.RegConfirmed, Contact: workshops.Contact{Name: strings.Repeat("Dlouhé Jméno ", 12)}, Org: workshops.Organisation{Name: strings.Repeat("Velmi dlouhý název organizace ", 8)}},
	)
	sheet := docs.SheetOf(seminar, regs, 5, prague(2027, 4, 19, 17, 30))
	if got, want := len(sheet.Rows), 45+4; got != want {
		t.Fatalf("got %d rows, want %d (no waiting list, offers, cancellations or erased)", got, want)
	}
	var buf bytes.Buffer
	if err := docs.WriteAttendanceSheet(&buf, sheet); err != nil {
		t.Fatal(err)
	}
	keep(t, "sheet.pdf", buf.Bytes())
	doc := readPDF(t, buf.Bytes())
	if len(doc.pages) < 2 {
		t.Fatalf("got %d pages, want the rows broken over several", len(doc.pages))
	}
	t.Run("every page repeats the header and the table's head", func(t *testing.T) {
		for i, p := range doc.pages {
			for _, w := range []string{
				"Prezenční listina", "Seminář „Financování komunitních služeb“", "Termín: 20. 4. 2027, 9:00–15:00",
				"Místo konání: MPSV, Na Poříčním právu 1/376, 128 01 Praha 2 a online", "Pořadatel: Ministerstvo práce a sociálních věcí",
				"Spolufinancováno Evropskou unií", "Č.", "Jméno a příjmení", "Organizace", "Podpis",
				"reg. č. CZ.03.02.02/00/22_004/0000724", fmt.Sprintf("Strana %d z %d", i+1, len(doc.pages)),
				"* přihlášení na místě", "Stav k 19. 4. 2027 17:30",
			} {
				if !strings.Contains(flatten(p), w) {
					t.Errorf("page %d lacks %q; it reads:\n%s", i+1, w, p)
				}
			}
		}
	})
	t.Run("lists who has a seat or came, in Czech order, numbered", func(t *testing.T) {
		text := doc.text()
		order := []string{"Cyril Čermák", "Dlouhé Jméno", "Hana Horáková", "Chrudoš Ďoubalík *", "Účastník Číslo 000", "Účastník Číslo 044"}
		last := -1
		for _, name := range order {
			at := strings.Index(text, name)
			if at < 0 {
				t.Errorf("lacks %q", name)
				continue
			}
			if at < last {
				t.Errorf("%q is out of order", name)
			}
			last = at
		}
		for _, absent := range []string{"Waitlisted", "Offered", "Cancelled", "Erased"} {
			if strings.Contains(text, absent) {
				t.Errorf("lists %s", absent)
			}
		}
		// 49 people and 5 blank rows, numbered to the end.
		if !strings.Contains(text, "\n54.\n") || strings.Contains(text, "\n55.\n") {
			t.Errorf("want rows numbered 1 to 54; got:\n%s", text)
		}
		if !strings.Contains(text, "\nVelmi dlouhý název organizace\nVelmi dlouhý název organizace…\n") {
			t.Error("a long organisation is not shortened to two lines with an ellipsis")
		}
	})
	t.Run("is portrait A4 for one day", func(t *testing.T) {
		w, h := pageSize(t, doc)
		if int(w) != 595 || int(h) != 841 {
			t.Errorf("page %v × %v pt, want A4 portrait", w, h)
		}
	})
	t.Run("has its title and language", func(t *testing.T) {
		if got := doc.info("Title"); got != "Prezenční listina – Financování komunitních služeb" {
			t.Errorf("title %q", got)
		}
		if doc.lang() != "cs" {
			t.Errorf("lang %q", doc.lang())
		}
	})
}

func TestAttendanceSheetOfSeveralDays(t *testing.T) {
	var buf bytes.Buffer
	if err := docs.WriteAttendanceSheet(&buf, docs.SheetOf(studyVisit, registrants(3), 0, prague(2027, 3, 10, 8, 0))); err != nil {
		t.Fatal(err)
	}
	keep(t, "sheet-days.pdf", buf.Bytes())
	doc := readPDF(t, buf.Bytes())
	text := flatten(doc.text())
	for _, w := range []string{"Stáž „Život v komunitě", "Podpis 11. 3.", "Podpis 12. 3.", "11. 3. 2027, 9:00–12:30, 13:30–16:00; 12. 3. 2027, 9:00–11:00"} {
		if !strings.Contains(text, w) {
			t.Errorf("lacks %q; it reads:\n%s", w, doc.text())
		}
	}
	if strings.Contains(text, "přihlášení na místě") {
		t.Error("explains the walk-in mark without walk-ins")
	}
	if w, h := pageSize(t, doc); w <= h {
		t.Errorf("page %v × %v pt, want landscape for a signature column per day", w, h)
	}
}

func TestAttendanceSheetRefusesNoEvent(t *testing.T) {
	if err := docs.WriteAttendanceSheet(&bytes.Buffer{}, docs.Sheet{Event: "X"}); err == nil {
		t.Error("got a sheet without sessions")
	}
}

func pageSize(t *testing.T, doc pdfDoc) (float64, float64) {
	t.Helper()
	_, _, inh, err := doc.ctx.PageDict(1, false)
	if err != nil || inh.MediaBox == nil {
		t.Fatalf("no media box: %v", err)
	}
	return inh.MediaBox.Width(), inh.MediaBox.Height()
}
