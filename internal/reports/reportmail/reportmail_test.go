package reportmail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/reportmail"
)

var (
	nov  = cz.Month{Year: 2026, Month: time.November}
	now  = time.Date(2026, 12, 1, 2, 0, 0, 0, time.UTC)
	from = mail.Address{Name: "Brána", Email: "brana@mpsv.cz"}
)

func f(v float64) *float64 { return &v }

func report(version, changes int) reports.Report {
	r := reports.Report{
		Month: nov, Version: version,
		Indicators: []reports.Value{
			{Code: "consultations.booked", Total: reports.Cell{Value: f(140)}},
			{Code: reportmail.CodeConsultationsHeld, Total: reports.Cell{Value: f(1234)}},
			{Code: reportmail.CodeOrganisationsCumul, Total: reports.Cell{Value: f(87)}},
			{Code: reportmail.CodeEventsHeld, Total: reports.Cell{Value: f(6)}},
			{Code: reportmail.CodeAttendance, Total: reports.Cell{Suppressed: true}},
			{Code: reportmail.CodeEvaluationResponses, Total: reports.Cell{Value: f(31)}},
			{Code: reportmail.CodeAwarenessResponses, Total: reports.Cell{Value: f(12)}},
		},
		Transformation: reports.Transformation{Target: 40, ByPhase: []reports.PhaseCount{{Phase: reports.PhaseJoined, N: 9}, {Phase: reports.PhaseTransformed, N: 3}}},
	}
	for range changes {
		r.Changes = append(r.Changes, reports.Change{Code: "consultations.held"})
	}
	return r
}

func TestNotice(t *testing.T) {
	reg := mail.NewRegistry(reportmail.Templates()...)
	if reg.Capped(reportmail.TemplateName) {
		t.Error("the notice is capped: its addresses are configured, not typed by the public")
	}
	for _, c := range []struct {
		version, changes int
		want             []string
	}{
		{1, 0, []string{
			"Brána: měsíční zpráva za listopad 2026 je připravena / Monthly report for November 2026",
			"Dobrý den,", "měsíční zpráva programu s ukazateli za listopad 2026 je připravena.",
			"- Uskutečněné konzultace: 1\u00a0234", "- Podpořené organizace od začátku programu: 87", "- Uskutečněné akce: 6",
			"- Účastníci akcí: <5", "- Odpovědi v dotaznících: 43", "- Transformované sociální služby: 3 ze 40",
			"---- English ----", "Hello,", "- Consultations held: 1,234", "- Event participants: <5", "- Social services transformed: 3 of 40",
			"https://brana.example.cz/v1/staff/reports/2026-11/versions/1/files/report.html",
			"spolufinancováno z ESF+ (OPZ+)",
		}},
		{2, 3, []string{
			"Brána: měsíční zpráva za listopad 2026, verze 2 / Monthly report for November 2026, version 2",
			"vznikla verze 2 měsíční zprávy za listopad 2026", "se změnily 3 údaje", "3 figures changed",
			"/v1/staff/reports/2026-11/versions/2/files/report.html",
		}},
		{3, 1, []string{"se změnil 1 údaj,", "1 figure changed"}},
		{4, 7, []string{"se změnilo 7 údajů,"}},
	} {
		d := reportmail.DataOf(report(c.version, c.changes), "https://brana.example.cz/")
		items, err := reportmail.Items(d, nov, []string{"reditel@mpsv.cz", " Reditel@MPSV.cz", "monitoring@mpsv.cz"}, now)
		if err != nil {
			t.Fatal(err)
		}
		if len(items) != 2 || items[1].Message.To.Email != "monitoring@mpsv.cz" {
			t.Fatalf("items %+v, want one per distinct recipient", items)
		}
		raw, err := reg.Render(items[0].Message, from)
		if err != nil {
			t.Fatal(err)
		}
		p := mailtest.Parse(t, raw)
		all := p.Subject + "\n" + p.Text
		for _, s := range c.want {
			if !strings.Contains(all, s) {
				t.Errorf("v%d lacks %q:\n%s", c.version, s, all)
			}
		}
		if !strings.Contains(p.HTML, `<th scope="row"`) || !strings.Contains(p.HTML, `lang="en"`) || !strings.Contains(p.HTML, "&lt;5") {
			t.Errorf("HTML:\n%s", p.HTML)
		}
	}
}

// The outbox id is the same for a retried run, and differs by version and
// recipient.
func TestMessageID(t *testing.T) {
	a := reportmail.MessageID(nov, 1, "reditel@mpsv.cz")
	if a != reportmail.MessageID(nov, 1, "Reditel@mpsv.cz ") || !mail.ValidID(a) {
		t.Errorf("id %q", a)
	}
	for _, b := range []string{reportmail.MessageID(nov, 2, "reditel@mpsv.cz"), reportmail.MessageID(nov.Next(), 1, "reditel@mpsv.cz"), reportmail.MessageID(nov, 1, "jiny@mpsv.cz")} {
		if a == b {
			t.Errorf("same id %q", a)
		}
	}
	if strings.Contains(a, "reditel") {
		t.Errorf("the id %q shows the address", a)
	}
	if _, err := reportmail.Items(reportmail.Data{Version: 1}, nov, []string{"not an address"}, now); err == nil {
		t.Error("an invalid recipient was queued")
	}
}
