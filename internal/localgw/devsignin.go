package localgw

import (
	"encoding/json"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"
)

// DevSignInPath is the local gateway's development sign-in: GET answers
// which groups may be chosen, POST {"group": g} answers {"token",
// "expiresAt"}, a development token for that group (IssueDevToken, the
// same as `make token`). It exists only here: it is not in the route table
// (internal/routes), so nothing deploys it, and the staff console shows its
// sign-in page only when this path answers.
const DevSignInPath = "/local/dev-token"

// DevSignInTTL is the lifetime of a token from DevSignInPath.
const DevSignInTTL = 8 * time.Hour

// serveDevSignIn answers DevSignInPath when DevSubjects is configured; it
// reports false for any other path (and when there are no dev subjects).
func (g *Gateway) serveDevSignIn(w http.ResponseWriter, r *http.Request, requestID string) bool {
	if r.URL.Path != DevSignInPath || len(g.devSubjects) == 0 {
		return false
	}
	groups := make([]string, 0, len(g.devSubjects))
	for k := range g.devSubjects {
		groups = append(groups, k)
	}
	slices.Sort(groups)
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, requestID, http.StatusOK, map[string]any{"groups": groups})
	case http.MethodPost:
		var in struct {
			Group string `json:"group"`
		}
		dec := json.NewDecoder(io.LimitReader(r.Body, 1024))
		if err := dec.Decode(&in); err != nil {
			writeMessage(w, requestID, http.StatusBadRequest, "want {\"group\": one of "+strings.Join(groups, ", ")+"}")
			return true
		}
		subject, ok := g.devSubjects[in.Group]
		if !ok {
			writeMessage(w, requestID, http.StatusBadRequest, "unknown group: want one of "+strings.Join(groups, ", "))
			return true
		}
		now := g.now()
		token, err := IssueDevToken(g.secret, subject, []string{in.Group}, DevSignInTTL, now)
		if err != nil {
			writeMessage(w, requestID, http.StatusInternalServerError, "Internal Server Error")
			return true
		}
		writeJSON(w, requestID, http.StatusOK, map[string]any{
			"token": token, "expiresAt": now.Add(DevSignInTTL).UTC().Format(time.RFC3339),
		})
	default:
		w.Header().Set("Allow", "GET, POST")
		writeMessage(w, requestID, http.StatusMethodNotAllowed, "Method Not Allowed")
	}
	return true
}

func writeJSON(w http.ResponseWriter, requestID string, status int, v any) {
	body, _ := json.Marshal(v)
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Request-Id", requestID)
	w.WriteHeader(status)
	_, _ = w.Write(body)
}
