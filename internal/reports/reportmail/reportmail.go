// Package reportmail is the notice e-mail of the monthly reports: when a
// month's report version is stored, each address of the configured list
// (REPORTS_NOTICE_TO) gets the headline figures and a link to the report,
// in Czech with the English below. It carries no personal data: only
// aggregate figures (small cells already suppressed as "<5") and the
// recipient's configured address.
package reportmail

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/reports"
)

// TemplateName is the notice's registered template.
const TemplateName = "reports.notice"

// Templates returns the reports' e-mails for mail.NewRegistry. The
// addresses are configured by operators, not typed by the public: not
// capped.
func Templates() []mail.Template {
	return []mail.Template{{Name: TemplateName, Render: render}}
}

// The indicators of the headline figures (internal/reports/catalogue).
const (
	CodeConsultationsHeld   = "consultations.held"
	CodeOrganisationsCumul  = "organisations.supported.cumulative"
	CodeEventsHeld          = "events.held"
	CodeAttendance          = "events.attendance"
	CodeEvaluationResponses = "surveys.evaluation.responses"
	CodeAwarenessResponses  = "surveys.awareness.responses"
)

// Figure is one headline figure as the report publishes it.
type Figure struct {
	Value      *float64 `json:"value"` // nil: not available (or suppressed)
	Suppressed bool     `json:"suppressed,omitempty"`
}

// Data is the notice's own data (the outbox item's JSON).
type Data struct {
	Month   string `json:"month"` // YYYY-MM
	Version int    `json:"version"`
	Changes int    `json:"changes"` // figures changed from the version before
	// The headline figures of the month.
	Consultations Figure `json:"consultations"` // consultations held
	Organisations Figure `json:"organisations"` // organisations supported since the start
	Events        Figure `json:"events"`        // events held
	Attendance    Figure `json:"attendance"`    // participants attending events
	Responses     Figure `json:"responses"`     // survey responses
	Transformed   int    `json:"transformed"`   // services transformed …
	Target        int    `json:"target"`        // … of the target
	Link          string `json:"link"`          // the report
}

// Link is the report's HTML file of version n (the staff route that
// streams it, or redirects to a short-lived link).
func Link(baseURL string, m cz.Month, n int) string {
	return fmt.Sprintf("%s/v1/staff/reports/%s/versions/%d/files/%s", strings.TrimRight(baseURL, "/"), m, n, reports.FileHTML)
}

// DataOf picks a report's headline figures.
func DataOf(r reports.Report, baseURL string) Data {
	d := Data{
		Month: r.Month.String(), Version: r.Version, Changes: len(r.Changes),
		Consultations: figure(r, CodeConsultationsHeld), Organisations: figure(r, CodeOrganisationsCumul),
		Events: figure(r, CodeEventsHeld), Attendance: figure(r, CodeAttendance),
		Target: r.Transformation.Target, Link: Link(baseURL, r.Month, r.Version),
	}
	if d.Target == 0 {
		d.Target = reports.TransformationTarget
	}
	for _, p := range r.Transformation.ByPhase {
		if p.Phase == reports.PhaseTransformed {
			d.Transformed = p.N
		}
	}
	// Responses: both surveys; suppressed if either is (the sum would
	// give the suppressed one away).
	a, b := figure(r, CodeEvaluationResponses), figure(r, CodeAwarenessResponses)
	switch {
	case a.Suppressed || b.Suppressed:
		d.Responses = Figure{Suppressed: true}
	case a.Value != nil || b.Value != nil:
		sum := 0.0
		for _, f := range []Figure{a, b} {
			if f.Value != nil {
				sum += *f.Value
			}
		}
		d.Responses = Figure{Value: &sum}
	}
	return d
}

func figure(r reports.Report, code string) Figure {
	for _, v := range r.Indicators {
		if v.Code == code {
			return Figure{Value: v.Total.Value, Suppressed: v.Total.Suppressed}
		}
	}
	return Figure{}
}

// MessageID is the notice's outbox id for one recipient: derived from the
// month, the version and a hash of the address, so a retried run queues
// it once.
func MessageID(m cz.Month, version int, to string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(to))))
	return fmt.Sprintf("report-%s-v%d-notice-%s", m, version, hex.EncodeToString(sum[:8]))
}

// Items are the notice's outbox items, one per recipient (duplicates
// dropped), created now.
func Items(d Data, m cz.Month, to []string, now time.Time) ([]outbox.Item, error) {
	data, err := json.Marshal(d)
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []outbox.Item
	for _, addr := range to {
		a := mail.Address{Email: strings.TrimSpace(addr)}
		if !mail.ValidAddress(a.Email) {
			return nil, fmt.Errorf("reportmail: recipient %q is not an e-mail address", a.Email)
		}
		id := MessageID(m, d.Version, a.Email)
		if seen[id] {
			continue
		}
		seen[id] = true
		msg := mail.Message{ID: id, Template: TemplateName, Lang: mail.LangCzech, To: a, Data: data, CreatedAt: now}
		out = append(out, outbox.Item{
			ID: id, Ref: fmt.Sprintf("report-%s-v%d", m, d.Version), Message: msg, Status: outbox.StatusPending,
			NextAttemptAt: now, CreatedAt: now, ExpiresAt: now.Add(outbox.PendingRetention),
		})
	}
	return out, nil
}

func render(in mail.Input) (mail.Content, error) {
	var d Data
	if err := json.Unmarshal(in.Data, &d); err != nil {
		return mail.Content{}, fmt.Errorf("decode report notice data: %w", err)
	}
	m, err := cz.ParseMonth(d.Month)
	if err != nil {
		return mail.Content{}, err
	}
	switch {
	case d.Version < 1:
		return mail.Content{}, errors.New("report notice without a version")
	case !strings.HasPrefix(d.Link, "https://") && !strings.HasPrefix(d.Link, "http://"):
		return mail.Content{}, fmt.Errorf("report link %q is not http(s)", d.Link)
	}
	cs, en := compose(d, m, &csTexts), compose(d, m, &enTexts)
	subject := cs.subject + " / " + en.subject
	text := cs.text() + "\n---- English ----\n\n" + en.text() + "\n-- \n" + csTexts.footer + "\n"
	return mail.Content{Subject: subject, Text: text, HTML: htmlOf(subject, cs, en)}, nil
}

// view is what the notice says in one language.
type view struct {
	lang, subject, greeting, intro, changes, figuresHead string
	figures                                              [][2]string // label, value
	linkCTA, link, signOff                               string
}

func compose(d Data, m cz.Month, t *texts) view {
	month := t.months[m.Month-1] + " " + strconv.Itoa(m.Year)
	v := view{lang: t.lang, subject: fmt.Sprintf(t.subject, month), greeting: t.greeting, figuresHead: t.figuresHead, linkCTA: t.linkCTA, link: d.Link, signOff: t.signOff}
	if d.Version == 1 {
		v.intro = fmt.Sprintf(t.introFirst, month)
	} else {
		v.subject = fmt.Sprintf(t.subjectVersion, month, d.Version)
		v.intro = fmt.Sprintf(t.introVersion, d.Version, month)
		v.changes = t.changes(d.Changes)
	}
	v.figures = [][2]string{
		{t.consultations, t.num(d.Consultations)},
		{t.organisations, t.num(d.Organisations)},
		{t.events, t.num(d.Events)},
		{t.attendance, t.num(d.Attendance)},
		{t.responses, t.num(d.Responses)},
		{t.transformed, fmt.Sprintf(t.ofTarget, d.Transformed, d.Target)},
	}
	return v
}

func (v view) text() string {
	var b strings.Builder
	b.WriteString(v.greeting + "\n\n" + v.intro + "\n\n")
	if v.changes != "" {
		b.WriteString(v.changes + "\n\n")
	}
	b.WriteString(v.figuresHead + "\n")
	for _, f := range v.figures {
		b.WriteString("- " + f[0] + ": " + f[1] + "\n")
	}
	b.WriteString("\n" + v.linkCTA + "\n" + v.link + "\n\n" + v.signOff + "\n")
	return b.String()
}

func htmlOf(subject string, views ...view) string {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"cs\">\n<head><meta charset=\"utf-8\">" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + e(subject) + "</title></head>\n" +
		"<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff\">\n" +
		"<div style=\"max-width:600px\">\n")
	for i, v := range views {
		if i > 0 {
			b.WriteString("<hr style=\"border:0;border-top:1px solid #cccccc\">\n")
		}
		b.WriteString("<div lang=\"" + e(v.lang) + "\">\n<p>" + e(v.greeting) + "</p>\n<p>" + e(v.intro) + "</p>\n")
		if v.changes != "" {
			b.WriteString("<p>" + e(v.changes) + "</p>\n")
		}
		b.WriteString("<table style=\"border-collapse:collapse\">\n<caption style=\"text-align:left;font-weight:bold;padding-bottom:4px\">" + e(v.figuresHead) + "</caption>\n")
		for _, f := range v.figures {
			b.WriteString("<tr><th scope=\"row\" style=\"text-align:left;font-weight:normal;padding:2px 16px 2px 0\">" + e(f[0]) +
				"</th><td style=\"text-align:right;font-weight:bold\">" + e(f[1]) + "</td></tr>\n")
		}
		b.WriteString("</table>\n<p><a href=\"" + e(v.link) + "\" style=\"color:#2362a2\">" + e(v.linkCTA) + "</a></p>\n<p>" + e(v.signOff) + "</p>\n</div>\n")
	}
	b.WriteString("<hr style=\"border:0;border-top:1px solid #cccccc\">\n<p style=\"font-size:13px;color:#4d4d4d\">" + e(csTexts.footer) + "</p>\n</div>\n</body>\n</html>\n")
	return b.String()
}

// num writes a figure: "<5" when suppressed, "–" when not available, a
// whole number with the language's digit grouping.
func (t *texts) num(f Figure) string {
	switch {
	case f.Suppressed:
		return "<5"
	case f.Value == nil || math.IsNaN(*f.Value) || math.IsInf(*f.Value, 0):
		return "–"
	}
	n := int64(math.Round(*f.Value))
	s := strconv.FormatInt(abs(n), 10)
	var b strings.Builder
	if n < 0 {
		b.WriteString("−")
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(t.thousands)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func abs(n int64) int64 {
	if n < 0 {
		return -n
	}
	return n
}
