package stack_test

import (
	"bytes"
	"debug/elf"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/registry"
)

// The tests synthesise each stage once (jsii round trips are slow) and
// share the result.
var (
	assetDir string
	// webDir stands in for web/dist: the tests need no npm build; what the
	// stack does with the files does not depend on what they say.
	webDir  string
	cdkJSON map[string]any
	synths  = map[string]*synth{}
)

// synth is one synthesised stage.
type synth struct {
	cfg      stack.Config
	stack    *stack.Stack
	template assertions.Template
	doc      map[string]any // the template as JSON
	took     time.Duration
	// The stage's us-east-1 stacks (stack is the whole stage's, for them).
	waf, edgeAlarms *synth
}

func TestMain(m *testing.M) {
	os.Exit(run(m))
}

func run(m *testing.M) int {
	// jsii runs the CDK (TypeScript) in Node: no Node, no test. A missing
	// Node is a failure, never a skip.
	if _, err := exec.LookPath("node"); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: the CDK tests need Node.js (jsii runs aws-cdk-lib in it): install Node 20+ "+
			"(Debian/Ubuntu: apt-get install nodejs; or https://nodejs.org), then run `make cdk-test` again")
		return 1
	}
	dir, err := os.MkdirTemp("", "brana-cdk-assets-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	assetDir = dir
	if err := buildBootstraps(dir); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: build the Lambda binaries:", err)
		return 1
	}
	webDir = filepath.Join(dir, "web-dist")
	if err := placeholderWeb(webDir); err != nil {
		fmt.Fprintln(os.Stderr, "FAIL: placeholder web build:", err)
		return 1
	}
	cdkJSON, err = stack.ReadCDKJSON(filepath.Join("..", "cdk.json"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "FAIL:", err)
		return 1
	}
	return m.Run()
}

// buildBootstraps compiles every function for linux/arm64 exactly as
// `make build` does (STYLE 13), into dir/<fn>/bootstrap. The tests so
// depend on no earlier `make build`, and they prove the functions build
// for the architecture the stack declares. One `go build` for all of them
// shares the compilation of their common packages.
func buildBootstraps(dir string) error {
	bin := filepath.Join(dir, "bin")
	cmd := exec.Command("go", "build", "-tags", "lambda.norpc,validator_novalidatefn", "-trimpath", "-buildvcs=false", "-ldflags=-s -w",
		"-o", bin+string(filepath.Separator), "./functions/...")
	cmd.Dir = filepath.Join("..", "..", "..")
	cmd.Env = append(os.Environ(), "GOOS=linux", "GOARCH=arm64", "CGO_ENABLED=0")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%v\n%s", err, out.String())
	}
	for _, fn := range registry.Names() {
		if err := os.MkdirAll(filepath.Join(dir, fn), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(bin, fn), filepath.Join(dir, fn, "bootstrap")); err != nil {
			return fmt.Errorf("function %s: %w", fn, err)
		}
	}
	return nil
}

// placeholderWeb writes the shape of a Vite build (index.html and a hashed
// asset) into dir.
func placeholderWeb(dir string) error {
	files := map[string]string{
		"index.html":               `<!doctype html><html lang="cs"><title>Brána</title><script type="module" src="/assets/index-0a1b2c3d.js"></script></html>`,
		"assets/index-0a1b2c3d.js": `document.title = "Brána";`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// stage synthesises a stage once, with cdk.json's context plus overrides,
// and the placeholder web build.
func stage(t *testing.T, name string, overrides map[string]any) *synth {
	t.Helper()
	return stageWeb(t, name, overrides, webDir)
}

// stageWeb is stage with the given web build directory.
func stageWeb(t *testing.T, name string, overrides map[string]any, web string) *synth {
	t.Helper()
	key := name + " web=" + web
	for k, v := range overrides {
		key += fmt.Sprintf(" %s=%v", k, v)
	}
	if s, ok := synths[key]; ok {
		return s
	}
	ctx := map[string]any{}
	for k, v := range cdkJSON {
		ctx[k] = v
	}
	ctx[stack.ContextStage] = name
	for k, v := range overrides {
		ctx[k] = v
	}
	// Not t.TempDir(): later tests synthesise the same stack again
	// (Annotations_FromStack) into this directory.
	outdir, err := os.MkdirTemp(assetDir, "cdk.out-")
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, st, err := stack.NewApp(stack.AppOptions{
		Context:  ctx,
		Outdir:   outdir,
		AssetDir: assetDir,
		WebDir:   web,
		Env:      func(string) string { return "" }, // the developer's BRANA_* must not leak in
	})
	if err != nil {
		t.Fatalf("stage %s: %v", name, err)
	}
	tmpl := assertions.Template_FromStack(st.Stack, nil)
	s := &synth{cfg: st.Config, stack: st, template: tmpl, doc: *tmpl.ToJSON(), took: time.Since(start)}
	for _, edge := range []struct {
		st  awscdk.Stack
		out **synth
	}{{st.WAF, &s.waf}, {st.EdgeAlarms, &s.edgeAlarms}} {
		et := assertions.Template_FromStack(edge.st, nil)
		*edge.out = &synth{cfg: st.Config, stack: st, template: et, doc: *et.ToJSON()}
	}
	t.Logf("synthesised %s in %v", key, s.took.Round(time.Millisecond))
	synths[key] = s
	return s
}

// each runs f for both stages.
func each(t *testing.T, f func(t *testing.T, s *synth)) {
	for _, name := range []string{stack.StageDev, stack.StageProd} {
		t.Run(name, func(t *testing.T) { f(t, stage(t, name, nil)) })
	}
}

// assert runs a jsii assertion (which panics with the CDK's message on a
// mismatch) and reports its failure as a test error.
func assert(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			t.Errorf("%s: %v", what, r)
		}
	}()
	f()
}

// --- template navigation ----------------------------------------------------

type resource struct {
	ID    string // logical ID: only to follow references, never asserted
	Type  string
	Props map[string]any
	Raw   map[string]any
}

// branaFunctions are the Lambda functions of functions/ (their
// description starts "Brána "), not those CDK brings for its custom
// resources (the web deployment, cross-region references, emptying
// buckets in dev).
func (s *synth) branaFunctions() []resource {
	var out []resource
	for _, f := range s.resources("AWS::Lambda::Function") {
		if d, _ := f.Props["Description"].(string); strings.HasPrefix(d, "Brána ") {
			out = append(out, f)
		}
	}
	return out
}

// str renders a template value as a string: literals as they are,
// references as ${<resource type>.<attribute>} (or ${<type>} for a Ref),
// so a test can compare "https://${AWS::CloudFront::Distribution.DomainName}"
// without naming a logical ID.
func (s *synth) str(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case map[string]any:
		if j, ok := v["Fn::Join"].([]any); ok {
			var parts []string
			for _, p := range j[1].([]any) {
				parts = append(parts, s.str(p))
			}
			return strings.Join(parts, j[0].(string))
		}
		if sub, ok := v["Fn::Sub"].(string); ok {
			return sub
		}
		if ga, ok := v["Fn::GetAtt"].([]any); ok {
			return "${" + s.resource(ga[0].(string)).Type + "." + ga[1].(string) + "}"
		}
		if r, ok := v["Ref"].(string); ok {
			if strings.HasPrefix(r, "AWS::") {
				return "${" + r + "}"
			}
			return "${" + s.resource(r).Type + "}"
		}
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// frontDoorOrigin is the origin the stage's front door has, as str
// renders it.
func (s *synth) frontDoorOrigin() string {
	if o := s.cfg.FrontDoorOrigin(); o != "" {
		return o
	}
	return "https://${AWS::CloudFront::Distribution.DomainName}"
}

func (s *synth) resources(typ string) []resource {
	var out []resource
	for id, r := range s.doc["Resources"].(map[string]any) {
		r := r.(map[string]any)
		if r["Type"] == typ {
			props, _ := r["Properties"].(map[string]any)
			out = append(out, resource{ID: id, Type: typ, Props: props, Raw: r})
		}
	}
	return out
}

func (s *synth) resource(id string) resource {
	r := s.doc["Resources"].(map[string]any)[id].(map[string]any)
	props, _ := r["Properties"].(map[string]any)
	return resource{ID: id, Type: r["Type"].(string), Props: props, Raw: r}
}

// refTo returns the logical ID a {"Ref": id} or {"Fn::GetAtt": [id, …]}
// points at.
func refTo(v any) string {
	m, ok := v.(map[string]any)
	if !ok {
		return ""
	}
	if r, ok := m["Ref"].(string); ok {
		return r
	}
	if ga, ok := m["Fn::GetAtt"].([]any); ok && len(ga) > 0 {
		return ga[0].(string)
	}
	return ""
}

// function finds the Lambda function of a Brána function by the name its
// description starts with.
func (s *synth) function(t *testing.T, name string) resource {
	t.Helper()
	for _, f := range s.resources("AWS::Lambda::Function") {
		if d, _ := f.Props["Description"].(string); strings.HasPrefix(d, "Brána "+name+".") {
			return f
		}
	}
	t.Fatalf("no function %s", name)
	return resource{}
}

func strs(v any) []string {
	var out []string
	switch v := v.(type) {
	case string:
		out = append(out, v)
	case []any:
		for _, x := range v {
			if s, ok := x.(string); ok {
				out = append(out, s)
			}
		}
	}
	return out
}

func list(v any) []any {
	if l, ok := v.([]any); ok {
		return l
	}
	if v == nil {
		return nil
	}
	return []any{v}
}

// TestBootstrapsAreLinuxArm64 checks what the tests (and make build)
// compile is what the stack declares: ELF for arm64.
func TestBootstrapsAreLinuxArm64(t *testing.T) {
	for _, fn := range registry.Names() {
		t.Run(fn, func(t *testing.T) {
			f, err := elf.Open(filepath.Join(assetDir, fn, "bootstrap"))
			if err != nil {
				t.Fatalf("open bootstrap: %v", err)
			}
			defer f.Close()
			if f.Machine != elf.EM_AARCH64 {
				t.Errorf("machine: got %v, want %v", f.Machine, elf.EM_AARCH64)
			}
		})
	}
}
