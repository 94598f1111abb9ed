package boot_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
)

func TestConfigFromEnv(t *testing.T) {
	clear := func(t *testing.T) {
		for _, k := range []string{"TABLE_NAME", "OUTBOX_KEY", "OUTBOX_KEY_SECRET_ARN", "MAILER", "MAIL_DIR", "LOG_LEVEL"} {
			t.Setenv(k, "")
		}
		t.Setenv("TABLE_NAME", "brana")
	}
	t.Run("a function that seals nothing starts without the outbox key", func(t *testing.T) {
		clear(t)
		cfg, err := boot.ConfigFromEnv()
		if err != nil {
			t.Fatalf("got %v, want no error", err)
		}
		// ... and one that needs it does not.
		if _, err := awssecret.OutboxKey(context.Background(), &boot.Env{Config: cfg}); err == nil || !strings.Contains(err.Error(), "OUTBOX_KEY") {
			t.Errorf("outbox key without one: got %v, want an error naming OUTBOX_KEY", err)
		}
	})
	t.Run("OUTBOX_KEY is read when set", func(t *testing.T) {
		clear(t)
		key := make([]byte, 32)
		key[0] = 7
		t.Setenv("OUTBOX_KEY", base64.StdEncoding.EncodeToString(key))
		cfg, err := boot.ConfigFromEnv()
		if err != nil {
			t.Fatal(err)
		}
		got, err := awssecret.OutboxKey(context.Background(), &boot.Env{Config: cfg})
		if err != nil || len(got) != 32 || got[0] != 7 {
			t.Errorf("got %v, %v, want the key", got, err)
		}
	})
	t.Run("malformed settings are refused", func(t *testing.T) {
		for k, v := range map[string]string{"OUTBOX_KEY": "c2hvcnQ=", "MAILER": "smtp", "LOG_LEVEL": "LOUD", "TABLE_NAME": ""} {
			t.Run(k, func(t *testing.T) {
				clear(t)
				t.Setenv(k, v)
				if _, err := boot.ConfigFromEnv(); err == nil || !strings.Contains(err.Error(), k) {
					t.Errorf("%s=%q: got %v, want an error naming %s", k, v, err, k)
				}
			})
		}
	})
}
