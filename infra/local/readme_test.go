package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// TestReadmeLayoutNamesEveryPackage keeps the README's layout table whole:
// every folder under internal/ and infra/ is named in it.
func TestReadmeLayoutNamesEveryPackage(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(readme), "## Layout at a glance")
	if i < 0 {
		t.Fatal("README.md has no 'Layout at a glance' section")
	}
	layout := string(readme[i:])
	if j := strings.Index(layout[3:], "\n## "); j >= 0 {
		layout = layout[:j+3]
	}
	for _, top := range []string{"internal", "infra"} {
		entries, err := os.ReadDir(filepath.Join(root, top))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			name := top + "/" + e.Name()
			if !strings.Contains(layout, "`"+name) {
				t.Errorf("README.md's layout table does not name %s", name)
			}
			sub, _ := os.ReadDir(filepath.Join(root, top, e.Name()))
			for _, s := range sub {
				if s.IsDir() && top == "internal" && s.Name() != "testdata" {
					if !strings.Contains(layout, name+"/"+s.Name()) && !strings.Contains(layout, name+"/…") && !strings.Contains(layout, name+"/<name>") {
						t.Errorf("README.md's layout table does not name %s/%s", name, s.Name())
					}
				}
			}
		}
	}
}

// TestNodeVersionFitsThePins: the README names the Node.js version the
// project needs, .ci/run checks for the same one, web/package.json's
// "engines" says the same, and every npm package pinned in
// web/package-lock.json supports it (npm warns EBADENGINE otherwise).
func TestNodeVersionFitsThePins(t *testing.T) {
	root, err := repoRoot()
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join(root, name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	m := regexp.MustCompile(`Node\.js (\d+\.\d+) or newer`).FindStringSubmatch(read("README.md"))
	if m == nil {
		t.Fatal(`README.md names no "Node.js <major>.<minor> or newer" among the prerequisites`)
	}
	need := m[1]
	if ci := regexp.MustCompile(`(?m)^need_node=(\S+)$`).FindStringSubmatch(read(".ci/run")); ci == nil || ci[1] != need {
		t.Errorf(".ci/run's need_node = %v, want %s (the README's)", ci, need)
	}
	var pkg struct {
		Engines map[string]string `json:"engines"`
	}
	if err := json.Unmarshal([]byte(read("web/package.json")), &pkg); err != nil {
		t.Fatal(err)
	}
	if got := pkg.Engines["node"]; got != ">="+need {
		t.Errorf(`web/package.json engines.node = %q, want ">=%s" (the README's)`, got, need)
	}
	var lock struct {
		Packages map[string]struct {
			Version string            `json:"version"`
			Engines map[string]string `json:"engines"`
		} `json:"packages"`
	}
	if err := json.Unmarshal([]byte(read("web/package-lock.json")), &lock); err != nil {
		t.Fatal(err)
	}
	v := semver(t, need)
	n := 0
	for name, p := range lock.Packages {
		rng, ok := p.Engines["node"]
		if !ok || name == "" {
			continue
		}
		n++
		if ok, err := satisfies(v, rng); err != nil || !ok {
			t.Errorf("%s %s needs Node %q, which Node %s is not (%v): pin a version that supports it, or raise the README's Node", name, p.Version, rng, need, err)
		}
	}
	if n == 0 {
		t.Error("no package in web/package-lock.json declares engines.node: is it the lock file?")
	}
}

// semver parses "20", "20.19" or "20.19.0".
func semver(t *testing.T, s string) [3]int {
	t.Helper()
	v, err := parseVersion(s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func parseVersion(s string) ([3]int, error) {
	var v [3]int
	parts := strings.Split(strings.TrimPrefix(strings.TrimSpace(s), "v"), ".")
	if len(parts) == 0 || len(parts) > 3 {
		return v, fmt.Errorf("version %q", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil {
			return v, fmt.Errorf("version %q", s)
		}
		v[i] = n
	}
	return v, nil
}

func cmpVersion(a, b [3]int) int {
	for i := range a {
		if a[i] != b[i] {
			return a[i] - b[i]
		}
	}
	return 0
}

// satisfies checks v against an npm range of the forms packages use for
// engines: alternatives joined by "||", each a list of ">=x", ">x", "<x",
// "<=x", "^x", "x" (an optional space after the operator).
func satisfies(v [3]int, rng string) (bool, error) {
	for alt := range strings.SplitSeq(rng, "||") {
		fields := strings.Fields(regexp.MustCompile(`([<>=^~]+)\s+`).ReplaceAllString(alt, "$1"))
		ok := len(fields) > 0
		for _, f := range fields {
			op := f[:len(f)-len(strings.TrimLeft(f, "<>=^~"))]
			ver := f[len(op):]
			for strings.HasSuffix(ver, ".x") || strings.HasSuffix(ver, ".*") {
				ver = ver[:len(ver)-2]
			}
			w, err := parseVersion(ver)
			if err != nil {
				return false, err
			}
			c := cmpVersion(v, w)
			switch op {
			case ">=":
				ok = ok && c >= 0
			case ">":
				ok = ok && c > 0
			case "<":
				ok = ok && c < 0
			case "<=":
				ok = ok && c <= 0
			case "^":
				ok = ok && c >= 0 && v[0] == w[0]
			case "", "=":
				ok = ok && c == 0
			default:
				return false, fmt.Errorf("operator %q in %q", op, rng)
			}
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}
