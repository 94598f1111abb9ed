package boot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"time"
)

// OriginMinLength is the shortest origin secret a function accepts; the
// CDK stack generates 48 characters.
const OriginMinLength = 32

// OriginSecrets returns what an HTTP function reads the origin header's
// accepted values from (httpapi.OriginGuard): the secret ORIGIN_SECRET_ARN
// names, through the AWS Parameters and Secrets Lambda Extension (the
// cloud), or the value ORIGIN_SECRET (the local stack, tests). Without
// either it fails, so an HTTP function without an origin check does not
// start.
func OriginSecrets(cfg Config) (func(context.Context) ([]string, error), error) {
	switch {
	case cfg.OriginSecretARN != "":
		port := os.Getenv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT")
		if port == "" {
			port = "2773"
		}
		return ExtensionSecret("http://localhost:"+port, cfg.OriginSecretARN), nil
	case len(cfg.OriginSecret) >= OriginMinLength:
		v := cfg.OriginSecret
		return func(context.Context) ([]string, error) { return []string{v}, nil }, nil
	case cfg.OriginSecret != "":
		return nil, fmt.Errorf("configuration: ORIGIN_SECRET must have at least %d characters", OriginMinLength)
	default:
		return nil, errors.New("configuration: ORIGIN_SECRET_ARN or ORIGIN_SECRET is required: an HTTP function answers only requests that carry the origin header")
	}
}

// ExtensionSecret reads a secret's current value (AWSCURRENT) and, after a
// rotation, its previous one (AWSPREVIOUS) through the AWS Parameters and
// Secrets Lambda Extension at base (a layer the CDK stack adds; it caches
// and calls Secrets Manager with the function's role). Plain HTTP on
// localhost: no Secrets Manager client is linked.
func ExtensionSecret(base, secretID string) func(context.Context) ([]string, error) {
	client := &http.Client{Timeout: 3 * time.Second}
	return func(ctx context.Context) ([]string, error) {
		current, err := extensionGet(ctx, client, base, secretID, "AWSCURRENT")
		if err != nil {
			return nil, err
		}
		// A secret that was never rotated has no AWSPREVIOUS; a failed read
		// of it only means the previous value is not accepted until the
		// next read.
		previous, _ := extensionGet(ctx, client, base, secretID, "AWSPREVIOUS")
		return []string{current, previous}, nil
	}
}

func extensionGet(ctx context.Context, client *http.Client, base, secretID, stage string) (string, error) {
	q := url.Values{"secretId": {secretID}, "versionStage": {stage}}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/secretsmanager/get?"+q.Encode(), nil)
	if err != nil {
		return "", err
	}
	req.Header.Set("X-Aws-Parameters-Secrets-Token", os.Getenv("AWS_SESSION_TOKEN"))
	resp, err := client.Do(req)
	if err != nil {
		return "", fmt.Errorf("secrets extension: %w", err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", fmt.Errorf("secrets extension: %w", err)
	}
	if resp.StatusCode != http.StatusOK {
		// The body names the secret and the error, never its value.
		return "", fmt.Errorf("secrets extension: %s %s: %s", stage, resp.Status, body)
	}
	var out struct {
		SecretString string
	}
	if err := json.Unmarshal(body, &out); err != nil {
		return "", fmt.Errorf("secrets extension: %s: %w", stage, err)
	}
	if out.SecretString == "" {
		return "", fmt.Errorf("secrets extension: %s: no SecretString", stage)
	}
	return out.SecretString, nil
}
