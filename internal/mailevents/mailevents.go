// Package mailevents turns SES's bounce and complaint events into
// suppressed recipients: the outbox sender then sends nothing more to an
// address that bounced for good or whose owner complained (marked an e-mail
// as spam), and marks such an item failed. SES publishes the events of the
// mail configuration set to an SNS topic, which invokes the function
// "mail-events".
//
// A suppression entry is keyed by an HMAC of the address
// (outbox.Recipients.Suppression), so the table never holds the address;
// nothing here logs one.
package mailevents

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

// Retention is how long a suppression lasts: a mailbox that did not exist
// may exist a year later, and a person who complained about e-mails they
// did not ask for may book themselves a year on.
const Retention = 365 * 24 * time.Hour

// Reasons of a suppression entry.
const (
	ReasonBounce    = "bounce"    // a permanent bounce
	ReasonComplaint = "complaint" // the recipient marked an e-mail as spam
)

// Store records suppression entries.
type Store interface {
	PutSuppression(ctx context.Context, s dynamo.Suppression) error
}

// Handler records the suppressions of SES events.
type Handler struct {
	Store      Store
	Recipients *outbox.Recipients
	Clock      clock.Clock
	Log        *slog.Logger
}

// Result counts what one invocation did.
type Result struct {
	Suppressed int `json:"suppressed"` // recipients recorded
	Ignored    int `json:"ignored"`    // events that suppress nothing (transient bounces, deliveries …)
}

// notification is the part of an SES event (configuration-set event
// publishing, "eventType") or an identity notification
// ("notificationType") that matters here.
type notification struct {
	EventType        string `json:"eventType"`
	NotificationType string `json:"notificationType"`
	Bounce           *struct {
		BounceType        string      `json:"bounceType"` // Permanent, Transient, Undetermined
		BounceSubType     string      `json:"bounceSubType"`
		BouncedRecipients []recipient `json:"bouncedRecipients"`
	} `json:"bounce"`
	Complaint *struct {
		ComplainedRecipients []recipient `json:"complainedRecipients"`
		FeedbackType         string      `json:"complaintFeedbackType"`
	} `json:"complaint"`
}

type recipient struct {
	EmailAddress string `json:"emailAddress"`
}

// Handle records every permanently bounced and every complaining recipient
// of the SNS records. A record that is not an SES event is logged and
// skipped (SNS would only deliver it again); a failed write is an error,
// so that Lambda retries the invocation (writes are idempotent).
func (h *Handler) Handle(ctx context.Context, ev events.SNSEvent) (Result, error) {
	var res Result
	now := h.Clock.Now()
	for _, r := range ev.Records {
		var n notification
		if err := json.Unmarshal([]byte(r.SNS.Message), &n); err != nil {
			h.Log.WarnContext(ctx, "mail event is not an SES notification", "snsMessageId", r.SNS.MessageID)
			res.Ignored++
			continue
		}
		kind := n.EventType
		if kind == "" {
			kind = n.NotificationType
		}
		var reason, detail string
		var to []recipient
		switch {
		case kind == "Bounce" && n.Bounce != nil && n.Bounce.BounceType == "Permanent":
			reason, detail, to = ReasonBounce, n.Bounce.BounceSubType, n.Bounce.BouncedRecipients
		case kind == "Complaint" && n.Complaint != nil:
			reason, detail, to = ReasonComplaint, n.Complaint.FeedbackType, n.Complaint.ComplainedRecipients
		default:
			// Transient bounces (a full mailbox), deliveries, sends.
			res.Ignored++
			continue
		}
		for _, rc := range to {
			if !mail.ValidAddress(rc.EmailAddress) {
				h.Log.WarnContext(ctx, "mail event names no valid address", "snsMessageId", r.SNS.MessageID)
				continue
			}
			err := h.Store.PutSuppression(ctx, dynamo.Suppression{
				Recipient: h.Recipients.Suppression(rc.EmailAddress), Reason: reason, At: now, ExpiresAt: now.Add(Retention),
			})
			if err != nil {
				return res, fmt.Errorf("suppress a recipient: %w", err)
			}
			res.Suppressed++
		}
		h.Log.InfoContext(ctx, "recipients suppressed", "reason", reason, "detail", detail, "recipients", len(to), "snsMessageId", r.SNS.MessageID)
	}
	return res, nil
}
