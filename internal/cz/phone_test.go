package cz_test

import (
	"testing"

	"github.com/mpsv/brana/internal/cz"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		name   string
		input  string
		want   string
		wantOK bool
	}{
		{"reads a Czech mobile number with spaces", "603 123 456", "+420603123456", true},
		{"reads a Czech mobile number without spaces", "603123456", "+420603123456", true},
		{"reads a Czech number with +420", "+420 603 123 456", "+420603123456", true},
		{"reads a Czech number with 00420", "00420603123456", "+420603123456", true},
		{"reads a Czech number with slash and dashes", "603/123-456", "+420603123456", true},
		{"reads a Prague landline", "221 922 111", "+420221922111", true},
		{"reads a Slovak mobile number", "+421 905 123 456", "+421905123456", true},
		{"reads a German landline", "+49 30 123456", "+4930123456", true},
		{"rejects a number that is too short", "123", "", false},
		{"rejects a Czech number with a digit missing", "603 123 45", "", false},
		{"rejects a Czech number with an extra digit", "603 123 4567", "", false},
		{"rejects a Czech number with an invalid prefix", "103 123 456", "", false},
		{"rejects letters", "603 ABC 456", "", false},
		{"rejects a vanity number", "+1 800 FLOWERS", "", false},
		{"rejects garbage", "call me maybe", "", false},
		{"rejects separators without digits", "+-()", "", false},
		{"rejects the empty string", "", "", false},
		{"rejects overly long input", "+420 603 123 456 603 123 456 603 123 456 603 123 456", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := cz.NormalizePhone(tt.input)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("NormalizePhone(%q) = %q, %v, want %q, %v", tt.input, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
