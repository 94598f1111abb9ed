// Package outbox delivers e-mail reliably. A change that should send e-mail
// (a booking made, moved, cancelled, a reminder due; later a registration,
// a certificate, a survey invitation) writes outbox items in the same
// DynamoDB transaction as the change itself, so either both happen or
// neither. A sender then leases each pending item, renders it with its
// named template, sends it and marks it sent; a failed attempt (the mailer
// down, or a template this sender does not know) leaves the item pending
// with a later next attempt (1, 2, 4 … minutes, at most an hour apart), so
// nothing is lost, and the lease keeps two senders from sending one item.
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
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/seal"
)

// Status is an item's delivery state.
type Status string

const (
	StatusPending Status = "pending"
	StatusSent    Status = "sent"
)

// SentRetention is how long a sent item (which holds personal data) is kept
// before DynamoDB's TTL removes it.
const SentRetention = 30 * 24 * time.Hour

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
	it := Item{ID: msg.ID, Ref: ref, Status: StatusPending, NextAttemptAt: now, CreatedAt: now}
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
	// LeaseOutbox takes a pending, due, unleased (or lease-expired) item
	// for the caller until `until`; it returns a Conflict error when the
	// item is not due yet, already sent, leased by someone else or gone.
	LeaseOutbox(ctx context.Context, id, leaseID string, now, until time.Time) (Item, error)
	// CompleteOutbox marks a leased item sent and drops its sealed link.
	CompleteOutbox(ctx context.Context, id, leaseID string, sentAt, expiresAt time.Time) error
	// RetryOutbox releases a leased item for a later attempt.
	RetryOutbox(ctx context.Context, id, leaseID string, next time.Time, reason string) error
}

// Mailer sends one composed e-mail.
type Mailer interface {
	Send(ctx context.Context, m mail.Outgoing) error
}

// Sender delivers outbox items.
type Sender struct {
	Store  Store
	Mailer Mailer
	Sealer *Sealer
	// Templates renders the items; an item whose template is not in it
	// is refused with reason "template" and waits, like a failed send.
	Templates *mail.Registry
	From      mail.Address
	Clock     clock.Clock
	Log       *slog.Logger
	Lease     time.Duration // how long one attempt may take; 2 minutes if zero
}

// ErrSend marks a failed delivery attempt: the item stays pending.
var ErrSend = errors.New("send failed")

// SendOne delivers one item if it is still pending and not leased. It
// reports whether it sent the item now; it returns no error when the item
// needs nothing (already sent, leased by another sender, gone), and an error
// wrapping ErrSend when this attempt failed and the item waits for the next.
func (s *Sender) SendOne(ctx context.Context, id string) (sent bool, _ error) {
	now := s.Clock.Now()
	lease := s.Lease
	if lease == 0 {
		lease = 2 * time.Minute
	}
	leaseID := ids.NewToken()
	it, err := s.Store.LeaseOutbox(ctx, id, leaseID, now, now.Add(lease))
	if err != nil {
		if c := apperr.CodeOf(err); c == apperr.Conflict || c == apperr.NotFound {
			return false, nil
		}
		return false, fmt.Errorf("lease outbox item %s: %w", id, err)
	}
	log := s.Log.With("outboxId", id, "template", it.Message.Template, "attempt", it.Attempts)

	out, reason, err := s.compose(it)
	if err == nil {
		err = s.Mailer.Send(ctx, out)
		reason = "send"
	}
	if err != nil {
		next := now.Add(Backoff(it.Attempts))
		if rerr := s.Store.RetryOutbox(ctx, id, leaseID, next, reason); rerr != nil {
			log.ErrorContext(ctx, "outbox release failed", "error", rerr.Error())
		}
		log.WarnContext(ctx, "outbox send failed", "reason", reason, "error", err.Error(), "nextAttemptAt", next.Format(time.RFC3339))
		return false, fmt.Errorf("%w: outbox item %s: %s", ErrSend, id, reason)
	}
	sentAt := s.Clock.Now()
	if err := s.Store.CompleteOutbox(ctx, id, leaseID, sentAt, sentAt.Add(SentRetention)); err != nil {
		// The e-mail went out but the item is not marked: when the lease ends it
		// could be sent once more. Log loudly; this needs the store to fail
		// right after a successful send.
		log.ErrorContext(ctx, "outbox item sent but not marked sent", "error", err.Error())
		return true, fmt.Errorf("mark outbox item %s sent: %w", id, err)
	}
	log.InfoContext(ctx, "outbox item sent")
	return true, nil
}

// compose renders an item; the reason names the step that failed.
func (s *Sender) compose(it Item) (mail.Outgoing, string, error) {
	if !s.Templates.Has(it.Message.Template) {
		return mail.Outgoing{}, "template", fmt.Errorf("%w %q", mail.ErrUnknownTemplate, it.Message.Template)
	}
	msg, err := s.Sealer.Open(it)
	if err != nil {
		return mail.Outgoing{}, "open", err
	}
	out, err := s.Templates.Compose(msg, s.From)
	if err != nil {
		return mail.Outgoing{}, "compose", err
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
			s.Log.ErrorContext(ctx, "outbox item failed", "outboxId", id, "error", err.Error())
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
