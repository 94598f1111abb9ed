package main

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestFunctionsKeepMethodElimination fails when a reflective method call
// (reflect's Method, or MethodByName with a name not known when compiling)
// becomes reachable from a function or the floor. The linker then keeps
// every exported method of every reachable type: the binaries grow by
// megabytes (22.1 MB instead of about 12 with validator/v10's and
// protobuf's such calls linked in). It links every function with -dumpdep,
// the linker's reachability graph, with the tags of `make build`, and
// looks for a symbol the linker marks <ReflectMethod>.
//
// keepsMethods names the functions allowed to lose method elimination, and
// why; the test fails too when one of them no longer needs it.
var keepsMethods = map[string]string{
	// excelize (the XLSX export of registrations) reaches
	// tiendc/go-deepcopy's MethodByName. staff-events serves a few
	// organisers, off the public path; its size and cold start are in
	// docs/benchmarks.md.
	"github.com/mpsv/brana/functions/staff-events": "excelize → go-deepcopy",
	// The same for the XLSX export of survey responses (issue #10): the
	// evaluation team's function, off the public path.
	"github.com/mpsv/brana/functions/survey-results": "excelize → go-deepcopy",
	// The monthly report's XLSX with its charts, and its HTML by
	// html/template (whose field lookup calls MethodByName), issue #11: a
	// job that runs once a month; nobody waits for its cold start.
	"github.com/mpsv/brana/functions/report-compile": "excelize → go-deepcopy, html/template",
}

func TestFunctionsKeepMethodElimination(t *testing.T) {
	root, err := moduleRoot()
	if err != nil {
		t.Fatal(err)
	}
	names, err := discoverFunctions(filepath.Join(root, "functions"), "")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("go", "build", "-tags", buildTags, "-ldflags=-dumpdep",
		"-o", t.TempDir()+string(filepath.Separator), "./functions/...", floorPkg)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		t.Fatalf("go build -ldflags=-dumpdep: %v\n%.2000s", err, out.String())
	}

	// go build prints each link's output under "# <package>"; a line is an
	// edge "from [flags] -> to [flags]" of the reachability graph.
	linked := map[string]int{}
	var pkg string
	reachedBy := map[string]string{}
	reported := map[string]bool{}
	sc := bufio.NewScanner(&out)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if p, ok := strings.CutPrefix(line, "# "); ok {
			pkg = p
			continue
		}
		from, to, ok := strings.Cut(line, " -> ")
		if !ok {
			continue
		}
		linked[pkg]++
		to = strings.TrimSpace(to)
		if strings.Contains(to, "<ReflectMethod>") {
			reachedBy[pkg+" "+to] = from
		}
		if strings.Contains(from, "<ReflectMethod>") && keepsMethods[pkg] != "" {
			reported[pkg] = true
			continue
		}
		if strings.Contains(from, "<ReflectMethod>") && !reported[pkg+" "+from] {
			reported[pkg+" "+from] = true
			sym := strings.Fields(from)[0]
			t.Errorf("%s: %s calls reflect's Method or MethodByName with a computed name (reached from %s); "+
				"the linker keeps every exported method. Find the caller with "+
				"`go build -tags %s -ldflags=-dumpdep ./%s 2>&1 | grep -B2 -A2 ReflectMethod`",
				pkg, sym, reachedBy[pkg+" "+from], buildTags, strings.TrimPrefix(pkg, "github.com/mpsv/brana/"))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	for pkg, why := range keepsMethods {
		if !reported[pkg] {
			t.Errorf("%s no longer reaches a reflective method call (%s): remove it from keepsMethods", pkg, why)
		}
	}
	// Not vacuous: every function was linked and its graph printed.
	for _, n := range append(names, "../infra/bench/floor") {
		p := "github.com/mpsv/brana/" + filepath.Clean("functions/"+n)
		if linked[p] < 1000 {
			t.Errorf("%s: %d dependency edges in the linker's output, want thousands (did -dumpdep change?)", p, linked[p])
		}
	}
}
