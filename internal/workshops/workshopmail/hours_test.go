package workshopmail

import (
	"testing"
	"time"
)

func TestHours(t *testing.T) {
	for _, tt := range []struct {
		d      time.Duration
		cs, en string
	}{
		{time.Hour, "1 hodina", "1 hour"},
		{2 * time.Hour, "2 hodiny", "2 hours"},
		{4 * time.Hour, "4 hodiny", "4 hours"},
		{11 * time.Hour, "11 hodin", "11 hours"},
		{90 * time.Minute, "1,5 hodiny", "1.5 hours"},
		{105 * time.Minute, "1,75 hodiny", "1.75 hours"},
		{45 * time.Minute, "0,75 hodiny", "0.75 hours"},
	} {
		if got := cs.hours(tt.d); got != tt.cs {
			t.Errorf("cs %s: got %q, want %q", tt.d, got, tt.cs)
		}
		if got := en.hours(tt.d); got != tt.en {
			t.Errorf("en %s: got %q, want %q", tt.d, got, tt.en)
		}
	}
}
