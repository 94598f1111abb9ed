package stack_test

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpsv/brana/infra/cdk/stack"
)

func TestConfig(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{
			stack.ContextStages: map[string]any{
				"dev": map[string]any{
					"senderEmail": "brana@example.invalid",
				},
				"prod": map[string]any{
					"frontDoorDomain": "brana.mpsv.test", "frontDoorCertificateArn": prodCert,
					"senderEmail": "brana@mpsv.test", "alarmEmail": "ops@mpsv.test",
				},
			},
		}
	}
	get := func(ctx map[string]any) func(string) any { return func(k string) any { return ctx[k] } }
	noEnv := func(string) string { return "" }

	t.Run("dev is the default stage, in eu-central-1", func(t *testing.T) {
		c, err := stack.FromContext(get(base()), noEnv, "", "")
		if err != nil {
			t.Fatal(err)
		}
		if c.Stage != "dev" || c.Region != "eu-central-1" || c.SESIdentity != "example.invalid" {
			t.Errorf("got stage %s region %s identity %s, want dev eu-central-1 example.invalid", c.Stage, c.Region, c.SESIdentity)
		}
	})
	t.Run("without a domain the front door's origin is left to the distribution", func(t *testing.T) {
		c, err := stack.FromContext(get(base()), noEnv, "", "")
		if err != nil || c.FrontDoorOrigin() != "" {
			t.Errorf("got %q (%v), want \"\" (the distribution's own domain, a token)", c.FrontDoorOrigin(), err)
		}
		ctx := base()
		ctx["stage"] = "prod"
		c, err = stack.FromContext(get(ctx), noEnv, "", "")
		if err != nil || c.FrontDoorOrigin() != "https://brana.mpsv.test" {
			t.Errorf("got %q (%v), want https://brana.mpsv.test", c.FrontDoorOrigin(), err)
		}
	})
	t.Run("the environment overrides -c, which overrides cdk.json", func(t *testing.T) {
		ctx := base()
		ctx["stage"] = "prod"
		ctx["brana:alarmEmail"] = "context@mpsv.test"
		c, err := stack.FromContext(get(ctx), noEnv, "", "")
		if err != nil || c.AlarmEmail != "context@mpsv.test" {
			t.Errorf("got %q (%v), want context@mpsv.test", c.AlarmEmail, err)
		}
		env := map[string]string{"BRANA_ALARM_EMAIL": "env@mpsv.test", "BRANA_FRONT_DOOR_DOMAIN": "brana.gov.test"}
		c, err = stack.FromContext(get(ctx), func(k string) string { return env[k] }, "", "")
		if err != nil || c.AlarmEmail != "env@mpsv.test" || c.FrontDoorOrigin() != "https://brana.gov.test" {
			t.Errorf("got %q %q (%v), want the environment's", c.AlarmEmail, c.FrontDoorOrigin(), err)
		}
	})
	refusals := []struct {
		name string
		edit func(ctx map[string]any)
		env  map[string]string
		want string
	}{
		{"refuses a region outside the EU", func(ctx map[string]any) { ctx["brana:region"] = "us-east-1" }, nil, "stays in the EU"},
		{"refuses an unknown stage", func(ctx map[string]any) { ctx["stage"] = "test" }, nil, "want dev or prod"},
		{"refuses prod without an alarm e-mail", func(ctx map[string]any) {
			ctx["stage"] = "prod"
			delete(ctx[stack.ContextStages].(map[string]any)["prod"].(map[string]any), "alarmEmail")
		}, nil, "alarmEmail is required in prod"},
		{"refuses a domain with a scheme", func(ctx map[string]any) {
			ctx["brana:frontDoorDomain"], ctx["brana:frontDoorCertificateArn"] = "https://brana.mpsv.test", prodCert
		}, nil, "frontDoorDomain"},
		{"refuses a domain with a path", func(ctx map[string]any) {
			ctx["brana:frontDoorDomain"], ctx["brana:frontDoorCertificateArn"] = "brana.mpsv.test/app", prodCert
		}, nil, "frontDoorDomain"},
		{"refuses a front-door domain without a certificate", func(ctx map[string]any) { ctx["brana:frontDoorDomain"] = "brana.mpsv.test" }, nil, "go together"},
		{"refuses a certificate outside us-east-1", func(ctx map[string]any) {
			ctx["brana:frontDoorDomain"] = "brana.mpsv.test"
			ctx["brana:frontDoorCertificateArn"] = "arn:aws:acm:eu-central-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"
		}, nil, "us-east-1 only"},
		{"explains the frontDoorOrigin that was", func(ctx map[string]any) {
			ctx[stack.ContextStages].(map[string]any)["dev"].(map[string]any)["frontDoorOrigin"] = "https://brana.mpsv.test"
		}, nil, "frontDoorOrigin is gone"},
		{"explains BRANA_FRONT_DOOR_ORIGIN that was", func(map[string]any) {}, map[string]string{"BRANA_FRONT_DOOR_ORIGIN": "https://brana.mpsv.test"}, "frontDoorOrigin is gone"},
		{"refuses a sender outside its SES identity", func(ctx map[string]any) { ctx["brana:sesIdentity"] = "other.test" }, nil, "sesIdentity"},
		{"refuses a domain without a certificate", func(ctx map[string]any) { ctx["brana:apiDomain"] = "api.mpsv.test" }, nil, "go together"},
		{"refuses unknown keys in a stage", func(ctx map[string]any) {
			ctx[stack.ContextStages].(map[string]any)["dev"].(map[string]any)["alarmMail"] = "x@mpsv.test"
		}, nil, "unknown field"},
		{"a deployment refuses placeholder addresses", func(ctx map[string]any) { ctx[stack.ContextStrict] = "true" }, nil, "is a placeholder"},
		{"a deployment refuses no alarm e-mail, even in dev", func(ctx map[string]any) {
			ctx[stack.ContextStrict] = true
			ctx["brana:senderEmail"] = "brana@mpsv.test"
		}, nil, "needs someone to receive its alarms"},
		{"a deployment refuses a placeholder front-door domain", func(ctx map[string]any) {
			ctx[stack.ContextStrict] = true
			ctx["stage"] = "prod"
			ctx[stack.ContextStages].(map[string]any)["prod"].(map[string]any)["frontDoorDomain"] = "brana.example.invalid"
		}, nil, `frontDoorDomain "brana.example.invalid" is a placeholder`},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			ctx := base()
			c.edit(ctx)
			_, err := stack.FromContext(get(ctx), func(k string) string { return c.env[k] }, "", "")
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("got %v, want an error about %q", err, c.want)
			}
		})
	}
	t.Run("the shipped cdk.json is valid for both stages and refused for a deployment", func(t *testing.T) {
		for _, st := range []string{"dev", "prod"} {
			ctx := map[string]any{}
			for k, v := range cdkJSON {
				ctx[k] = v
			}
			ctx["stage"] = st
			if _, err := stack.FromContext(get(ctx), noEnv, "", ""); err != nil {
				t.Errorf("%s: %v", st, err)
			}
			ctx[stack.ContextStrict] = "true"
			if _, err := stack.FromContext(get(ctx), noEnv, "", webDir); err == nil {
				t.Errorf("%s: placeholders accepted for a deployment", st)
			}
		}
	})
}

// prodCert is an ACM certificate ARN of the right form (us-east-1).
const prodCert = "arn:aws:acm:us-east-1:111111111111:certificate/00000000-0000-0000-0000-000000000000"

func TestConfigWebBuild(t *testing.T) {
	ready := func() map[string]any {
		return map[string]any{
			"stage": "prod",
			stack.ContextStages: map[string]any{"prod": map[string]any{
				"frontDoorDomain": "brana.mpsv.test", "frontDoorCertificateArn": prodCert,
				"senderEmail": "brana@mpsv.test", "alarmEmail": "ops@mpsv.test",
			}},
		}
	}
	get := func(ctx map[string]any) func(string) any { return func(k string) any { return ctx[k] } }
	noEnv := func(string) string { return "" }
	missing := filepath.Join(t.TempDir(), "dist")
	broken := t.TempDir() // no index.html
	cases := []struct {
		name   string
		strict bool
		web    string
		want   string // "" for no error
	}{
		{"a synthesis without a web build is fine", false, missing, ""},
		{"a deployment without a web build is refused", true, missing, "the front door is not built"},
		{"a deployment with the web build goes ahead", true, webDir, ""},
		{"a web build without index.html is refused, even for a synthesis", false, broken, "has no index.html"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctx := ready()
			if c.strict {
				ctx[stack.ContextStrict] = "true"
			}
			_, err := stack.FromContext(get(ctx), noEnv, "", c.web)
			switch {
			case c.want == "" && err != nil:
				t.Errorf("got %v, want no error", err)
			case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
				t.Errorf("got %v, want an error about %q", err, c.want)
			}
		})
	}
}
