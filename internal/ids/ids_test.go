package ids

import (
	"encoding/base64"
	"testing"
	"time"
)

func TestNewToken(t *testing.T) {
	a, b := NewToken(), NewToken()
	raw, err := base64.RawURLEncoding.DecodeString(a)
	if err != nil || len(raw)*8 < 128 {
		t.Fatalf("got %d bits (%v), want at least 128", len(raw)*8, err)
	}
	if a == b {
		t.Error("two tokens are equal")
	}
}

func TestTokenMatches(t *testing.T) {
	tok := NewToken()
	h := HashToken(tok)
	tests := []struct {
		name  string
		token string
		hash  []byte
		want  bool
	}{
		{"accepts the token of the hash", tok, h, true},
		{"refuses another token", NewToken(), h, false},
		{"refuses an empty token", "", h, false},
		{"refuses anything against a missing hash", tok, nil, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := TokenMatches(tt.token, tt.hash); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestRandomIDsSortByTime(t *testing.T) {
	now := time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)
	r := Random{Now: func() time.Time { return now }}
	first := r.NewID()
	now = now.Add(time.Millisecond)
	second := r.NewID()
	if len(first) != 26 || !(first < second) {
		t.Errorf("got %q then %q, want 26 characters sorting by time", first, second)
	}
}
