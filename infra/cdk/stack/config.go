// Package stack is Brána's AWS CDK stack: the DynamoDB table (declared from
// dynamo.Spec), one Lambda function per functions/<fn>, the HTTP API
// generated from routes.Table with a Cognito JWT authorizer on the staff
// routes, the outbox stream and schedules, alarms, and least-privilege IAM;
// the public web front door in front of it (web.go: web/dist in a private
// S3 bucket behind CloudFront, with the API at /v1/* on the same origin);
// and the front door's two small stacks in us-east-1 (edge.go: the WAF web
// ACL, the alarms on CloudFront's metrics). infra/cdk/main.go synthesises
// them; the tests (stack_test.go, web_test.go) prove them offline.
package stack

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/mail"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Stages the stack knows. They differ in what survives a stack deletion,
// log retention and log level; both are otherwise the same system.
const (
	StageDev  = "dev"
	StageProd = "prod"
)

// DefaultRegion keeps the data in the EU (Frankfurt).
const DefaultRegion = "eu-central-1"

// Context keys (cdk.json "context", or `-c key=value` on the CDK CLI).
const (
	// ContextStage selects the stage: `-c stage=prod`.
	ContextStage = "stage"
	// ContextStages holds one object of settings per stage.
	ContextStages = "brana:stages"
	// ContextStrict, set by `make deploy`, refuses placeholder addresses.
	ContextStrict = "brana:strict"
)

// Throttle is an API Gateway rate (requests per second, steady) and burst.
type Throttle struct {
	Rate  float64 `json:"rate"`
	Burst float64 `json:"burst"`
}

// Config is everything that differs between deployments. Every field can
// come from the stage's entry in cdk.json (key = the json name), from
// `-c brana:<key>=value`, or from the environment (BRANA_<KEY> in upper
// snake case, e.g. BRANA_ALARM_EMAIL); the environment wins, then `-c`.
type Config struct {
	Stage   string `json:"-"`
	Account string `json:"account"` // optional; CDK_DEFAULT_ACCOUNT otherwise
	Region  string `json:"region"`  // an EU region; eu-central-1 by default

	// FrontDoorDomain (optional) is the host name the public front door is
	// served on (brana.mpsv.cz), with the ACM certificate
	// FrontDoorCertificateARN, which CloudFront requires in us-east-1.
	// Without it the front door is the distribution's own
	// https://<id>.cloudfront.net. Either way that origin is the base of
	// manage links in e-mails (PUBLIC_BASE_URL) and where the staff sign-in
	// returns to: see Config.FrontDoorOrigin and frontDoor in web.go.
	FrontDoorDomain         string `json:"frontDoorDomain"`
	FrontDoorCertificateARN string `json:"frontDoorCertificateArn"`
	// SenderEmail is the From address of every e-mail (MAIL_FROM).
	SenderEmail string `json:"senderEmail"`
	SenderName  string `json:"senderName"`
	// SESIdentity is the verified SES identity the sender belongs to: the
	// domain of SenderEmail by default, or the address itself. Sending is
	// allowed for this identity only.
	SESIdentity string `json:"sesIdentity"`
	// AlarmEmail receives every alarm (an SNS e-mail subscription); required
	// in prod.
	AlarmEmail string `json:"alarmEmail"`
	// CognitoDomainPrefix is the staff sign-in domain
	// (<prefix>.auth.<region>.amazoncognito.com); unique per region.
	CognitoDomainPrefix string `json:"cognitoDomainPrefix"`
	// APIDomain (optional) serves the API on a custom domain with the ACM
	// certificate APICertificateARN (same region); the default
	// execute-api endpoint is then switched off.
	APIDomain         string `json:"apiDomain"`
	APICertificateARN string `json:"apiCertificateArn"`

	// OriginSecretVersion (optional) is the version id of the origin
	// secret CloudFront sends to the API: set it to a new version's id to
	// deploy a rotated value (docs/deploy.md). Empty: the current one.
	OriginSecretVersion string `json:"originSecretVersion"`

	// ReportsNoticeTo lists who gets the e-mail that a month's report is
	// ready (REPORTS_NOTICE_TO of report-compile): a JSON list in the
	// stage's entry, or comma-separated in `-c brana:reportsNoticeTo=…`
	// and BRANA_REPORTS_NOTICE_TO. Empty (the default): no notice.
	ReportsNoticeTo []string `json:"reportsNoticeTo"`

	// Throttling of the API's $default stage, and of the public POST
	// routes (routes.ThrottlePublicWrite).
	DefaultThrottle     Throttle `json:"defaultThrottle"`
	PublicWriteThrottle Throttle `json:"publicWriteThrottle"`

	// AssetDir holds build/<fn>/bootstrap for every function (make build).
	AssetDir string `json:"-"`
	// WebDir is the front door's build output (web/dist), copied
	// to the web bucket on deployment. Empty or absent: the stack still
	// synthesises, without the copy and with a warning; a deployment
	// (strict) refuses.
	WebDir string `json:"-"`
}

// FrontDoorOrigin is https://<FrontDoorDomain>, or "" when the front door
// has no domain of its own and is the distribution's cloudfront.net name,
// known only once CloudFormation creates it (a token in the stack).
func (c Config) FrontDoorOrigin() string {
	if c.FrontDoorDomain == "" {
		return ""
	}
	return "https://" + c.FrontDoorDomain
}

// CognitoHost is the origin of the staff user pool's Hosted UI (its
// sign-in, token, revocation and sign-out endpoints):
// https://<cognitoDomainPrefix>.auth.<region>.amazoncognito.com.
func (c Config) CognitoHost() string {
	return fmt.Sprintf("https://%s.auth.%s.amazoncognito.com", c.CognitoDomainPrefix, c.Region)
}

// WebBuildHint says how web/dist is made.
const WebBuildHint = "build it with `cd web && npm ci && npm run build` (make synth and make deploy do)"

// frontDoorOriginMoved explains a setting earlier versions of the stack
// took: the front door is now the stack's own CloudFront distribution.
const frontDoorOriginMoved = "frontDoorOrigin is gone: the front door is now the stack's CloudFront distribution; " +
	"set frontDoorDomain and frontDoorCertificateArn (us-east-1) for a domain of your own, or nothing for the distribution's cloudfront.net name (docs/deploy.md)"

// Prod reports whether this is the production stage.
func (c Config) Prod() bool { return c.Stage == StageProd }

// StackName is the CloudFormation stack name.
func (c Config) StackName() string { return "brana-" + c.Stage }

// Defaults are the settings a stage gets unless told otherwise.
func Defaults(stage string) Config {
	return Config{
		Stage:      stage,
		Region:     DefaultRegion,
		SenderName: "Brána – MPSV",
		// A programme of this size sees a few requests a minute; these
		// limits are far above that and far below what could run up a bill.
		DefaultThrottle: Throttle{Rate: 50, Burst: 100},
		// Public writes (book, reschedule, cancel) cost a transaction and
		// e-mails each; 10/s is 36,000 bookings an hour.
		PublicWriteThrottle: Throttle{Rate: 10, Burst: 20},
		CognitoDomainPrefix: "brana-" + stage,
	}
}

// FromContext reads the configuration of the selected stage. get returns a
// context value (nil when absent) as the CDK app holds it; env is usually
// os.Getenv.
func FromContext(get func(key string) any, env func(string) string, assetDir, webDir string) (Config, error) {
	stage := env("BRANA_STAGE")
	if stage == "" {
		if s, ok := get(ContextStage).(string); ok {
			stage = s
		}
	}
	if stage == "" {
		stage = StageDev
	}
	if !slices.Contains([]string{StageDev, StageProd}, stage) {
		return Config{}, fmt.Errorf("stage %q: want %s or %s", stage, StageDev, StageProd)
	}
	c := Defaults(stage)
	c.AssetDir, c.WebDir = assetDir, webDir
	if v, _ := get("brana:frontDoorOrigin").(string); v != "" || env("BRANA_FRONT_DOOR_ORIGIN") != "" {
		return Config{}, fmt.Errorf("stage %s: %s", stage, frontDoorOriginMoved)
	}

	// The stage's entry in cdk.json, over the defaults.
	if stages := get(ContextStages); stages != nil {
		raw, err := json.Marshal(stages)
		if err != nil {
			return Config{}, fmt.Errorf("context %s: %w", ContextStages, err)
		}
		var all map[string]json.RawMessage
		if err := json.Unmarshal(raw, &all); err != nil {
			return Config{}, fmt.Errorf("context %s: %w", ContextStages, err)
		}
		if entry, ok := all[stage]; ok {
			dec := json.NewDecoder(strings.NewReader(string(entry)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&c); err != nil {
				if strings.Contains(err.Error(), `"frontDoorOrigin"`) {
					return Config{}, fmt.Errorf("context %s.%s: %s", ContextStages, stage, frontDoorOriginMoved)
				}
				return Config{}, fmt.Errorf("context %s.%s: %w", ContextStages, stage, err)
			}
		}
	}

	// Single values from `-c brana:<key>=…` and BRANA_<KEY>.
	for key, field := range c.stringFields() {
		if v, ok := get("brana:" + key).(string); ok && v != "" {
			*field = v
		}
		if v := env("BRANA_" + upperSnake(key)); v != "" {
			*field = v
		}
	}
	if v, ok := get("brana:reportsNoticeTo").(string); ok && v != "" {
		c.ReportsNoticeTo = splitList(v)
	}
	if v := env("BRANA_REPORTS_NOTICE_TO"); v != "" {
		c.ReportsNoticeTo = splitList(v)
	}
	if c.Account == "" {
		c.Account = env("CDK_DEFAULT_ACCOUNT")
	}
	if c.SESIdentity == "" {
		if at := strings.LastIndex(c.SenderEmail, "@"); at >= 0 {
			c.SESIdentity = c.SenderEmail[at+1:]
		}
	}
	strict := false
	switch v := get(ContextStrict).(type) {
	case bool:
		strict = v
	case string:
		strict = v == "true"
	}
	return c, c.Validate(strict)
}

func (c *Config) stringFields() map[string]*string {
	return map[string]*string{
		"account": &c.Account, "region": &c.Region,
		"frontDoorDomain": &c.FrontDoorDomain, "frontDoorCertificateArn": &c.FrontDoorCertificateARN,
		"senderEmail": &c.SenderEmail, "senderName": &c.SenderName, "sesIdentity": &c.SESIdentity,
		"alarmEmail": &c.AlarmEmail, "cognitoDomainPrefix": &c.CognitoDomainPrefix,
		"apiDomain": &c.APIDomain, "apiCertificateArn": &c.APICertificateARN,
		"originSecretVersion": &c.OriginSecretVersion,
	}
}

// splitList reads a comma-separated list, without blanks.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func upperSnake(key string) string {
	var b strings.Builder
	for i, r := range key {
		if r >= 'A' && r <= 'Z' && i > 0 {
			b.WriteByte('_')
		}
		b.WriteRune(r)
	}
	return strings.ToUpper(b.String())
}

// Validate checks the configuration; strict (a real deployment) also
// refuses the placeholder addresses cdk.json ships with.
func (c Config) Validate(strict bool) error {
	var problems []string
	if !strings.HasPrefix(c.Region, "eu-") {
		problems = append(problems, fmt.Sprintf("region %q: personal data stays in the EU, use an eu-* region", c.Region))
	}
	if c.FrontDoorDomain != "" {
		if u, err := url.Parse("https://" + c.FrontDoorDomain); err != nil || u.Host != c.FrontDoorDomain || u.Port() != "" ||
			!strings.Contains(c.FrontDoorDomain, ".") || strings.ToLower(c.FrontDoorDomain) != c.FrontDoorDomain {
			problems = append(problems, fmt.Sprintf("frontDoorDomain %q: want a lower-case host name such as brana.mpsv.cz (no scheme, port or path)", c.FrontDoorDomain))
		}
	}
	if (c.FrontDoorDomain == "") != (c.FrontDoorCertificateARN == "") {
		problems = append(problems, "frontDoorDomain and frontDoorCertificateArn go together")
	} else if c.FrontDoorCertificateARN != "" && !strings.HasPrefix(c.FrontDoorCertificateARN, "arn:aws:acm:us-east-1:") {
		problems = append(problems, fmt.Sprintf("frontDoorCertificateArn %q: CloudFront takes certificates from ACM in us-east-1 only (arn:aws:acm:us-east-1:…)", c.FrontDoorCertificateARN))
	}
	if a, err := mail.ParseAddress(c.SenderEmail); err != nil || a.Address != c.SenderEmail {
		problems = append(problems, fmt.Sprintf("senderEmail %q is not a plain e-mail address", c.SenderEmail))
	} else if c.SESIdentity != c.SenderEmail && !strings.HasSuffix(c.SenderEmail, "@"+c.SESIdentity) {
		problems = append(problems, fmt.Sprintf("sesIdentity %q: want senderEmail or its domain", c.SESIdentity))
	}
	if c.AlarmEmail == "" {
		if c.Prod() {
			problems = append(problems, "alarmEmail is required in prod")
		}
	} else if a, err := mail.ParseAddress(c.AlarmEmail); err != nil || a.Address != c.AlarmEmail {
		problems = append(problems, fmt.Sprintf("alarmEmail %q is not a plain e-mail address", c.AlarmEmail))
	}
	for _, to := range c.ReportsNoticeTo {
		if a, err := mail.ParseAddress(to); err != nil || a.Address != to {
			problems = append(problems, fmt.Sprintf("reportsNoticeTo: %q is not a plain e-mail address", to))
		}
	}
	if c.CognitoDomainPrefix == "" || strings.Contains(strings.ToLower(c.CognitoDomainPrefix), "aws") ||
		strings.Contains(strings.ToLower(c.CognitoDomainPrefix), "cognito") {
		problems = append(problems, fmt.Sprintf("cognitoDomainPrefix %q: required, and Cognito forbids aws/cognito in it", c.CognitoDomainPrefix))
	}
	if (c.APIDomain == "") != (c.APICertificateARN == "") {
		problems = append(problems, "apiDomain and apiCertificateArn go together")
	}
	if c.DefaultThrottle.Rate <= 0 || c.DefaultThrottle.Burst <= 0 || c.PublicWriteThrottle.Rate <= 0 || c.PublicWriteThrottle.Burst <= 0 {
		problems = append(problems, "throttle rates and bursts must be positive")
	}
	if c.PublicWriteThrottle.Rate > c.DefaultThrottle.Rate || c.PublicWriteThrottle.Burst > c.DefaultThrottle.Burst {
		problems = append(problems, "publicWriteThrottle must be tighter than defaultThrottle")
	}
	if strict {
		for _, kv := range [][2]string{{"frontDoorDomain", c.FrontDoorDomain}, {"senderEmail", c.SenderEmail}, {"alarmEmail", c.AlarmEmail}} {
			if key, v := kv[0], kv[1]; isPlaceholder(v) {
				problems = append(problems, fmt.Sprintf("%s %q is a placeholder: set it in cdk.json, with -c brana:%s=… or BRANA_%s", key, v, key, upperSnake(key)))
			}
		}
		if c.AlarmEmail == "" {
			problems = append(problems, "alarmEmail: a deployment needs someone to receive its alarms")
		}
	}
	if c.AssetDir != "" {
		if _, err := os.Stat(c.AssetDir); err != nil {
			problems = append(problems, fmt.Sprintf("asset directory %s: %v (run `make build`)", c.AssetDir, err))
		}
	}
	switch web, err := c.WebBuilt(); {
	case err != nil:
		problems = append(problems, err.Error())
	case !web && strict:
		problems = append(problems, fmt.Sprintf("the front door is not built (no %s): a deployment would serve no web pages; %s", filepath.Join(c.WebDir, "index.html"), WebBuildHint))
	}
	if len(problems) > 0 {
		return fmt.Errorf("stage %s: %s", c.Stage, strings.Join(problems, "; "))
	}
	return nil
}

// isPlaceholder spots the reserved example domains (RFC 2606) cdk.json uses.
func isPlaceholder(v string) bool {
	v = strings.ToLower(v)
	for _, s := range []string{".invalid", ".example", "example.com", "example.org", "example.net"} {
		if strings.Contains(v, s) {
			return true
		}
	}
	return false
}

// WebBuilt reports whether WebDir holds a built front door. A missing
// directory is no error (a fresh clone before the web is built); a directory
// without index.html is: a broken build must not be deployed.
func (c Config) WebBuilt() (bool, error) {
	if c.WebDir == "" {
		return false, nil
	}
	if _, err := os.Stat(c.WebDir); errors.Is(err, fs.ErrNotExist) {
		return false, nil
	} else if err != nil {
		return false, fmt.Errorf("web directory %s: %v", c.WebDir, err)
	}
	if _, err := os.Stat(filepath.Join(c.WebDir, "index.html")); err != nil {
		return false, fmt.Errorf("web directory %s has no index.html: %s", c.WebDir, WebBuildHint)
	}
	return true, nil
}

// BootstrapPath is where a function's binary must be.
func (c Config) BootstrapPath(fn string) string { return filepath.Join(c.AssetDir, fn, "bootstrap") }
