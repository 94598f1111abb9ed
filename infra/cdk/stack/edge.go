package stack

import (
	"fmt"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssnssubscriptions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awswafv2"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
)

// EdgeRegion is where AWS keeps what belongs to CloudFront: web ACLs of
// scope CLOUDFRONT, CloudFront's metrics (so alarms on them), and the ACM
// certificates of distributions.
//
// The front door so spans three stacks of one stage, deployed in this
// order (the CDK CLI follows the dependencies):
//
//  1. brana-<stage>-waf (us-east-1): the web ACL.
//  2. brana-<stage> (the stage's EU region): everything else, the
//     distribution included (CloudFront is global; its logs, bucket and the
//     data stay in the EU). It reads the web ACL's ARN from 1.
//  3. brana-<stage>-edge-alarms (us-east-1): the alarms on CloudFront's
//     metrics and their own SNS topic (an alarm notifies a topic of its own
//     region). It reads the distribution's id from 2.
//
// 1 and 3 cannot be one stack: 2 needs the web ACL before it creates the
// distribution, the alarms need the distribution, which would be a cycle.
// The ARN and the id cross regions by CDK's cross-region references (SSM
// parameters written by a small custom resource in the producing stack).
const EdgeRegion = "us-east-1"

// WAFStackName and EdgeAlarmsStackName name the us-east-1 stacks.
func (c Config) WAFStackName() string        { return c.StackName() + "-waf" }
func (c Config) EdgeAlarmsStackName() string { return c.StackName() + "-edge-alarms" }

// Per-IP rate limits of the web ACL, per 5 minutes (WAF's window). A
// booking is a few dozen requests (pages, assets, slot weeks, one POST),
// and a municipal office or a school may put many people behind one
// address: the limits sit far above that and far below what a script
// sends.
const (
	// WAFRateLimit counts every request of an address.
	WAFRateLimit = 2000
	// WAFWriteRateLimit counts what is not a GET to the API (bookings,
	// reschedules, cancellations, staff changes): 100 in 5 minutes is a
	// write every 3 seconds, sustained.
	WAFWriteRateLimit = 100
)

// stackProps are the properties every Brána stack of a stage shares.
func (c Config) stackProps(region, what string) *awscdk.StackProps {
	env := &awscdk.Environment{Region: jsii.String(region)}
	if c.Account != "" {
		env.Account = jsii.String(c.Account)
	}
	return &awscdk.StackProps{
		Env:         env,
		Description: jsii.String(fmt.Sprintf("Brána (%s): %s", c.Stage, what)),
		Tags: &map[string]*string{
			"project": jsii.String("brana"),
			"stage":   jsii.String(c.Stage),
			// ESF+ (OPZ+) project number, for cost reporting.
			"opz-project": jsii.String("CZ.03.02.02/00/22_004/0000724"),
		},
		// The web ACL's ARN and the distribution's id cross between
		// us-east-1 and the stage's region.
		CrossRegionReferences: jsii.Bool(true),
	}
}

// newWAFStack declares the front door's web ACL: per-IP rate limits, then
// AWS's managed rules for known-bad addresses and inputs.
func newWAFStack(scope constructs.Construct, cfg Config) (awscdk.Stack, awswafv2.CfnWebACL) {
	st := awscdk.NewStack(scope, jsii.String(cfg.WAFStackName()),
		cfg.stackProps(EdgeRegion, "the web ACL (AWS WAF) of the front door's CloudFront distribution"))
	name := cfg.StackName() + "-front-door"
	visibility := func(metric string) *awswafv2.CfnWebACL_VisibilityConfigProperty {
		return &awswafv2.CfnWebACL_VisibilityConfigProperty{
			CloudWatchMetricsEnabled: jsii.Bool(true),
			MetricName:               jsii.String(name + "-" + metric),
			SampledRequestsEnabled:   jsii.Bool(true),
		}
	}
	block := &awswafv2.CfnWebACL_RuleActionProperty{Block: map[string]any{}}
	rate := func(prio float64, id string, limit float64, scopeDown *awswafv2.CfnWebACL_StatementProperty) *awswafv2.CfnWebACL_RuleProperty {
		return &awswafv2.CfnWebACL_RuleProperty{
			Name:     jsii.String(id),
			Priority: jsii.Number(prio),
			Action:   block,
			Statement: &awswafv2.CfnWebACL_StatementProperty{RateBasedStatement: &awswafv2.CfnWebACL_RateBasedStatementProperty{
				AggregateKeyType:    jsii.String("IP"),
				Limit:               jsii.Number(limit),
				EvaluationWindowSec: jsii.Number(300),
				ScopeDownStatement:  scopeDown,
			}},
			VisibilityConfig: visibility(id),
		}
	}
	managed := func(prio float64, group string) *awswafv2.CfnWebACL_RuleProperty {
		return &awswafv2.CfnWebACL_RuleProperty{
			Name:           jsii.String(group),
			Priority:       jsii.Number(prio),
			OverrideAction: &awswafv2.CfnWebACL_OverrideActionProperty{None: map[string]any{}},
			Statement: &awswafv2.CfnWebACL_StatementProperty{ManagedRuleGroupStatement: &awswafv2.CfnWebACL_ManagedRuleGroupStatementProperty{
				VendorName: jsii.String("AWS"),
				Name:       jsii.String(group),
			}},
			VisibilityConfig: visibility(group),
		}
	}
	none := []*awswafv2.CfnWebACL_TextTransformationProperty{{Priority: jsii.Number(0), Type: jsii.String("NONE")}}
	apiWrites := &awswafv2.CfnWebACL_StatementProperty{AndStatement: &awswafv2.CfnWebACL_AndStatementProperty{
		Statements: []*awswafv2.CfnWebACL_StatementProperty{
			{ByteMatchStatement: &awswafv2.CfnWebACL_ByteMatchStatementProperty{
				FieldToMatch:         &awswafv2.CfnWebACL_FieldToMatchProperty{UriPath: map[string]any{}},
				PositionalConstraint: jsii.String("STARTS_WITH"),
				SearchString:         jsii.String("/v1/"),
				TextTransformations:  none,
			}},
			{NotStatement: &awswafv2.CfnWebACL_NotStatementProperty{Statement: &awswafv2.CfnWebACL_StatementProperty{
				ByteMatchStatement: &awswafv2.CfnWebACL_ByteMatchStatementProperty{
					FieldToMatch:         &awswafv2.CfnWebACL_FieldToMatchProperty{Method: map[string]any{}},
					PositionalConstraint: jsii.String("EXACTLY"),
					SearchString:         jsii.String("GET"),
					TextTransformations:  none,
				},
			}}},
		},
	}}
	acl := awswafv2.NewCfnWebACL(st, jsii.String("FrontDoorAcl"), &awswafv2.CfnWebACLProps{
		Name:          jsii.String(name),
		Description:   jsii.String("Brána " + cfg.Stage + ": per-IP rate limits and AWS managed rules in front of the web front door and its API"),
		Scope:         jsii.String("CLOUDFRONT"),
		DefaultAction: &awswafv2.CfnWebACL_DefaultActionProperty{Allow: map[string]any{}},
		Rules: []*awswafv2.CfnWebACL_RuleProperty{
			rate(0, "rate-limit-api-writes", WAFWriteRateLimit, apiWrites),
			rate(1, "rate-limit", WAFRateLimit, nil),
			// Addresses AWS's threat intelligence knows for bots and
			// attacks.
			managed(2, "AWSManagedRulesAmazonIpReputationList"),
			// The OWASP-style core rules (bad paths, oversized bodies,
			// SSRF, XSS, LFI probes) and known-exploit inputs (Log4j,
			// Java deserialisation). docs/deploy.md says how to set a
			// single rule to count should one ever block a real request.
			managed(3, "AWSManagedRulesCommonRuleSet"),
			managed(4, "AWSManagedRulesKnownBadInputsRuleSet"),
		},
		VisibilityConfig: visibility("acl"),
	})
	return st, acl
}

// newEdgeAlarmsStack declares the alarms on CloudFront's metrics, which
// exist in us-east-1 only, with a topic of their own that e-mails the same
// address as the stage's topic.
func newEdgeAlarmsStack(scope constructs.Construct, cfg Config, dist awscloudfront.Distribution, rewrite awscloudfront.Function) awscdk.Stack {
	st := awscdk.NewStack(scope, jsii.String(cfg.EdgeAlarmsStackName()),
		cfg.stackProps(EdgeRegion, "alarms on the front door's CloudFront metrics (kept in us-east-1)"))
	topic := newAlarmTopic(st, cfg, "Brána "+cfg.Stage+" front-door alarms")
	// CloudFront publishes its metrics with the dimension Region=Global
	// beside the distribution or function.
	metric := func(name, dim string, value *string, statistic string) awscloudwatch.Metric {
		return awscloudwatch.NewMetric(&awscloudwatch.MetricProps{
			Namespace:     jsii.String("AWS/CloudFront"),
			MetricName:    jsii.String(name),
			DimensionsMap: &map[string]*string{dim: value, "Region": jsii.String("Global")},
			Period:        awscdk.Duration_Minutes(jsii.Number(5)),
			Statistic:     jsii.String(statistic),
			Region:        jsii.String(EdgeRegion),
		})
	}
	// 5xx made by CloudFront (the API unreachable, an origin timeout, the
	// SPA function failing) and passed on from the origins; API Gateway's
	// own 5xx raise api-5xx as well. A rate, so a single failed request
	// at night (1 of 3) raises it, as a single one raises api-5xx.
	newAlarm(st, cfg, topic, "FrontDoor5xx", "the front door answered 5xx to 5 % or more of its requests",
		metric("5xxErrorRate", "DistributionId", dist.DistributionId(), "Average"), 5)
	newAlarm(st, cfg, topic, "FrontDoorFunctionErrors", "the SPA rewrite function failed (each failure is a 5xx to a page request)",
		metric("FunctionExecutionErrors", "FunctionName", rewrite.FunctionName(), "Sum"), 1)
	return st
}

// newAlarmTopic is an SNS topic (TLS only) that e-mails cfg.AlarmEmail.
func newAlarmTopic(scope constructs.Construct, cfg Config, name string) awssns.Topic {
	topic := awssns.NewTopic(scope, jsii.String("Alarms"), &awssns.TopicProps{
		DisplayName: jsii.String(name),
		EnforceSSL:  jsii.Bool(true),
	})
	if cfg.AlarmEmail != "" {
		topic.AddSubscription(awssnssubscriptions.NewEmailSubscription(jsii.String(cfg.AlarmEmail), nil))
	}
	return topic
}
