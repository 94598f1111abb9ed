package outbox_test

import (
	"testing"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/outbox"
)

func TestMailbox(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"Jana.Novakova@Example.CZ", "jana.novakova@example.cz"},
		{"jana+brana@example.cz", "jana@example.cz"},
		{"jana+1+2@example.cz", "jana@example.cz"},
		{"+jana@example.cz", "+jana@example.cz"}, // nothing before the '+': keep it
		{"Jana.Novak+x@GoogleMail.com", "jananovak@gmail.com"},
		{"j.a.n.a@gmail.com", "jana@gmail.com"},
		{"j.a.n.a@seznam.cz", "j.a.n.a@seznam.cz"},
	} {
		if got := outbox.Mailbox(tt.in); got != tt.want {
			t.Errorf("Mailbox(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestRecipientKeys(t *testing.T) {
	r := outbox.NewRecipients(make([]byte, 32))
	other := outbox.NewRecipients([]byte("another outbox key of 32 bytes.."))
	day := cz.Date{Year: 2026, Month: 12, Day: 2}
	a := r.DailyCounter("Jana+1@Example.cz", day)
	if b := r.DailyCounter("jana@example.cz", day); a != b {
		t.Errorf("one mailbox, two counters")
	}
	if r.DailyCounter("jana@example.cz", day.AddDays(1)) == a || other.DailyCounter("jana@example.cz", day) == a {
		t.Errorf("the counter does not depend on the day and the key")
	}
	if r.Suppression("jana@example.cz") == a || len(a) != 64 {
		t.Errorf("got counter %q, want 64 hex digits, apart from the suppression key", a)
	}
}
