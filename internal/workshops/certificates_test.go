package workshops_test

import (
	"testing"
	"time"

	"github.com/mpsv/brana/internal/workshops"
)

func TestCertificateRules(t *testing.T) {
	for status, want := range map[workshops.EventStatus]bool{
		workshops.EventDraft: false, workshops.EventPublished: true, workshops.EventCancelled: false, workshops.EventHeld: true,
	} {
		if got := (workshops.Event{Status: status}).CertifiesAttendance(); got != want {
			t.Errorf("event %s certifies attendance: got %v, want %v", status, got, want)
		}
	}
	for status, want := range map[workshops.RegistrationStatus]bool{
		workshops.RegConfirmed: false, workshops.RegWaitlisted: false, workshops.RegOffered: false, workshops.RegCancelled: false,
		workshops.RegExpired: false, workshops.RegAttended: true, workshops.RegNoShow: false,
	} {
		if got := (workshops.Registration{Status: status}).Certified(); got != want {
			t.Errorf("registration %s certified: got %v, want %v", status, got, want)
		}
	}
	if (workshops.Registration{Status: workshops.RegAttended, ErasedAt: time.Now()}).Certified() {
		t.Error("an erased registration (no name left) is certified")
	}
}
