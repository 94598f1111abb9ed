package stack

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdklabs/cdk-nag-go/cdknag/v2"
)

// suppress records that a cdk-nag AwsSolutions finding on c is accepted,
// and why. c is an L2 construct (its CloudFormation resource is meant) or
// an L1. Every suppression is made through here, beside the resource it
// is about; the reason is part of the template (Metadata cdk_nag) and the
// tests require one of some substance. appliesTo narrows a granular
// finding (IAM5) to the matching resources, as an ECMA-262 regular
// expression in /…/ form.
func suppress(c constructs.IConstruct, rule, reason string, appliesTo ...string) {
	s := &cdknag.NagPackSuppression{Id: jsii.String(rule), Reason: jsii.String(reason)}
	if len(appliesTo) > 0 {
		var at []interface{}
		for _, re := range appliesTo {
			at = append(at, &cdknag.RegexAppliesTo{Regex: jsii.String(re)})
		}
		s.AppliesTo = &at
	}
	cdknag.NagSuppressions_AddResourceSuppressions(c, &[]*cdknag.NagPackSuppression{s}, jsii.Bool(false))
}
