package localgw

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/routes"
)

func devGateway(t *testing.T, subjects map[string]string, static http.Handler) *Gateway {
	t.Helper()
	fns := map[string]Handler{}
	for _, fn := range routes.Functions() {
		f := &fake{resp: events.APIGatewayV2HTTPResponse{StatusCode: 200, Body: "{}"}}
		fns[fn] = f.handle
	}
	gw, err := New(Config{Functions: fns, DevSecret: testSecret, OriginSecret: testOrigin, Static: static,
		Logger: slog.New(slog.NewJSONHandler(io.Discard, nil)), Now: func() time.Time { return testNow }, DevSubjects: subjects})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return gw
}

func TestDevSignIn(t *testing.T) {
	gw := devGateway(t, map[string]string{auth.GroupViewer: "dev-viewer", auth.GroupAdmin: "dev-admin"}, nil)
	do := func(method, body string) *httptest.ResponseRecorder {
		w := httptest.NewRecorder()
		gw.ServeHTTP(w, httptest.NewRequest(method, DevSignInPath, strings.NewReader(body)))
		return w
	}

	t.Run("GET names the groups", func(t *testing.T) {
		w := do(http.MethodGet, "")
		if w.Code != 200 || strings.TrimSpace(w.Body.String()) != `{"groups":["admin","viewer"]}` {
			t.Fatalf("got %d %s", w.Code, w.Body)
		}
	})
	t.Run("POST issues a token the gateway accepts, for that group and subject", func(t *testing.T) {
		w := do(http.MethodPost, `{"group":"viewer"}`)
		if w.Code != 200 {
			t.Fatalf("got %d %s", w.Code, w.Body)
		}
		var out struct{ Token, ExpiresAt string }
		if err := json.Unmarshal(w.Body.Bytes(), &out); err != nil {
			t.Fatal(err)
		}
		if want := testNow.Add(DevSignInTTL).UTC().Format(time.RFC3339); out.ExpiresAt != want {
			t.Errorf("expiresAt %q, want %q", out.ExpiresAt, want)
		}
		claims, _, err := gw.verify("Bearer " + out.Token)
		if err != nil {
			t.Fatalf("verify: %v", err)
		}
		if claims[auth.GroupsClaim] != "[viewer]" || claims["sub"] != "dev-viewer" {
			t.Errorf("claims %v", claims)
		}
		if w.Header().Get("Cache-Control") != "no-store" {
			t.Errorf("Cache-Control %q", w.Header().Get("Cache-Control"))
		}
	})
	for _, body := range []string{`{"group":"root"}`, `{"group":"expert"}`, `{"group":""}`, `{}`, `not json`, ``} {
		t.Run("refuses "+body, func(t *testing.T) {
			if w := do(http.MethodPost, body); w.Code != http.StatusBadRequest || strings.Contains(w.Body.String(), "token") {
				t.Fatalf("got %d %s", w.Code, w.Body)
			}
		})
	}
	t.Run("other methods", func(t *testing.T) {
		if w := do(http.MethodDelete, ""); w.Code != http.StatusMethodNotAllowed {
			t.Fatalf("got %d", w.Code)
		}
	})
}

func TestDevSignInOffWithoutSubjects(t *testing.T) {
	static := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusTeapot) })
	gw := devGateway(t, nil, static)
	w := httptest.NewRecorder()
	gw.ServeHTTP(w, httptest.NewRequest(http.MethodPost, DevSignInPath, strings.NewReader(`{"group":"admin"}`)))
	if w.Code != http.StatusTeapot {
		t.Fatalf("got %d, want the static handler's answer (no sign-in without DevSubjects)", w.Code)
	}
}

// The sign-in is the local gateway's own: no route of the table (which CDK
// deploys) serves it.
func TestDevSignInNotInTheRouteTable(t *testing.T) {
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if _, _, ok := routes.Match(m, DevSignInPath); ok {
			t.Errorf("%s %s is in the route table", m, DevSignInPath)
		}
	}
	if strings.HasPrefix(DevSignInPath, APIPrefix) {
		t.Errorf("%s is under the API prefix", DevSignInPath)
	}
}

// No Lambda links the local gateway, so the development sign-in cannot be
// deployed with a function.
func TestNoFunctionLinksTheLocalGateway(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "github.com/mpsv/brana/functions/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, p := range strings.Fields(string(out)) {
		if p == "github.com/mpsv/brana/internal/localgw" {
			t.Fatalf("a function links %s", p)
		}
	}
	if !strings.Contains(string(out), "github.com/mpsv/brana/internal/httpapi") {
		t.Fatalf("go list named no function's packages:\n%.500s", out)
	}
}
