package ddblocal

import (
	"bytes"
	"context"
	"crypto/sha256"
	_ "embed" // the launcher's source
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

const (
	// readyTimeout bounds how long Start waits for the server to answer.
	readyTimeout = 30 * time.Second
	// pollInterval is the pause between two readiness probes.
	pollInterval = 25 * time.Millisecond
	// stopGrace is how long Stop waits after SIGTERM before killing.
	stopGrace = 5 * time.Second
	// portAttempts is how many free ports Start tries when Port is 0 and
	// the one it picked was taken before the JVM could bind it.
	portAttempts = 3
	// tailSize is how much of the process's output is kept for errors.
	tailSize = 8 << 10
)

// jvmFlags tune the JVM for short-lived test servers. Measured on the
// project's 2-core machine with OpenJDK 17, start to first ListTables
// answer, medians of 10 runs: no flags 1.35 s, these 1.02 s.
// TieredStopAtLevel=1 (C1 only) gives the speed-up; it also ran a
// 6,000-request, 100-goroutine workload in 2.6 s instead of 4.8 s, because
// C2 compiles no longer compete for the two cores. SerialGC and a 64 MiB
// initial heap leave the start time alone but cut the resident size after
// that workload from ~250 MB to ~135 MB, which counts when several test
// binaries each run a server. Class-data sharing for the JDK is on by
// default (-Xshare:auto); an application CDS archive is not possible
// because the jar's manifest puts "." on the class path.
var jvmFlags = []string{
	"-XX:TieredStopAtLevel=1",
	"-XX:+UseSerialGC",
	"-Xms64m",
}

// Options configures Start.
type Options struct {
	// Port is the TCP port to listen on, on 127.0.0.1 only; 0 picks a
	// free loopback port. (DynamoDB Local has no bind-address flag: Start
	// runs it through a launcher that binds it to loopback, see
	// launcherSource.)
	Port int
	// InMemory keeps the data in memory only (-inMemory).
	InMemory bool
	// DBPath is the folder for the on-disk database
	// (shared-local-instance.db) when InMemory is false. It is created if
	// missing. Required when InMemory is false.
	DBPath string
	// Log, if set, receives the server's stdout and stderr. It must be
	// safe to write to until Stop returns.
	Log io.Writer
	// Dir is the folder holding DynamoDBLocal.jar and DynamoDBLocal_lib/.
	// Empty means EnsureJar's folder (fetched if needed); a folder given
	// here is used as is and never fetched into.
	Dir string
}

// Server is a running DynamoDB Local process.
type Server struct {
	cmd      *exec.Cmd
	endpoint string
	out      *tailBuffer
	done     chan struct{} // closed when the process has exited
	waitErr  error         // set before done is closed

	stopOnce sync.Once
	stopErr  error
}

// Start runs DynamoDB Local and returns once it answers ListTables.
//
// It runs
//
//	java <fast-start flags> -Djava.library.path=<dir>/DynamoDBLocal_lib \
//	  -cp <dir>/DynamoDBLocal.jar <LoopbackDynamoDBLocal.java> \
//	  -sharedDb -disableTelemetry (-inMemory | -dbPath P) -port N
//
// which is DynamoDB Local's own main listening on 127.0.0.1 only (the
// launcher, in Java's source-file mode, which the Java runtime's
// jdk.compiler module compiles in memory: Debian's openjdk-17-jre-headless
// has it).
//
// ctx bounds the start-up only, fetching the jar included; waiting for the
// server to answer is also capped at about 30 s. The server runs until
// Stop, or until the calling process dies (on Linux the child gets SIGKILL
// when its parent exits). If the process exits early, the error holds the
// tail of its output.
func Start(ctx context.Context, opt Options) (*Server, error) {
	java, err := exec.LookPath("java")
	if err != nil {
		return nil, fmt.Errorf("ddblocal: %w", ErrJavaNotFound)
	}
	dir := opt.Dir
	if dir == "" {
		if dir, err = EnsureJar(ctx); err != nil {
			return nil, err
		}
	} else {
		if dir, err = filepath.Abs(dir); err != nil {
			return nil, fmt.Errorf("ddblocal: %w", err)
		}
		if !hasJar(dir) {
			return nil, fmt.Errorf("ddblocal: %w in %s (it needs %s and %s/): run %s, or leave Options.Dir empty to fetch it",
				ErrJarNotFound, dir, JarName, LibDirName, FetchScript)
		}
	}
	var store []string
	if opt.InMemory {
		store = []string{"-inMemory"}
	} else {
		if opt.DBPath == "" {
			return nil, errors.New("ddblocal: Options.DBPath is required when InMemory is false")
		}
		p, err := filepath.Abs(opt.DBPath)
		if err != nil {
			return nil, fmt.Errorf("ddblocal: %w", err)
		}
		if err := os.MkdirAll(p, 0o755); err != nil {
			return nil, fmt.Errorf("ddblocal: %w", err)
		}
		store = []string{"-dbPath", p}
	}

	if opt.Port != 0 {
		// Otherwise a server already on the port (say, another DynamoDB
		// Local) could answer the readiness probe for ours.
		l, err := net.Listen("tcp", ":"+strconv.Itoa(opt.Port))
		if err != nil {
			return nil, fmt.Errorf("ddblocal: port %d is not free: %w", opt.Port, err)
		}
		_ = l.Close()
	}
	for attempt := 1; ; attempt++ {
		port := opt.Port
		if port == 0 {
			if port, err = freePort(); err != nil {
				return nil, fmt.Errorf("ddblocal: pick a free port: %w", err)
			}
		}
		s, err := start(ctx, java, dir, store, port, opt.Log)
		if err == nil {
			return s, nil
		}
		if opt.Port != 0 || attempt >= portAttempts || !errors.Is(err, errPortInUse) {
			return nil, err
		}
	}
}

// launcherSource starts DynamoDB Local bound to 127.0.0.1.
//
//go:embed launcher/LoopbackDynamoDBLocal.java
var launcherSource []byte

// writeLauncher writes launcherSource to a file of the temporary folder
// named by its hash (Java's source-file mode needs a file), once.
func writeLauncher() (string, error) {
	sum := sha256.Sum256(launcherSource)
	path := filepath.Join(os.TempDir(), "brana-ddblocal-"+hex.EncodeToString(sum[:8])+".java")
	if b, err := os.ReadFile(path); err == nil && bytes.Equal(b, launcherSource) {
		return path, nil
	}
	f, err := os.CreateTemp(os.TempDir(), "brana-ddblocal-*.java.tmp")
	if err != nil {
		return "", fmt.Errorf("ddblocal: write the launcher: %w", err)
	}
	_, werr := f.Write(launcherSource)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path) // atomic: parallel test binaries
	}
	if werr != nil {
		_ = os.Remove(f.Name())
		return "", fmt.Errorf("ddblocal: write the launcher: %w", werr)
	}
	return path, nil
}

// errPortInUse marks a start that failed because the port was taken.
var errPortInUse = errors.New("port in use")

func start(ctx context.Context, java, dir string, store []string, port int, log io.Writer) (*Server, error) {
	launcher, err := writeLauncher()
	if err != nil {
		return nil, err
	}
	args := append([]string{}, jvmFlags...)
	args = append(args,
		"-Djava.library.path="+filepath.Join(dir, LibDirName),
		"-cp", filepath.Join(dir, JarName), launcher,
		"-sharedDb", "-disableTelemetry")
	args = append(args, store...)
	args = append(args, "-port", strconv.Itoa(port))

	cmd := exec.Command(java, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "DDB_LOCAL_TELEMETRY=0")
	out := &tailBuffer{max: tailSize}
	var w io.Writer = out
	if log != nil {
		w = io.MultiWriter(out, log)
	}
	cmd.Stdout = w
	cmd.Stderr = w
	cmd.SysProcAttr = sysProcAttr()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("ddblocal: start %s: %w", java, err)
	}
	s := &Server{
		cmd:      cmd,
		endpoint: "http://127.0.0.1:" + strconv.Itoa(port),
		out:      out,
		done:     make(chan struct{}),
	}
	go func() {
		s.waitErr = cmd.Wait()
		close(s.done)
	}()

	if err := s.waitReady(ctx); err != nil {
		_ = s.Stop()
		return nil, err
	}
	return s, nil
}

// waitReady polls ListTables until it succeeds, the process exits, ctx ends
// or readyTimeout passes.
func (s *Server) waitReady(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	c, err := NewClient(ctx, s.endpoint)
	if err != nil {
		return err
	}
	noRetry := func(o *dynamodb.Options) { o.RetryMaxAttempts = 1 }
	var last error
	for {
		pctx, pcancel := context.WithTimeout(ctx, 2*time.Second)
		_, err := c.ListTables(pctx, &dynamodb.ListTablesInput{}, noRetry)
		pcancel()
		if err == nil {
			return nil
		}
		last = err
		select {
		case <-s.done:
			out := s.out.String()
			err := fmt.Errorf("ddblocal: DynamoDB Local exited before answering (%v); its output:\n%s", s.waitErr, out)
			if strings.Contains(out, "Address already in use") || strings.Contains(out, "Failed to bind") {
				err = fmt.Errorf("%w: %w", errPortInUse, err)
			}
			if strings.Contains(out, "jdk.compiler") {
				err = fmt.Errorf("%w\nThis Java runtime lacks the jdk.compiler module, which runs the launcher that binds DynamoDB Local to loopback: "+
					"install a complete Java 17+ runtime (Debian: apt-get install -y openjdk-17-jre-headless) or a JDK", err)
			}
			return err
		case <-ctx.Done():
			return fmt.Errorf("ddblocal: DynamoDB Local on %s did not answer ListTables (%v; last error: %v); its output:\n%s",
				s.endpoint, ctx.Err(), last, s.out.String())
		case <-time.After(pollInterval):
		}
	}
}

// Endpoint returns the server's URL, "http://127.0.0.1:N".
func (s *Server) Endpoint() string { return s.endpoint }

// Done returns a channel closed when the server process has exited, for
// callers (such as the local stack) that must notice a crash.
func (s *Server) Done() <-chan struct{} { return s.done }

// Stop ends the server: SIGTERM, then SIGKILL if it has not exited within a
// few seconds. It is safe to call more than once. It returns an error if the
// process had already exited by itself before Stop was called.
func (s *Server) Stop() error {
	s.stopOnce.Do(func() {
		select {
		case <-s.done:
			s.stopErr = fmt.Errorf("ddblocal: DynamoDB Local had exited (%v); its output:\n%s", s.waitErr, s.out.String())
			return
		default:
		}
		if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			_ = s.cmd.Process.Kill()
		}
		select {
		case <-s.done:
		case <-time.After(stopGrace):
			_ = s.cmd.Process.Kill()
			<-s.done
		}
	})
	return s.stopErr
}

// freePort asks the kernel for a free loopback TCP port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// tailBuffer keeps the last max bytes written to it; it is safe for
// concurrent use.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.buf = append(t.buf, p...)
	if over := len(t.buf) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	return len(p), nil
}

// String returns the kept output.
func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return tail(string(t.buf), t.max)
}
