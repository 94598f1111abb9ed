package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/pow"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/wire"
)

// invokeTimeout is the deadline an invocation gets, like a Lambda's
// configured timeout.
const invokeTimeout = 30 * time.Second

// invokeConfig says what `make invoke` runs.
type invokeConfig struct {
	DataDir  string    // .data of the running stack
	Function string    // a name from the registry
	Event    string    // path of the event JSON; "-" reads Stdin
	Stdin    io.Reader // for Event "-"
	Out      io.Writer // the response, pretty-printed JSON
	Log      *slog.Logger
}

// notRunning is the hint every "stack not found" error ends with.
const notRunning = "the local stack is not running: start it with make run (in another terminal), then invoke again"

// invoke runs one function's handler on an event against the running local
// stack, as `sam local invoke` does: the function is built by its
// constructor (internal/wire) and invoked through lambda.NewHandler(...).Invoke,
// the same JSON path the Lambda runtime uses, and the response is printed as pretty JSON. A function
// error is printed as Lambda reports it ({"errorMessage", "errorType"}) and
// returned.
func invoke(ctx context.Context, cfg invokeConfig) error {
	fn, ok := wire.Get(cfg.Function)
	if !ok {
		return fmt.Errorf("%w: no function %q; the functions are %s", errUsage, cfg.Function, strings.Join(registry.Names(), ", "))
	}
	payload, err := readEvent(cfg.Event, cfg.Stdin)
	if err != nil {
		return err
	}
	log := cfg.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// The report functions' files go where the running stack's do.
	if err := reportsEnv(cfg.DataDir); err != nil {
		return err
	}

	st, err := readState(cfg.DataDir)
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s (no %s)", notRunning, filepath.Join(cfg.DataDir, stateFile))
	}
	if err != nil {
		return err
	}
	deps, client, err := buildDeps(depsConfig{
		DataDir: cfg.DataDir, Endpoint: st.DynamoDBEndpoint, Table: st.Table, BaseURL: st.URL,
		Log: log, // EnvFor names the function in its log lines
	})
	if err != nil {
		return err
	}
	if err := probeTable(ctx, client, st.Table); err != nil {
		return fmt.Errorf("%s (DynamoDB Local at %s, table %q, does not answer: %v)", notRunning, st.DynamoDBEndpoint, st.Table, err)
	}
	h, err := fn.Build(ctx, deps.EnvFor(cfg.Function))
	if err != nil {
		return err
	}
	if fn.HTTP != nil {
		// As through CloudFront: the function refuses events without it.
		if payload, err = withOriginHeader(payload, deps.Config.OriginSecret); err != nil {
			return err
		}
		if payload, err = withProofOfWork(ctx, h, payload); err != nil {
			return err
		}
	}

	ctx, cancel := context.WithTimeout(ctx, invokeTimeout)
	defer cancel()
	ctx = lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{
		AwsRequestID:       ids.Random{}.NewID(),
		InvokedFunctionArn: "arn:aws:lambda:" + deps.Config.Region + ":000000000000:function:brana-" + cfg.Function,
	})
	resp, err := invokeHandler(ctx, h, payload)
	if err != nil {
		b, _ := json.MarshalIndent(map[string]string{"errorMessage": err.Error(), "errorType": errorType(err)}, "", "  ")
		_, _ = cfg.Out.Write(append(b, '\n'))
		return fmt.Errorf("function %s failed: %w", cfg.Function, err)
	}
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, resp, "", "  "); err != nil {
		pretty.Reset()
		pretty.Write(resp)
	}
	pretty.WriteByte('\n')
	_, err = cfg.Out.Write(pretty.Bytes())
	return err
}

// withOriginHeader sets the origin header (httpapi.OriginHeader) in an API
// Gateway event, replacing one the event file has.
func withOriginHeader(payload []byte, value string) ([]byte, error) {
	var ev map[string]any
	if err := json.Unmarshal(payload, &ev); err != nil || ev == nil {
		return nil, errors.New("the event of an HTTP function must be a JSON object (an API Gateway HTTP API event)")
	}
	headers, _ := ev["headers"].(map[string]any)
	if headers == nil {
		headers = map[string]any{}
	}
	for k := range headers {
		if strings.EqualFold(k, httpapi.OriginHeader) {
			delete(headers, k)
		}
	}
	headers[strings.ToLower(httpapi.OriginHeader)] = value
	ev["headers"] = headers
	return json.Marshal(ev)
}

// withProofOfWork gives the event of a public write (a route marked PoW)
// without an Altcha header a solution, as the front door does: it asks the
// function for a challenge (GET /v1/challenge, with the event's headers)
// and solves it. An event with its own Altcha header is left as it is.
func withProofOfWork(ctx context.Context, h lambda.Handler, payload []byte) ([]byte, error) {
	var ev map[string]any
	if err := json.Unmarshal(payload, &ev); err != nil {
		return nil, err
	}
	routeKey, _ := ev["routeKey"].(string)
	method, path, _ := strings.Cut(routeKey, " ")
	i := slices.IndexFunc(routes.Table, func(r routes.Route) bool { return r.Method == method && r.Path == path })
	if i < 0 || !routes.Table[i].PoW {
		return payload, nil
	}
	headers, _ := ev["headers"].(map[string]any)
	for k := range headers {
		if strings.EqualFold(k, pow.Header) {
			return payload, nil
		}
	}
	challengeEvent, err := json.Marshal(map[string]any{
		"version": "2.0", "routeKey": "GET /v1/challenge", "rawPath": "/v1/challenge", "headers": headers,
		"requestContext": map[string]any{"requestId": ids.Random{}.NewID(), "routeKey": "GET /v1/challenge",
			"http": map[string]any{"method": "GET", "path": "/v1/challenge", "sourceIp": "127.0.0.1"}},
	})
	if err != nil {
		return nil, err
	}
	out, err := invokeHandler(ctx, h, challengeEvent)
	if err != nil {
		return nil, fmt.Errorf("get a proof-of-work challenge: %w", err)
	}
	var resp struct {
		StatusCode int    `json:"statusCode"`
		Body       string `json:"body"`
	}
	var c pow.Challenge
	if err := json.Unmarshal(out, &resp); err != nil || resp.StatusCode != 200 || json.Unmarshal([]byte(resp.Body), &c) != nil {
		return nil, fmt.Errorf("get a proof-of-work challenge: answered %s", out)
	}
	solution, err := pow.Solve(c)
	if err != nil {
		return nil, err
	}
	headers[strings.ToLower(pow.Header)] = solution
	ev["headers"] = headers
	return json.Marshal(ev)
}

// invokeHandler runs h as the Lambda runtime does, a panic included.
func invokeHandler(ctx context.Context, h lambda.Handler, payload []byte) (resp []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("handler panicked: %v", p)
		}
	}()
	return h.Invoke(ctx, payload)
}

// readEvent reads an event file ("-": r) and checks it is JSON.
func readEvent(path string, r io.Reader) ([]byte, error) {
	var b []byte
	var err error
	if path == "-" {
		if r == nil {
			r = os.Stdin
		}
		b, err = io.ReadAll(r)
	} else {
		b, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	if !json.Valid(b) {
		return nil, fmt.Errorf("event %s is not valid JSON", path)
	}
	return b, nil
}

// errorType names an error's type as the Lambda runtime does.
func errorType(err error) string {
	t := reflect.TypeOf(err)
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
