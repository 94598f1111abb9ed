package consultmail_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/consultations/consultmail"
	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
)

var from = mail.Address{Name: "Brána – MPSV", Email: "brana@mpsv.cz"}

const manageURL = "https://brana.mpsv.cz/rezervace/01jqbk0000000000000000000a?t=s3cr3t-token"

var registry = mail.NewRegistry(consultmail.Templates()...)

// booking starts on Tuesday 1 December 2026 at 9:30 Prague time (CET).
func booking() consultmail.Booking {
	start := time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC)
	return consultmail.Booking{
		ID:               "01jqbk0000000000000000000a",
		Sequence:         0,
		Status:           "booked",
		Start:            start,
		End:              start.Add(time.Hour),
		Form:             "onsite",
		Topic:            "transformation_plan",
		Region:           "CZ063",
		ExpertName:       "Mgr. Petra Řeřichová",
		ExpertEmail:      "petra.rerichova@example.cz",
		OrganisationName: "Domov Kopretina, příspěvková organizace",
		ContactName:      "Jana Nováková",
		ContactEmail:     "jana.novakova@example.cz",
		ContactPhone:     "+420 601 234 567",
		Address:          "Strojírenská 6, 591 01 Žďár nad Sázavou",
		Note:             "Chceme probrat harmonogram transformačního plánu.",
	}
}

// message is one booking e-mail as the tests vary it; mail() turns it into
// the message an outbox item holds.
type message struct {
	ID        string
	Kind      consultmail.Kind
	Role      consultmail.Role
	Lang      string
	To        mail.Address
	Booking   consultmail.Booking
	ManageURL string
	CreatedAt time.Time
}

func (m message) mail() mail.Message {
	out := consultmail.NewMessage(m.ID, m.Kind, m.Role, m.Lang, m.To, m.Booking, m.ManageURL, m.CreatedAt)
	// Set even for the expert on purpose: the expert's template must
	// ignore a secret it is given.
	out.Secret = m.ManageURL
	return out
}

func newMessage(kind consultmail.Kind, role consultmail.Role, lang string) message {
	b := booking()
	m := message{
		ID:        "01jqmsg000000000000000000a",
		Kind:      kind,
		Role:      role,
		Lang:      lang,
		Booking:   b,
		CreatedAt: time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC),
	}
	if role == consultmail.RolePerson {
		m.To = mail.Address{Name: b.ContactName, Email: b.ContactEmail}
		m.ManageURL = manageURL
	} else {
		m.To = mail.Address{Name: b.ExpertName, Email: b.ExpertEmail}
		// Set on purpose: an expert must never receive the person's link.
		m.ManageURL = manageURL
	}
	switch kind {
	case consultmail.KindChange:
		// Moved to Thursday 3 December 2026, 10:00.
		m.Booking.Sequence = 1
		m.Booking.Start = time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
		m.Booking.End = m.Booking.Start.Add(90 * time.Minute)
	case consultmail.KindCancellation:
		m.Booking.Sequence = 2
		m.Booking.Status = "cancelled"
	case consultmail.KindReminder:
		m.CreatedAt = time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)
	}
	return m
}

func render(t *testing.T, m message) []byte {
	t.Helper()
	raw, err := registry.Render(m.mail(), from)
	if err != nil {
		t.Fatalf("Render: got error %v, want nil", err)
	}
	return raw
}

func TestRenderEveryKindRoleAndLanguage(t *testing.T) {
	subjects := map[string]string{
		"confirmation/person/cs": "Potvrzení konzultace 1. 12. 2026 9:30",
		"confirmation/expert/cs": "Nová konzultace 1. 12. 2026 9:30",
		"change/person/cs":       "Změna termínu konzultace: 3. 12. 2026 10:00",
		"change/expert/cs":       "Změna termínu konzultace: 3. 12. 2026 10:00",
		"cancellation/person/cs": "Zrušení konzultace 1. 12. 2026 9:30",
		"cancellation/expert/cs": "Zrušení konzultace 1. 12. 2026 9:30",
		"reminder/person/cs":     "Připomenutí konzultace 1. 12. 2026 9:30",
		"reminder/expert/cs":     "Připomenutí konzultace 1. 12. 2026 9:30",
		"confirmation/person/en": "Consultation confirmed: 1 December 2026, 9:30",
		"confirmation/expert/en": "New consultation: 1 December 2026, 9:30",
		"change/person/en":       "Consultation rescheduled: 3 December 2026, 10:00",
		"change/expert/en":       "Consultation rescheduled: 3 December 2026, 10:00",
		"cancellation/person/en": "Consultation cancelled: 1 December 2026, 9:30",
		"cancellation/expert/en": "Consultation cancelled: 1 December 2026, 9:30",
		"reminder/person/en":     "Reminder: consultation on 1 December 2026, 9:30",
		"reminder/expert/en":     "Reminder: consultation on 1 December 2026, 9:30",
	}
	wantDate := map[string]string{"cs": "1. 12. 2026, 9:30–10:30", "en": "1 December 2026, 9:30–10:30"}
	wantChangedDate := map[string]string{"cs": "3. 12. 2026, 10:00–11:30", "en": "3 December 2026, 10:00–11:30"}
	wantMethod := map[consultmail.Kind]ics.Method{
		consultmail.KindConfirmation: ics.MethodRequest,
		consultmail.KindChange:       ics.MethodRequest,
		consultmail.KindCancellation: ics.MethodCancel,
	}
	wantAttachment := map[string]map[ics.Method]string{
		"cs": {ics.MethodRequest: "pozvanka.ics", ics.MethodCancel: "zruseni.ics"},
		"en": {ics.MethodRequest: "invitation.ics", ics.MethodCancel: "cancellation.ics"},
	}

	for _, kind := range []consultmail.Kind{consultmail.KindConfirmation, consultmail.KindChange, consultmail.KindCancellation, consultmail.KindReminder} {
		for _, role := range []consultmail.Role{consultmail.RolePerson, consultmail.RoleExpert} {
			for _, lang := range []string{"cs", "en"} {
				name := fmt.Sprintf("%s/%s/%s", kind, role, lang)
				t.Run(name+" renders a readable e-mail", func(t *testing.T) {
					m := newMessage(kind, role, lang)
					raw := render(t, m)
					p := mailtest.Parse(t, raw)
					// The expert's own address never reaches the person, in
					// the e-mail or its calendar (issue 8, item 11c).
					if role == consultmail.RolePerson && (bytes.Contains(raw, []byte(m.Booking.ExpertEmail)) ||
						strings.Contains(unfold(p.Calendar), m.Booking.ExpertEmail) || strings.Contains(p.Text, m.Booking.ExpertEmail)) {
						t.Errorf("got the expert's address %q in the person's e-mail", m.Booking.ExpertEmail)
					}

					if p.Subject != subjects[name] {
						t.Errorf("got subject %q, want %q", p.Subject, subjects[name])
					}
					if p.From.Name != from.Name || p.From.Address != from.Email {
						t.Errorf("got From %v, want %q <%s>", p.From, from.Name, from.Email)
					}
					if p.To.Name != m.To.Name || p.To.Address != m.To.Email {
						t.Errorf("got To %v, want %q <%s>", p.To, m.To.Name, m.To.Email)
					}
					if got, want := p.Header.Get("Message-Id"), "<"+m.ID+"@brana.mpsv.cz>"; got != want {
						t.Errorf("got Message-ID %q, want %q", got, want)
					}
					if got, err := p.Header.Date(); err != nil || !got.Equal(m.CreatedAt) {
						t.Errorf("got Date %v (%v), want %v", got, err, m.CreatedAt)
					}
					if got := p.Header.Get("Mime-Version"); got != "1.0" {
						t.Errorf("got MIME-Version %q, want 1.0", got)
					}

					date := wantDate[lang]
					if kind == consultmail.KindChange {
						date = wantChangedDate[lang]
					}
					wantInText := []string{date, "CZ.03.02.02/00/22_004/0000724"}
					if role == consultmail.RolePerson {
						wantInText = append(wantInText, manageURL, m.Booking.ExpertName)
					} else {
						wantInText = append(wantInText, m.Booking.ContactName, m.Booking.ContactEmail,
							m.Booking.ContactPhone, m.Booking.OrganisationName, m.Booking.Note)
					}
					if kind != consultmail.KindCancellation {
						wantInText = append(wantInText, m.Booking.Address)
					}
					for _, want := range wantInText {
						if !strings.Contains(p.Text, want) {
							t.Errorf("got text without %q:\n%s", want, p.Text)
						}
					}
					if role == consultmail.RoleExpert && strings.Contains(p.Text, "s3cr3t-token") {
						t.Errorf("got the person's manage link in the expert's e-mail:\n%s", p.Text)
					}

					method, hasCalendar := wantMethod[kind]
					if !hasCalendar {
						if p.Calendar != nil || p.AttachCount != 0 {
							t.Errorf("got calendar %t and %d attachments, want none in a reminder", p.Calendar != nil, p.AttachCount)
						}
						return
					}
					if p.Calendar == nil {
						t.Fatalf("got no text/calendar part, want one")
					}
					if p.CalMethod != string(method) {
						t.Errorf("got Content-Type method %q, want %q", p.CalMethod, method)
					}
					if p.AttachCount != 1 || !bytes.Equal(p.Attachment, p.Calendar) {
						t.Errorf("got %d attachments (same as inline: %t), want 1 copy of the calendar",
							p.AttachCount, bytes.Equal(p.Attachment, p.Calendar))
					}
					if want := wantAttachment[lang][method]; p.AttachName != want {
						t.Errorf("got attachment name %q, want %q", p.AttachName, want)
					}
					ev, err := ics.Parse(p.Calendar)
					if err != nil {
						t.Fatalf("ics.Parse: got error %v, want nil", err)
					}
					if ev.Method != method {
						t.Errorf("got METHOD %q, want %q", ev.Method, method)
					}
					if want := m.Booking.ID + "@brana.mpsv.cz"; ev.UID != want {
						t.Errorf("got UID %q, want %q", ev.UID, want)
					}
					if ev.Sequence != m.Booking.Sequence {
						t.Errorf("got SEQUENCE %d, want %d", ev.Sequence, m.Booking.Sequence)
					}
					if !ev.Start.Equal(m.Booking.Start) || !ev.End.Equal(m.Booking.End) {
						t.Errorf("got %s–%s, want %s–%s", ev.Start, ev.End, m.Booking.Start, m.Booking.End)
					}
					if ev.Organizer.Email != from.Email {
						t.Errorf("got organizer %q, want %q", ev.Organizer.Email, from.Email)
					}
					var attendees []string
					for _, a := range ev.Attendees {
						attendees = append(attendees, a.Email)
					}
					want := []string{m.Booking.ContactEmail}
					if role == consultmail.RoleExpert {
						want = append(want, m.Booking.ExpertEmail)
					}
					if fmt.Sprint(attendees) != fmt.Sprint(want) {
						t.Errorf("got attendees %v, want %v", attendees, want)
					}
					// A calendar is often shared: it carries no manage link
					// (issue 8, item 11b).
					if cal := unfold(p.Calendar); ev.URL != "" || strings.Contains(cal, "s3cr3t-token") || strings.Contains(cal, "rezervace/") {
						t.Errorf("got the manage link in the calendar:\n%s", cal)
					}
				})
			}
		}
	}
}

// The Czech confirmation to the person who booked, word for word. Other
// tests check facts; this one is here so a change of wording is deliberate.
func TestRenderCzechConfirmationText(t *testing.T) {
	want := `Dobrý den,

děkujeme za Vaši rezervaci. Potvrzujeme termín konzultace v rámci programu transformace sociálních služeb.

Termín: úterý 1. 12. 2026, 9:30–10:30 SEČ (60 minut)
Forma: V místě poskytovatele
Místo: Strojírenská 6, 591 01 Žďár nad Sázavou
Téma: Transformační plán
Konzultuje: Mgr. Petra Řeřichová

Konzultace je bezplatná.

Termín můžete změnit nebo konzultaci zrušit na této adrese:
` + manageURL + `

Pomocí přiložené pozvánky si konzultaci uložíte do kalendáře.

S pozdravem
tým projektu Transformace sociálních služeb, MPSV

-- 
Podpora procesu deinstitucionalizace a transformace sociálních služeb v ČR, MPSV, reg. č. CZ.03.02.02/00/22_004/0000724, spolufinancováno z ESF+ (OPZ+)
`
	p := mailtest.Parse(t, render(t, newMessage(consultmail.KindConfirmation, consultmail.RolePerson, "cs")))
	got := strings.ReplaceAll(p.Text, "\r\n", "\n")
	if got != want {
		t.Errorf("got text:\n%s\nwant:\n%s", got, want)
	}
}

func TestRenderTextDetails(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*message)
		want   []string
		absent []string
	}{
		{
			name:   "person without a manage link is sent to the confirmation e-mail",
			modify: func(m *message) { m.ManageURL = "" },
			want:   []string{"pomocí odkazu z potvrzovacího e-mailu"},
		},
		{
			name:   "English person without a manage link is sent to the confirmation e-mail",
			modify: func(m *message) { m.ManageURL = ""; m.Lang = "en" },
			want:   []string{"use the link from your confirmation e-mail"},
		},
		{
			name: "phone consultation tells the person the number",
			modify: func(m *message) {
				m.Booking.Form = "phone"
			},
			want:   []string{"Forma: Telefonicky", "zavolá na číslo +420 601 234 567"},
			absent: []string{"Místo:"},
		},
		{
			name: "online consultation tells the expert where to send the link",
			modify: func(m *message) {
				m.Booking.Form = "online"
				m.Role = consultmail.RoleExpert
				m.To = mail.Address{Name: m.Booking.ExpertName, Email: m.Booking.ExpertEmail}
			},
			want:   []string{"Forma: Online schůzka", "odkaz na připojení na e-mail jana.novakova@example.cz"},
			absent: []string{"Místo:"},
		},
		{
			name: "expert sees the region and a multi-line note indented",
			modify: func(m *message) {
				m.Role = consultmail.RoleExpert
				m.To = mail.Address{Name: m.Booking.ExpertName, Email: m.Booking.ExpertEmail}
				m.Booking.Note = "První řádek\r\nDruhý řádek"
			},
			want: []string{"Kraj: Kraj Vysočina", "Poznámka: První řádek\r\n  Druhý řádek"},
		},
		{
			name: "each topic has its Czech name",
			modify: func(m *message) {
				m.Booking.Topic = "case_management"
			},
			want: []string{"Téma: Case management / případové vedení"},
		},
		{
			name: "each topic has its English name",
			modify: func(m *message) {
				m.Booking.Topic = "human_resources"
				m.Lang = "en"
			},
			want: []string{"Topic: Human resources and training", "Form: On site at the provider"},
		},
		{
			name: "a summer date is marked as summer time",
			modify: func(m *message) {
				m.Booking.Start = m.Booking.Start.AddDate(0, -6, 0)
				m.Booking.End = m.Booking.Start.Add(time.Hour)
			},
			want: []string{"pondělí 1. 6. 2026, 10:30–11:30 SELČ (60 minut)"},
		},
		{
			name: "reminder sent the day before says tomorrow",
			modify: func(m *message) {
				m.Kind = consultmail.KindReminder
				m.CreatedAt = time.Date(2026, 11, 30, 16, 0, 0, 0, time.UTC)
			},
			want: []string{"připomínáme Vám zítřejší konzultaci"},
		},
		{
			name: "reminder sent earlier does not say tomorrow",
			modify: func(m *message) {
				m.Kind = consultmail.KindReminder
				m.CreatedAt = time.Date(2026, 11, 29, 16, 0, 0, 0, time.UTC)
			},
			want:   []string{"připomínáme Vám blížící se konzultaci"},
			absent: []string{"zítř"},
		},
		{
			name:   "cancellation does not call the consultation free or explain the form",
			modify: func(m *message) { m.Kind = consultmail.KindCancellation; m.Booking.Form = "phone" },
			want:   []string{"Vaše konzultace byla zrušena.", "Příloha konzultaci odstraní"},
			absent: []string{"bezplatná", "zavolá"},
		},
		{
			name:   "a language tag with a region is understood",
			modify: func(m *message) { m.Lang = "en-GB" },
			want:   []string{"Dear Jana Nováková,"},
		},
		{
			name:   "an unknown language falls back to Czech",
			modify: func(m *message) { m.Lang = "de" },
			want:   []string{"Dobrý den,"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := newMessage(consultmail.KindConfirmation, consultmail.RolePerson, "cs")
			tt.modify(&m)
			p := mailtest.Parse(t, render(t, m))
			for _, want := range tt.want {
				if !strings.Contains(p.Text, want) {
					t.Errorf("got text without %q:\n%s", want, p.Text)
				}
			}
			for _, absent := range tt.absent {
				if strings.Contains(p.Text, absent) {
					t.Errorf("got text with %q, want without:\n%s", absent, p.Text)
				}
			}
		})
	}
}

func TestRenderWireFormat(t *testing.T) {
	m := newMessage(consultmail.KindConfirmation, consultmail.RolePerson, "cs")
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
	t.Run("the data is the booking as JSON, which the outbox stores", func(t *testing.T) {
		var d consultmail.Data
		if err := json.Unmarshal(m.mail().Data, &d); err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(d.Booking, m.Booking) {
			t.Errorf("got booking %+v back, want %+v", d.Booking, m.Booking)
		}
	})
	t.Run("the person's manage link is the message's secret, the expert's message has none", func(t *testing.T) {
		person := consultmail.NewMessage("p", consultmail.KindConfirmation, consultmail.RolePerson, "cs", m.To, m.Booking, manageURL, m.CreatedAt)
		expert := consultmail.NewMessage("e", consultmail.KindConfirmation, consultmail.RoleExpert, "cs", m.To, m.Booking, manageURL, m.CreatedAt)
		if person.Secret != manageURL || expert.Secret != "" {
			t.Errorf("got secrets %q and %q, want %q and none", person.Secret, expert.Secret, manageURL)
		}
		if strings.Contains(string(person.Data), "s3cr3t") {
			t.Errorf("got the token in the data, want it only in the secret")
		}
		if person.Template != "consultations.confirmation.person" || expert.Template != "consultations.confirmation.expert" {
			t.Errorf("got templates %q and %q", person.Template, expert.Template)
		}
	})
	t.Run("a line break in a display name cannot add a header", func(t *testing.T) {
		m := m
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
		modify func(*message, *mail.Address)
	}{
		{"rejects an empty id", func(m *message, _ *mail.Address) { m.ID = "" }},
		{"rejects an id that would break the Message-ID", func(m *message, _ *mail.Address) { m.ID = "a>b@c" }},
		{"rejects an id that is a path", func(m *message, _ *mail.Address) { m.ID = "../x" }},
		{"rejects an unknown kind", func(m *message, _ *mail.Address) { m.Kind = "invoice" }},
		{"rejects an unknown role", func(m *message, _ *mail.Address) { m.Role = "admin" }},
		{"rejects an unknown form", func(m *message, _ *mail.Address) { m.Booking.Form = "letter" }},
		{"rejects a booking id that would break the calendar UID", func(m *message, _ *mail.Address) { m.Booking.ID = "a@b" }},
		{"rejects a recipient without an address", func(m *message, _ *mail.Address) { m.To.Email = "" }},
		{"rejects a recipient address with a display name", func(m *message, _ *mail.Address) {
			m.To.Email = "Jana <jana.novakova@example.cz>"
		}},
		{"rejects a sender without an address", func(_ *message, f *mail.Address) { f.Email = "" }},
		{"rejects a missing creation time", func(m *message, _ *mail.Address) { m.CreatedAt = time.Time{} }},
		{"rejects an end before the start", func(m *message, _ *mail.Address) { m.Booking.End = m.Booking.Start }},
		{"rejects a malformed attendee address", func(m *message, _ *mail.Address) {
			m.Booking.ContactEmail = "jana@example.cz\r\nATTENDEE:mailto:x@example.cz"
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, f := newMessage(consultmail.KindConfirmation, consultmail.RolePerson, "cs"), from
			tt.modify(&m, &f)
			raw, err := registry.Render(m.mail(), f)
			if err == nil {
				t.Fatalf("got nil error and %d bytes, want an error", len(raw))
			}
			if strings.Contains(err.Error(), "example.cz") || strings.Contains(err.Error(), "mpsv.cz>") {
				t.Errorf("got error %q naming an e-mail address, want none", err)
			}
		})
	}
	t.Run("rejects data that is not a booking", func(t *testing.T) {
		m := newMessage(consultmail.KindConfirmation, consultmail.RolePerson, "cs").mail()
		m.Data = []byte(`{"booking":"x"}`)
		if _, err := registry.Render(m, from); err == nil {
			t.Errorf("got nil error, want one")
		}
	})
}

func TestTemplates(t *testing.T) {
	var names []string
	for _, tpl := range consultmail.Templates() {
		names = append(names, tpl.Name)
	}
	want := []string{
		"consultations.confirmation.person", "consultations.confirmation.expert",
		"consultations.change.person", "consultations.change.expert",
		"consultations.cancellation.person", "consultations.cancellation.expert",
		"consultations.reminder.person", "consultations.reminder.expert",
	}
	if !reflect.DeepEqual(names, want) {
		t.Errorf("got templates %v, want %v", names, want)
	}
}

func TestCalendar(t *testing.T) {
	b := booking()
	stamp := time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name      string
		cancelled bool
		method    ics.Method
		status    string
	}{
		{"a booking to add to a calendar is published", false, ics.MethodPublish, "CONFIRMED"},
		{"a cancelled booking removes the event", true, ics.MethodCancel, "CANCELLED"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			raw, err := consultmail.Calendar(b, tt.cancelled, "cs", from, stamp)
			if err != nil {
				t.Fatal(err)
			}
			ev, err := ics.Parse(raw)
			if err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprintf("%s %s %s %d %q", ev.Method, ev.Status, ev.UID, ev.Sequence, ev.URL)
			want := fmt.Sprintf("%s %s %s@brana.mpsv.cz %d %q", tt.method, tt.status, b.ID, b.Sequence, "")
			if got != want {
				t.Errorf("got %s, want %s", got, want)
			}
			if cal := unfold(raw); strings.Contains(cal, b.ExpertEmail) || strings.Contains(cal, "token") || strings.Contains(cal, "rezervace/") {
				t.Errorf("got the expert's address or a token in the calendar file:\n%s", raw)
			}
			if want := "Konzultace – Mgr. Petra Řeřichová"; ev.Summary != want {
				t.Errorf("got summary %q, want %q", ev.Summary, want)
			}
		})
	}
	t.Run("rejects a sender without an address", func(t *testing.T) {
		if _, err := consultmail.Calendar(b, false, "cs", mail.Address{}, stamp); err == nil {
			t.Errorf("got nil error, want one")
		}
	})
}

// unfold joins the folded lines of an iCalendar object (RFC 5545, 3.1).
func unfold(b []byte) string { return strings.ReplaceAll(string(b), "\r\n ", "") }
