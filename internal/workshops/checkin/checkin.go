// Package checkin is the signed check-in code of a workshop registration:
// the text of the QR code in the confirmation e-mail, which staff scan at
// the door to check the person in.
//
// A code names the event and the registration and carries an HMAC-SHA256 tag
// (truncated to 128 bits) under a key derived from the outbox key for this
// one purpose (seal.DeriveKey(master, "checkin")). It is not encrypted: the
// ids are not personal data, and a code only lets staff, who are signed in,
// find the registration. It never expires; checking in is idempotent, and
// the registration's status decides whether a check-in is allowed.
//
// Format: "C1.<eventID>.<registrationID>.<tag>", the tag in unpadded
// base64url (22 characters). Ids are letters, digits, '-' and '_' (at most
// 64 bytes each), so a code of two 26-character ids is 80 bytes: a version
// 5 QR code (37×37 modules) at error correction level M.
//
// The package imports only the standard library and internal/seal, so the
// e-mail templates, the workshops service and the staff check-in route can
// all use it.
package checkin

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"regexp"
	"strings"

	"github.com/mpsv/brana/internal/seal"
)

// Purpose is the label of the check-in key: seal.DeriveKey(master, Purpose).
const Purpose = "checkin"

// Version is the first field of every code of this format.
const Version = "C1"

const tagLen = 16 // bytes of HMAC-SHA256 kept

var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)

// ValidID reports whether id can be named by a code.
func ValidID(id string) bool { return idPattern.MatchString(id) }

// ErrInvalid is returned for a code that is malformed, was not made with
// this key, or was changed. It says nothing more, on purpose.
var ErrInvalid = errors.New("invalid check-in code")

// Signer makes and verifies check-in codes with one key.
type Signer struct{ key []byte }

// NewSigner returns the signer of master, the outbox key material (the
// check-in key is derived from it).
func NewSigner(master []byte) *Signer {
	return &Signer{key: seal.DeriveKey(master, Purpose)}
}

// Code is what Verify reads back from a code.
type Code struct {
	EventID        string
	RegistrationID string
}

// Make returns the code of a registration of an event. It returns
// ErrInvalid for an id a code cannot carry (see ValidID).
func (s *Signer) Make(eventID, registrationID string) (string, error) {
	if !ValidID(eventID) || !ValidID(registrationID) {
		return "", ErrInvalid
	}
	body := Version + "." + eventID + "." + registrationID
	return body + "." + base64.RawURLEncoding.EncodeToString(s.tag(body)), nil
}

// Verify checks a code (surrounding spaces ignored, as a scanner may add a
// line end) and returns what it names. The tag is compared in constant time.
func (s *Signer) Verify(code string) (Code, error) {
	code = strings.TrimSpace(code)
	if len(code) > 3+64+1+64+1+22 {
		return Code{}, ErrInvalid
	}
	parts := strings.Split(code, ".")
	if len(parts) != 4 || parts[0] != Version || !ValidID(parts[1]) || !ValidID(parts[2]) {
		return Code{}, ErrInvalid
	}
	got, err := base64.RawURLEncoding.Strict().DecodeString(parts[3])
	if err != nil || len(got) != tagLen {
		return Code{}, ErrInvalid
	}
	body := code[:len(code)-len(parts[3])-1]
	if !hmac.Equal(got, s.tag(body)) {
		return Code{}, ErrInvalid
	}
	return Code{EventID: parts[1], RegistrationID: parts[2]}, nil
}

func (s *Signer) tag(body string) []byte {
	m := hmac.New(sha256.New, s.key)
	m.Write([]byte("brana checkin\x00" + body))
	return m.Sum(nil)[:tagLen]
}
