package mail_test

import (
	netmail "net/mail"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/mail"
)

func TestValidAddress(t *testing.T) {
	long := func(n int) string { return strings.Repeat("a", n) }
	tests := []struct {
		addr string
		want bool
	}{
		{"jana@example.cz", true},
		{"Jana.Novakova@Example.CZ", true},
		{"jana+brana@mail.example.cz", true},
		{"o'brien@example.ie", true},
		{"x_y-z!#$%&*/=?^`{|}~@example.cz", true},
		{"jana@xn--pklad-zsa96e.cz", true},
		{"jana@sub-domain.example.cz", true},
		{long(64) + "@example.cz", true},
		{"a@" + long(63) + ".cz", true},
		{long(64) + "@" + long(63) + "." + long(63) + "." + long(58) + ".cz", true}, // 254 bytes

		{`"john doe"@example.cz`, false}, // the address: quoted local parts
		{`"jana"@example.cz`, false},
		{"john doe@example.cz", false},
		{"jana@[192.0.2.1]", false}, // IP literal
		{"jana@192.0.2.1", false},   // bare IP: the last label is all digits
		{"jana@localhost", false},   // no dot in the domain
		{"jana@example", false},
		{"jana@example.cz.", false},
		{"jana@.example.cz", false},
		{"jana@example..cz", false},
		{"jana@-example.cz", false},
		{"jana@example-.cz", false},
		{"jana@exa_mple.cz", false},
		{".jana@example.cz", false},
		{"jana.@example.cz", false},
		{"ja..na@example.cz", false},
		{"jana@@example.cz", false},
		{"jana@ex@ample.cz", false},
		{"@example.cz", false},
		{"jana@", false},
		{"jana", false},
		{"", false},
		{"Jana <jana@example.cz>", false}, // a display name
		{"jana(comment)@example.cz", false},
		{"jana@příklad.cz", false}, // UTF-8 domain: punycode only
		{"jána@example.cz", false}, // UTF-8 local part
		{"jana@example.cz\r\nBcc: x@example.cz", false},
		{"jana,petr@example.cz", false},
		{long(65) + "@example.cz", false},
		{"a@" + long(64) + ".cz", false},
		{long(64) + "@" + long(63) + "." + long(63) + "." + long(59) + ".cz", false}, // 255 bytes
	}
	for _, tt := range tests {
		if got := mail.ValidAddress(tt.addr); got != tt.want {
			t.Errorf("ValidAddress(%q) = %v, want %v", tt.addr, got, tt.want)
		}
		if got := mail.CheckEmail(tt.addr) == nil; got != tt.want {
			t.Errorf("CheckEmail(%q) accepts %v, want %v (one rule)", tt.addr, got, tt.want)
		}
	}
}

// FuzzValidAddress: every address the rule accepts is one the MIME layer
// writes and a mail client reads back unchanged (net/mail), so nothing the
// API accepts fails later in the mailer.
func FuzzValidAddress(f *testing.F) {
	for _, s := range []string{"jana@example.cz", `"john doe"@example.cz`, "o'brien@example.ie", "a.b-c+d@x-y.example.org", "x@[1.2.3.4]", "ü@example.cz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !mail.ValidAddress(s) {
			return
		}
		a, err := netmail.ParseAddress(s)
		if err != nil || a.Address != s || a.Name != "" {
			t.Fatalf("ValidAddress(%q) but net/mail reads %+v, %v", s, a, err)
		}
		back, err := netmail.ParseAddress((&netmail.Address{Name: "Jana Nováková", Address: s}).String())
		if err != nil || back.Address != s {
			t.Fatalf("%q does not survive a To header: %+v, %v", s, back, err)
		}
	})
}
