package surveymail_test

import (
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/surveys/surveymail"
)

var (
	now   = time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	token = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"
	from  = mail.Address{Name: "Brána", Email: "brana@mpsv.cz"}
)

func data(o surveymail.Occasion) surveymail.Data {
	d := surveymail.Data{
		Survey:   surveymail.Text{Cs: "Hodnocení konzultací", En: "Consultation feedback"},
		Occasion: o, Day: now.Add(-24 * time.Hour), ExpiresAt: now.Add(30 * 24 * time.Hour),
		BaseURL: "https://brana.example.cz/",
	}
	if o == surveymail.OccasionEvent {
		d.EventTitle = surveymail.Text{Cs: "Plánování podpory <v domácnosti>"}
	}
	return d
}

func TestRendersEveryKindInBothLanguages(t *testing.T) {
	reg := mail.NewRegistry(surveymail.Templates()...)
	want := map[string][]string{
		"cs": {"anonymní", "asi 5 minut", "platnost končí 31. 12. 2026 v 10:00", "odmítnout", "Dobrý den,"},
		"en": {"anonymous", "about 5 minutes", "expires on 31 December 2026 at 10:00", "decline", "Hello,"},
	}
	for _, kind := range surveymail.Kinds {
		for _, o := range []surveymail.Occasion{surveymail.OccasionConsultation, surveymail.OccasionEvent} {
			for _, lang := range []string{"cs", "en"} {
				msg := surveymail.NewMessage("survey-invitation-abc", kind, lang, mail.Address{Email: "jana@example.cz"}, data(o), token, now)
				if strings.Contains(string(msg.Data), token) {
					t.Fatal("the token is in the data, not only the secret")
				}
				if !reg.Capped(msg.Template) {
					t.Errorf("%s is not capped", msg.Template)
				}
				raw, err := reg.Render(msg, from)
				if err != nil {
					t.Fatalf("%s %s %s: %v", kind, o, lang, err)
				}
				p := mailtest.Parse(t, raw)
				// An English e-mail's links open the pages in English.
				q := map[string]string{"cs": "", "en": "?lang=en"}[lang]
				answer := "https://brana.example.cz/surveys/answer" + q + "#" + token
				optOut := "https://brana.example.cz/surveys/opt-out" + q + "#" + token
				for _, s := range append(want[lang], answer, optOut) {
					if !strings.Contains(p.Text, s) {
						t.Errorf("%s %s %s: text lacks %q:\n%s", kind, o, lang, s, p.Text)
					}
				}
				if !strings.Contains(p.HTML, `href="`+answer+`"`) || !strings.Contains(p.HTML, `href="`+optOut+`"`) || !strings.Contains(p.HTML, `lang="`+lang+`"`) {
					t.Errorf("%s %s %s: HTML lacks the links:\n%s", kind, o, lang, p.HTML)
				}
				if o == surveymail.OccasionEvent {
					if !strings.Contains(p.Subject, "Plánování podpory <v domácnosti>") || !strings.Contains(p.HTML, "&lt;v domácnosti&gt;") {
						t.Errorf("%s %s: event title in subject %q / HTML not escaped", kind, lang, p.Subject)
					}
				}
				reminds := strings.Contains(p.Text, map[string]string{"cs": "jediná připomínka", "en": "only reminder"}[lang])
				if reminds != (kind == surveymail.KindReminder) {
					t.Errorf("%s %s %s: says it is the only reminder: %v", kind, o, lang, reminds)
				}
			}
		}
	}
}

func TestRefusesAMessageWithoutTokenOrTitle(t *testing.T) {
	reg := mail.NewRegistry(surveymail.Templates()...)
	to := mail.Address{Email: "jana@example.cz"}
	for name, msg := range map[string]mail.Message{
		"no token":      surveymail.NewMessage("m1", surveymail.KindInvitation, "cs", to, data(surveymail.OccasionConsultation), "", now),
		"bad token":     surveymail.NewMessage("m2", surveymail.KindInvitation, "cs", to, data(surveymail.OccasionConsultation), "abc\"><script>", now),
		"no event name": surveymail.NewMessage("m3", surveymail.KindReminder, "cs", to, surveymail.Data{Survey: surveymail.Text{Cs: "X"}, Occasion: surveymail.OccasionEvent, Day: now, ExpiresAt: now, BaseURL: "https://x"}, token, now),
		"bad base":      surveymail.NewMessage("m4", surveymail.KindReminder, "cs", to, surveymail.Data{Survey: surveymail.Text{Cs: "X"}, Occasion: surveymail.OccasionConsultation, Day: now, ExpiresAt: now, BaseURL: "javascript:"}, token, now),
	} {
		if _, err := reg.Render(msg, from); err == nil {
			t.Errorf("%s: rendered", name)
		}
	}
}
