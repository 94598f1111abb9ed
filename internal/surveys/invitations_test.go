package surveys_test

import (
	"encoding/base64"
	"testing"

	"github.com/mpsv/brana/internal/surveys"
)

func TestInvitationToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok := surveys.NewInvitationToken()
		b, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil || len(b)*8 < 128 || len(b) != surveys.InvitationTokenBytes {
			t.Fatalf("token %q: %d bytes, %v", tok, len(b), err)
		}
		if !surveys.ValidInvitationToken(tok) {
			t.Errorf("%q not valid", tok)
		}
		h := surveys.InvitationTokenHash(tok)
		if h == tok || len(h) != 64 {
			t.Errorf("hash %q of %q", h, tok)
		}
		if seen[tok] {
			t.Fatal("a token repeated")
		}
		seen[tok] = true
	}
	for _, bad := range []string{"", "abc", "x" + surveys.NewInvitationToken(), surveys.NewInvitationToken()[:42] + "=", surveys.NewInvitationToken()[:42] + "/"} {
		if surveys.ValidInvitationToken(bad) {
			t.Errorf("%q accepted", bad)
		}
	}
}
