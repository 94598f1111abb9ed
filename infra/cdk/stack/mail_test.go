package stack_test

import (
	"strings"
	"testing"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
)

// TestMailEvents (issue 8, items 2 and 6): SES bounce and complaint events
// of the configuration set the sender sends with reach the function
// mail-events through an SNS topic only SES may publish to, and an outbox
// item failing for good is counted and raises an alarm.
func TestMailEvents(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		sender := s.function(t, registry.OutboxSender)
		configSet := refTo(sender.Props["Environment"].(map[string]any)["Variables"].(map[string]any)["SES_CONFIGURATION_SET"])
		if s.resource(configSet).Type != "AWS::SES::ConfigurationSet" {
			t.Fatalf("the sender's SES_CONFIGURATION_SET is %q, want the stack's configuration set", configSet)
		}
		dests := s.resources("AWS::SES::ConfigurationSetEventDestination")
		if len(dests) != 1 {
			t.Fatalf("event destinations: got %d, want 1", len(dests))
		}
		d := dests[0].Props
		if refTo(d["ConfigurationSetName"]) != configSet {
			t.Errorf("event destination of %v, want the sender's configuration set", d["ConfigurationSetName"])
		}
		ed := d["EventDestination"].(map[string]any)
		if got := strings.Join(strs(ed["MatchingEventTypes"]), ","); got != "bounce,complaint" || ed["Enabled"] != true {
			t.Errorf("events: got %s (enabled %v), want bounce,complaint, enabled", got, ed["Enabled"])
		}
		topic := refTo(ed["SnsDestination"].(map[string]any)["TopicARN"])
		if s.resource(topic).Type != "AWS::SNS::Topic" {
			t.Fatalf("destination: got %v, want an SNS topic", ed["SnsDestination"])
		}

		fn := s.function(t, registry.MailEvents).ID
		var subscribed bool
		for _, sub := range s.resources("AWS::SNS::Subscription") {
			if refTo(sub.Props["TopicArn"]) == topic && sub.Props["Protocol"] == "lambda" && refTo(sub.Props["Endpoint"]) == fn {
				subscribed = true
			}
		}
		if !subscribed {
			t.Errorf("mail-events is not subscribed to the SES events topic")
		}
		var invokable bool
		for _, p := range s.resources("AWS::Lambda::Permission") {
			if refTo(p.Props["FunctionName"]) == fn && p.Props["Principal"] == "sns.amazonaws.com" && refTo(p.Props["SourceArn"]) == topic {
				invokable = true
			}
		}
		if !invokable {
			t.Errorf("the topic may not invoke mail-events")
		}
		var sesOnly bool
		for _, p := range s.resources("AWS::SNS::TopicPolicy") {
			if len(list(p.Props["Topics"])) != 1 || refTo(list(p.Props["Topics"])[0]) != topic {
				continue
			}
			for _, st := range list(p.Props["PolicyDocument"].(map[string]any)["Statement"]) {
				st := st.(map[string]any)
				pr, _ := st["Principal"].(map[string]any)
				cond, _ := st["Condition"].(map[string]any)
				if st["Effect"] == "Allow" && pr["Service"] == "ses.amazonaws.com" && st["Action"] == "sns:Publish" &&
					cond["StringEquals"] != nil && cond["ArnLike"] != nil {
					sesOnly = true
				}
			}
		}
		if !sesOnly {
			t.Errorf("no topic policy letting SES (of this account and configuration set) publish")
		}

		t.Run("failed outbox items are counted from the sender's log and alarm", func(t *testing.T) {
			filters := s.resources("AWS::Logs::MetricFilter")
			var found bool
			for _, f := range filters {
				if refTo(f.Props["LogGroupName"]) != refTo(sender.Props["LoggingConfig"].(map[string]any)["LogGroup"]) {
					continue
				}
				pattern, _ := f.Props["FilterPattern"].(string)
				for _, m := range list(f.Props["MetricTransformations"]) {
					m := m.(map[string]any)
					if m["MetricName"] == stack.OutboxFailedMetric && m["MetricNamespace"] == stack.MetricNamespace &&
						strings.Contains(pattern, `$.msg = "`+outbox.FailedMessage+`"`) {
						found = true
					}
				}
			}
			if !found {
				t.Errorf("no metric filter counting %q in the sender's log: %v", outbox.FailedMessage, filters)
			}
			var alarmed bool
			for _, a := range s.resources("AWS::CloudWatch::Alarm") {
				if a.Props["MetricName"] == stack.OutboxFailedMetric && a.Props["Namespace"] == stack.MetricNamespace &&
					a.Props["Threshold"] == float64(1) && a.Props["Statistic"] == "Sum" {
					alarmed = true
				}
			}
			if !alarmed {
				t.Errorf("no alarm on %s", stack.OutboxFailedMetric)
			}
		})
	})
}
