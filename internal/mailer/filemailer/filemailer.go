// Package filemailer is the local mail transport: it writes each e-mail to a
// file, <dir>/<ID>.eml, which any mail client can open.
package filemailer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	"github.com/mpsv/brana/internal/mail"
)

// Mailer writes e-mails into one directory.
type Mailer struct {
	dir string
}

// New returns a Mailer writing into dir, which it creates if needed.
func New(dir string) (*Mailer, error) {
	if dir == "" {
		return nil, fmt.Errorf("filemailer: empty directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("filemailer: create %s: %w", dir, err)
	}
	return &Mailer{dir: dir}, nil
}

// idPattern keeps the file inside the directory.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$`)

// Send writes m.Raw to <dir>/<m.ID>.eml with mode 0600. The file appears
// whole or not at all (a temporary file is renamed over it), and sending the
// same ID again replaces it, so a retried send leaves one file.
func (m *Mailer) Send(ctx context.Context, out mail.Outgoing) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("filemailer: send %s: %w", out.ID, err)
	}
	if len(out.ID) > 200 || !idPattern.MatchString(out.ID) {
		return fmt.Errorf("filemailer: invalid id %q", out.ID)
	}
	path := filepath.Join(m.dir, out.ID+".eml")
	tmp, err := os.CreateTemp(m.dir, "."+out.ID+".*.tmp") // CreateTemp uses mode 0600
	if err != nil {
		return fmt.Errorf("filemailer: send %s: %w", out.ID, err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if _, err := tmp.Write(out.Raw); err != nil {
		tmp.Close()
		return fmt.Errorf("filemailer: write %s: %w", out.ID, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("filemailer: sync %s: %w", out.ID, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("filemailer: close %s: %w", out.ID, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("filemailer: rename %s: %w", out.ID, err)
	}
	return nil
}
