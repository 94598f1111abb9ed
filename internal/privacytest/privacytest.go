// Package privacytest holds what the privacy-notice tests share: the
// JSON a capability generates for web/src/generated/, its check (or
// rewrite with -update), and the notice web/src/public/content/privacy.ts
// that must state its promises from it.
package privacytest

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// NoticePath is the privacy notice, seen from a package under internal/.
var NoticePath = filepath.Join("..", "..", "web", "src", "public", "content", "privacy.ts")

// GeneratedPath is a file under web/src/generated/, seen from a package
// under internal/.
func GeneratedPath(name string) string {
	return filepath.Join("..", "..", "web", "src", "generated", name)
}

// JSON is v as web/src/generated/ holds it: indented, HTML not escaped.
func JSON(t *testing.T, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Generated writes want to path when update is set and reports true (the
// test is then done); otherwise it fails the test when the file is not
// want. rewrite is the command that rewrites the file.
func Generated(t *testing.T, path string, want []byte, update bool, rewrite string) (written bool) {
	t.Helper()
	if update {
		if err := os.WriteFile(path, want, 0o644); err != nil {
			t.Fatal(err)
		}
		return true
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (write it with: %s)", path, err, rewrite)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the Go definitions; rewrite it with: %s\ngot:\n%s\nwant:\n%s",
			path, rewrite, got, want)
	}
	return false
}

// Notice is the text of the privacy notice.
func Notice(t *testing.T) string {
	t.Helper()
	notice, err := os.ReadFile(NoticePath)
	if err != nil {
		t.Fatal(err)
	}
	return string(notice)
}

// Uses fails the test for every string of uses that the notice src holds
// fewer times than its count.
func Uses(t *testing.T, src string, uses map[string]int) {
	t.Helper()
	for use, n := range uses {
		if got := strings.Count(src, use); got < n {
			t.Errorf("%s uses %q %d times, want at least %d", NoticePath, use, got, n)
		}
	}
}
