package localgw

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"github.com/mpsv/brana/internal/auth"
)

// DevIssuer is the issuer and audience of development staff tokens.
const DevIssuer = "brana-local"

// MinSecretBytes is the shortest development secret accepted: HS256 wants a
// key at least as long as its hash (RFC 7518, section 3.2).
const MinSecretBytes = 32

// IssueDevToken makes a development staff token: HS256 over secret, issuer
// and audience DevIssuer, the subject, the groups as a "cognito:groups" JSON
// array (left out when there are none, as Cognito does), "token_use":
// "access", and iat/exp from now and ttl.
func IssueDevToken(secret []byte, subject string, groups []string, ttl time.Duration, now time.Time) (string, error) {
	switch {
	case len(secret) < MinSecretBytes:
		return "", fmt.Errorf("localgw: secret has %d bytes, want at least %d", len(secret), MinSecretBytes)
	case strings.TrimSpace(subject) == "":
		return "", errors.New("localgw: a token needs a subject")
	case ttl <= 0:
		return "", fmt.Errorf("localgw: token lifetime %v, want a positive one", ttl)
	}
	claims := jwt.MapClaims{
		"iss":       DevIssuer,
		"aud":       DevIssuer,
		"sub":       subject,
		"token_use": "access",
		"iat":       now.Unix(),
		"exp":       now.Add(ttl).Unix(),
	}
	if len(groups) > 0 {
		claims[auth.GroupsClaim] = groups
	}
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(secret)
}

// verify checks an Authorization header the way API Gateway's JWT authorizer
// does and returns the token's claims as the authorizer passes them on. On
// failure it returns the www-authenticate challenge to answer with.
func (g *Gateway) verify(authorization string) (map[string]string, string, error) {
	scheme, token, ok := strings.Cut(strings.TrimSpace(authorization), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		return nil, "Bearer", errors.New("no bearer token")
	}
	parser := jwt.NewParser(
		jwt.WithValidMethods([]string{jwt.SigningMethodHS256.Alg()}),
		jwt.WithIssuer(DevIssuer),
		jwt.WithAudience(DevIssuer),
		jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(),
		jwt.WithTimeFunc(g.now),
		jwt.WithJSONNumber(),
	)
	claims := jwt.MapClaims{}
	if _, err := parser.ParseWithClaims(token, claims, func(*jwt.Token) (any, error) { return g.secret, nil }); err != nil {
		return nil, challenge(err), err
	}
	return renderClaims(claims), "", nil
}

// challenge words the www-authenticate header after API Gateway's.
func challenge(err error) string {
	desc := "the token is invalid"
	switch {
	case errors.Is(err, jwt.ErrTokenExpired):
		desc = "the token has expired"
	case errors.Is(err, jwt.ErrTokenInvalidAudience):
		desc = "the token does not have a valid audience"
	case errors.Is(err, jwt.ErrTokenInvalidIssuer):
		desc = "the token does not have a valid issuer"
	}
	return `Bearer scope="" error="invalid_token" error_description="` + desc + `"`
}

// renderClaims turns claims into the strings API Gateway passes to the
// function: strings as they are, numbers as their decimal text, booleans as
// true or false, arrays as "[a b]" (bracketed, space-separated), objects as
// compact JSON. Null claims are left out.
func renderClaims(claims jwt.MapClaims) map[string]string {
	out := make(map[string]string, len(claims))
	for k, v := range claims {
		if v == nil {
			continue
		}
		out[k] = renderClaim(v)
	}
	return out
}

func renderClaim(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	case []any:
		parts := make([]string, 0, len(v))
		for _, e := range v {
			if e != nil {
				parts = append(parts, renderClaim(e))
			}
		}
		return "[" + strings.Join(parts, " ") + "]"
	default:
		b, _ := json.Marshal(v)
		return string(b)
	}
}

// LoadOrCreateSecret returns the development secret stored in path, creating
// it (32 random bytes, hex, mode 0600, its directory 0700) when there is none,
// so that tokens stay valid across restarts.
func LoadOrCreateSecret(path string) ([]byte, error) {
	if secret, err := readSecret(path); !errors.Is(err, fs.ErrNotExist) {
		return secret, err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, fmt.Errorf("localgw: create secret directory: %w", err)
	}
	secret := make([]byte, MinSecretBytes)
	if _, err := rand.Read(secret); err != nil {
		return nil, fmt.Errorf("localgw: make secret: %w", err)
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return readSecret(path) // another process made it first
	}
	if err != nil {
		return nil, fmt.Errorf("localgw: create secret file: %w", err)
	}
	_, werr := f.WriteString(hex.EncodeToString(secret) + "\n")
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		_ = os.Remove(path)
		return nil, fmt.Errorf("localgw: write secret file: %w", werr)
	}
	return secret, nil
}

func readSecret(path string) ([]byte, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("localgw: read secret file: %w", err)
	}
	secret, err := hex.DecodeString(strings.TrimSpace(string(b)))
	if err != nil {
		return nil, fmt.Errorf("localgw: secret file %s is not hex: %w", path, err)
	}
	if len(secret) < MinSecretBytes {
		return nil, fmt.Errorf("localgw: secret file %s holds %d bytes, want at least %d", path, len(secret), MinSecretBytes)
	}
	return secret, nil
}
