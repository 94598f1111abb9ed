package apptest

import (
	"context"
	"errors"
	"sync"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

// SwitchMailer passes e-mails on, or fails them while Fail is set, and
// counts what it was asked to send.
type SwitchMailer struct {
	Next outbox.Mailer
	mu   sync.Mutex
	fail bool
	sent map[string]int
}

// ErrInjected is the failure SwitchMailer injects.
var ErrInjected = errors.New("injected mail failure")

// SetFail turns failing on or off.
func (m *SwitchMailer) SetFail(fail bool) {
	m.mu.Lock()
	m.fail = fail
	m.mu.Unlock()
}

// Send implements outbox.Mailer.
func (m *SwitchMailer) Send(ctx context.Context, o mail.Outgoing) error {
	m.mu.Lock()
	fail := m.fail
	if !fail {
		if m.sent == nil {
			m.sent = map[string]int{}
		}
		m.sent[o.ID]++
	}
	m.mu.Unlock()
	if fail {
		return ErrInjected
	}
	return m.Next.Send(ctx, o)
}

// Sent returns how often each e-mail was sent successfully.
func (m *SwitchMailer) Sent() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	out := map[string]int{}
	for k, v := range m.sent {
		out[k] = v
	}
	return out
}
