// Package sesmailer sends e-mails through Amazon SES (API v2) as raw MIME
// messages, so that the calendar parts made by package mail arrive as built.
package sesmailer

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"

	"github.com/mpsv/brana/internal/mail"
)

// API is the part of the SES v2 client that Mailer uses; *sesv2.Client
// satisfies it.
type API interface {
	SendEmail(ctx context.Context, in *sesv2.SendEmailInput, optFns ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error)
}

var _ API = (*sesv2.Client)(nil)

// Mailer sends e-mails with SES.
type Mailer struct {
	client           API
	configurationSet string
}

// New returns a Mailer sending through client. A non-empty configurationSet
// is named on every message (for delivery, bounce and complaint events).
func New(client API, configurationSet string) *Mailer {
	return &Mailer{client: client, configurationSet: configurationSet}
}

// Send sends out.Raw from out.From to out.To. A failure is returned as an
// *Error, which wraps the SDK's error for errors.As and names no e-mail
// address.
func (m *Mailer) Send(ctx context.Context, out mail.Outgoing) error {
	switch {
	case out.From == "":
		return fmt.Errorf("ses send %s: no sender", out.ID)
	case len(out.To) == 0:
		return fmt.Errorf("ses send %s: no recipients", out.ID)
	case len(out.Raw) == 0:
		return fmt.Errorf("ses send %s: empty message", out.ID)
	}
	in := &sesv2.SendEmailInput{
		FromEmailAddress: aws.String(out.From),
		Destination:      &types.Destination{ToAddresses: out.To},
		Content:          &types.EmailContent{Raw: &types.RawMessage{Data: out.Raw}},
	}
	if m.configurationSet != "" {
		in.ConfigurationSetName = aws.String(m.configurationSet)
	}
	if _, err := m.client.SendEmail(ctx, in); err != nil {
		return &Error{ID: out.ID, Err: err}
	}
	return nil
}

// Error is a failed send. Its message has every e-mail address replaced,
// because errors are logged and SES puts addresses into some of its messages
// (for example MessageRejected: "… identities failed the check …: a@b.cz").
type Error struct {
	ID  string // the outbox item's id
	Err error  // the SDK's error, unchanged
}

func (e *Error) Error() string {
	return "ses send " + e.ID + ": " + Redact(e.Err.Error())
}

// Permanent reports whether no retry can cure the failure: SES rejected the
// message (MessageRejected: for example a virus, or an address SES will
// not send to) or its parameters (BadRequest). The outbox then fails the
// item at once. Throttling, a paused account or a network error are not
// permanent.
func (e *Error) Permanent() bool {
	var rejected *types.MessageRejected
	var bad *types.BadRequestException
	return errors.As(e.Err, &rejected) || errors.As(e.Err, &bad)
}

// Unwrap returns the SDK's error, so callers can use errors.As with the SES
// error types (types.MessageRejected, types.TooManyRequestsException, …).
func (e *Error) Unwrap() error { return e.Err }

var emailPattern = regexp.MustCompile(`[^\s<>()\[\],;:"'@]+@[^\s<>()\[\],;:"'@]+`)

// Redact replaces everything that looks like an e-mail address in s.
func Redact(s string) string {
	return emailPattern.ReplaceAllString(s, "[address]")
}
