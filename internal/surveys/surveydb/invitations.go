package surveydb

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/surveys"
)

// The invitation counters on a survey's item (SURVEY#<id> / SURVEY), added
// to in the transactions that change an invitation; surveys.InvitationCounts
// is read from them.
const (
	AttrInvitationsSent     = "invitationsSent"
	AttrInvitationsReminded = "invitationsReminded"
	AttrInvitationsAnswered = "invitationsAnswered"
	AttrInvitationsOptedOut = "invitationsOptedOut"
)

// Retention of the invitation items (DynamoDB TTL).
const (
	// InvitationKeep is how long an invitation is kept after its link
	// expired (or after it was answered or declined), so that the page
	// tells "expired" or "answered already" instead of "unknown link".
	InvitationKeep = 30 * 24 * time.Hour
	// InvitedKeep is how long the "already invited" marker is kept: far
	// beyond the job's catch-up window, so that a re-run never invites twice.
	InvitedKeep = 365 * 24 * time.Hour
)

// The invitation's key and the index partition of the day it was sent.
func invKey(tokenHash string) dynamo.Key {
	return dynamo.Key{PK: "INVITATION#" + tokenHash, SK: "INVITATION"}
}
func invitedKey(marker string) dynamo.Key { return dynamo.Key{PK: "INVITED#" + marker, SK: "INVITED"} }
func invSentPK(day cz.Date) string        { return "INVITATIONS#" + day.String() }

// invitationItem is an invitation as stored. Only the token's SHA-256 is
// its key; the token itself is kept sealed (AES-GCM, a key derived from
// the outbox key, bound to the hash) only while the reminder may still
// need the link, and removed by the reminder, an answer or an opt-out.
type invitationItem struct {
	PK, SK      string
	GSI2PK      string `dynamodbav:",omitempty"` // INVITATIONS#<Prague day sent>
	GSI2SK      string `dynamodbav:",omitempty"` // the token hash
	Type        string `dynamodbav:"type"`
	Survey      string `dynamodbav:"survey"`
	State       string `dynamodbav:"state"`
	Source      string `dynamodbav:"source,omitempty"`
	Form        string `dynamodbav:"form,omitempty"`
	Topic       string `dynamodbav:"topic,omitempty"`
	Region      string `dynamodbav:"region,omitempty"`
	TargetGroup string `dynamodbav:"targetGroup,omitempty"`
	SourceRef   string `dynamodbav:"sourceRef,omitempty"`
	SealedToken []byte `dynamodbav:"sealedToken,omitempty"`
	SentAt      string `dynamodbav:"sentAt,omitempty"`
	Reminded    bool   `dynamodbav:"reminded"`
	ValidUntil  string `dynamodbav:"validUntil,omitempty"` // the link's expiry
	ExpiresAt   int64  `dynamodbav:"expiresAt"`            // TTL
}

// invitedItem is the "already invited" marker: an HMAC, nothing personal.
type invitedItem struct {
	PK, SK    string
	Type      string `dynamodbav:"type"`
	ExpiresAt int64  `dynamodbav:"expiresAt"`
}

func toInvitationItem(inv surveys.Invitation, sealed []byte) invitationItem {
	return invitationItem{
		PK: invKey(inv.TokenHash).PK, SK: invKey(inv.TokenHash).SK,
		GSI2PK: invSentPK(cz.DateOf(inv.SentAt)), GSI2SK: inv.TokenHash,
		Type: "invitation", Survey: inv.Survey, State: string(inv.State),
		Source: string(inv.Context.Source), Form: inv.Context.Form, Topic: inv.Context.Topic,
		Region: inv.Context.Region, TargetGroup: inv.Context.TargetGroup,
		SourceRef: inv.SourceRef, SealedToken: sealed,
		SentAt: dynamo.Time(inv.SentAt), Reminded: inv.Reminded, ValidUntil: dynamo.Time(inv.ExpiresAt),
		ExpiresAt: inv.ExpiresAt.Add(InvitationKeep).Unix(),
	}
}

func (it invitationItem) invitation() (surveys.Invitation, error) {
	inv := surveys.Invitation{
		TokenHash: it.GSI2SK, Survey: it.Survey, State: surveys.InvitationState(it.State),
		Context: surveys.Context{
			Source: surveys.Source(it.Source), Form: it.Form, Topic: it.Topic, Region: it.Region, TargetGroup: it.TargetGroup,
		},
		SourceRef: it.SourceRef, Reminded: it.Reminded,
	}
	if h, ok := trimPrefix(it.PK, "INVITATION#"); ok {
		inv.TokenHash = h
	}
	var err error
	if inv.SentAt, err = dynamo.ParseTime(it.SentAt); err != nil {
		return inv, err
	}
	if inv.ExpiresAt, err = dynamo.ParseTime(it.ValidUntil); err != nil {
		return inv, err
	}
	return inv, nil
}

func trimPrefix(s, p string) (string, bool) {
	if len(s) < len(p) || s[:len(p)] != p {
		return s, false
	}
	return s[len(p):], true
}

// Invitations is the storage of evaluation-survey invitations: the
// INVITATION# items, the INVITED# markers and the survey's invitation
// counters.
type Invitations struct {
	db *dynamo.Store
	// marker keys the HMAC of the INVITED# markers and of the e-mails'
	// outbox ids; box seals the token kept for the reminder. Both come from
	// the outbox key; without it (nil) the store reads, uses and opts out,
	// but cannot invite or remind.
	marker []byte
	box    *seal.Box
}

// NewInvitations returns the invitation storage on db. master is the
// outbox key (registry.OutboxKey): the job needs it to invite and remind;
// the answering function may pass nil.
func NewInvitations(db *dynamo.Store, master []byte) (*Invitations, error) {
	s := &Invitations{db: db}
	if master != nil {
		box, err := seal.Derive(master, "survey-invitation-token")
		if err != nil {
			return nil, err
		}
		s.marker, s.box = seal.DeriveKey(master, "survey-invited"), box
	}
	return s, nil
}

var errNoKey = errors.New("surveydb: invitations without the outbox key cannot invite or remind")

func (s *Invitations) mac(parts ...string) string {
	m := hmac.New(sha256.New, s.marker)
	for i, p := range parts {
		if i > 0 {
			m.Write([]byte{'#'})
		}
		m.Write([]byte(p))
	}
	return hex.EncodeToString(m.Sum(nil))
}

// Marker is the INVITED# marker of one person's source (a booking or a
// registration id) and survey: HMAC-SHA256(audience#sourceId#surveyId),
// hex. It names no person and cannot be reversed without the key.
func (s *Invitations) Marker(audience surveys.Audience, sourceID, surveyID string) string {
	return s.mac(string(audience), sourceID, surveyID)
}

// InvitationMailID is the outbox id of the invitation e-mail of a marker:
// one e-mail per person, source and survey.
func InvitationMailID(marker string) string { return "survey-invitation-" + marker[:32] }

// InvitationMailID is the package function, for the job's interface.
func (s *Invitations) InvitationMailID(marker string) string { return InvitationMailID(marker) }

// ReminderMailID is the outbox id of an invitation's reminder (keyed, so
// that the outbox item does not name the invitation).
func (s *Invitations) ReminderMailID(tokenHash string) string {
	return "survey-reminder-" + s.mac("reminder", tokenHash)[:32]
}

// Invited reports whether the marker exists: a shortcut for the job, which
// skips making an e-mail for someone invited already. The transaction's
// condition is what guarantees one invitation.
func (s *Invitations) Invited(ctx context.Context, marker string) (bool, error) {
	_, found, err := dynamo.Get[invitedItem](ctx, s.db, invitedKey(marker), dynamo.Project("PK"))
	return found, err
}

// NewInvitation is an invitation to create (surveys.NewInvitation).
type NewInvitation = surveys.NewInvitation

// CreateInvitation writes, in one transaction, the invitation, the
// "already invited" marker (PutIfAbsent: a re-run never invites twice),
// the invitation e-mail and +1 on the survey's sent counter. An existing
// marker is a Conflict surveys.ReasonAlreadyInvited.
func (s *Invitations) CreateInvitation(ctx context.Context, n NewInvitation) error {
	if s.box == nil {
		return errNoKey
	}
	inv := n.Invitation
	if surveys.InvitationTokenHash(n.Token) != inv.TokenHash || inv.Survey == "" || n.Marker == "" {
		return errors.New("surveydb: invitation without its token hash, survey or marker")
	}
	inv.State, inv.Reminded = surveys.InvitationOpen, false
	sealed := s.box.Seal([]byte(n.Token), []byte(inv.TokenHash))
	put, err := s.db.PutIfAbsent(toInvitationItem(inv, sealed), surveys.ReasonAlreadyInvited)
	if err != nil {
		return err
	}
	k := invitedKey(n.Marker)
	marker, err := s.db.PutIfAbsent(invitedItem{PK: k.PK, SK: k.SK, Type: "invited", ExpiresAt: inv.SentAt.Add(InvitedKeep).Unix()}, surveys.ReasonAlreadyInvited)
	if err != nil {
		return err
	}
	mail, err := s.db.OutboxPut(n.Mail, surveys.ReasonAlreadyInvited)
	if err != nil {
		return err
	}
	return s.db.Transact(ctx, "create invitation", []dynamo.TxItem{
		put, marker, mail, s.counter(inv.Survey, AttrInvitationsSent),
	})
}

func (s *Invitations) counter(survey, attr string) dynamo.TxItem {
	return s.db.Add(dynamo.Counter{Key: SurveyKey(survey), Attr: attr}, 1, 0, "")
}

// GetInvitation reads an invitation by its token's hash (strongly
// consistent). An unknown one is NotFound surveys.ReasonInvitationNotFound.
func (s *Invitations) GetInvitation(ctx context.Context, tokenHash string) (surveys.Invitation, error) {
	if len(tokenHash) != sha256.Size*2 {
		return surveys.Invitation{}, apperr.New(apperr.NotFound, surveys.ReasonInvitationNotFound)
	}
	it, found, err := dynamo.Get[invitationItem](ctx, s.db, invKey(tokenHash), dynamo.Consistent)
	if err != nil {
		return surveys.Invitation{}, fmt.Errorf("get invitation: %w", err)
	}
	if !found {
		return surveys.Invitation{}, apperr.New(apperr.NotFound, surveys.ReasonInvitationNotFound)
	}
	return it.invitation()
}

// Usable checks that inv may be answered or declined at now for survey:
// nil, or the error the page shows (answered, declined, expired, another
// survey).
func Usable(inv surveys.Invitation, survey string, now time.Time) error {
	switch {
	case inv.State == surveys.InvitationAnswered:
		return apperr.New(apperr.Conflict, surveys.ReasonInvitationAnswered)
	case inv.State == surveys.InvitationOptedOut:
		return apperr.New(apperr.Conflict, surveys.ReasonInvitationOptedOut)
	case survey != "" && inv.Survey != survey:
		return apperr.New(apperr.Conflict, surveys.ReasonInvitationWrongSurv)
	case !now.Before(inv.ExpiresAt):
		return apperr.New(apperr.Conflict, surveys.ReasonInvitationExpired)
	case inv.State != surveys.InvitationOpen:
		return apperr.New(apperr.Conflict, surveys.ReasonInvitationAnswered)
	}
	return nil
}

// ReasonInvitationUnusable is the reason of UseInvitationTx's failed
// condition; Explain turns it into the precise one.
const ReasonInvitationUnusable apperr.Reason = "invitation_unusable"

// usableCondition: open, not expired, to this survey.
func usableCondition(survey string, now time.Time) dynamo.Condition {
	return dynamo.Condition{
		Expr:  "#state = :open AND #until > :now AND #survey = :survey",
		Names: map[string]string{"#state": "state", "#until": "validUntil", "#survey": "survey"},
		Values: map[string]types.AttributeValue{
			":open": dynamo.S(string(surveys.InvitationOpen)), ":now": dynamo.S(dynamo.Time(now)), ":survey": dynamo.S(survey),
		},
	}
}

// closedItem is what is left of an invitation once answered or declined:
// its state and survey, nothing else (no context, no time it was sent, no
// source, no token), until the TTL removes it. It leaves the sent-day index.
// Its TTL tells the month of the change only (the first day of the third
// Prague month after it), as a response keeps no time finer than the month.
func closedItem(tokenHash, survey string, state surveys.InvitationState, now time.Time) invitationItem {
	k := invKey(tokenHash)
	return invitationItem{
		PK: k.PK, SK: k.SK, Type: "invitation", Survey: survey, State: string(state),
		ExpiresAt: ClosedExpiry(now).Unix(),
	}
}

// ClosedExpiry is the TTL of an answered or declined invitation: the first
// day of the third Prague month after now (60 to 92 days later), so that
// it tells no time finer than the month.
func ClosedExpiry(now time.Time) time.Time {
	t := now.In(cz.Prague)
	return time.Date(t.Year(), t.Month()+3, 1, 0, 0, 0, 0, cz.Prague)
}

// UseInvitationTx is the transaction item that marks an invitation
// answered, for the response's own transaction: it holds only if the
// invitation is open, not expired (ExpiresAt after now) and to survey. It
// replaces the item with what closedItem keeps: the source reference is
// gone, no link to the person stays. Its failed condition is a Conflict
// ReasonInvitationUnusable; Explain tells why. Add AnsweredCounterTx to the
// same transaction.
func (s *Invitations) UseInvitationTx(tokenHash, survey string, now time.Time) (dynamo.TxItem, error) {
	return s.db.PutIf(closedItem(tokenHash, survey, surveys.InvitationAnswered, now), usableCondition(survey, now), ReasonInvitationUnusable)
}

// AnsweredCounterTx is +1 on the survey's answered counter.
func (s *Invitations) AnsweredCounterTx(survey string) dynamo.TxItem {
	return s.counter(survey, AttrInvitationsAnswered)
}

// AnsweredCounterIfTx is +1 on the survey's answered counter if cond holds
// for the survey's item (it is open, say): for a response transaction that
// checks the survey, as one transaction may touch the survey item only
// once. A failed cond is a Conflict with reason.
func (s *Invitations) AnsweredCounterIfTx(survey string, cond dynamo.Condition, reason apperr.Reason) dynamo.TxItem {
	return s.db.AddIf(dynamo.Counter{Key: SurveyKey(survey), Attr: AttrInvitationsAnswered}, 1, cond, reason)
}

// Explain turns a transaction's error into the error to show: a Conflict
// ReasonInvitationUnusable becomes the precise reason (answered, declined,
// expired, unknown), read after the failure for the message only. Other
// errors are returned as they are.
func (s *Invitations) Explain(ctx context.Context, err error, tokenHash, survey string, now time.Time) error {
	if !apperr.Is(err, apperr.Conflict, ReasonInvitationUnusable) {
		return err
	}
	inv, gerr := s.GetInvitation(ctx, tokenHash)
	if gerr != nil {
		return gerr
	}
	if u := Usable(inv, survey, now); u != nil {
		return u
	}
	// It changed back? Never: an invitation only leaves "open". Treat as
	// answered, the safe refusal.
	return apperr.New(apperr.Conflict, surveys.ReasonInvitationAnswered)
}

// OptOut declines an invitation: condition open and not expired; the item
// keeps only its state and survey (closedItem) and the survey's opted-out
// counter grows, in one transaction. No reminder follows. It returns the
// invitation as it was, or NotFound / Conflict with the precise reason.
func (s *Invitations) OptOut(ctx context.Context, tokenHash string, now time.Time) (surveys.Invitation, error) {
	inv, err := s.GetInvitation(ctx, tokenHash)
	if err != nil {
		return surveys.Invitation{}, err
	}
	if err := Usable(inv, "", now); err != nil {
		return surveys.Invitation{}, err
	}
	put, err := s.db.PutIf(closedItem(tokenHash, inv.Survey, surveys.InvitationOptedOut, now), usableCondition(inv.Survey, now), ReasonInvitationUnusable)
	if err != nil {
		return surveys.Invitation{}, err
	}
	err = s.db.Transact(ctx, "opt out of invitation", []dynamo.TxItem{put, s.counter(inv.Survey, AttrInvitationsOptedOut)})
	if err != nil {
		return surveys.Invitation{}, s.Explain(ctx, err, tokenHash, "", now)
	}
	return inv, nil
}

// Sent is an invitation listed by the day it was sent
// (surveys.SentInvitation).
type Sent = surveys.SentInvitation

// SentOn lists the invitations sent on a Prague day: one Query of GSI2
// (INVITATIONS#<day>), page by page. Answered and declined ones have left
// the index.
func (s *Invitations) SentOn(ctx context.Context, day cz.Date) ([]Sent, error) {
	items, err := dynamo.Query[invitationItem](ctx, s.db, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI2),
		KeyConditionExpression:    aws.String("GSI2PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(invSentPK(day))},
	})
	if err != nil {
		return nil, fmt.Errorf("invitations sent on %s: %w", day, err)
	}
	out := make([]Sent, 0, len(items))
	for _, it := range items {
		inv, err := it.invitation()
		if err != nil {
			return nil, err
		}
		x := Sent{Invitation: inv}
		if len(it.SealedToken) > 0 && s.box != nil {
			tok, err := s.box.Open(it.SealedToken, []byte(inv.TokenHash))
			if err != nil {
				return nil, fmt.Errorf("invitation %s…: %w", inv.TokenHash[:8], err)
			}
			x.Token = string(tok)
		}
		out = append(out, x)
	}
	return out, nil
}

// MarkReminded records the one reminder, in one transaction with the
// reminder's e-mail and +1 on the survey's reminded counter: it holds only
// while the invitation is open, not reminded and not expired. The item
// keeps its context and sent day but drops the source reference and the
// sealed token (nothing needs them any more). A failed condition is a
// Conflict surveys.ReasonAlreadyReminded.
func (s *Invitations) MarkReminded(ctx context.Context, inv surveys.Invitation, now time.Time, mail outbox.Item) error {
	next := inv
	next.State, next.Reminded, next.SourceRef = surveys.InvitationOpen, true, ""
	c := usableCondition(inv.Survey, now)
	c.Expr += " AND #reminded = :false"
	c.Names["#reminded"] = "reminded"
	c.Values[":false"] = dynamo.Bool(false)
	put, err := s.db.PutIf(toInvitationItem(next, nil), c, surveys.ReasonAlreadyReminded)
	if err != nil {
		return err
	}
	m, err := s.db.OutboxPut(mail, surveys.ReasonAlreadyReminded)
	if err != nil {
		return err
	}
	return s.db.Transact(ctx, "remind invitation", []dynamo.TxItem{put, m, s.counter(inv.Survey, AttrInvitationsReminded)})
}
