package localgw

import (
	"encoding/hex"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

func TestIssueDevToken(t *testing.T) {
	tests := []struct {
		name   string
		groups []string
		want   map[string]any
	}{
		{
			name:   "a token carries issuer, audience, subject, groups as an array, token use and times",
			groups: []string{"admin", "expert"},
			want: map[string]any{
				"iss": DevIssuer, "aud": DevIssuer, "sub": "u-1", "cognito:groups": []any{"admin", "expert"},
				"token_use": "access", "iat": float64(testNow.Unix()), "exp": float64(testNow.Add(8 * time.Hour).Unix()),
			},
		},
		{
			name: "a token without groups has no groups claim",
			want: map[string]any{
				"iss": DevIssuer, "aud": DevIssuer, "sub": "u-1",
				"token_use": "access", "iat": float64(testNow.Unix()), "exp": float64(testNow.Add(8 * time.Hour).Unix()),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tok, err := IssueDevToken(testSecret, "u-1", tt.groups, 8*time.Hour, testNow)
			if err != nil {
				t.Fatalf("IssueDevToken: %v", err)
			}
			parsed, err := jwt.Parse(tok, func(*jwt.Token) (any, error) { return testSecret, nil }, jwt.WithTimeFunc(func() time.Time { return testNow }))
			if err != nil {
				t.Fatalf("parse: %v", err)
			}
			if got := parsed.Header["alg"]; got != "HS256" {
				t.Errorf("alg = %v, want HS256", got)
			}
			got, _ := json.Marshal(parsed.Claims)
			want, _ := json.Marshal(tt.want)
			if string(got) != string(want) {
				t.Errorf("claims = %s, want %s", got, want)
			}
		})
	}
}

func TestIssueDevTokenRefusesBadInput(t *testing.T) {
	tests := []struct {
		name    string
		secret  []byte
		subject string
		ttl     time.Duration
	}{
		{"a short secret is refused", []byte("short"), "u-1", time.Hour},
		{"an empty subject is refused", testSecret, " ", time.Hour},
		{"a zero lifetime is refused", testSecret, "u-1", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tok, err := IssueDevToken(tt.secret, tt.subject, nil, tt.ttl, testNow); err == nil {
				t.Errorf("got token %q, want an error", tok)
			}
		})
	}
}

func TestIssuedTokenPassesTheGateway(t *testing.T) {
	fx := newFixture(t, nil)
	claims, _, err := fx.gw.verify("Bearer " + devToken(t, "expert"))
	if err != nil {
		t.Fatalf("verify: %v", err)
	}
	if claims["sub"] != "u-1" || claims["cognito:groups"] != "[expert]" {
		t.Errorf("claims = %v, want sub u-1 and groups [expert]", claims)
	}
}

func TestRenderClaims(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want map[string]string
	}{
		{"strings stay as they are", `{"sub":"u-1"}`, map[string]string{"sub": "u-1"}},
		{"numbers become their decimal text", `{"exp":1772447340,"ratio":1.5}`, map[string]string{"exp": "1772447340", "ratio": "1.5"}},
		{"booleans become true or false", `{"email_verified":true}`, map[string]string{"email_verified": "true"}},
		{"arrays become bracketed and space-separated", `{"cognito:groups":["admin","expert"]}`, map[string]string{"cognito:groups": "[admin expert]"}},
		{"an empty array becomes empty brackets", `{"cognito:groups":[]}`, map[string]string{"cognito:groups": "[]"}},
		{"objects become compact JSON", `{"x":{"b":1,"a":"z"}}`, map[string]string{"x": `{"a":"z","b":1}`}},
		{"null claims are left out", `{"sub":"u-1","nick":null}`, map[string]string{"sub": "u-1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dec := json.NewDecoder(strings.NewReader(tt.in))
			dec.UseNumber()
			var claims jwt.MapClaims
			if err := dec.Decode(&claims); err != nil {
				t.Fatal(err)
			}
			if got := renderClaims(claims); !maps.Equal(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestLoadOrCreateSecret(t *testing.T) {
	t.Run("a missing secret is created 0600 in a new directory and kept", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), ".data", "dev-secret")
		first, err := LoadOrCreateSecret(path)
		if err != nil {
			t.Fatalf("first call: %v", err)
		}
		if len(first) != 32 {
			t.Errorf("secret has %d bytes, want 32", len(first))
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := info.Mode().Perm(); got != 0o600 {
			t.Errorf("mode = %v, want 0600", got)
		}
		raw, _ := os.ReadFile(path)
		if got := strings.TrimSpace(string(raw)); got != hex.EncodeToString(first) {
			t.Errorf("file holds %q, want the secret in hex", got)
		}
		second, err := LoadOrCreateSecret(path)
		if err != nil {
			t.Fatalf("second call: %v", err)
		}
		if string(second) != string(first) {
			t.Error("second call returned another secret, want the stored one")
		}
	})

	bad := []struct {
		name    string
		content string
	}{
		{"a file that is not hex is an error", "not hex at all\n"},
		{"a file with too short a secret is an error", "abcd\n"},
		{"an empty file is an error", ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "dev-secret")
			if err := os.WriteFile(path, []byte(tt.content), 0o600); err != nil {
				t.Fatal(err)
			}
			if secret, err := LoadOrCreateSecret(path); err == nil {
				t.Errorf("got secret %x, want an error", secret)
			}
			raw, _ := os.ReadFile(path)
			if string(raw) != tt.content {
				t.Errorf("file now holds %q, want it untouched", raw)
			}
		})
	}
}
