// Package blobs is where report files live (reports.Blobs): a directory
// locally (Dir, REPORTS_DIR: .data/reports under `make run`) and an S3
// bucket in the cloud (S3, REPORTS_BUCKET: versioned and encrypted by the
// bucket's default encryption, which the CDK stack sets). Keys are
// reports.BlobKey's ("reports/2026-11/v1/report.json"), the same relative
// paths in both.
package blobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/mpsv/brana/internal/reports"
)

// FromEnv returns the store the environment names: the directory
// REPORTS_DIR when it is set (the local stack), else the bucket
// REPORTS_BUCKET with a client made from cfg.
func FromEnv(cfg aws.Config) (reports.Blobs, error) {
	if dir := os.Getenv(reports.EnvDir); dir != "" {
		return NewDir(dir)
	}
	bucket := os.Getenv(reports.EnvBucket)
	if bucket == "" {
		return nil, fmt.Errorf("blobs: neither %s nor %s is set", reports.EnvDir, reports.EnvBucket)
	}
	return NewS3(s3.NewFromConfig(cfg), bucket), nil
}

// validKey reports whether key is a clean relative slash path below the
// store's root: no "..", no empty or dot segments, no backslash.
func validKey(key string) bool {
	return key != "" && !strings.HasPrefix(key, "/") && !strings.Contains(key, `\`) &&
		path.Clean(key) == key && !strings.HasPrefix(key, "../") && key != ".." && key != "." &&
		filepath.IsLocal(filepath.FromSlash(key))
}

// filenamePattern is what a download may be named: letters, digits, dots,
// dashes and underscores ("brana-report-2026-11-v1.xlsx"), so that it
// needs no quoting in Content-Disposition.
var filenamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$`)

// ContentDisposition is the header that makes a browser download a file
// under filename.
func ContentDisposition(filename string) string {
	return `attachment; filename="` + filename + `"`
}

// ---- The directory ------------------------------------------------------------

// Dir keeps the files in a directory, at their keys' relative paths.
type Dir struct{ root string }

// NewDir returns the store on root, creating it if needed.
func NewDir(root string) (*Dir, error) {
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("blobs: %w", err)
	}
	return &Dir{root: root}, nil
}

// Root is the directory.
func (d *Dir) Root() string { return d.root }

// Path is a key's file.
func (d *Dir) Path(key string) string { return filepath.Join(d.root, filepath.FromSlash(key)) }

// Put writes a file atomically: a temporary file in the same directory,
// renamed over the key's path, so that a reader never sees half a file.
func (d *Dir) Put(_ context.Context, key, _ string, body []byte) (err error) {
	if !validKey(key) {
		return fmt.Errorf("blobs: invalid key %q", key)
	}
	p := d.Path(key)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return fmt.Errorf("blobs: %w", err)
	}
	f, err := os.CreateTemp(filepath.Dir(p), "."+filepath.Base(p)+".*.tmp")
	if err != nil {
		return fmt.Errorf("blobs: %w", err)
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if _, err := f.Write(body); err != nil {
		return fmt.Errorf("blobs: write %s: %w", key, err)
	}
	if err := f.Sync(); err != nil {
		return fmt.Errorf("blobs: sync %s: %w", key, err)
	}
	if err := f.Chmod(0o644); err != nil {
		return fmt.Errorf("blobs: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("blobs: close %s: %w", key, err)
	}
	if err := os.Rename(f.Name(), p); err != nil {
		return fmt.Errorf("blobs: rename %s: %w", key, err)
	}
	return nil
}

// Get reads a file; reports.ErrNoBlob when there is none.
func (d *Dir) Get(_ context.Context, key string) ([]byte, error) {
	if !validKey(key) {
		return nil, reports.ErrNoBlob
	}
	b, err := os.ReadFile(d.Path(key))
	if errors.Is(err, os.ErrNotExist) {
		return nil, reports.ErrNoBlob
	}
	if err != nil {
		return nil, fmt.Errorf("blobs: read %s: %w", key, err)
	}
	return b, nil
}

// Link is "": the local route streams the file instead.
func (d *Dir) Link(context.Context, string, string, time.Duration) (string, error) { return "", nil }

var _ reports.Blobs = (*Dir)(nil)
