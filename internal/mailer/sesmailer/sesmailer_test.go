package sesmailer_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sesv2"
	"github.com/aws/aws-sdk-go-v2/service/sesv2/types"
	"github.com/aws/smithy-go"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mailer/sesmailer"
)

// The outbox sender declares this interface; the adapter must satisfy it.
var _ interface {
	Send(context.Context, mail.Outgoing) error
} = (*sesmailer.Mailer)(nil)

// fakeSES records the request; it stands in for the SDK client only to check
// the shape of the call.
type fakeSES struct {
	in  *sesv2.SendEmailInput
	err error
}

func (f *fakeSES) SendEmail(_ context.Context, in *sesv2.SendEmailInput, _ ...func(*sesv2.Options)) (*sesv2.SendEmailOutput, error) {
	f.in = in
	if f.err != nil {
		return nil, f.err
	}
	return &sesv2.SendEmailOutput{MessageId: aws.String("ses-1")}, nil
}

func outgoing() mail.Outgoing {
	return mail.Outgoing{
		ID:   "b1-0-confirmation-person",
		From: "brana@mpsv.cz",
		To:   []string{"jana.novakova@example.cz"},
		Raw:  []byte("Subject: x\r\n\r\nbody\r\n"),
	}
}

func TestSendCallShape(t *testing.T) {
	tests := []struct {
		name    string
		set     string
		wantSet *string
	}{
		{name: "sends the raw message with a configuration set", set: "brana-mail", wantSet: aws.String("brana-mail")},
		{name: "sends the raw message without a configuration set", set: "", wantSet: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeSES{}
			out := outgoing()
			if err := sesmailer.New(fake, tt.set).Send(context.Background(), out); err != nil {
				t.Fatalf("Send: got error %v, want nil", err)
			}
			in := fake.in
			if got := aws.ToString(in.FromEmailAddress); got != out.From {
				t.Errorf("got FromEmailAddress %q, want %q", got, out.From)
			}
			if in.Destination == nil || len(in.Destination.ToAddresses) != 1 || in.Destination.ToAddresses[0] != out.To[0] {
				t.Errorf("got Destination %+v, want ToAddresses %v", in.Destination, out.To)
			}
			if in.Content == nil || in.Content.Raw == nil || string(in.Content.Raw.Data) != string(out.Raw) {
				t.Fatalf("got Content %+v, want Raw %q", in.Content, out.Raw)
			}
			if in.Content.Simple != nil || in.Content.Template != nil {
				t.Errorf("got Simple or Template content, want Raw only")
			}
			if got, want := aws.ToString(in.ConfigurationSetName), aws.ToString(tt.wantSet); got != want || (in.ConfigurationSetName == nil) != (tt.wantSet == nil) {
				t.Errorf("got ConfigurationSetName %v, want %v", in.ConfigurationSetName, tt.wantSet)
			}
		})
	}
}

func TestSendErrors(t *testing.T) {
	rejected := &smithy.OperationError{
		ServiceID:     "SESv2",
		OperationName: "SendEmail",
		Err: &types.MessageRejected{Message: aws.String(
			"Email address is not verified. The following identities failed the check in region EU-CENTRAL-1: jana.novakova@example.cz, brana@mpsv.cz")},
	}
	fake := &fakeSES{err: rejected}
	err := sesmailer.New(fake, "").Send(context.Background(), outgoing())

	t.Run("a failure names no e-mail address", func(t *testing.T) {
		if err == nil {
			t.Fatal("got nil error, want one")
		}
		for _, addr := range []string{"jana.novakova@example.cz", "brana@mpsv.cz", "@"} {
			if strings.Contains(err.Error(), addr) {
				t.Errorf("got error %q containing %q, want it redacted", err, addr)
			}
		}
	})
	t.Run("a failure names the outbox item and what went wrong", func(t *testing.T) {
		for _, want := range []string{"b1-0-confirmation-person", "SendEmail", "MessageRejected", "not verified"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("got error %q, want it to contain %q", err, want)
			}
		}
	})
	t.Run("a failure unwraps to the SES error type", func(t *testing.T) {
		var mr *types.MessageRejected
		if !errors.As(err, &mr) {
			t.Errorf("got %T, want it to unwrap to *types.MessageRejected", err)
		}
	})
}

func TestSendRefusesIncompleteMessages(t *testing.T) {
	tests := []struct {
		name   string
		modify func(*mail.Outgoing)
	}{
		{"refuses a message without a sender", func(o *mail.Outgoing) { o.From = "" }},
		{"refuses a message without recipients", func(o *mail.Outgoing) { o.To = nil }},
		{"refuses an empty message", func(o *mail.Outgoing) { o.Raw = nil }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fake := &fakeSES{}
			out := outgoing()
			tt.modify(&out)
			if err := sesmailer.New(fake, "").Send(context.Background(), out); err == nil {
				t.Errorf("got nil error, want one")
			}
			if fake.in != nil {
				t.Errorf("got a call to SES, want none")
			}
		})
	}
}

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"replaces a bare address", "failed: a.b@example.cz", "failed: [address]"},
		{"replaces an address in angle brackets", "to <a@b.cz>, c@d.cz", "to <[address]>, [address]"},
		{"leaves text without addresses alone", "StatusCode: 400, RequestID: 1-2", "StatusCode: 400, RequestID: 1-2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := sesmailer.Redact(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPermanentErrors(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{&types.MessageRejected{Message: aws.String("Email address is not verified: a@example.cz")}, true},
		{&types.BadRequestException{Message: aws.String("Missing final '@domain'")}, true},
		{&types.TooManyRequestsException{}, false},
		{&types.SendingPausedException{}, false},
		{errors.New("connection reset"), false},
	} {
		err := sesmailer.New(&fakeSES{err: tt.err}, "").Send(context.Background(), outgoing())
		var p interface{ Permanent() bool }
		if !errors.As(err, &p) || p.Permanent() != tt.want {
			t.Errorf("%T: got permanent %v, want %v", tt.err, p != nil && p.Permanent(), tt.want)
		}
	}
}
