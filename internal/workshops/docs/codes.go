package docs

import (
	"github.com/mpsv/brana/internal/workshops/certcode"
)

// NewCertificateCode returns the verification code of a registration's
// certificate, signed with the key derived from the stored secret for
// certificates (certcode.Key(master)). The same registration always gets
// the same code.
func NewCertificateCode(master []byte, eventID, registrationID string) string {
	return certcode.New(certcode.Key(master), eventID, registrationID)
}

// VerifyCertificateCode checks a code as typed or printed and returns what
// it says (the event's id and the registration's reference), or
// certcode.ErrInvalid.
func VerifyCertificateCode(master []byte, code string) (certcode.Code, error) {
	return certcode.Parse(certcode.Key(master), code)
}
