// Package auth reads who is calling a staff route. In the cloud, API
// Gateway's JWT authorizer (over a Cognito user pool) has already verified the
// token and put its claims into the request context; locally the gateway
// verifies a development token and puts the same claims in the same place.
// Handlers still check the groups themselves: the authorizer proves who the
// caller is, the handler decides what they may do.
package auth

import (
	"encoding/json"
	"slices"
	"strings"
)

// Staff groups (Cognito user-pool groups).
const (
	GroupAdmin     = "admin"
	GroupExpert    = "expert"
	GroupEvaluator = "evaluator"
	GroupOrganiser = "organiser" // manages the events (workshops) it owns
	// GroupViewer is management (MPSV): the monthly reports, nothing else.
	GroupViewer = "viewer"
)

// GroupsClaim is the claim Cognito puts a user's groups in.
const GroupsClaim = "cognito:groups"

// Principal is an authenticated staff member.
type Principal struct {
	Subject string   // the user's stable id (Cognito "sub")
	Groups  []string // user-pool groups
}

// Authenticated reports whether the principal carries a subject.
func (p Principal) Authenticated() bool { return p.Subject != "" }

// In reports whether the principal belongs to group g.
func (p Principal) In(g string) bool { return slices.Contains(p.Groups, g) }

// InAny reports whether the principal belongs to any of groups.
func (p Principal) InAny(groups []string) bool {
	for _, g := range groups {
		if p.In(g) {
			return true
		}
	}
	return false
}

// IsAdmin reports whether the principal is an administrator.
func (p Principal) IsAdmin() bool { return p.In(GroupAdmin) }

// FromClaims builds a principal from JWT claims as API Gateway passes them
// (every value a string). It returns false when there is no subject.
func FromClaims(claims map[string]string) (Principal, bool) {
	sub := strings.TrimSpace(claims["sub"])
	if sub == "" {
		return Principal{}, false
	}
	return Principal{Subject: sub, Groups: ParseGroups(claims[GroupsClaim])}, true
}

// ParseGroups reads a groups claim in each form it reaches a handler in:
// API Gateway HTTP API renders an array claim as "[admin expert]" (bracketed,
// space-separated); a JSON array string and a comma-separated list are
// accepted too.
func ParseGroups(s string) []string {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if strings.HasPrefix(s, "[\"") {
		var arr []string
		if json.Unmarshal([]byte(s), &arr) == nil {
			return clean(arr)
		}
	}
	s = strings.TrimSuffix(strings.TrimPrefix(s, "["), "]")
	return clean(strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' }))
}

func clean(in []string) []string {
	out := make([]string, 0, len(in))
	for _, g := range in {
		if g = strings.TrimSpace(g); g != "" && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	return out
}

// FormatGroups renders groups the way API Gateway renders an array claim.
func FormatGroups(groups []string) string { return "[" + strings.Join(groups, " ") + "]" }
