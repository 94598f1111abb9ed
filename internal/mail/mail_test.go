package mail_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
)

var from = mail.Address{Name: "Brána – MPSV", Email: "brana@mpsv.cz"}

// notice is a test-only template, to show that the mechanics know nothing
// of any capability: its data says what to write.
type notice struct {
	Subject  string `json:"subject"`
	Text     string `json:"text"`
	HTML     string `json:"html,omitempty"`
	Calendar string `json:"calendar,omitempty"`
	// Image, when set, is sent as an inline PNG file named qr.png.
	Image []byte `json:"image,omitempty"`
}

var registry = mail.NewRegistry(mail.Template{
	Name: "test.notice",
	Render: func(in mail.Input) (mail.Content, error) {
		var n notice
		if err := json.Unmarshal(in.Data, &n); err != nil {
			return mail.Content{}, err
		}
		if n.Subject == "fail" {
			return mail.Content{}, errors.New("template refused")
		}
		if n.Text == "" {
			return mail.Content{Subject: n.Subject}, nil
		}
		c := mail.Content{
			Subject: n.Subject,
			Text:    fmt.Sprintf("%s\nlang=%s to=%s secret=%s", n.Text, in.Lang, in.To.Name, in.Secret),
			HTML:    n.HTML,
		}
		if n.Calendar != "" {
			c.Calendar = &mail.Calendar{Method: "REQUEST", Object: []byte(n.Calendar), Filename: "event.ics"}
		}
		if n.Image != nil {
			c.Files = []mail.File{{Filename: "qr.png", ContentType: "image/png", Inline: true, Data: n.Image}}
		}
		return c, nil
	},
})

func message(n notice) mail.Message {
	data, _ := json.Marshal(n)
	return mail.Message{
		ID: "n-1", Template: "test.notice", Lang: "cs",
		To:        mail.Address{Name: "Jana Nováková", Email: "jana.novakova@example.cz"},
		Data:      data,
		CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
	}
}

func render(t *testing.T, m mail.Message) []byte {
	t.Helper()
	raw, err := registry.Render(m, from)
	if err != nil {
		t.Fatalf("Render: got error %v, want nil", err)
	}
	return raw
}

func TestRenderLayouts(t *testing.T) {
	t.Run("text alone is one text/plain part with the headers", func(t *testing.T) {
		m := message(notice{Subject: "Oznámení č. 1", Text: "Dobrý den,\nřádek"})
		m.Secret = "s3cr3t"
		raw := render(t, m)
		p := mailtest.Parse(t, raw)
		if got := p.Header.Get("Content-Type"); got != "text/plain; charset=UTF-8" {
			t.Errorf("got Content-Type %q, want text/plain", got)
		}
		if p.Subject != "Oznámení č. 1" {
			t.Errorf("got subject %q", p.Subject)
		}
		if want := "Dobrý den,\r\nřádek\r\nlang=cs to=Jana Nováková secret=s3cr3t"; p.Text != want {
			t.Errorf("got text %q, want %q", p.Text, want)
		}
		for name, want := range map[string]string{
			"Message-Id": "<n-1@brana.mpsv.cz>", "Content-Language": "cs", "Auto-Submitted": "auto-generated",
			"Mime-Version": "1.0", "Date": "Fri, 20 Nov 2026 10:00:00 +0100",
		} {
			if got := p.Header.Get(name); got != want {
				t.Errorf("got %s %q, want %q", name, got, want)
			}
		}
		if p.From.Address != from.Email || p.To.Address != m.To.Email || p.To.Name != m.To.Name {
			t.Errorf("got From %v To %v", p.From, p.To)
		}
	})
	t.Run("an HTML body makes a multipart/alternative of text and HTML", func(t *testing.T) {
		p := mailtest.Parse(t, render(t, message(notice{Subject: "S", Text: "text", HTML: "<p>Dobrý den</p>"})))
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/alternative;") {
			t.Errorf("got Content-Type %q, want multipart/alternative", ct)
		}
		if p.HTML != "<p>Dobrý den</p>" || !strings.HasPrefix(p.Text, "text") {
			t.Errorf("got html %q and text %q", p.HTML, p.Text)
		}
		if p.Calendar != nil || p.AttachCount != 0 {
			t.Errorf("got a calendar, want none")
		}
	})
	t.Run("a calendar is sent inline and as the same attachment", func(t *testing.T) {
		cal := "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
		p := mailtest.Parse(t, render(t, message(notice{Subject: "S", Text: "text", HTML: "<p>x</p>", Calendar: cal})))
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/mixed;") {
			t.Errorf("got Content-Type %q, want multipart/mixed", ct)
		}
		if string(p.Calendar) != cal || p.CalMethod != "REQUEST" {
			t.Errorf("got inline calendar %q method %q", p.Calendar, p.CalMethod)
		}
		if p.AttachCount != 1 || string(p.Attachment) != cal || p.AttachName != "event.ics" {
			t.Errorf("got %d attachments %q named %q, want the calendar as event.ics", p.AttachCount, p.Attachment, p.AttachName)
		}
		if p.HTML != "<p>x</p>" {
			t.Errorf("got html %q", p.HTML)
		}
	})
	t.Run("the language is normalised for the template and the header", func(t *testing.T) {
		m := message(notice{Subject: "S", Text: "t"})
		m.Lang = "en-GB"
		p := mailtest.Parse(t, render(t, m))
		if !strings.Contains(p.Text, "lang=en") || p.Header.Get("Content-Language") != "en" {
			t.Errorf("got text %q and Content-Language %q, want en", p.Text, p.Header.Get("Content-Language"))
		}
	})
}

func TestRenderWireFormat(t *testing.T) {
	m := message(notice{Subject: strings.Repeat("Připomenutí konzultace ", 4), Text: "Žluťoučký kůň", Calendar: "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"})
	raw := render(t, m)
	t.Run("is plain ASCII with CRLF line ends", func(t *testing.T) {
		for i, c := range raw {
			if c >= 0x80 {
				t.Fatalf("got byte %#x at %d, want 7-bit ASCII", c, i)
			}
			if c == '\n' && (i == 0 || raw[i-1] != '\r') {
				t.Fatalf("got bare LF at %d, want CRLF", i)
			}
		}
	})
	t.Run("header lines stay within 78 characters", func(t *testing.T) {
		head, _, _ := bytes.Cut(raw, []byte("\r\n\r\n"))
		for _, l := range strings.Split(string(head), "\r\n") {
			if len(l) > 78 {
				t.Errorf("got header line of %d characters, want ≤ 78: %q", len(l), l)
			}
		}
	})
	t.Run("rendering twice gives the same bytes", func(t *testing.T) {
		if again := render(t, m); !bytes.Equal(raw, again) {
			t.Errorf("got different output on the second render")
		}
	})
	t.Run("a line break in a display name or the subject cannot add a header", func(t *testing.T) {
		m := message(notice{Subject: "S\r\nBcc: spy@example.com", Text: "t"})
		m.To.Name = "Jana\r\nBcc: spy@example.com"
		p := mailtest.Parse(t, render(t, m))
		if got := p.Header.Get("Bcc"); got != "" {
			t.Errorf("got Bcc %q, want none", got)
		}
	})
	t.Run("long non-ASCII display names are encoded and folded", func(t *testing.T) {
		m := m
		m.To.Name = strings.Repeat("Řeřichová ", 12)
		p := mailtest.Parse(t, render(t, m))
		if want := strings.TrimSpace(m.To.Name); p.To.Name != want {
			t.Errorf("got To name %q, want %q", p.To.Name, want)
		}
	})
}

func TestRenderRejectsBadMessages(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*mail.Message, *mail.Address)
		is     error
	}{
		{"rejects an unknown template", func(m *mail.Message, _ *mail.Address) { m.Template = "invoice" }, mail.ErrUnknownTemplate},
		{"rejects an empty id", func(m *mail.Message, _ *mail.Address) { m.ID = "" }, nil},
		{"rejects an id that would break the Message-ID", func(m *mail.Message, _ *mail.Address) { m.ID = "a>b@c" }, nil},
		{"rejects an id that is a path", func(m *mail.Message, _ *mail.Address) { m.ID = "../x" }, nil},
		{"rejects a recipient without an address", func(m *mail.Message, _ *mail.Address) { m.To.Email = "" }, mail.ErrBadEmail},
		{"rejects a recipient address with a display name", func(m *mail.Message, _ *mail.Address) {
			m.To.Email = "Jana <jana.novakova@example.cz>"
		}, mail.ErrBadEmail},
		{"rejects a sender without an address", func(_ *mail.Message, f *mail.Address) { f.Email = "" }, mail.ErrBadEmail},
		{"rejects a missing creation time", func(m *mail.Message, _ *mail.Address) { m.CreatedAt = time.Time{} }, nil},
		{"passes on the template's refusal", func(m *mail.Message, _ *mail.Address) {
			*m = message(notice{Subject: "fail", Text: "t"})
		}, nil},
		{"rejects an empty subject", func(m *mail.Message, _ *mail.Address) { *m = message(notice{Subject: " ", Text: "t"}) }, nil},
		{"rejects an empty text", func(m *mail.Message, _ *mail.Address) { *m = message(notice{Subject: "S"}) }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, f := message(notice{Subject: "S", Text: "t"}), from
			tt.modify(&m, &f)
			raw, err := registry.Render(m, f)
			if err == nil {
				t.Fatalf("got nil error and %d bytes, want an error", len(raw))
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("got error %v, want %v", err, tt.is)
			}
			if strings.Contains(err.Error(), "example.cz") || strings.Contains(err.Error(), "mpsv.cz>") {
				t.Errorf("got error %q naming an e-mail address, want none", err)
			}
		})
	}
}

func TestNewRegistry(t *testing.T) {
	render := func(mail.Input) (mail.Content, error) { return mail.Content{}, nil }
	for _, tt := range []struct {
		name      string
		templates []mail.Template
	}{
		{"panics on a name registered twice", []mail.Template{{Name: "a.b", Render: render}, {Name: "a.b", Render: render}}},
		{"panics on an empty name", []mail.Template{{Render: render}}},
		{"panics on a name with spaces", []mail.Template{{Name: "a b", Render: render}}},
		{"panics on a template without Render", []mail.Template{{Name: "a.b"}}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("got no panic, want one")
				}
			}()
			mail.NewRegistry(tt.templates...)
		})
	}
	t.Run("knows what it holds; a nil registry holds nothing", func(t *testing.T) {
		var none *mail.Registry
		if !registry.Has("test.notice") || registry.Has("test.other") || none.Has("test.notice") {
			t.Errorf("got Has wrong")
		}
	})
}

func TestCompose(t *testing.T) {
	m := message(notice{Subject: "S", Text: "t"})
	out, err := registry.Compose(m, from)
	if err != nil {
		t.Fatalf("Compose: got error %v, want nil", err)
	}
	if out.ID != m.ID || out.From != from.Email || len(out.To) != 1 || out.To[0] != m.To.Email {
		t.Errorf("got envelope %q from %q to %q, want %q from %q to [%q]", out.ID, out.From, out.To, m.ID, from.Email, m.To.Email)
	}
	if want := render(t, m); !bytes.Equal(out.Raw, want) {
		t.Errorf("got Raw different from Render's output")
	}
}

func TestWhen(t *testing.T) {
	winter := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	summer := time.Date(2026, 6, 1, 8, 30, 0, 0, time.UTC)
	for _, tt := range []struct {
		start, end time.Time
		lang, want string
	}{
		{winter, winter.Add(time.Hour), "cs", "úterý 1. 12. 2026, 9:30–10:30 SEČ (60 minut)"},
		{winter, winter.Add(time.Hour), "en", "Tuesday 1 December 2026, 9:30–10:30 CET, Prague time (60 minutes)"},
		{summer, summer.Add(3 * time.Minute), "cs", "pondělí 1. 6. 2026, 10:30–10:33 SELČ (3 minuty)"},
		{summer, summer.Add(time.Minute), "en", "Monday 1 June 2026, 10:30–10:31 CEST, Prague time (1 minute)"},
		{summer, summer.Add(time.Minute), "de", "pondělí 1. 6. 2026, 10:30–10:31 SELČ (1 minuta)"},
	} {
		t.Run(tt.want, func(t *testing.T) {
			if got := mail.When(tt.start, tt.end, tt.lang); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestLineAndParagraph(t *testing.T) {
	if got, want := mail.Line(" Jana\r\n\tNováková\u2028x "), "Jana Nováková x"; got != want {
		t.Errorf("Line: got %q, want %q", got, want)
	}
	if got, want := mail.Paragraph("a\r\nb\rc\x07d", "  "), "a\n  b\n  c d"; got != want {
		t.Errorf("Paragraph: got %q, want %q", got, want)
	}
}

func TestRenderFiles(t *testing.T) {
	png := []byte("\x89PNG\r\n\x1a\n not really a picture")
	t.Run("with a calendar, the file follows the calendar file", func(t *testing.T) {
		p := mailtest.Parse(t, render(t, message(notice{Subject: "S", Text: "T", Calendar: "BEGIN:VCALENDAR", Image: png})))
		if p.AttachCount != 1 || string(p.Attachment) != "BEGIN:VCALENDAR" || string(p.Calendar) != "BEGIN:VCALENDAR" {
			t.Errorf("calendar: got %d attachments %q inline %q, want the calendar inline and as a file", p.AttachCount, p.Attachment, p.Calendar)
		}
		checkImage(t, p, png)
	})
	t.Run("without a calendar, mixed of the text and the file", func(t *testing.T) {
		p := mailtest.Parse(t, render(t, message(notice{Subject: "S", Text: "Dobrý den", Image: png})))
		if ct := p.Header.Get("Content-Type"); !strings.HasPrefix(ct, "multipart/mixed;") {
			t.Errorf("got Content-Type %q, want multipart/mixed", ct)
		}
		if !strings.HasPrefix(p.Text, "Dobrý den") || p.Calendar != nil || p.AttachCount != 0 {
			t.Errorf("got text %q, calendar %q, %d calendar files; want the text alone", p.Text, p.Calendar, p.AttachCount)
		}
		checkImage(t, p, png)
	})
	t.Run("with HTML, mixed of the alternative and the file", func(t *testing.T) {
		p := mailtest.Parse(t, render(t, message(notice{Subject: "S", Text: "T", HTML: "<p>T</p>", Image: png})))
		if p.HTML != "<p>T</p>" || !strings.HasPrefix(p.Text, "T") {
			t.Errorf("got text %q, HTML %q", p.Text, p.HTML)
		}
		checkImage(t, p, png)
	})
	t.Run("a file without a media type is refused", func(t *testing.T) {
		bad := mail.NewRegistry(mail.Template{Name: "test.bad", Render: func(mail.Input) (mail.Content, error) {
			return mail.Content{Subject: "S", Text: "T", Files: []mail.File{{Filename: "a.png", ContentType: "image/png; x=\"y\"", Data: png}}}, nil
		}})
		m := message(notice{})
		m.Template = "test.bad"
		if _, err := bad.Render(m, from); err == nil {
			t.Error("got nil error, want the file refused")
		}
	})
}

func checkImage(t *testing.T, p mailtest.Parsed, want []byte) {
	t.Helper()
	if len(p.Files) != 1 {
		t.Fatalf("got %d files, want 1", len(p.Files))
	}
	f := p.Files[0]
	if f.ContentType != "image/png" || f.Disposition != "inline" || f.Filename != "qr.png" || !bytes.Equal(f.Data, want) {
		t.Errorf("got file %s %s %q %q, want the inline image/png qr.png", f.ContentType, f.Disposition, f.Filename, f.Data)
	}
}
