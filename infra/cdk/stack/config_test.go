package stack_test

import (
	"strings"
	"testing"

	"github.com/mpsv/brana/infra/cdk/stack"
)

func TestConfig(t *testing.T) {
	base := func() map[string]any {
		return map[string]any{
			stack.ContextStages: map[string]any{
				"dev": map[string]any{
					"frontDoorOrigin": "https://brana-dev.example.invalid", "senderEmail": "brana@example.invalid",
				},
				"prod": map[string]any{
					"frontDoorOrigin": "https://brana.mpsv.test", "senderEmail": "brana@mpsv.test",
					"alarmEmail": "ops@mpsv.test",
				},
			},
		}
	}
	get := func(ctx map[string]any) func(string) any { return func(k string) any { return ctx[k] } }
	noEnv := func(string) string { return "" }

	t.Run("dev is the default stage, in eu-central-1", func(t *testing.T) {
		c, err := stack.FromContext(get(base()), noEnv, "")
		if err != nil {
			t.Fatal(err)
		}
		if c.Stage != "dev" || c.Region != "eu-central-1" || c.SESIdentity != "example.invalid" {
			t.Errorf("got stage %s region %s identity %s, want dev eu-central-1 example.invalid", c.Stage, c.Region, c.SESIdentity)
		}
	})
	t.Run("the environment overrides -c, which overrides cdk.json", func(t *testing.T) {
		ctx := base()
		ctx["stage"] = "prod"
		ctx["brana:alarmEmail"] = "context@mpsv.test"
		c, err := stack.FromContext(get(ctx), noEnv, "")
		if err != nil || c.AlarmEmail != "context@mpsv.test" {
			t.Errorf("got %q (%v), want context@mpsv.test", c.AlarmEmail, err)
		}
		env := map[string]string{"BRANA_ALARM_EMAIL": "env@mpsv.test", "BRANA_FRONT_DOOR_ORIGIN": "https://brana.gov.test"}
		c, err = stack.FromContext(get(ctx), func(k string) string { return env[k] }, "")
		if err != nil || c.AlarmEmail != "env@mpsv.test" || c.FrontDoorOrigin != "https://brana.gov.test" {
			t.Errorf("got %q %q (%v), want the environment's", c.AlarmEmail, c.FrontDoorOrigin, err)
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
		{"refuses an origin with a path", func(ctx map[string]any) { ctx["brana:frontDoorOrigin"] = "https://brana.mpsv.test/app" }, nil, "frontDoorOrigin"},
		{"refuses plain http outside dev localhost", func(ctx map[string]any) { ctx["brana:frontDoorOrigin"] = "http://brana.mpsv.test" }, nil, "frontDoorOrigin"},
		{"refuses a sender outside its SES identity", func(ctx map[string]any) { ctx["brana:sesIdentity"] = "other.test" }, nil, "sesIdentity"},
		{"refuses a domain without a certificate", func(ctx map[string]any) { ctx["brana:apiDomain"] = "api.mpsv.test" }, nil, "go together"},
		{"refuses unknown keys in a stage", func(ctx map[string]any) {
			ctx[stack.ContextStages].(map[string]any)["dev"].(map[string]any)["alarmMail"] = "x@mpsv.test"
		}, nil, "unknown field"},
		{"a deployment refuses placeholder addresses", func(ctx map[string]any) { ctx[stack.ContextStrict] = "true" }, nil, "is a placeholder"},
		{"a deployment refuses no alarm e-mail, even in dev", func(ctx map[string]any) {
			ctx[stack.ContextStrict] = true
			ctx["brana:frontDoorOrigin"] = "https://brana-dev.mpsv.test"
			ctx["brana:senderEmail"] = "brana@mpsv.test"
		}, nil, "needs someone to receive its alarms"},
	}
	for _, c := range refusals {
		t.Run(c.name, func(t *testing.T) {
			ctx := base()
			c.edit(ctx)
			_, err := stack.FromContext(get(ctx), func(k string) string { return c.env[k] }, "")
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
			if _, err := stack.FromContext(get(ctx), noEnv, ""); err != nil {
				t.Errorf("%s: %v", st, err)
			}
			ctx[stack.ContextStrict] = "true"
			if _, err := stack.FromContext(get(ctx), noEnv, ""); err == nil {
				t.Errorf("%s: placeholders accepted for a deployment", st)
			}
		}
	})
}
