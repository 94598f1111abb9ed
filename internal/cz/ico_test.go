package cz_test

import (
	"testing"

	"github.com/mpsv/brana/internal/cz"
)

func TestValidICO(t *testing.T) {
	tests := []struct {
		name string
		ico  string
		want bool
	}{
		{"accepts the IČO of MPSV", "00551023", true},
		{"accepts the IČO of Hlavní město Praha", "00064581", true},
		{"accepts a company IČO", "27074358", true},
		{"accepts an IČO whose check digit comes from remainder 0", "25596641", true},
		{"accepts an IČO whose check digit comes from remainder 1", "00000060", true},
		{"accepts an IČO with a high remainder", "45274649", true},
		{"rejects IČO with wrong check digit", "00551024", false},
		{"rejects IČO with 1 instead of 0 after remainder 1", "00000061", false},
		{"rejects IČO with 0 instead of 1 after remainder 0", "25596640", false},
		{"rejects seven digits", "0551023", false},
		{"rejects nine digits", "005510230", false},
		{"rejects letters", "0055102A", false},
		{"rejects inner spaces", "005 51023", false},
		{"rejects surrounding spaces", " 00551023", false},
		{"rejects non-ASCII digits", "００５５１０２３", false},
		{"rejects the empty string", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cz.ValidICO(tt.ico); got != tt.want {
				t.Errorf("ValidICO(%q) = %v, want %v", tt.ico, got, tt.want)
			}
		})
	}
}
