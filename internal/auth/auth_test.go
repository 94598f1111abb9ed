package auth

import (
	"slices"
	"testing"
)

func TestParseGroups(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
	}{
		{"reads API Gateway's bracketed array", "[admin expert]", []string{"admin", "expert"}},
		{"reads a single bracketed group", "[expert]", []string{"expert"}},
		{"reads a JSON array", `["admin","expert"]`, []string{"admin", "expert"}},
		{"reads a comma-separated list", "admin, expert", []string{"admin", "expert"}},
		{"reads a bare group", "admin", []string{"admin"}},
		{"drops duplicates", "[admin admin]", []string{"admin"}},
		{"gives nothing for an empty claim", "", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ParseGroups(tt.in)
			if len(got) != len(tt.want) || (len(got) > 0 && !slices.Equal(got, tt.want)) {
				t.Errorf("ParseGroups(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestFromClaims(t *testing.T) {
	t.Run("refuses claims without a subject", func(t *testing.T) {
		if _, ok := FromClaims(map[string]string{"cognito:groups": "[admin]"}); ok {
			t.Error("got ok, want refusal")
		}
	})
	t.Run("reads subject and groups", func(t *testing.T) {
		p, ok := FromClaims(map[string]string{"sub": "u-1", "cognito:groups": FormatGroups([]string{"expert"})})
		if !ok || p.Subject != "u-1" || !p.In(GroupExpert) || p.IsAdmin() {
			t.Errorf("got %+v, want subject u-1 in group expert only", p)
		}
	})
}
