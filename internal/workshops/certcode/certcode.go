// Package certcode makes and checks the verification codes printed on
// certificates of attendance. A code carries the event's id and a short
// reference to the registration, sealed with an HMAC under a key derived
// for this one purpose, so that anyone may ask whether a code is genuine
// and learn which event and date it is for, and nothing about the person.
//
// A code is Crockford base32 in groups of four ("7Q3M-…"): no I, L, O or U,
// read back case-blind, with O taken for 0 and I or L for 1, spaces and
// hyphens ignored, so a code typed from paper still verifies. It is small
// and links nothing but the standard library and internal/seal: the public
// function that verifies codes does not link the PDF or spreadsheet code.
package certcode

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"errors"
	"strings"

	"github.com/mpsv/brana/internal/seal"
)

// Purpose is the label under which the certificate key is derived from the
// stored secret (seal.DeriveKey).
const Purpose = "certificate"

// Key derives the certificate key from the stored secret material.
func Key(master []byte) []byte { return seal.DeriveKey(master, Purpose) }

// Sizes of a code's parts, in bytes.
const (
	refSize = 5 // the registration reference: 40 bits, unique within an event in practice
	tagSize = 8 // the HMAC tag: 64 bits, beyond reach of online guessing
	// MaxEventID bounds an event id that is not a Brána id (test and demo
	// ids are carried as they are).
	MaxEventID = 64
)

// The payload's first byte says how the event id is carried.
const (
	formID  byte = 0 // a Brána id (ids.Random): 26 base32 characters as 16 bytes
	formRaw byte = 1 // any other id, as its bytes after a length byte
)

// ids.Random's lower-case Crockford alphabet, and the code's upper-case one.
var (
	idEnc   = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)
	codeEnc = base32.NewEncoding("0123456789ABCDEFGHJKMNPQRSTVWXYZ").WithPadding(base32.NoPadding)
)

// group is how many characters a group of a printed code has.
const group = 4

// ErrInvalid is returned for a code that is malformed, altered or made with
// another key. It says no more than that, on purpose.
var ErrInvalid = errors.New("certcode: not a valid certificate code")

// Code is what a genuine code says.
type Code struct {
	EventID string
	// RegistrationRef is the registration's reference (Ref), which staff
	// can match against an event's registrations; it is not personal data.
	RegistrationRef string
}

// VerifyURL is where a person checks a code: the front door's
// verification page (<base>/certificates/<code>), which asks the public
// route GET /v1/certificates/{code} and shows the answer. Certificates and
// their e-mails print it.
func VerifyURL(baseURL, code string) string {
	return strings.TrimRight(baseURL, "/") + "/certificates/" + code
}

// Ref returns a registration's short reference as a code carries it: the
// first 40 bits of the SHA-256 of its id, in base32 (8 characters).
func Ref(registrationID string) string {
	return codeEnc.EncodeToString(ref(registrationID))
}

func ref(registrationID string) []byte {
	h := sha256.Sum256([]byte("brana certificate registration " + registrationID))
	return h[:refSize]
}

// New returns the verification code of a registration's certificate. The
// same event and registration always give the same code. It panics on an
// empty event id or one longer than MaxEventID (ids come from the code, not
// from people).
func New(key []byte, eventID, registrationID string) string {
	if eventID == "" || len(eventID) > MaxEventID || registrationID == "" {
		panic("certcode: event id and registration id are required, the event id at most 64 bytes")
	}
	var p []byte
	if b, ok := braneID(eventID); ok {
		p = append([]byte{formID}, b...)
	} else {
		p = append([]byte{formRaw, byte(len(eventID))}, eventID...)
	}
	p = append(p, ref(registrationID)...)
	p = append(p, tag(key, p)...)
	return format(codeEnc.EncodeToString(p))
}

// Parse checks a code, as typed or printed, and returns what it says, or
// ErrInvalid.
func Parse(key []byte, code string) (Code, error) {
	s := normalise(code)
	if s == "" || len(s) > 2*(2+MaxEventID+refSize+tagSize) {
		return Code{}, ErrInvalid
	}
	p, err := codeEnc.DecodeString(s)
	if err != nil || len(p) < 1+refSize+tagSize || codeEnc.EncodeToString(p) != s {
		return Code{}, ErrInvalid // not canonical: trailing bits set, or a short tail
	}
	body, mac := p[:len(p)-tagSize], p[len(p)-tagSize:]
	if !hmac.Equal(mac, tag(key, body)) {
		return Code{}, ErrInvalid
	}
	var eventID string
	rest := body[1:]
	switch body[0] {
	case formID:
		if len(rest) != 16+refSize {
			return Code{}, ErrInvalid
		}
		eventID, rest = idEnc.EncodeToString(rest[:16]), rest[16:]
	case formRaw:
		if len(rest) < 1 {
			return Code{}, ErrInvalid
		}
		n := int(rest[0])
		if n == 0 || n > MaxEventID || len(rest) != 1+n+refSize {
			return Code{}, ErrInvalid
		}
		eventID, rest = string(rest[1:1+n]), rest[1+n:]
	default:
		return Code{}, ErrInvalid
	}
	return Code{EventID: eventID, RegistrationRef: codeEnc.EncodeToString(rest)}, nil
}

// Matches reports whether a genuine code is the one of a registration.
func (c Code) Matches(registrationID string) bool {
	return c.RegistrationRef == Ref(registrationID)
}

func tag(key, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte("brana certificate v1\x00"))
	m.Write(body)
	return m.Sum(nil)[:tagSize]
}

// braneID decodes an id made by ids.Random (26 lower-case base32
// characters, 128 bits) to its 16 bytes, when it is one exactly.
func braneID(id string) ([]byte, bool) {
	if len(id) != 26 {
		return nil, false
	}
	b, err := idEnc.DecodeString(id)
	if err != nil || len(b) != 16 || idEnc.EncodeToString(b) != id {
		return nil, false
	}
	return b, true
}

// normalise reads a code as people type it: case-blind, without spaces or
// hyphens, with Crockford's look-alikes (O for 0, I and L for 1).
func normalise(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		switch {
		case r == '-' || r == ' ' || r == '\t':
			continue
		case r == 'O':
			r = '0'
		case r == 'I' || r == 'L':
			r = '1'
		}
		if r > 0x7f {
			return "" // nothing outside ASCII is part of a code
		}
		b.WriteRune(r)
	}
	return b.String()
}

// format splits a code into groups of four joined by hyphens.
func format(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i += group {
		if i > 0 {
			b.WriteByte('-')
		}
		b.WriteString(s[i:min(i+group, len(s))])
	}
	return b.String()
}
