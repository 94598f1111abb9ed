package stack

import (
	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/registry"
)

// The API answers only requests that came through the front door
// (CloudFront, with its WAF): CloudFront adds the origin header
// (httpapi.OriginHeader) to every request it forwards to the API, its value
// a secret generated here, and every API function refuses a request
// without it (httpapi.OriginGuard). A direct call of the execute-api
// endpoint, which an HTTP API cannot switch off while CloudFront uses it as
// its origin, gets 403. Rotation: docs/deploy.md.

// OriginExtensionTTL is how long the AWS Parameters and Secrets Lambda
// Extension caches the secret's values; the functions cache them for
// httpapi.DefaultOriginTTL on top (docs/deploy.md: rotation waits for both).
var OriginExtensionTTL = awscdk.Duration_Seconds(jsii.Number(60))

// originSecret declares the secret. Its value reaches CloudFront as a
// CloudFormation dynamic reference, resolved at deployment, never in the
// template or the functions' environment.
func (b *builder) originSecret() {
	b.apiOriginSecret = awssecretsmanager.NewSecret(b.st, jsii.String("OriginSecret"), &awssecretsmanager.SecretProps{
		Description: jsii.String("Brána: the value of the " + httpapi.OriginHeader + " header CloudFront sends to the API; the API functions refuse requests without it. Rotation: docs/deploy.md"),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			PasswordLength:     jsii.Number(48),
			ExcludePunctuation: jsii.Bool(true),
		},
		RemovalPolicy: b.keep,
	})
	awscdk.NewCfnOutput(b.st, jsii.String("OriginSecretArn"), &awscdk.CfnOutputProps{
		Description: jsii.String("the origin header's secret (rotation: docs/deploy.md)"),
		Value:       b.apiOriginSecret.SecretArn(),
	})
	suppress(b.apiOriginSecret, "AwsSolutions-SMG4",
		"The origin header's value is rotated by hand (docs/deploy.md): a new value must reach CloudFront by a deployment between the secret's update and the old value's retirement, which Secrets Manager's rotation Lambda cannot do. The functions accept the current and the previous value, so a rotation drops no request.")
}

// originCustomHeaders is the API origin's custom header. With
// originSecretVersion set, the reference names that version of the secret:
// a rotation then changes the template, and CloudFormation reads the new
// value (it does not re-read an unchanged reference).
func (b *builder) originCustomHeaders() *map[string]*string {
	opts := &awscdk.SecretsManagerSecretOptions{}
	if b.cfg.OriginSecretVersion != "" {
		opts.VersionId = jsii.String(b.cfg.OriginSecretVersion)
	}
	v := awscdk.SecretValue_SecretsManager(b.apiOriginSecret.SecretArn(), opts)
	return &map[string]*string{httpapi.OriginHeader: v.UnsafeUnwrap()}
}

// originAccess lets an API function read the secret (registry
// OriginSecret): its ARN in ORIGIN_SECRET_ARN, GetSecretValue on it alone,
// and the extension layer the function reads it through (plain HTTP on
// localhost: no Secrets Manager client is linked). Nil for the others.
func (b *builder) originAccess(f registry.Function, env map[string]*string) (awsiam.PolicyStatement, awslambda.ParamsAndSecretsLayerVersion) {
	if !f.Uses(registry.OriginSecret) {
		return nil, nil
	}
	env["ORIGIN_SECRET_ARN"] = b.apiOriginSecret.SecretArn()
	layer := awslambda.ParamsAndSecretsLayerVersion_FromVersion(awslambda.ParamsAndSecretsVersions_V1_0_103, &awslambda.ParamsAndSecretsOptions{
		CacheEnabled:      jsii.Bool(true),
		SecretsManagerTtl: OriginExtensionTTL,
		LogLevel:          awslambda.ParamsAndSecretsLogLevel_WARN,
	})
	return statement([]string{"secretsmanager:GetSecretValue"}, b.apiOriginSecret.SecretArn()), layer
}
