package mail_test

import (
	"testing"

	"github.com/mpsv/brana/internal/mail"
)

func TestDefang(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"URGENT: log in at https://evil.example/login?x=1 now", "URGENT: log in at hxxps://evil[.]example/login?x=1 now"},
		{"HTTP://Evil.Example", "HxxP://Evil[.]Example"},
		{"evil.example/login", "evil[.]example/login"},
		{"www.evil.co.uk", "www[.]evil[.]co[.]uk"},
		{"ftp://files.example.org/a", "ftp[:]//files[.]example[.]org/a"},
		{"javascript://x", "javascript[:]//x"},
		{"pište na info@domov.cz", "pište na info@domov[.]cz"},
		// Ordinary Czech text stays as typed.
		{"Strojírenská 6, 591 01 Žďár nad Sázavou", "Strojírenská 6, 591 01 Žďár nad Sázavou"},
		{"Domov Slunečnice, s.r.o., a.s., z.ú.", "Domov Slunečnice, s.r.o., a.s., z.ú."},
		{"nám.Míru 1", "nám.Míru 1"},
		{"v 9.30 h, 1.5 hodiny", "v 9.30 h, 1.5 hodiny"},
		{"Marie Procházková", "Marie Procházková"},
	} {
		if got := mail.Defang(tt.in); got != tt.want {
			t.Errorf("Defang(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
