package boot_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/boot"
)

func TestOriginSecrets(t *testing.T) {
	ctx := context.Background()
	t.Run("an HTTP function cannot be configured without the origin check", func(t *testing.T) {
		// No setting switches it off: without a secret there is no
		// handler, and the function does not start.
		if _, err := boot.OriginSecrets(boot.Config{}); err == nil || !strings.Contains(err.Error(), "ORIGIN_SECRET_ARN or ORIGIN_SECRET") {
			t.Errorf("got %v, want an error naming both settings", err)
		}
		if _, err := boot.OriginSecrets(boot.Config{OriginSecret: "short"}); err == nil || !strings.Contains(err.Error(), "at least") {
			t.Errorf("a short ORIGIN_SECRET: got %v, want an error", err)
		}
	})
	t.Run("the environment is read", func(t *testing.T) {
		t.Setenv("TABLE_NAME", "brana")
		t.Setenv("ORIGIN_SECRET_ARN", "arn:aws:secretsmanager:eu-central-1:1:secret:origin")
		t.Setenv("ORIGIN_SECRET", "")
		cfg, err := boot.ConfigFromEnv()
		if err != nil || cfg.OriginSecretARN != "arn:aws:secretsmanager:eu-central-1:1:secret:origin" {
			t.Errorf("got %+v, %v", cfg, err)
		}
	})
	t.Run("ORIGIN_SECRET is the value itself", func(t *testing.T) {
		v := strings.Repeat("x", boot.OriginMinLength)
		read, err := boot.OriginSecrets(boot.Config{OriginSecret: v})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := read(ctx); err != nil || !slices.Equal(got, []string{v}) {
			t.Errorf("got %v, %v", got, err)
		}
	})
	t.Run("ORIGIN_SECRET_ARN is read through the Lambda extension, current and previous", func(t *testing.T) {
		t.Setenv("AWS_SESSION_TOKEN", "session-token")
		stages := map[string]string{"AWSCURRENT": "new-value", "AWSPREVIOUS": "old-value"}
		// The extension's documented interface: GET /secretsmanager/get
		// with the session token, answering GetSecretValue's JSON.
		ext := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.URL.Path != "/secretsmanager/get" || r.Header.Get("X-Aws-Parameters-Secrets-Token") != "session-token" || r.URL.Query().Get("secretId") != "arn:origin" {
				http.Error(w, "forbidden", http.StatusForbidden)
				return
			}
			v, ok := stages[r.URL.Query().Get("versionStage")]
			if !ok {
				http.Error(w, "ResourceNotFoundException", http.StatusBadRequest)
				return
			}
			_ = json.NewEncoder(w).Encode(map[string]any{"ARN": "arn:origin", "SecretString": v, "VersionStages": []string{r.URL.Query().Get("versionStage")}})
		}))
		defer ext.Close()
		read := boot.ExtensionSecret(ext.URL, "arn:origin")
		if got, err := read(ctx); err != nil || !slices.Equal(got, []string{"new-value", "old-value"}) {
			t.Errorf("got %v, %v, want the current and the previous value", got, err)
		}
		delete(stages, "AWSPREVIOUS") // never rotated
		if got, err := read(ctx); err != nil || !slices.Equal(got, []string{"new-value", ""}) {
			t.Errorf("without a previous value: got %v, %v", got, err)
		}
		delete(stages, "AWSCURRENT")
		if _, err := read(ctx); err == nil {
			t.Error("without a current value: no error")
		}
		t.Setenv("AWS_SESSION_TOKEN", "another")
		if _, err := read(ctx); err == nil {
			t.Error("refused by the extension: no error")
		}
	})
	t.Run("the extension's port is the one the layer is configured with", func(t *testing.T) {
		ext := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = json.NewEncoder(w).Encode(map[string]any{"SecretString": "v"})
		}))
		defer ext.Close()
		t.Setenv("PARAMETERS_SECRETS_EXTENSION_HTTP_PORT", ext.URL[strings.LastIndex(ext.URL, ":")+1:])
		read, err := boot.OriginSecrets(boot.Config{OriginSecretARN: "arn:origin", OriginSecret: strings.Repeat("x", 40)})
		if err != nil {
			t.Fatal(err)
		}
		if got, err := read(ctx); err != nil || got[0] != "v" {
			t.Errorf("got %v, %v, want the extension's value (the ARN wins over ORIGIN_SECRET)", got, err)
		}
	})
}
