// Command bench measures every Lambda function against a floor: a
// hello-world aws-lambda-go handler with an aws-sdk-go-v2 DynamoDB client
// (infra/bench/floor), built with the same flags as `make build`.
//
// For each functions/<name> and the floor it records
//   - the linux/arm64 bootstrap and zip sizes (the deployed target), and
//   - INIT: the time from process start to the runtime's first
//     GET /2018-06-01/runtime/invocation/next, against a minimal Runtime API
//     endpoint served here on 127.0.0.1, using native builds of the same
//     code. Cold starts are interleaved (floor, fn1, fn2, …, floor, fn1, …)
//     for -rounds rounds; the table gives the median and the median of the
//     per-round ratios to the floor.
//
// It prints a markdown table (and writes it to -o). Run it from the module
// root with `make bench-functions`. A function that exits before asking
// for its first invocation fails the benchmark with its output; give it
// what it needs with -env NAME=VALUE.
package main

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/base64"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"
)

// buildTags and buildFlags are those of `make build` (keep them in step):
// lambda.norpc leaves net/rpc out of aws-lambda-go, and
// validator_novalidatefn leaves out validator/v10's reflective
// MethodByName, which would switch off the linker's method elimination.
const buildTags = "lambda.norpc,validator_novalidatefn"

func buildFlags(tags string) []string {
	return []string{"-tags", tags, "-trimpath", "-buildvcs=false", "-ldflags=-s -w"}
}

// floorName is the floor's row in the table.
const floorName = "floor"

// floorPkg is the floor's package, relative to the module root.
const floorPkg = "./infra/bench/floor"

// deployedOS and deployedArch are the Lambda target the sizes are for.
const (
	deployedOS   = "linux"
	deployedArch = "arm64"
)

type envFlags []string

func (e *envFlags) String() string { return strings.Join(*e, " ") }
func (e *envFlags) Set(v string) error {
	if !strings.Contains(v, "=") {
		return fmt.Errorf("want NAME=VALUE, got %q", v)
	}
	*e = append(*e, v)
	return nil
}

func main() {
	var (
		rounds    = flag.Int("rounds", 25, "interleaved cold starts per binary (at least 15)")
		out       = flag.String("o", "", "also write the markdown to this file")
		only      = flag.String("functions", "", "comma-separated function names (default: every functions/<name>)")
		inittrace = flag.Int("inittrace", 3, "extra runs per binary with GODEBUG=inittrace=1 for the package start-up table (0: none)")
		timeout   = flag.Duration("timeout", 30*time.Second, "how long one cold start may take to reach /next")
		keep      = flag.String("keep", "", "build into this directory and keep it (default: a temporary one)")
		tags      = flag.String("tags", buildTags, "build tags (to measure another state than make build's)")
		extraEnv  envFlags
	)
	flag.Var(&extraEnv, "env", "NAME=VALUE added to every function's environment (repeatable)")
	flag.Parse()
	if *rounds < 15 {
		fatalf("-rounds must be at least 15, got %d", *rounds)
	}
	if err := run(options{
		rounds: *rounds, out: *out, only: *only, inittrace: *inittrace,
		timeout: *timeout, keep: *keep, env: extraEnv, tags: *tags,
	}); err != nil {
		fatalf("%v", err)
	}
}

func fatalf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
	os.Exit(1)
}

type options struct {
	rounds, inittrace int
	out, only, keep   string
	tags              string
	timeout           time.Duration
	env               []string
}

// subject is one binary under measurement.
type subject struct {
	name    string // function name, or floorName
	pkg     string // ./functions/<name> or floorPkg
	size    int64  // arm64 bootstrap bytes
	zipSize int64  // arm64 zip bytes
	native  string // path of the native build
	inits   []float64
	trace   []pkgInit // median start-up per package, from inittrace
}

func run(o options) error {
	began := time.Now()
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	if err := os.Chdir(root); err != nil {
		return err
	}
	names, err := discoverFunctions("functions", o.only)
	if err != nil {
		return err
	}
	subjects := []*subject{{name: floorName, pkg: floorPkg}}
	for _, n := range names {
		subjects = append(subjects, &subject{name: n, pkg: "./functions/" + n})
	}

	dir := o.keep
	if dir == "" {
		if dir, err = os.MkdirTemp("", "brana-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(dir)
	}
	dir, err = filepath.Abs(dir)
	if err != nil {
		return err
	}

	// Sizes: the deployed target.
	armDir := filepath.Join(dir, deployedOS+"-"+deployedArch)
	logf("building %d binaries for %s/%s", len(subjects), deployedOS, deployedArch)
	if err := build(subjects, o.tags, deployedOS, deployedArch, armDir); err != nil {
		return err
	}
	for _, s := range subjects {
		bin := filepath.Join(armDir, s.name, "bootstrap")
		fi, err := os.Stat(bin)
		if err != nil {
			return err
		}
		s.size = fi.Size()
		zipPath := filepath.Join(armDir, s.name+".zip")
		if err := writeZip(zipPath, bin); err != nil {
			return err
		}
		if fi, err = os.Stat(zipPath); err != nil {
			return err
		}
		s.zipSize = fi.Size()
	}

	// INIT: native builds of the same code.
	nativeDir := filepath.Join(dir, runtime.GOOS+"-"+runtime.GOARCH)
	logf("building %d binaries for %s/%s", len(subjects), runtime.GOOS, runtime.GOARCH)
	if err := build(subjects, o.tags, runtime.GOOS, runtime.GOARCH, nativeDir); err != nil {
		return err
	}
	for _, s := range subjects {
		s.native = filepath.Join(nativeDir, s.name, "bootstrap")
	}

	api, err := newRuntimeAPI()
	if err != nil {
		return err
	}
	defer api.Close()
	env, err := functionEnv(dir, api.Addr(), o.env)
	if err != nil {
		return err
	}
	logf("%d interleaved cold starts of %d binaries", o.rounds, len(subjects))
	for r := 0; r < o.rounds; r++ {
		for _, s := range subjects {
			d, _, err := coldStart(api, s.native, withName(env, s.name), o.timeout)
			if err != nil {
				return fmt.Errorf("%s: %w", s.name, err)
			}
			s.inits = append(s.inits, float64(d)/float64(time.Millisecond))
		}
	}
	if o.inittrace > 0 {
		logf("%d runs per binary with GODEBUG=inittrace=1", o.inittrace)
		for _, s := range subjects {
			var runs [][]pkgInit
			for i := 0; i < o.inittrace; i++ {
				_, output, err := coldStart(api, s.native, append(withName(env, s.name), "GODEBUG=inittrace=1"), o.timeout)
				if err != nil {
					return fmt.Errorf("%s: %w", s.name, err)
				}
				runs = append(runs, parseInittrace(output))
			}
			s.trace = medianInits(runs)
		}
	}

	md, err := report(subjects, o, time.Since(began))
	if err != nil {
		return err
	}
	fmt.Print(md)
	if o.out != "" {
		return os.WriteFile(o.out, []byte(md), 0o644)
	}
	return nil
}

func logf(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "bench: "+format+"\n", args...)
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	gomod := strings.TrimSpace(string(out))
	if gomod == "" || gomod == os.DevNull {
		return "", errors.New("not inside the Brána module: run from the repository")
	}
	return filepath.Dir(gomod), nil
}

// discoverFunctions lists functions/<name> folders holding Go files,
// sorted; only, if set, picks some of them by name.
func discoverFunctions(dir, only string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		gos, _ := filepath.Glob(filepath.Join(dir, e.Name(), "*.go"))
		if len(gos) == 0 {
			continue
		}
		if e.Name() == floorName {
			return nil, fmt.Errorf("a function named %q would clash with the floor's row", floorName)
		}
		names = append(names, e.Name())
	}
	if only != "" {
		have := map[string]bool{}
		for _, n := range names {
			have[n] = true
		}
		names = nil
		for _, n := range strings.Split(only, ",") {
			if !have[n] {
				return nil, fmt.Errorf("no function %q in %s/", n, dir)
			}
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("no functions in %s/", dir)
	}
	sort.Strings(names)
	return names, nil
}

// build compiles each subject into dir/<name>/bootstrap with the flags of
// `make build`.
func build(subjects []*subject, tags, goos, goarch, dir string) error {
	for _, s := range subjects {
		args := append([]string{"build"}, buildFlags(tags)...)
		args = append(args, "-o", filepath.Join(dir, s.name, "bootstrap"), s.pkg)
		cmd := exec.Command("go", args...)
		cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED=0")
		cmd.Stdout = os.Stderr
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("go build %s for %s/%s: %w", s.pkg, goos, goarch, err)
		}
	}
	return nil
}

// writeZip zips bin as "bootstrap" with Deflate, a fixed time and mode
// 0755, as the Lambda asset is zipped (infra/local's zip does the same).
func writeZip(out, bin string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	h := &zip.FileHeader{Name: "bootstrap", Method: zip.Deflate,
		Modified: time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC)}
	h.SetMode(0o755)
	w, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	src, err := os.Open(bin)
	if err != nil {
		return err
	}
	defer src.Close()
	if _, err := io.Copy(w, src); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

// functionEnv is the environment every cold start gets: what Lambda sets,
// and what Brána's functions need to start without the network (read
// internal/app/config.go): a table name, the outbox key itself instead of
// a secret's ARN, DynamoDB at a loopback port where nothing listens, file
// mail, dummy credentials, and no shared AWS config files.
func functionEnv(dir, runtimeAPI string, extra []string) ([]string, error) {
	mailDir := filepath.Join(dir, "mail")
	if err := os.MkdirAll(mailDir, 0o755); err != nil {
		return nil, err
	}
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o755); err != nil {
		return nil, err
	}
	port, err := unusedPort()
	if err != nil {
		return nil, err
	}
	env := []string{
		"PATH=/usr/bin:/bin",
		"HOME=" + home,
		"AWS_LAMBDA_RUNTIME_API=" + runtimeAPI,
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=256",
		"AWS_REGION=eu-central-1",
		"AWS_DEFAULT_REGION=eu-central-1",
		"AWS_ACCESS_KEY_ID=AKIDBENCH",
		"AWS_SECRET_ACCESS_KEY=bench",
		"AWS_SESSION_TOKEN=bench",
		"AWS_CONFIG_FILE=" + filepath.Join(home, "no-aws-config"),
		"AWS_SHARED_CREDENTIALS_FILE=" + filepath.Join(home, "no-aws-credentials"),
		"AWS_EC2_METADATA_DISABLED=true",
		"TABLE_NAME=brana-bench",
		"OUTBOX_KEY=" + base64.StdEncoding.EncodeToString(bytes.Repeat([]byte{7}, 32)),
		"DYNAMODB_ENDPOINT=http://127.0.0.1:" + strconv.Itoa(port),
		"MAILER=file",
		"MAIL_DIR=" + mailDir,
		"PUBLIC_BASE_URL=http://localhost:8080",
		"LOG_LEVEL=WARN",
		// As in the cloud: the API functions read the origin secret through
		// the Lambda extension on their first request, not at INIT.
		"ORIGIN_SECRET_ARN=arn:aws:secretsmanager:eu-central-1:000000000000:secret:brana-bench-origin",
	}
	return append(env, extra...), nil
}

func withName(env []string, name string) []string {
	return append(append([]string(nil), env...), "AWS_LAMBDA_FUNCTION_NAME=brana-bench-"+name)
}

// unusedPort finds a loopback port where nothing listens (it listens and
// lets go again), so a stray DynamoDB call is refused at once.
func unusedPort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// coldStart starts bin with env and returns the time from process start
// to its first /next, and what it wrote to stdout and stderr until then.
// It kills the process once it has asked.
func coldStart(api *runtimeAPI, bin string, env []string, timeout time.Duration) (time.Duration, string, error) {
	var output bytes.Buffer
	cmd := exec.Command(bin)
	cmd.Env = env
	cmd.Stdout = &output
	cmd.Stderr = &output
	arrived := api.arm()
	defer api.disarm()
	exited := make(chan error, 1)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return 0, "", err
	}
	go func() { exited <- cmd.Wait() }()
	stop := func() {
		_ = cmd.Process.Kill()
		<-exited
	}
	select {
	case e := <-arrived:
		stop()
		if e.err != nil {
			return 0, output.String(), fmt.Errorf("%w\noutput:\n%s", e.err, output.String())
		}
		return e.at.Sub(start), output.String(), nil
	case err := <-exited:
		return 0, output.String(), fmt.Errorf("exited before asking for an invocation (%v)\noutput:\n%s", err, output.String())
	case <-time.After(timeout):
		stop()
		return 0, output.String(), fmt.Errorf("no /next within %s\noutput:\n%s", timeout, output.String())
	}
}

// pkgInit is one package's start-up as GODEBUG=inittrace=1 reports it.
type pkgInit struct {
	pkg    string
	ms     float64 // clock
	bytes  float64 // heap allocated
	allocs float64
}

var inittraceLine = regexp.MustCompile(`^init (\S+) @[0-9.]+ ms, ([0-9.]+) ms clock, ([0-9]+) bytes, ([0-9]+) allocs`)

func parseInittrace(output string) []pkgInit {
	var out []pkgInit
	sc := bufio.NewScanner(strings.NewReader(output))
	for sc.Scan() {
		m := inittraceLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		ms, _ := strconv.ParseFloat(m[2], 64)
		b, _ := strconv.ParseFloat(m[3], 64)
		a, _ := strconv.ParseFloat(m[4], 64)
		out = append(out, pkgInit{pkg: m[1], ms: ms, bytes: b, allocs: a})
	}
	return out
}

// medianInits takes each package's median over runs, heaviest first.
func medianInits(runs [][]pkgInit) []pkgInit {
	type acc struct{ ms, bytes, allocs []float64 }
	by := map[string]*acc{}
	for _, r := range runs {
		for _, p := range r {
			a := by[p.pkg]
			if a == nil {
				a = &acc{}
				by[p.pkg] = a
			}
			a.ms = append(a.ms, p.ms)
			a.bytes = append(a.bytes, p.bytes)
			a.allocs = append(a.allocs, p.allocs)
		}
	}
	var out []pkgInit
	for pkg, a := range by {
		out = append(out, pkgInit{pkg: pkg, ms: median(a.ms), bytes: median(a.bytes), allocs: median(a.allocs)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].ms != out[j].ms {
			return out[i].ms > out[j].ms
		}
		return out[i].pkg < out[j].pkg
	})
	return out
}

func report(subjects []*subject, o options, took time.Duration) (string, error) {
	floor := subjects[0]
	var b strings.Builder
	fmt.Fprintf(&b, "Measured %s on %s, %s, tags %s; %d interleaved cold starts per binary; the run took %s.\n\n",
		time.Now().Format("2006-01-02"), machine(), goVersion(), o.tags, o.rounds, took.Round(time.Second))
	fmt.Fprintf(&b, "| function | bootstrap %s/%s | × floor | zip | × floor | INIT median (%s/%s) | × floor (median of %d rounds) |\n",
		deployedOS, deployedArch, runtime.GOOS, runtime.GOARCH, o.rounds)
	b.WriteString("|---|---:|---:|---:|---:|---:|---:|\n")
	for _, s := range subjects {
		ratios, err := pairedRatios(s.inits, floor.inits)
		if err != nil {
			return "", err
		}
		name := "`" + s.name + "`"
		if s == floor {
			name = "floor (hello + DynamoDB client)"
		}
		fmt.Fprintf(&b, "| %s | %s | %.2f | %s | %.2f | %.1f ms | %.2f |\n",
			name, thousands(s.size), float64(s.size)/float64(floor.size),
			thousands(s.zipSize), float64(s.zipSize)/float64(floor.zipSize),
			median(s.inits), median(ratios))
	}
	if o.inittrace > 0 {
		fmt.Fprintf(&b, "\nPackage start-up (`GODEBUG=inittrace=1`, median of %d runs): the total, and every package over 0.2 ms.\n\n", o.inittrace)
		b.WriteString("| binary | init total | heaviest packages |\n|---|---:|---|\n")
		for _, s := range subjects {
			var total, totalBytes float64
			var heavy []string
			for _, p := range s.trace {
				total += p.ms
				totalBytes += p.bytes
				if p.ms >= 0.2 {
					heavy = append(heavy, fmt.Sprintf("%s %.1f ms (%s B)", p.pkg, p.ms, thousands(int64(p.bytes))))
				}
			}
			name := s.name
			fmt.Fprintf(&b, "| `%s` | %.1f ms, %s B | %s |\n", name, total, thousands(int64(totalBytes)), strings.Join(heavy, "; "))
		}
	}
	return b.String(), nil
}

func thousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	var out []byte
	for i, c := range []byte(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, c)
	}
	return string(out)
}

func goVersion() string {
	out, err := exec.Command("go", "env", "GOVERSION").Output()
	if err != nil {
		return runtime.Version()
	}
	return strings.TrimSpace(string(out))
}

// machine names the CPU and the number of CPUs this process may use.
func machine() string {
	model := runtime.GOARCH
	if data, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(data), "\n") {
			if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
				model = strings.TrimSpace(v)
				break
			}
		}
	}
	return fmt.Sprintf("%d × %s, %s/%s", runtime.NumCPU(), model, runtime.GOOS, runtime.GOARCH)
}
