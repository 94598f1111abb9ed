package filemailer_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/mailer/filemailer"
)

// The outbox sender declares this interface; the adapter must satisfy it.
var _ interface {
	Send(context.Context, mail.Outgoing) error
} = (*filemailer.Mailer)(nil)

func newMailer(t *testing.T) (*filemailer.Mailer, string) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "mail", "out")
	m, err := filemailer.New(dir)
	if err != nil {
		t.Fatalf("New: got error %v, want nil", err)
	}
	return m, dir
}

func TestSend(t *testing.T) {
	t.Run("writes the raw message to <dir>/<ID>.eml readable by the owner only", func(t *testing.T) {
		m, dir := newMailer(t)
		out := mail.Outgoing{ID: "b1-0-confirmation-person", From: "brana@mpsv.cz", To: []string{"jana@example.cz"}, Raw: []byte("Subject: x\r\n\r\nbody\r\n")}
		if err := m.Send(context.Background(), out); err != nil {
			t.Fatalf("Send: got error %v, want nil", err)
		}
		path := filepath.Join(dir, out.ID+".eml")
		got, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		if string(got) != string(out.Raw) {
			t.Errorf("got file %q, want %q", got, out.Raw)
		}
		info, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if mode := info.Mode().Perm(); mode != 0o600 {
			t.Errorf("got mode %o, want 600", mode)
		}
	})
	t.Run("sending the same id again leaves one file with the latest content", func(t *testing.T) {
		m, dir := newMailer(t)
		for _, raw := range []string{"first", "second"} {
			if err := m.Send(context.Background(), mail.Outgoing{ID: "same", Raw: []byte(raw)}); err != nil {
				t.Fatalf("Send %s: got error %v, want nil", raw, err)
			}
		}
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		if len(entries) != 1 || entries[0].Name() != "same.eml" {
			var names []string
			for _, e := range entries {
				names = append(names, e.Name())
			}
			t.Fatalf("got files %v, want [same.eml]", names)
		}
		if got, _ := os.ReadFile(filepath.Join(dir, "same.eml")); string(got) != "second" {
			t.Errorf("got content %q, want %q", got, "second")
		}
	})
	t.Run("a cancelled context writes nothing", func(t *testing.T) {
		m, dir := newMailer(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := m.Send(ctx, mail.Outgoing{ID: "x", Raw: []byte("x")}); err == nil {
			t.Errorf("got nil error, want the context's error")
		}
		if entries, _ := os.ReadDir(dir); len(entries) != 0 {
			t.Errorf("got %d files, want 0", len(entries))
		}
	})
}

func TestSendRejectsIDsOutsideTheDirectory(t *testing.T) {
	for _, id := range []string{"", "../escape", "a/b", ".hidden", "a..b", `a\b`} {
		t.Run("rejects "+id, func(t *testing.T) {
			m, dir := newMailer(t)
			if err := m.Send(context.Background(), mail.Outgoing{ID: id, Raw: []byte("x")}); err == nil {
				t.Errorf("got nil error for id %q, want an error", id)
			}
			if entries, _ := os.ReadDir(dir); len(entries) != 0 {
				t.Errorf("got %d files, want 0", len(entries))
			}
			if _, err := os.Stat(filepath.Join(filepath.Dir(dir), "escape.eml")); err == nil {
				t.Errorf("got a file outside the directory")
			}
		})
	}
}

func TestNewRejectsAnEmptyDirectory(t *testing.T) {
	if _, err := filemailer.New(""); err == nil {
		t.Errorf("got nil error, want an error")
	}
}
