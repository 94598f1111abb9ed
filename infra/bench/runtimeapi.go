package main

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sort"
	"sync"
	"time"
)

// nextPath is the Runtime API call a Lambda runtime makes once its
// initialisation is done: the end of INIT.
const nextPath = "/2018-06-01/runtime/invocation/next"

// initErrorPath is where a runtime reports a failed initialisation.
const initErrorPath = "/2018-06-01/runtime/init/error"

// runtimeAPI is a minimal Lambda Runtime API endpoint: it notes when the
// runtime first asks for an invocation and then holds that request open
// (the benchmark kills the process; no invocation is ever handed out).
// One process is measured at a time: arm before starting it.
type runtimeAPI struct {
	ln  net.Listener
	srv *http.Server

	mu      sync.Mutex
	waiting chan event // the armed run's channel; nil when none is armed
}

// event is what the endpoint saw from the armed process.
type event struct {
	at  time.Time
	err error // set for an init error report
}

func newRuntimeAPI() (*runtimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &runtimeAPI{ln: ln}
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+nextPath, r.next)
	mux.HandleFunc("POST "+initErrorPath, r.initError)
	r.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go r.srv.Serve(ln) //nolint:errcheck // ends with Close
	return r, nil
}

// Addr is the host:port for AWS_LAMBDA_RUNTIME_API.
func (r *runtimeAPI) Addr() string { return r.ln.Addr().String() }

// Close stops the endpoint and drops the requests it holds.
func (r *runtimeAPI) Close() error { return r.srv.Close() }

// arm returns the channel on which the next /next (or init error) arrives.
func (r *runtimeAPI) arm() <-chan event {
	ch := make(chan event, 1)
	r.mu.Lock()
	r.waiting = ch
	r.mu.Unlock()
	return ch
}

// disarm forgets the armed run, so a late call is not taken for the next.
func (r *runtimeAPI) disarm() {
	r.mu.Lock()
	r.waiting = nil
	r.mu.Unlock()
}

func (r *runtimeAPI) deliver(e event) {
	r.mu.Lock()
	ch := r.waiting
	r.waiting = nil
	r.mu.Unlock()
	if ch != nil {
		ch <- e
	}
}

func (r *runtimeAPI) next(w http.ResponseWriter, req *http.Request) {
	r.deliver(event{at: time.Now()})
	// Hold the request until the process is killed or the server closes.
	<-req.Context().Done()
}

func (r *runtimeAPI) initError(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(io.LimitReader(req.Body, 64<<10))
	r.deliver(event{at: time.Now(), err: fmt.Errorf("runtime reported an init error: %s", body)})
	w.WriteHeader(http.StatusAccepted)
}

// median of xs (the mean of the middle two for an even count); xs is not
// changed. It panics on an empty slice.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		panic("median of nothing")
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// pairedRatios divides a[i] by b[i]: each function's cold start by the
// floor's in the same round.
func pairedRatios(a, b []float64) ([]float64, error) {
	if len(a) != len(b) {
		return nil, errors.New("paired ratios: unequal lengths")
	}
	out := make([]float64, len(a))
	for i := range a {
		if b[i] <= 0 {
			return nil, fmt.Errorf("paired ratios: floor value %v", b[i])
		}
		out[i] = a[i] / b[i]
	}
	return out, nil
}
