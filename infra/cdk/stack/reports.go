package stack

import (
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
)

// ReportsPrefix is the key prefix of every report file in the reports
// bucket (reports.BlobKey): the functions may touch nothing else.
const ReportsPrefix = "reports/"

// reportsNoncurrentDays is how long a replaced object version is kept. A
// version's files are written once (reports/YYYY-MM/vN/); only a re-run
// over unchanged figures rewrites the latest manifest's generation time.
const reportsNoncurrentDays = 365

// reportsBucket declares the bucket of the monthly reports (issue #11):
// private (every public access blocked, TLS only), encrypted (SSE-S3),
// versioned, with its access logged to the log bucket. The reports are the
// programme's records: the bucket survives a stack deletion in every
// stage, as the table does, and is never emptied by the stack.
func (b *builder) reportsBucket() {
	b.reports = awss3.NewBucket(b.st, jsii.String("Reports"), &awss3.BucketProps{
		BlockPublicAccess:      awss3.BlockPublicAccess_BLOCK_ALL(),
		Encryption:             awss3.BucketEncryption_S3_MANAGED,
		EnforceSSL:             jsii.Bool(true),
		MinimumTLSVersion:      jsii.Number(1.2),
		ObjectOwnership:        awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		Versioned:              jsii.Bool(true),
		RemovalPolicy:          awscdk.RemovalPolicy_RETAIN,
		ServerAccessLogsBucket: b.logBucket,
		ServerAccessLogsPrefix: jsii.String("s3-reports/"),
		LifecycleRules: &[]*awss3.LifecycleRule{{
			// Replaced versions of a file (a re-run's manifest): kept a
			// year, then gone; current files are kept for good.
			Id:                                  jsii.String("expire-replaced-versions"),
			NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(reportsNoncurrentDays)),
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(1)),
		}},
	})
}

// reportsAccess gives a function of the registry the reports bucket:
// REPORTS_BUCKET, and s3:GetObject (ReportsRead: the staff routes read a
// report and sign short-lived download links with their role) or
// s3:GetObject and s3:PutObject (ReportsWrite: the compile function),
// only under reports/; the compile function also gets REPORTS_NOTICE_TO.
func (b *builder) reportsAccess(f registry.Function, env map[string]*string) []awsiam.PolicyStatement {
	var actions []string
	switch {
	case f.ReportsWrite:
		actions = []string{"s3:GetObject", "s3:PutObject"}
		env[reports.EnvNoticeTo] = jsii.String(strings.Join(b.cfg.ReportsNoticeTo, ","))
	case f.ReportsRead:
		actions = []string{"s3:GetObject"}
	default:
		return nil
	}
	env[reports.EnvBucket] = b.reports.BucketName()
	return []awsiam.PolicyStatement{statement(actions, b.reports.ArnForObjects(jsii.String(ReportsPrefix+"*")))}
}

// reportsSuppressions explains the one wildcard of reportsAccess, after
// the policies exist.
func (b *builder) reportsSuppressions() {
	for _, f := range registry.Functions() {
		if !f.ReportsRead && !f.ReportsWrite {
			continue
		}
		suppress(b.policies[f.Name], "AwsSolutions-IAM5",
			"The report files are reports/<yyyy-mm>/v<n>/<file>, one key per month, version and format, created as months pass: the function may read (and the compile function write) objects under the reports/ prefix of the reports bucket and nothing else; the actions are named, not wildcards.",
			`/^Resource::<Reports[0-9A-F]{8}\.Arn>\/reports\/\*$/`)
	}
}

// invokeEnv names the setting that tells an invoker the name of a function
// it may start (checkFunctions requires one for every Invokes).
var invokeEnv = map[string]string{registry.ReportCompile: reports.EnvCompile}

// invokes lets a function start the functions its registry row names
// (Invokes): lambda:InvokeFunction on exactly those functions, and their
// names in the environment (REPORT_COMPILE_FUNCTION for report-compile).
// It runs after every function exists: the table may list the invoker
// first.
func (b *builder) invokes() {
	for _, f := range registry.Functions() {
		for _, target := range f.Invokes {
			fn := b.fns[target]
			b.policies[f.Name].AddStatements(statement([]string{"lambda:InvokeFunction"}, fn.FunctionArn()))
			b.fns[f.Name].AddEnvironment(jsii.String(invokeEnv[target]), fn.FunctionName(), nil)
		}
	}
}
