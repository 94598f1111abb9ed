package surveys

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/outbox"
)

// InvitationTokenBytes is the size of an invitation token's secret: 256
// bits (the issue asks for 128 or more).
const InvitationTokenBytes = 32

// invitationTokenLen is the length of a token's URL-safe base64 form
// without padding.
var invitationTokenLen = base64.RawURLEncoding.EncodedLen(InvitationTokenBytes)

// NewInvitationToken returns a fresh invitation token: 32 bytes from
// crypto/rand, URL-safe base64 without padding (43 characters).
func NewInvitationToken() string {
	var b [InvitationTokenBytes]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err))
	}
	return base64.RawURLEncoding.EncodeToString(b[:])
}

// ValidInvitationToken reports whether s has the form of an invitation
// token (43 characters of URL-safe base64 decoding to 32 bytes). Anything
// else cannot be an invitation and is not looked up.
func ValidInvitationToken(s string) bool {
	if len(s) != invitationTokenLen {
		return false
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(s)
	return err == nil && len(b) == InvitationTokenBytes
}

// InvitationTokenHash is the only stored form of a token: the hex SHA-256,
// the invitation's key (INVITATION#<hash>). The token has 256 bits of
// entropy, so a plain hash is enough: there is nothing to brute-force.
func InvitationTokenHash(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

// Why an invitation cannot be used (answered or opted out). The invitation
// store returns them as apperr errors: NotFound for an unknown token,
// Conflict for the rest.
const (
	ReasonInvitationNotFound  apperr.Reason = "invitation_not_found"    // no invitation has this token (NotFound)
	ReasonInvitationAnswered  apperr.Reason = "invitation_answered"     // answered already: single use
	ReasonInvitationOptedOut  apperr.Reason = "invitation_opted_out"    // the person declined the survey
	ReasonInvitationExpired   apperr.Reason = "invitation_expired"      // InvitationValidity passed
	ReasonInvitationWrongSurv apperr.Reason = "invitation_wrong_survey" // the invitation is to another survey
	ReasonAlreadyInvited      apperr.Reason = "already_invited"         // (condition) the INVITED# marker exists
	ReasonAlreadyReminded     apperr.Reason = "invitation_reminded"     // (condition) reminded before, or no longer open
)

// NewInvitation is an invitation to create (the invitation store's
// CreateInvitation).
type NewInvitation struct {
	// Invitation: TokenHash, Survey, Context, SourceRef, SentAt and
	// ExpiresAt (State is set to open, Reminded to false).
	Invitation Invitation
	// Token is sealed onto the item for the reminder's link; it is never
	// stored in plain, and its hash must be Invitation.TokenHash.
	Token string
	// Marker is the "already invited" marker of the audience, the source
	// id and the survey (the store's Marker).
	Marker string
	// Mail is the invitation e-mail (its link sealed: outbox.Sealer).
	Mail outbox.Item
}

// SentInvitation is an invitation listed by the day it was sent, with its
// token opened while the reminder may still need it ("" once reminded,
// answered or declined).
type SentInvitation struct {
	Invitation
	Token string
}
