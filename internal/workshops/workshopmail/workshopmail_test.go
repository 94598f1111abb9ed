package workshopmail_test

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	_ "image/png"
	"strings"
	"testing"
	"time"

	"github.com/makiuchi-d/gozxing"
	gzqr "github.com/makiuchi-d/gozxing/qrcode"

	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/workshops/checkin"
	wm "github.com/mpsv/brana/internal/workshops/workshopmail"
)

var show = flag.Bool("show", false, "print every rendered text")

var (
	from      = mail.Address{Name: "Brána – MPSV", Email: "brana@mpsv.cz"}
	to        = mail.Address{Name: "Jana Řeřichová", Email: "jana.rerichova@example.cz"}
	prague, _ = time.LoadLocation("Europe/Prague")
	created   = time.Date(2027, 3, 1, 10, 0, 0, 0, time.UTC)
	manageURL = "https://brana.mpsv.cz/manage#registration=01JREG&token=SECRETTOKEN123"
	link      = "https://meet.example.cz/j/987654"
	signer    = checkin.NewSigner(bytes.Repeat([]byte{7}, 32))
)

func code(t testing.TB) string {
	t.Helper()
	c, err := signer.Make("01JEVENT", "01JREG")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// data is a confirmed in-person seat at a two-day study visit, or, with
// seat "online", at a hybrid one.
func data(t testing.TB, status, seat string) wm.Data {
	day := time.Date(2027, 3, 10, 9, 0, 0, 0, prague)
	return wm.Data{
		Event: wm.Event{
			ID: "01JEVENT", Sequence: 0, Kind: "study_visit",
			Title: wm.Text{CS: "Stáž v Domově Kopretina", EN: "Study visit to Kopretina Home"},
			Mode:  "hybrid",
			Sessions: []wm.Session{
				{Start: day, End: day.Add(7 * time.Hour)},
				{Start: day.AddDate(0, 0, 1), End: day.AddDate(0, 0, 1).Add(4 * time.Hour)},
			},
			Venue: wm.Venue{
				Name: "Domov Kopretina", Address: "Strojírenská 6, 591 01 Žďár nad Sázavou",
				StepFree: true, Parking: "2 vyhrazená místa u vchodu", NearestStop: "Žďár nad Sázavou, Strojírenská",
			},
			OnlineLink: link,
			Organiser:  "Krajský úřad Kraje Vysočina",
			Contact:    wm.Contact{Name: "Petra Dvořáková", Email: "dvorakova@kr-vysocina.cz", Phone: "+420564602111"},
		},
		Registration: wm.Registration{
			ID: "01JREG", Status: status, Seat: seat, Name: to.Name, Position: 3,
			OfferExpires: time.Date(2027, 3, 2, 18, 0, 0, 0, prague),
			HadSeat:      true, CheckIn: code(t),
			Needs: wm.Needs{Wheelchair: true, Other: "prosím o místo u dveří, viz https://evil.example/x"},
		},
		Certificate: &wm.Certificate{Code: "CERT-7QK2-M9XA", VerifyURL: "https://brana.mpsv.cz/overeni"},
		Note:        "Omlouváme se, sál je v opravě. Více na www.evil.example",
	}
}

func render(t *testing.T, kind wm.Kind, lang string, d wm.Data, secret string) mailtest.Parsed {
	t.Helper()
	reg := mail.NewRegistry(wm.Templates()...)
	m := wm.NewMessage(wm.MailID(d.Registration.ID, d.Event.Sequence, kind), kind, lang, to, d, secret, created)
	raw, err := reg.Render(m, from)
	if err != nil {
		t.Fatalf("%s %s: Render: %v", kind, lang, err)
	}
	if bytes.Contains(raw, []byte("SECRETTOKEN")) && secret == "" {
		t.Errorf("%s %s: the token is in a message rendered without it", kind, lang)
	}
	p := mailtest.Parse(t, raw)
	if *show {
		fmt.Printf("==== %s %s: %s\n%s", kind, lang, p.Subject, p.Text)
	}
	return p
}

// statusOf is the registration status each kind of e-mail is sent with.
var statusOf = map[wm.Kind]string{
	wm.KindConfirmation: "confirmed", wm.KindWaitlisted: "waitlisted", wm.KindOffer: "offered",
	wm.KindOfferExpired: "cancelled", wm.KindCancelled: "cancelled", wm.KindEventChanged: "confirmed",
	wm.KindEventCancelled: "cancelled", wm.KindReminder: "confirmed", wm.KindCertificate: "attended",
}

func TestEveryKindRendersInBothLanguages(t *testing.T) {
	if len(statusOf) != len(wm.Kinds) {
		t.Fatalf("statusOf covers %d kinds, want %d", len(statusOf), len(wm.Kinds))
	}
	for _, kind := range wm.Kinds {
		for _, lang := range []string{mail.LangCzech, mail.LangEnglish} {
			t.Run(string(kind)+"/"+lang, func(t *testing.T) {
				d := data(t, statusOf[kind], "in_person")
				p := render(t, kind, lang, d, manageURL)
				title := d.Event.Title.In(lang)
				if !strings.Contains(p.Subject, title) {
					t.Errorf("subject %q does not name the event %q", p.Subject, title)
				}
				fund := map[string]string{mail.LangCzech: "spolufinancováno z ESF+", mail.LangEnglish: "co-funded by the European Social Fund Plus"}[lang]
				if !strings.Contains(p.Text, "CZ.03.02.02/00/22_004/0000724") || !strings.Contains(p.Text, fund) {
					t.Errorf("text lacks the funding line:\n%s", p.Text)
				}
				if got := p.Header.Get("Content-Language"); got != lang {
					t.Errorf("Content-Language %q, want %q", got, lang)
				}
				// The other language's words do not leak in.
				other := map[string]string{mail.LangCzech: "Kind regards", mail.LangEnglish: "S pozdravem"}[lang]
				if strings.Contains(p.Text, other) {
					t.Errorf("text in %s has %q", lang, other)
				}
				// What the person typed is neutralised: no live link.
				if strings.Contains(p.Text, "https://evil.example") || strings.Contains(p.Text, "www.evil.example") {
					t.Errorf("typed link not neutralised:\n%s", p.Text)
				}
				// In-person seat: the meeting link is never shown.
				if strings.Contains(p.Text, link) || bytes.Contains(p.Calendar, []byte("meet.example")) {
					t.Errorf("in-person seat got the meeting link:\n%s", p.Text)
				}
				if p.Header.Get("Auto-Submitted") != "auto-generated" {
					t.Errorf("Auto-Submitted %q", p.Header.Get("Auto-Submitted"))
				}
			})
		}
	}
}

func TestCalendars(t *testing.T) {
	tests := []struct {
		kind    wm.Kind
		status  string
		hadSeat bool
		method  ics.Method // "" for no calendar
	}{
		{wm.KindConfirmation, "confirmed", false, ics.MethodRequest},
		{wm.KindEventChanged, "confirmed", true, ics.MethodRequest},
		{wm.KindEventChanged, "waitlisted", false, ""},
		{wm.KindCancelled, "cancelled", true, ics.MethodCancel},
		{wm.KindCancelled, "cancelled", false, ""},
		{wm.KindEventCancelled, "cancelled", true, ics.MethodCancel},
		{wm.KindEventCancelled, "cancelled", false, ""},
		{wm.KindWaitlisted, "waitlisted", false, ""},
		{wm.KindOffer, "offered", false, ""},
		{wm.KindOfferExpired, "waitlisted", false, ""},
		{wm.KindReminder, "confirmed", true, ""},
		{wm.KindCertificate, "attended", true, ""},
	}
	for _, tt := range tests {
		name := fmt.Sprintf("%s/%s/hadSeat=%v", tt.kind, tt.status, tt.hadSeat)
		t.Run(name, func(t *testing.T) {
			d := data(t, tt.status, "in_person")
			d.Registration.HadSeat = tt.hadSeat
			d.Event.Sequence = 2
			p := render(t, tt.kind, mail.LangCzech, d, manageURL)
			if tt.method == "" {
				if p.Calendar != nil || p.AttachCount != 0 {
					t.Fatalf("got a calendar (%s), want none", p.CalMethod)
				}
				return
			}
			if p.CalMethod != string(tt.method) || p.AttachCount != 1 || !bytes.Equal(p.Attachment, p.Calendar) {
				t.Fatalf("got method %q, %d files, want %s inline and as the same file", p.CalMethod, p.AttachCount, tt.method)
			}
			evs, err := ics.ParseAll(p.Calendar)
			if err != nil {
				t.Fatal(err)
			}
			if len(evs) != len(d.Event.Sessions) {
				t.Fatalf("got %d VEVENTs, want one per session (%d)", len(evs), len(d.Event.Sessions))
			}
			for i, ev := range evs {
				s := d.Event.Sessions[i]
				if ev.Method != tt.method || ev.UID != fmt.Sprintf("ws-01JREG-%d@brana.mpsv.cz", i+1) || ev.Sequence != 2 {
					t.Errorf("session %d: got %s UID %s SEQUENCE %d, want %s ws-01JREG-%d SEQUENCE 2", i, ev.Method, ev.UID, ev.Sequence, tt.method, i+1)
				}
				if !ev.Start.Equal(s.Start) || !ev.End.Equal(s.End) {
					t.Errorf("session %d: got %s–%s, want %s–%s", i, ev.Start, ev.End, s.Start, s.End)
				}
				if ev.Organizer.Email != from.Email || len(ev.Attendees) != 1 || ev.Attendees[0].Email != to.Email {
					t.Errorf("session %d: organizer %v attendees %v, want the sender and the person", i, ev.Organizer, ev.Attendees)
				}
				if wantStatus := map[ics.Method]string{ics.MethodRequest: "CONFIRMED", ics.MethodCancel: "CANCELLED"}[tt.method]; ev.Status != wantStatus {
					t.Errorf("session %d: STATUS %s, want %s", i, ev.Status, wantStatus)
				}
			}
			for _, secret := range []string{"SECRETTOKEN", "token=", d.Registration.CheckIn, "manage#"} {
				if bytes.Contains(p.Calendar, []byte(secret)) {
					t.Errorf("calendar carries %q", secret)
				}
			}
		})
	}
}

func TestChangeKeepsTheUIDsAndRaisesTheSequence(t *testing.T) {
	d := data(t, "confirmed", "in_person")
	first := render(t, wm.KindConfirmation, mail.LangEnglish, d, manageURL)
	prev := d.Event
	prev.Sessions = append([]wm.Session(nil), d.Event.Sessions...)
	d.Event.Sequence++
	moved := d.Event.Sessions[0].Start.Add(2 * time.Hour)
	d.Event.Sessions[0] = wm.Session{Start: moved, End: moved.Add(5 * time.Hour)}
	d.Previous = &prev
	changed := render(t, wm.KindEventChanged, mail.LangEnglish, d, manageURL)
	a, err := ics.ParseAll(first.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ics.ParseAll(changed.Calendar)
	if err != nil {
		t.Fatal(err)
	}
	for i := range a {
		if a[i].UID != b[i].UID || b[i].Sequence != a[i].Sequence+1 {
			t.Errorf("session %d: UID %s → %s, SEQUENCE %d → %d; want the same UID and SEQUENCE + 1", i, a[i].UID, b[i].UID, a[i].Sequence, b[i].Sequence)
		}
	}
	if !b[0].Start.Equal(moved) {
		t.Errorf("changed start %s, want %s", b[0].Start, moved)
	}
	if !strings.Contains(changed.Text, "Previously:") || !strings.Contains(changed.Text, "9:00–16:00") {
		t.Errorf("the change does not say what it was:\n%s", changed.Text)
	}
	if !strings.Contains(changed.Text, "Message from the organiser:") || !strings.Contains(changed.Text, "www[.]evil[.]example") {
		t.Errorf("the organiser's note is missing or not neutralised:\n%s", changed.Text)
	}
}

func TestOnlineLinkOnlyForConfirmedPeople(t *testing.T) {
	reg := mail.NewRegistry(wm.Templates()...)
	for _, kind := range wm.Kinds {
		for _, status := range []string{"confirmed", "waitlisted", "offered", "cancelled", "attended"} {
			t.Run(string(kind)+"/"+status, func(t *testing.T) {
				d := data(t, status, "online")
				m := wm.NewMessage("m-1", kind, mail.LangEnglish, to, d, manageURL, created)
				raw, err := reg.Render(m, from)
				if err != nil {
					t.Fatal(err)
				}
				p := mailtest.Parse(t, raw)
				want := status == "confirmed" && (kind == wm.KindConfirmation || kind == wm.KindEventChanged || kind == wm.KindReminder)
				if got := strings.Contains(p.Text, link); got != want {
					t.Errorf("link in the text: got %v, want %v\n%s", got, want, p.Text)
				}
				if !want && (bytes.Contains(m.Data, []byte("meet.example")) || bytes.Contains(raw, []byte("meet.example"))) {
					t.Error("the link is stored with the item or sent, though the e-mail may not carry it")
				}
				if want && p.Calendar != nil {
					ev, err := ics.ParseAll(p.Calendar)
					if err != nil || ev[0].Location != link {
						t.Errorf("calendar location %q (%v), want the link", ev[0].Location, err)
					}
				}
				if len(p.Files) != 0 {
					t.Errorf("an online seat got %d files, want no check-in QR code", len(p.Files))
				}
			})
		}
	}
	t.Run("a template refuses the link even if the item carries it", func(t *testing.T) {
		d := data(t, "waitlisted", "online")
		m := wm.NewMessage("m-2", wm.KindWaitlisted, mail.LangCzech, to, d, "", created)
		m.Data = bytes.Replace(m.Data, []byte(`"mode":"hybrid"`), []byte(`"mode":"hybrid","onlineLink":"`+link+`"`), 1)
		if !bytes.Contains(m.Data, []byte(link)) {
			t.Fatal("test setup: link not injected")
		}
		raw, err := reg.Render(m, from)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte("meet.example")) {
			t.Error("the waitlisted e-mail shows the meeting link")
		}
	})
}

func TestCheckInQRCode(t *testing.T) {
	for _, lang := range []string{mail.LangCzech, mail.LangEnglish} {
		for _, kind := range []wm.Kind{wm.KindConfirmation, wm.KindReminder} {
			d := data(t, "confirmed", "in_person")
			p := render(t, kind, lang, d, manageURL)
			if len(p.Files) != 1 {
				t.Fatalf("%s %s: got %d files, want the QR code", kind, lang, len(p.Files))
			}
			f := p.Files[0]
			if f.ContentType != "image/png" || f.Disposition != "inline" || !strings.HasSuffix(f.Filename, ".png") {
				t.Errorf("%s %s: got %s %s %q, want an inline PNG", kind, lang, f.ContentType, f.Disposition, f.Filename)
			}
			got := decodeQR(t, f.Data)
			if got != d.Registration.CheckIn {
				t.Errorf("%s %s: QR reads %q, want %q", kind, lang, got, d.Registration.CheckIn)
			}
			c, err := signer.Verify(got)
			if err != nil || c.EventID != "01JEVENT" || c.RegistrationID != "01JREG" {
				t.Errorf("%s %s: the scanned code verifies as %+v, %v", kind, lang, c, err)
			}
		}
	}
	for _, kind := range []wm.Kind{wm.KindWaitlisted, wm.KindOffer, wm.KindCancelled, wm.KindEventChanged, wm.KindCertificate} {
		if p := render(t, kind, mail.LangCzech, data(t, statusOf[kind], "in_person"), manageURL); len(p.Files) != 0 {
			t.Errorf("%s: got %d files, want no QR code", kind, len(p.Files))
		}
	}
}

func decodeQR(t *testing.T, png []byte) string {
	t.Helper()
	img, format, err := image.Decode(bytes.NewReader(png))
	if err != nil || format != "png" {
		t.Fatalf("decode PNG: %v (%s)", err, format)
	}
	if b := img.Bounds(); b.Dx() != b.Dy() || b.Dx() < 150 {
		t.Errorf("QR image %v, want a square of at least 150 pixels", b)
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gzqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		t.Fatalf("read QR code: %v", err)
	}
	return res.GetText()
}

func TestLinks(t *testing.T) {
	t.Run("the manage link is shown in the text, never in the calendar", func(t *testing.T) {
		p := render(t, wm.KindConfirmation, mail.LangCzech, data(t, "confirmed", "in_person"), manageURL)
		if !strings.Contains(p.Text, manageURL) {
			t.Errorf("no manage link:\n%s", p.Text)
		}
	})
	t.Run("without a link, the e-mail points to the confirmation", func(t *testing.T) {
		p := render(t, wm.KindReminder, mail.LangCzech, data(t, "confirmed", "in_person"), "")
		if !strings.Contains(p.Text, "pomocí odkazu z potvrzovacího e-mailu") {
			t.Errorf("reminder without a link:\n%s", p.Text)
		}
	})
	t.Run("an offer names its expiry and the accept link", func(t *testing.T) {
		p := render(t, wm.KindOffer, mail.LangCzech, data(t, "offered", "in_person"), manageURL)
		if !strings.Contains(p.Subject, "2. 3. 2027 18:00") || !strings.Contains(p.Text, "do 2. 3. 2027 18:00") || !strings.Contains(p.Text, manageURL) {
			t.Errorf("offer: %q\n%s", p.Subject, p.Text)
		}
	})
	t.Run("the reminder says how to get there and whom to ask", func(t *testing.T) {
		p := render(t, wm.KindReminder, mail.LangEnglish, data(t, "confirmed", "in_person"), "")
		for _, want := range []string{"step-free access", "no induction loop", "Žďár nad Sázavou, Strojírenská", "2 vyhrazená místa", "dvorakova@kr-vysocina.cz", "Petra Dvořáková"} {
			if !strings.Contains(p.Text, want) {
				t.Errorf("reminder lacks %q:\n%s", want, p.Text)
			}
		}
	})
	t.Run("the certificate e-mail gives the code and the verification page", func(t *testing.T) {
		p := render(t, wm.KindCertificate, mail.LangCzech, data(t, "attended", "in_person"), manageURL)
		for _, want := range []string{"CERT-7QK2-M9XA", "https://brana.mpsv.cz/overeni", manageURL} {
			if !strings.Contains(p.Text, want) {
				t.Errorf("certificate e-mail lacks %q:\n%s", want, p.Text)
			}
		}
	})
	t.Run("the waiting list position", func(t *testing.T) {
		p := render(t, wm.KindWaitlisted, mail.LangCzech, data(t, "waitlisted", "in_person"), manageURL)
		if !strings.Contains(p.Text, "3. v pořadí") {
			t.Errorf("waitlisted:\n%s", p.Text)
		}
	})
}

func TestRefusesIncompleteData(t *testing.T) {
	reg := mail.NewRegistry(wm.Templates()...)
	cases := map[string]func(*wm.Data){
		"no sessions":             func(d *wm.Data) { d.Event.Sessions = nil },
		"a session ending early":  func(d *wm.Data) { d.Event.Sessions[1].End = d.Event.Sessions[1].Start },
		"no title":                func(d *wm.Data) { d.Event.Title = wm.Text{} },
		"a bad registration id":   func(d *wm.Data) { d.Registration.ID = "a b" },
		"an offer without expiry": func(d *wm.Data) { d.Registration.OfferExpires = time.Time{} },
	}
	for name, spoil := range cases {
		d := data(t, "offered", "in_person")
		spoil(&d)
		m := wm.NewMessage("m-1", wm.KindOffer, mail.LangCzech, to, d, "", created)
		if _, err := reg.Render(m, from); err == nil {
			t.Errorf("%s: got nil error", name)
		}
	}
}

func TestMailIDs(t *testing.T) {
	if got := wm.MailID("01JREG", 2, wm.KindReminder); got != "ws-01JREG-2-reminder" {
		t.Errorf("got %q", got)
	}
	if got := wm.MailID("01JREG", 0, wm.KindOffer, "1767225600"); got != "ws-01JREG-0-offer-1767225600" {
		t.Errorf("got %q", got)
	}
	for _, k := range wm.Kinds {
		if !mail.ValidID(wm.MailID("01JREG", 12, k, "1")) {
			t.Errorf("%s: the id is not a valid message id", k)
		}
	}
}
