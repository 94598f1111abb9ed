package stack

// The mail part of issue 8 (kept apart from the front door's changes to
// this stack): SES bounce and complaint events reach the function
// "mail-events" through an SNS topic, and an e-mail that fails for good
// raises an alarm.

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsses"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/registry"
)

// OutboxFailedMetric is the metric an outbox item failing for good counts
// in, namespace MetricNamespace.
const (
	MetricNamespace    = "Brana"
	OutboxFailedMetric = "OutboxFailed"
)

// mail wires the SES events of the configuration set the sender sends with
// (SES_CONFIGURATION_SET) to the functions with an SNS trigger, and the
// outbox failure alarm. It runs after functions().
func (b *builder) mail() {
	for _, f := range registry.Functions() {
		if f.Topic == nil {
			continue
		}
		topic := awssns.NewTopic(b.st, jsii.String(pascal(f.Name)+"Topic"), &awssns.TopicProps{
			DisplayName: jsii.String("Brána " + b.cfg.Stage + ": " + f.Topic.What),
			EnforceSSL:  jsii.Bool(true),
		})
		// Only SES, and only for this account's configuration set,
		// publishes to it (no confused deputy).
		topic.AddToResourcePolicy(awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Sid:        jsii.String("SESPublishesMailEvents"),
			Principals: &[]awsiam.IPrincipal{awsiam.NewServicePrincipal(jsii.String("ses.amazonaws.com"), nil)},
			Actions:    jsii.Strings("sns:Publish"),
			Resources:  &[]*string{topic.TopicArn()},
			Conditions: &map[string]any{
				"StringEquals": map[string]any{"AWS:SourceAccount": b.st.Account()},
				"ArnLike": map[string]any{"AWS:SourceArn": b.st.FormatArn(&awscdk.ArnComponents{
					Service: jsii.String("ses"), Resource: jsii.String("configuration-set"), ResourceName: b.mailConfig.ConfigurationSetName(),
				})},
			},
		}))
		awsses.NewConfigurationSetEventDestination(b.st, jsii.String(pascal(f.Name)+"Destination"), &awsses.ConfigurationSetEventDestinationProps{
			ConfigurationSet: b.mailConfig,
			Destination:      awsses.EventDestination_SnsTopic(topic),
			Events:           &[]awsses.EmailSendingEvent{awsses.EmailSendingEvent_BOUNCE, awsses.EmailSendingEvent_COMPLAINT},
			Enabled:          jsii.Bool(true),
		})
		topic.AddSubscription(awssnssubscriptions.NewLambdaSubscription(b.fns[f.Name], nil))
	}

	// Every item that fails for good logs outbox.FailedMessage (JSON,
	// field msg); a metric filter counts the lines and the alarm fires on
	// the first in five minutes. The line carries the reason (attempts,
	// rejected, suppressed, cap, template …), never the recipient.
	filter := awslogs.NewMetricFilter(b.st, jsii.String("OutboxFailedFilter"), &awslogs.MetricFilterProps{
		LogGroup:        b.fns[registry.OutboxSender].LogGroup(),
		FilterPattern:   awslogs.FilterPattern_StringValue(jsii.String("$.msg"), jsii.String("="), jsii.String(outbox.FailedMessage)),
		MetricNamespace: jsii.String(MetricNamespace),
		MetricName:      jsii.String(OutboxFailedMetric),
		MetricValue:     jsii.String("1"),
		Unit:            awscloudwatch.Unit_COUNT,
	})
	b.alarm("OutboxFailed", "an e-mail failed for good and will not be sent (its log line in outbox-sender says why: "+
		"a permanent SES error, a suppressed or over-cap recipient, or every attempt failed)",
		filter.Metric(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Sum")}), 1)
}
