// Package ddblocal finds, fetches and runs DynamoDB Local, AWS's own
// DynamoDB emulator (DynamoDBLocal.jar 1.25.1), for integration tests and
// the local stack (`make run`).
//
// The jar is taken from the folder named by DYNAMODB_LOCAL_DIR or, when
// that is unset, from <repo root>/.cache/dynamodb-local, where
// scripts/fetch-dynamodb-local.sh puts it (from the npm package
// amplify-dynamodb-simulator@2.9.30, checked by sha256). Running it needs a
// Java 17+ runtime on PATH; fetching it needs npm. When either is missing
// the functions here return an error that says how to install it; they never
// fall back to an imitation of DynamoDB.
//
// Every server is started with -sharedDb, in memory or on disk alike, so all
// clients see the same tables whatever access key and region they sign
// with (without -sharedDb DynamoDB Local keeps a separate database per
// access key and region). Telemetry is disabled (-disableTelemetry). It
// listens on 127.0.0.1 only, through a small launcher
// (launcher/LoopbackDynamoDBLocal.java): the jar itself has no
// bind-address option and would listen on every interface.
package ddblocal

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

const (
	// EnvDir names the environment variable that points at a folder
	// holding DynamoDBLocal.jar and DynamoDBLocal_lib/. It overrides the
	// default <repo root>/.cache/dynamodb-local.
	EnvDir = "DYNAMODB_LOCAL_DIR"

	// JarName is the file name of the DynamoDB Local jar inside the folder.
	JarName = "DynamoDBLocal.jar"

	// LibDirName is the folder, next to the jar, holding its dependencies
	// and the sqlite4java native libraries.
	LibDirName = "DynamoDBLocal_lib"

	// FetchScript is the repository-relative path of the script that
	// fetches the jar.
	FetchScript = "scripts/fetch-dynamodb-local.sh"

	// defaultCacheDir is the repository-relative default folder.
	defaultCacheDir = ".cache/dynamodb-local"
)

var (
	// ErrJavaNotFound is returned (wrapped) when no java executable is on
	// PATH.
	ErrJavaNotFound = errors.New("java not found: install a Java 17+ runtime, e.g. `apt-get install -y openjdk-17-jre-headless`")

	// ErrNpmNotFound is returned (wrapped) when the jar has to be fetched
	// and no npm executable is on PATH.
	ErrNpmNotFound = errors.New("npm not found: install Node.js and npm (e.g. `apt-get install -y nodejs npm`), or set " + EnvDir + " to a folder holding " + JarName + " and " + LibDirName + "/")

	// ErrJarNotFound is returned (wrapped) when a folder given explicitly
	// holds no DynamoDBLocal.jar.
	ErrJarNotFound = errors.New(JarName + " not found")
)

// EnsureJar returns the folder holding DynamoDBLocal.jar and
// DynamoDBLocal_lib/, fetching them first if needed.
//
// The folder is $DYNAMODB_LOCAL_DIR when set, else
// <repo root>/.cache/dynamodb-local, where the repo root is the nearest
// folder, walking up from the working directory, that holds both go.mod
// and scripts/fetch-dynamodb-local.sh. If the jar is not there,
// the fetch script is run (it needs npm; concurrent callers are serialised
// by the script's lock). A jar already present is used as is: the script,
// when run by hand, also re-checks its checksum.
func EnsureJar(ctx context.Context) (dir string, err error) {
	root, rootErr := repoRoot()
	if env := os.Getenv(EnvDir); env != "" {
		dir, err = filepath.Abs(env)
		if err != nil {
			return "", fmt.Errorf("ddblocal: %s=%q: %w", EnvDir, env, err)
		}
	} else {
		if rootErr != nil {
			return "", fmt.Errorf("ddblocal: %w; or set %s to a folder holding %s", rootErr, EnvDir, JarName)
		}
		dir = filepath.Join(root, defaultCacheDir)
	}
	if hasJar(dir) {
		return dir, nil
	}
	if rootErr != nil {
		return "", fmt.Errorf("ddblocal: %s has no %s and %s/, and it cannot be fetched: %w", dir, JarName, LibDirName, rootErr)
	}
	if _, err := exec.LookPath("npm"); err != nil {
		return "", fmt.Errorf("ddblocal: %s is not in %s and must be fetched: %w", JarName, dir, ErrNpmNotFound)
	}
	bash, err := exec.LookPath("bash")
	if err != nil {
		return "", fmt.Errorf("ddblocal: bash not found: install bash to run %s", FetchScript)
	}
	cmd := exec.CommandContext(ctx, bash, filepath.Join(root, FetchScript))
	// The script derives the same default folder from its own location and
	// honours DYNAMODB_LOCAL_DIR, inherited here.
	cmd.Env = os.Environ()
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("ddblocal: %s failed: %v\n%s", FetchScript, err, tail(out.String(), 4096))
	}
	if !hasJar(dir) {
		return "", fmt.Errorf("ddblocal: %s succeeded but %s has no %s and %s/:\n%s", FetchScript, dir, JarName, LibDirName, tail(out.String(), 4096))
	}
	return dir, nil
}

// hasJar reports whether dir holds DynamoDBLocal.jar and DynamoDBLocal_lib/.
func hasJar(dir string) bool {
	jar, err := os.Stat(filepath.Join(dir, JarName))
	if err != nil || !jar.Mode().IsRegular() {
		return false
	}
	lib, err := os.Stat(filepath.Join(dir, LibDirName))
	return err == nil && lib.IsDir()
}

// repoRoot walks up from the working directory to the first folder holding
// both go.mod and scripts/fetch-dynamodb-local.sh.
func repoRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("repo root: %w", err)
	}
	for d := wd; ; {
		if isFile(filepath.Join(d, "go.mod")) && isFile(filepath.Join(d, filepath.FromSlash(FetchScript))) {
			return d, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("no folder holding go.mod and %s above %s (run from inside the repository)", FetchScript, wd)
		}
		d = parent
	}
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}

// tail returns at most the last n bytes of s, starting at a line boundary
// when one is near.
func tail(s string, n int) string {
	s = strings.TrimRight(s, "\n")
	if len(s) <= n {
		return s
	}
	s = s[len(s)-n:]
	if i := strings.IndexByte(s, '\n'); i >= 0 && i < 200 {
		s = s[i+1:]
	}
	return "…" + s
}
