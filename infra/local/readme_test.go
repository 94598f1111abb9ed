package main

import (
	"os"
	"path/filepath"
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
