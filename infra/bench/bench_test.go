package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
)

// The test binary doubles as a fake Lambda runtime when BENCH_FAKE_RUNTIME
// is set, so the cold-start logic is tested without building a function.
func TestMain(m *testing.M) {
	switch os.Getenv("BENCH_FAKE_RUNTIME") {
	case "":
		os.Exit(m.Run())
	case "next":
		fmt.Fprintln(os.Stderr, "init github.com/example/pkg @0.1 ms, 2.5 ms clock, 1024 bytes, 3 allocs")
		resp, err := http.Get("http://" + os.Getenv("AWS_LAMBDA_RUNTIME_API") + nextPath)
		if err == nil {
			resp.Body.Close()
		}
		os.Exit(0)
	case "exit":
		fmt.Fprintln(os.Stderr, "cannot start: TABLE_NAME is not set")
		os.Exit(3)
	case "init-error":
		resp, err := http.Post("http://"+os.Getenv("AWS_LAMBDA_RUNTIME_API")+initErrorPath,
			"application/json", strings.NewReader(`{"errorMessage":"no key"}`))
		if err == nil {
			resp.Body.Close()
		}
		time.Sleep(time.Minute)
	case "hang":
		time.Sleep(time.Minute)
	}
	os.Exit(2)
}

func fakeStart(t *testing.T, api *runtimeAPI, mode string, timeout time.Duration) (time.Duration, string, error) {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	env := []string{"AWS_LAMBDA_RUNTIME_API=" + api.Addr(), "BENCH_FAKE_RUNTIME=" + mode}
	return coldStart(api, self, env, timeout)
}

func TestColdStart(t *testing.T) {
	api, err := newRuntimeAPI()
	if err != nil {
		t.Fatal(err)
	}
	defer api.Close()

	t.Run("times a runtime up to its first /next and keeps its output", func(t *testing.T) {
		for i := 0; i < 3; i++ { // the endpoint serves one run after another
			d, out, err := fakeStart(t, api, "next", 20*time.Second)
			if err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
			if d <= 0 || d > 20*time.Second {
				t.Errorf("run %d: INIT %v, want a positive time under the timeout", i, d)
			}
			if got := parseInittrace(out); len(got) != 1 || got[0].pkg != "github.com/example/pkg" || got[0].ms != 2.5 || got[0].bytes != 1024 {
				t.Errorf("run %d: inittrace parsed as %+v from %q", i, got, out)
			}
		}
	})
	t.Run("fails with the output of a function that exits before /next", func(t *testing.T) {
		_, _, err := fakeStart(t, api, "exit", 20*time.Second)
		if err == nil || !strings.Contains(err.Error(), "exited before") || !strings.Contains(err.Error(), "TABLE_NAME is not set") {
			t.Errorf("got %v, want an exit error carrying the function's stderr", err)
		}
	})
	t.Run("fails on a reported init error", func(t *testing.T) {
		_, _, err := fakeStart(t, api, "init-error", 20*time.Second)
		if err == nil || !strings.Contains(err.Error(), "no key") {
			t.Errorf("got %v, want the init error's body", err)
		}
	})
	t.Run("gives up on a function that never asks", func(t *testing.T) {
		_, _, err := fakeStart(t, api, "hang", 300*time.Millisecond)
		if err == nil || !strings.Contains(err.Error(), "no /next within") {
			t.Errorf("got %v, want a timeout", err)
		}
	})
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		in   []float64
		want float64
	}{
		{"takes the middle of an odd count", []float64{5, 1, 3}, 3},
		{"takes the mean of the middle two of an even count", []float64{4, 1, 3, 2}, 2.5},
		{"takes the only value", []float64{7}, 7},
		{"ignores one outlier", []float64{10, 11, 12, 900, 10}, 11},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := append([]float64(nil), tt.in...)
			if got := median(tt.in); got != tt.want {
				t.Errorf("median(%v) = %v, want %v", tt.in, got, tt.want)
			}
			for i := range in {
				if in[i] != tt.in[i] {
					t.Fatalf("median reordered its input: %v", tt.in)
				}
			}
		})
	}
}

func TestPairedRatios(t *testing.T) {
	got, err := pairedRatios([]float64{10, 30, 8}, []float64{5, 10, 8})
	if err != nil {
		t.Fatal(err)
	}
	if want := []float64{2, 3, 1}; fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("got %v, want %v", got, want)
	}
	if median(got) != 2 {
		t.Errorf("median ratio %v, want 2", median(got))
	}
	if _, err := pairedRatios([]float64{1}, []float64{1, 2}); err == nil {
		t.Error("unequal lengths: got no error")
	}
}

func TestMedianInitsHeaviestFirst(t *testing.T) {
	runs := [][]pkgInit{
		{{pkg: "a", ms: 1}, {pkg: "b", ms: 9}},
		{{pkg: "a", ms: 3}, {pkg: "b", ms: 7}},
		{{pkg: "a", ms: 2}, {pkg: "b", ms: 8}},
	}
	got := medianInits(runs)
	if len(got) != 2 || got[0].pkg != "b" || got[0].ms != 8 || got[1].pkg != "a" || got[1].ms != 2 {
		t.Errorf("got %+v, want b 8 ms then a 2 ms", got)
	}
}

func TestDiscoverFunctions(t *testing.T) {
	dir := t.TempDir()
	for _, p := range []string{"b/main.go", "a/main.go", "empty/README.md"} {
		if err := os.MkdirAll(dir+"/"+p[:strings.Index(p, "/")], 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(dir+"/"+p, []byte("package main\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := discoverFunctions(dir, "")
	if err != nil || strings.Join(got, ",") != "a,b" {
		t.Errorf("got %v, %v, want a,b", got, err)
	}
	if _, err := discoverFunctions(dir, "c"); err == nil {
		t.Error("an unknown name: got no error")
	}
}

func TestThousands(t *testing.T) {
	for in, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 22085794: "22,085,794"} {
		if got := thousands(in); got != want {
			t.Errorf("thousands(%d) = %q, want %q", in, got, want)
		}
	}
}
