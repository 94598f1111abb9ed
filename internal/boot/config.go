package boot

import (
	"encoding/base64"
	"fmt"
	"log/slog"
	"os"
	"strings"
)

// Config is read from the environment.
type Config struct {
	TableName        string // TABLE_NAME
	DynamoDBEndpoint string // DYNAMODB_ENDPOINT: DynamoDB Local; empty in the cloud
	Region           string // AWS_REGION
	PublicBaseURL    string // PUBLIC_BASE_URL: the front door, for manage links
	MailFrom         string // MAIL_FROM: the sender address
	MailFromName     string // MAIL_FROM_NAME
	Mailer           string // MAILER: "file" (local .eml files) or "ses"
	MailDir          string // MAIL_DIR: where "file" writes
	SESConfigSet     string // SES_CONFIGURATION_SET (optional)
	// The outbox key seals manage links in the outbox. Only the functions
	// that seal or open them need it (registry.OutboxKey), and they fail to
	// start without it; see internal/boot/outboxkey.
	OutboxKey       []byte // OUTBOX_KEY: base64 of 32 bytes (local stack, tests)
	OutboxKeySecret string // OUTBOX_KEY_SECRET_ARN: in the cloud, a Secrets Manager secret the key is derived from
	// The origin secret is the value of the header CloudFront adds to the
	// requests it forwards to the API (httpapi.OriginHeader). Every HTTP
	// function refuses a request without it, and fails to start without
	// one of these; there is no setting that switches the check off. See
	// OriginSecrets.
	OriginSecretARN string // ORIGIN_SECRET_ARN: in the cloud, a Secrets Manager secret (current and previous value)
	OriginSecret    string // ORIGIN_SECRET: the value itself (the local stack, whose gateway sends it, and tests)
	LogLevel        slog.Level
}

// ConfigFromEnv reads the configuration; it fails on anything missing or
// malformed, so a function that cannot work does not start.
func ConfigFromEnv() (Config, error) {
	c := Config{
		TableName:        os.Getenv("TABLE_NAME"),
		DynamoDBEndpoint: os.Getenv("DYNAMODB_ENDPOINT"),
		Region:           envOr("AWS_REGION", "eu-central-1"),
		PublicBaseURL:    strings.TrimRight(envOr("PUBLIC_BASE_URL", "http://localhost:8080"), "/"),
		MailFrom:         envOr("MAIL_FROM", "brana@example.invalid"),
		MailFromName:     envOr("MAIL_FROM_NAME", "Brána – MPSV"),
		Mailer:           envOr("MAILER", "ses"),
		MailDir:          os.Getenv("MAIL_DIR"),
		SESConfigSet:     os.Getenv("SES_CONFIGURATION_SET"),
		OutboxKeySecret:  os.Getenv("OUTBOX_KEY_SECRET_ARN"),
		OriginSecretARN:  os.Getenv("ORIGIN_SECRET_ARN"),
		OriginSecret:     os.Getenv("ORIGIN_SECRET"),
	}
	var problems []string
	if c.TableName == "" {
		problems = append(problems, "TABLE_NAME is not set")
	}
	if v := os.Getenv("OUTBOX_KEY"); v != "" && c.OutboxKeySecret == "" {
		key, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(key) != 32 {
			problems = append(problems, "OUTBOX_KEY must be base64 of 32 bytes")
		}
		c.OutboxKey = key
	}
	switch c.Mailer {
	case "ses":
	case "file":
		if c.MailDir == "" {
			problems = append(problems, "MAIL_DIR is required with MAILER=file")
		}
	default:
		problems = append(problems, fmt.Sprintf("MAILER must be ses or file, not %q", c.Mailer))
	}
	if err := c.LogLevel.UnmarshalText([]byte(envOr("LOG_LEVEL", "INFO"))); err != nil {
		problems = append(problems, "LOG_LEVEL must be DEBUG, INFO, WARN or ERROR")
	}
	if len(problems) > 0 {
		return c, fmt.Errorf("configuration: %s", strings.Join(problems, "; "))
	}
	return c, nil
}

func envOr(name, def string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return def
}
