// Package outbox delivers e-mail reliably. A change that should send e-mail
// (a booking made, moved, cancelled, a reminder due; later a registration,
// a certificate, a survey invitation) writes outbox items in the same
// DynamoDB transaction as the change itself, so either both happen or
// neither. A sender then leases each pending item that is due, renders it
// with its named template, checks the recipient (not suppressed after a
// bounce or complaint; within the daily cap for addresses typed by the
// public), sends it and marks it sent. A failed attempt (the mailer down)
// leaves the item pending with a later next attempt (1, 2, 4 … minutes, at
// most an hour apart), which the lease honours; a permanent error (an
// unknown template, an address or data the template refuses, a message SES
// rejects, a suppressed or over-cap recipient) or MaxAttempts failed
// attempts end it in the terminal state failed, logged for the alarm.
// Every item expires (DynamoDB TTL): pending, sent and failed alike.
//
// An item is generic: template name, language, recipient, the template's
// data as JSON, what it is about (for erasure) and optionally a secret,
// sealed with the outbox key until the item is sent, then removed.
package outbox

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/seal"
)

// Status is an item's delivery state: pending (due at NextAttemptAt,
// possibly leased by a sender), then sent, or failed for good.
type Status string

const (
	StatusPending Status = "pending"
	StatusSent    Status = "sent"
	// StatusFailed is terminal: the item was not sent and never will be
	// (a permanent error, a suppressed or over-cap recipient, or
	// MaxAttempts failed attempts). It leaves the pending index, its sealed
	// secret is dropped, and it expires after FailedRetention.
	StatusFailed Status = "failed"
)

// Retention of outbox items, which hold personal data (the recipient, the
// template's data). DynamoDB's TTL removes an item within a day or two of
// its expiry.
const (
	// SentRetention is how long a sent item is kept.
	SentRetention = 30 * 24 * time.Hour
	// FailedRetention is how long a failed item is kept, for an operator
	// answering the alarm.
	FailedRetention = 30 * 24 * time.Hour
	// PendingRetention is how long after its creation a pending item is
	// kept at most: far beyond its last attempt (MaxAttempts attempts take
	// about four hours), so it only removes items a sender that was down
	// for a week never reached.
	PendingRetention = 7 * 24 * time.Hour
)

// Sending limits.
const (
	// MaxAttempts is how many attempts an item gets before it fails for
	// good. With Backoff's waits (1, 2, 4 … 32 minutes, then hourly) the
	// tenth attempt is about four hours after the first: long enough to
	// ride out an SES or DynamoDB incident, short enough that nothing is
	// retried for ever.
	MaxAttempts = 10
	// DefaultDailyCap is how many e-mails one recipient typed by the public
	// (a capped template, mail.Template.Capped) gets per Prague day.
	DefaultDailyCap = 10
	// DefaultUnknownHold is how long an item whose sender vanished during
	// an attempt (its lease ran out with no outcome recorded: perhaps sent,
	// perhaps not) is held back after its lease before another sender may
	// try it.
	DefaultUnknownHold = 15 * time.Minute
)

// Item is one e-mail waiting to be sent, or sent.
type Item struct {
	ID  string
	Ref string // what it is about, e.g. the booking id
	// Message is the e-mail: template, language, recipient, data. Its
	// Secret is always empty here: see Sealed.
	Message       mail.Message
	Sealed        []byte // the message's secret, sealed until sent, then removed
	Status        Status
	Attempts      int
	NextAttemptAt time.Time
	LeaseUntil    time.Time
	LeaseID       string
	LastError     string // a short code, never a message with personal data
	CreatedAt     time.Time
	SentAt        time.Time
	ExpiresAt     time.Time // when DynamoDB's TTL may remove it
}

// Sealer seals the secret of a message (a booking's manage link) while it
// waits in the outbox: the booking itself stores only the token's hash.
type Sealer struct{ box *seal.Box }

// NewSealer returns a sealer for a 32-byte key.
func NewSealer(key []byte) (*Sealer, error) {
	box, err := seal.New(key)
	if err != nil {
		return nil, fmt.Errorf("outbox sealer: %w", err)
	}
	return &Sealer{box: box}, nil
}

// NewItem makes a pending item for msg, due now, sealing its secret. The
// message's CreatedAt (its Date) is now: the time of the change that queues
// it.
func (s *Sealer) NewItem(msg mail.Message, ref string, now time.Time) Item {
	msg.CreatedAt = now
	it := Item{ID: msg.ID, Ref: ref, Status: StatusPending, NextAttemptAt: now, CreatedAt: now, ExpiresAt: now.Add(PendingRetention)}
	if msg.Secret != "" {
		it.Sealed = s.box.Seal([]byte(msg.Secret), []byte(msg.ID))
		msg.Secret = ""
	}
	it.Message = msg
	return it
}

// Open returns the item's message with its secret restored.
func (s *Sealer) Open(it Item) (mail.Message, error) {
	msg := it.Message
	if len(it.Sealed) > 0 {
		secret, err := s.box.Open(it.Sealed, []byte(it.ID))
		if err != nil {
			return mail.Message{}, fmt.Errorf("open secret of %s: %w", it.ID, err)
		}
		msg.Secret = string(secret)
	}
	return msg, nil
}

// Store is what the sender needs from storage.
type Store interface {
	// PendingOutbox lists ids of pending items due at or before now.
	PendingOutbox(ctx context.Context, now time.Time, limit int) ([]string, error)
	// LeaseOutbox takes a pending item for the caller until `until`: one
	// that is due (nextAttemptAt at or before now) and not leased, or whose
	// lease ended before staleBefore. It returns a Conflict error when the
	// item is not due yet, not pending, leased or gone.
	LeaseOutbox(ctx context.Context, id, leaseID string, now, until, staleBefore time.Time) (Item, error)
	// CompleteOutbox marks a leased item sent and drops its sealed link.
	CompleteOutbox(ctx context.Context, id, leaseID string, sentAt, expiresAt time.Time) error
	// RetryOutbox releases a leased item for a later attempt.
	RetryOutbox(ctx context.Context, id, leaseID string, next time.Time, reason string) error
	// FailOutbox marks a leased item failed for good: out of the pending
	// index, its sealed link dropped, expiring at expiresAt.
	FailOutbox(ctx context.Context, id, leaseID string, at, expiresAt time.Time, reason string) error
	// CountMail adds one to a recipient's daily counter unless it is at
	// limit already; it reports whether it counted.
	CountMail(ctx context.Context, counter string, limit int, expiresAt time.Time) (bool, error)
	// UncountMail gives one back (an attempt the mailer refused).
	UncountMail(ctx context.Context, counter string) error
	// Suppressed reports whether a recipient is suppressed (a permanent
	// bounce or a complaint).
	Suppressed(ctx context.Context, recipient string) (bool, error)
}

// Mailer sends one composed e-mail.
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) error
}

// Permanent is implemented by a mailer's errors that no retry can cure (SES
// rejecting the message or its parameters); the item fails at once.
type Permanent interface {
	Permanent() bool
}

// Sender delivers outbox items.
type Sender struct {
	Store  Store
	Mailer Mailer
	Sealer *Sealer
	// Templates renders the items; an item whose template is not in it
	// fails with reason "template".
	Templates *mail.Registry
	// Recipients hashes recipients' addresses for the daily cap and the
	// suppression list.
	Recipients *Recipients
	From       mail.Address
	Clock      clock.Clock
	Log        *slog.Logger
	Lease      time.Duration // how long one attempt may take; 2 minutes if zero
	// UnknownHold is DefaultUnknownHold if zero.
	UnknownHold time.Duration
	// DailyCap is DefaultDailyCap if zero; negative for no cap.
	DailyCap int
}

// ErrSend marks a failed delivery attempt: the item stays pending, or failed
// for good (then the error also wraps ErrFailed).
var ErrSend = errors.New("send failed")

// ErrFailed marks an attempt after which the item failed for good.
var ErrFailed = errors.New("outbox item failed")

// Reasons an attempt fails, stored as the item's lastError and logged.
const (
	ReasonTemplate   = "template"   // no such template (permanent)
	ReasonOpen       = "open"       // the sealed secret does not open (permanent)
	ReasonCompose    = "compose"    // the template refused the data, or the address is not one (permanent)
	ReasonSuppressed = "suppressed" // the recipient bounced or complained (permanent)
	ReasonCap        = "cap"        // the recipient's daily cap is reached (permanent)
	ReasonRejected   = "rejected"   // the mailer refused the message for good (permanent)
	ReasonSend       = "send"       // the mailer failed (retried)
	ReasonStore      = "store"      // checking the cap or the suppression failed (retried)
	ReasonAttempts   = "attempts"   // MaxAttempts failed attempts (the last reason is logged)
)

// SendOne delivers one item if it is still pending, due and not leased. It
// reports whether it sent the item now; it returns no error when the item
// needs nothing now (already sent or failed, not due yet, leased by another
// sender, gone), and an error wrapping ErrSend when this attempt failed.
//
// Duplicate sends. SES has no idempotency key, so an item is sent at most
// once except in one window: the sender stops (a crash, a timeout) after
// SES accepted the message and before the item is marked sent. Then the
// item stays leased; no sender touches it during the lease and
// UnknownHold after it, and then it is sent again. Marking sent is retried
// on its own, never by sending again; the Message-ID is the item's id, so a
// mail client that sees the copy drops it.
func (s *Sender) SendOne(ctx context.Context, id string) (sent bool, _ error) {
	now := s.Clock.Now()
	lease, hold := s.Lease, s.UnknownHold
	if lease == 0 {
		lease = 2 * time.Minute
	}
	if hold == 0 {
		hold = DefaultUnknownHold
	}
	leaseID := ids.NewToken()
	it, err := s.Store.LeaseOutbox(ctx, id, leaseID, now, now.Add(lease), now.Add(-hold))
	if err != nil {
		if c := apperr.CodeOf(err); c == apperr.Conflict || c == apperr.NotFound {
			return false, nil
		}
		return false, fmt.Errorf("lease outbox item %s: %w", id, err)
	}
	log := s.Log.With("outboxId", id, "template", it.Message.Template, "attempt", it.Attempts)

	out, reason, err := s.compose(it)
	permanent := err != nil
	var counter string
	if err == nil {
		reason, counter, err = s.admit(ctx, it, now)
		permanent = err != nil && reason != ReasonStore
	}
	if err == nil {
		err = s.Mailer.Send(ctx, out)
		reason = ReasonSend
		var p Permanent
		if errors.As(err, &p) && p.Permanent() {
			reason, permanent = ReasonRejected, true
		}
		if err != nil && counter != "" {
			// The mailer refused it: this attempt reached nobody.
			if uerr := s.Store.UncountMail(ctx, counter); uerr != nil {
				log.WarnContext(ctx, "outbox cap not given back", "error", uerr.Error())
			}
		}
	}
	if err != nil {
		return false, s.giveUp(ctx, log, it, leaseID, now, reason, permanent, err)
	}
	sentAt := s.Clock.Now()
	if err := s.complete(ctx, id, leaseID, sentAt); err != nil {
		// The e-mail went out but the item is not marked: it stays leased,
		// so no sender sends it again before its lease and UnknownHold
		// have passed. Log loudly.
		log.ErrorContext(ctx, "outbox item sent but not marked sent", "error", err.Error())
		return true, fmt.Errorf("mark outbox item %s sent: %w", id, err)
	}
	log.InfoContext(ctx, "outbox item sent")
	return true, nil
}

// complete marks an item sent, retrying the write (never the send) a few
// times: a throttled or failed write must not make the item look unsent.
func (s *Sender) complete(ctx context.Context, id, leaseID string, sentAt time.Time) error {
	var err error
	for i, wait := range []time.Duration{0, 50 * time.Millisecond, 200 * time.Millisecond, time.Second} {
		if i > 0 {
			select {
			case <-ctx.Done():
				return errors.Join(err, ctx.Err())
			case <-time.After(wait):
			}
		}
		err = s.Store.CompleteOutbox(ctx, id, leaseID, sentAt, sentAt.Add(SentRetention))
		if err == nil || apperr.CodeOf(err) == apperr.Conflict {
			return err
		}
	}
	return err
}

// giveUp ends a failed attempt: the item waits for its next attempt, or
// fails for good on a permanent error or after MaxAttempts.
func (s *Sender) giveUp(ctx context.Context, log *slog.Logger, it Item, leaseID string, now time.Time, reason string, permanent bool, cause error) error {
	if !permanent && it.Attempts < MaxAttempts {
		next := now.Add(Backoff(it.Attempts))
		if rerr := s.Store.RetryOutbox(ctx, it.ID, leaseID, next, reason); rerr != nil {
			log.ErrorContext(ctx, "outbox release failed", "error", rerr.Error())
		}
		log.WarnContext(ctx, "outbox send failed", "reason", reason, "error", cause.Error(), "nextAttemptAt", next.Format(time.RFC3339))
		return fmt.Errorf("%w: outbox item %s: %s", ErrSend, it.ID, reason)
	}
	final := reason
	if !permanent {
		final = ReasonAttempts
	}
	if ferr := s.Store.FailOutbox(ctx, it.ID, leaseID, now, now.Add(FailedRetention), final); ferr != nil {
		log.ErrorContext(ctx, "outbox fail not recorded", "error", ferr.Error())
	}
	// The alarm counts this line (a CloudWatch Logs metric filter on
	// FailedMessage, infra/cdk). It names the item, its template and the
	// reason, never the recipient.
	log.ErrorContext(ctx, FailedMessage, "reason", final, "lastReason", reason, "error", cause.Error())
	return fmt.Errorf("%w: %w: outbox item %s: %s", ErrSend, ErrFailed, it.ID, final)
}

// FailedMessage is the log message of an item that failed for good; the
// CDK stack's metric filter and alarm match it.
const FailedMessage = "outbox item failed"

// errSkip is the cause of a refusal by admit.
var errSkip = errors.New("not sent")

// admit checks the recipient before sending: not suppressed, and, for a
// capped template, within its daily cap, which it counts. It returns the
// reason of a refusal (ReasonStore when storage failed, retried) and the
// counter it added to.
func (s *Sender) admit(ctx context.Context, it Item, now time.Time) (reason, counter string, _ error) {
	if s.Recipients == nil {
		return "", "", nil
	}
	to := it.Message.To.Email
	suppressed, err := s.Store.Suppressed(ctx, s.Recipients.Suppression(to))
	if err != nil {
		return ReasonStore, "", err
	}
	if suppressed {
		return ReasonSuppressed, "", fmt.Errorf("%w: recipient suppressed", errSkip)
	}
	limit := s.DailyCap
	if limit == 0 {
		limit = DefaultDailyCap
	}
	if limit < 0 || !s.Templates.Capped(it.Message.Template) {
		return "", "", nil
	}
	day := cz.DateOf(now)
	counter = s.Recipients.DailyCounter(to, day)
	// The counter outlives its day by one, whatever the time zone.
	ok, err := s.Store.CountMail(ctx, counter, limit, day.AddDays(2).Start())
	if err != nil {
		return ReasonStore, "", err
	}
	if !ok {
		return ReasonCap, "", fmt.Errorf("%w: recipient's daily cap of %d reached", errSkip, limit)
	}
	return "", counter, nil
}

// compose renders an item; the reason names the step that failed. Every
// failure here is deterministic: retrying cannot cure it.
func (s *Sender) compose(it Item) (mail.Outgoing, string, error) {
	if !s.Templates.Has(it.Message.Template) {
		return mail.Outgoing{}, ReasonTemplate, fmt.Errorf("%w %q", mail.ErrUnknownTemplate, it.Message.Template)
	}
	msg, err := s.Sealer.Open(it)
	if err != nil {
		return mail.Outgoing{}, ReasonOpen, err
	}
	out, err := s.Templates.Compose(msg, s.From)
	if err != nil {
		return mail.Outgoing{}, ReasonCompose, err
	}
	return out, "", nil
}

// Result counts what one sweep did.
type Result struct {
	Sent, Failed, Skipped int
}

// SendPending delivers every due pending item (up to limit per call).
func (s *Sender) SendPending(ctx context.Context, limit int) (Result, error) {
	ids, err := s.Store.PendingOutbox(ctx, s.Clock.Now(), limit)
	if err != nil {
		return Result{}, fmt.Errorf("list pending outbox: %w", err)
	}
	var res Result
	for _, id := range ids {
		sent, err := s.SendOne(ctx, id)
		switch {
		case err != nil && !errors.Is(err, ErrSend):
			// One item's storage trouble must not hold up the others.
			s.Log.ErrorContext(ctx, "outbox item not processed", "outboxId", id, "error", err.Error())
			res.Failed++
		case err != nil:
			res.Failed++
		case sent:
			res.Sent++
		default:
			res.Skipped++
		}
	}
	return res, nil
}

// Backoff is the wait after a failed attempt: 1, 2, 4 … minutes, at most an hour.
func Backoff(attempts int) time.Duration {
	d := time.Minute
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
