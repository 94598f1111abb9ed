package workshops

import "github.com/mpsv/brana/internal/apperr"

// ReasonCertificateNotFound answers a certificate code that is malformed,
// altered, made with another key, or names an event that holds no
// certificates: the public verification says no more than that.
const ReasonCertificateNotFound apperr.Reason = "certificate_not_found"

// CertifiesAttendance reports whether an event's certificates of
// attendance are valid: it took place or is under way (published or held),
// not a draft and not cancelled.
func (e Event) CertifiesAttendance() bool {
	return e.Status == EventPublished || e.Status == EventHeld
}

// Certified reports whether a registration earns a certificate of
// attendance: the person was checked in (walk-ins too).
func (r Registration) Certified() bool {
	return r.Status == RegAttended && r.ErasedAt.IsZero()
}
