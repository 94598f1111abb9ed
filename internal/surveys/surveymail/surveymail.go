// Package surveymail is the e-mails of the evaluation surveys: the
// invitation sent the day after a consultation held or an event attended,
// and its one reminder a week later. Each carries the single-use answer
// link and the opt-out link, made from the invitation's token, which is
// the message's secret (sealed in the outbox until sent, never stored in
// plain). Each is written in Czech or English, as text with an HTML
// alternative.
package surveymail

import (
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/mail"
)

// Kind is which e-mail.
type Kind string

const (
	KindInvitation Kind = "invitation"
	KindReminder   Kind = "reminder"
)

// Kinds lists every kind.
var Kinds = []Kind{KindInvitation, KindReminder}

// TemplateName is the registered name of a kind's template.
func TemplateName(k Kind) string { return "surveys." + string(k) }

// Occasion is what the survey asks about.
type Occasion string

const (
	OccasionConsultation Occasion = "consultation"
	OccasionEvent        Occasion = "event"
)

// Text is a text in Czech and, optionally, English.
type Text struct {
	Cs string `json:"cs"`
	En string `json:"en,omitempty"`
}

// In is the text in lang, Czech when there is no English.
func (t Text) In(lang string) string {
	if lang == mail.LangEnglish && t.En != "" {
		return t.En
	}
	return t.Cs
}

// Data is a survey e-mail's own data (the outbox item's JSON). It holds no
// token: the token is the message's secret.
type Data struct {
	Survey   Text     `json:"survey"`   // the survey's title
	Occasion Occasion `json:"occasion"` // a consultation or an event
	// EventTitle names the event (events only).
	EventTitle Text `json:"eventTitle,omitempty"`
	// Day is the consultation's or the event's day (its Prague date).
	Day       time.Time `json:"day"`
	ExpiresAt time.Time `json:"expiresAt"` // the link's expiry
	// BaseURL is the public site the links point to.
	BaseURL string `json:"baseUrl"`
}

// Links are the links an e-mail carries, made from the token.
type Links struct {
	Answer, OptOut string
}

// LinksFor makes the answer and opt-out links: the token stays in the
// fragment, which a browser never sends to a server. An English e-mail's
// links open the pages in English (?lang=en; Czech is the site's default).
func LinksFor(baseURL, token, lang string) Links {
	b := strings.TrimRight(baseURL, "/")
	q := ""
	if lang == "en" {
		q = "?lang=en"
	}
	return Links{Answer: b + "/surveys/answer" + q + "#" + token, OptOut: b + "/surveys/opt-out" + q + "#" + token}
}

// NewMessage makes the message of one survey e-mail; the token becomes its
// secret, which the outbox seals.
func NewMessage(id string, kind Kind, lang string, to mail.Address, d Data, token string, now time.Time) mail.Message {
	data, err := json.Marshal(d)
	if err != nil {
		panic(fmt.Sprintf("surveymail: marshal data of %s: %v", id, err)) // strings and times always marshal
	}
	return mail.Message{ID: id, Template: TemplateName(kind), Lang: lang, To: to, Data: data, Secret: token, CreatedAt: now}
}

// Templates returns the survey e-mails for mail.NewRegistry. The address
// was typed by whoever booked or registered, so each counts towards the
// recipient's daily cap.
func Templates() []mail.Template {
	out := make([]mail.Template, 0, len(Kinds))
	for _, k := range Kinds {
		out = append(out, mail.Template{Name: TemplateName(k), Render: renderer(k), Capped: true})
	}
	return out
}

// tokenChars is the URL-safe base64 alphabet.
func validToken(s string) bool {
	if len(s) < 22 || len(s) > 128 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

func renderer(kind Kind) func(mail.Input) (mail.Content, error) {
	return func(in mail.Input) (mail.Content, error) {
		var d Data
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return mail.Content{}, fmt.Errorf("decode survey e-mail data: %w", err)
		}
		if err := validate(d, in.Secret); err != nil {
			return mail.Content{}, fmt.Errorf("survey e-mail %s: %w", in.ID, err)
		}
		c := catalogues[mail.NormLang(in.Lang)]
		t := compose(kind, d, c, LinksFor(d.BaseURL, in.Secret, mail.NormLang(in.Lang)))
		return mail.Content{Subject: t.Subject, Text: t.text(), HTML: t.html()}, nil
	}
}

func validate(d Data, token string) error {
	switch {
	case !validToken(token):
		return errors.New("no token, or not a token")
	case mail.Line(d.Survey.Cs) == "":
		return errors.New("survey without a title")
	case d.Occasion != OccasionConsultation && d.Occasion != OccasionEvent:
		return fmt.Errorf("unknown occasion %q", d.Occasion)
	case d.Occasion == OccasionEvent && mail.Line(d.EventTitle.Cs) == "":
		return errors.New("event without a title")
	case d.Day.IsZero() || d.ExpiresAt.IsZero():
		return errors.New("no day or no expiry")
	case !strings.HasPrefix(d.BaseURL, "https://") && !strings.HasPrefix(d.BaseURL, "http://"):
		return fmt.Errorf("base URL %q is not http(s)", d.BaseURL)
	}
	return nil
}

// view is what an e-mail says, for the text and the HTML alike.
type view struct {
	Lang      string
	Subject   string
	Greeting  string
	Intro     []string // paragraphs before the link
	AnswerCTA string   // the line before the answer link / the button's label
	Answer    string
	Validity  string
	OptOutCTA string
	OptOut    string
	Closing   string
	Signature string
	Footer    string
	Button    string
}

func compose(kind Kind, d Data, c *catalogue, l Links) view {
	survey := mail.Line(d.Survey.In(c.lang))
	day := cz.FormatDate(d.Day, c.lang)
	var occasion, subject string
	switch d.Occasion {
	case OccasionEvent:
		title := mail.Line(d.EventTitle.In(c.lang))
		occasion = fmt.Sprintf(c.occasion[kind][OccasionEvent], title, day)
		subject = fmt.Sprintf(c.subjectEvent[kind], title)
	default:
		occasion = fmt.Sprintf(c.occasion[kind][OccasionConsultation], day)
		subject = c.subjectConsultation[kind]
	}
	v := view{
		Lang: c.lang, Subject: subject, Greeting: c.greeting,
		AnswerCTA: c.answerCTA, Answer: l.Answer, Button: c.button,
		Validity:  fmt.Sprintf(c.validity, cz.FormatDate(d.ExpiresAt, c.lang), cz.FormatTime(d.ExpiresAt, c.lang)),
		OptOutCTA: c.optOutCTA[kind], OptOut: l.OptOut,
		Closing: c.closing, Signature: c.signature, Footer: c.footer,
	}
	if kind == KindReminder {
		v.Intro = []string{fmt.Sprintf(c.reminderIntro, occasion, survey), c.anonymous, c.reminderOnce}
	} else {
		v.Intro = []string{fmt.Sprintf(c.invitationIntro, occasion, survey), c.anonymous}
	}
	return v
}

func (v view) text() string {
	var b strings.Builder
	b.WriteString(v.Greeting + "\n\n")
	for _, p := range v.Intro {
		b.WriteString(p + "\n\n")
	}
	b.WriteString(v.AnswerCTA + "\n" + v.Answer + "\n\n")
	b.WriteString(v.Validity + "\n\n")
	b.WriteString(v.OptOutCTA + "\n" + v.OptOut + "\n\n")
	b.WriteString(v.Closing + "\n" + v.Signature + "\n\n-- \n" + v.Footer + "\n")
	return b.String()
}

// html is the HTML alternative: the same words, the answer link as a
// large, well-contrasted link that reads as a button, no images, no
// tracking. It is written with html.EscapeString rather than html/template:
// text/template's reflection would cost every function that links the
// templates (the outbox sender) the linker's method elimination.
func (v view) html() string {
	e := html.EscapeString
	var b strings.Builder
	b.WriteString("<!DOCTYPE html>\n<html lang=\"" + e(v.Lang) + "\">\n<head><meta charset=\"utf-8\">" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" + e(v.Subject) + "</title></head>\n" +
		"<body style=\"margin:0;padding:16px;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;background:#ffffff\">\n" +
		"<div style=\"max-width:600px\">\n")
	p := func(style, inner string) {
		if style != "" {
			style = " style=\"" + style + "\""
		}
		b.WriteString("<p" + style + ">" + inner + "</p>\n")
	}
	p("", e(v.Greeting))
	for _, para := range v.Intro {
		p("", e(para))
	}
	p("", e(v.AnswerCTA))
	p("", "<a href=\""+e(v.Answer)+"\" style=\"display:inline-block;padding:12px 20px;background:#2362a2;color:#ffffff;font-weight:bold;text-decoration:underline;border-radius:4px\">"+e(v.Button)+"</a>")
	p("font-size:14px", e(v.Answer))
	p("", e(v.Validity))
	p("", e(v.OptOutCTA)+"<br><a href=\""+e(v.OptOut)+"\" style=\"color:#2362a2\">"+e(v.OptOut)+"</a>")
	p("", e(v.Closing)+"<br>"+e(v.Signature))
	b.WriteString("<hr style=\"border:0;border-top:1px solid #cccccc\">\n")
	p("font-size:13px;color:#4d4d4d", e(v.Footer))
	b.WriteString("</div>\n</body>\n</html>\n")
	return b.String()
}
