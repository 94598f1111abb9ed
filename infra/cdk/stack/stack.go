package stack

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2authorizers"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2integrations"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatch"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudwatchactions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscognito"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsdynamodb"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsiam"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambda"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslambdaeventsources"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsscheduler"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsschedulertargets"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssecretsmanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsses"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssns"
	"github.com/aws/aws-cdk-go/awscdk/v2/awssqs"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
)

// Headers the front door sends and reads across origins (CORS).
var (
	// Authorization: the staff JWT; Booking-Token: the manage token of a
	// booking; Idempotency-Key: safe retries of POSTs.
	CORSAllowHeaders = []string{"Accept-Language", "Authorization", "Booking-Token", "Content-Type", "Idempotency-Key"}
	// What handlers set and the front door reads.
	CORSExposeHeaders = []string{"Content-Language", "Idempotent-Replayed", "Location", "Retry-After", "X-Request-Id"}
)

// Stack is the synthesised stage and the parts tests and main look at.
type Stack struct {
	// Stack is the stage's main stack, in its EU region.
	Stack awscdk.Stack
	// WAF and EdgeAlarms are the front door's stacks in us-east-1 (see
	// EdgeRegion).
	WAF, EdgeAlarms awscdk.Stack
	Config          Config
}

// Stacks lists the stage's stacks in deployment order.
func (s *Stack) Stacks() []awscdk.Stack { return []awscdk.Stack{s.WAF, s.Stack, s.EdgeAlarms} }

// New declares Brána's stacks of one stage in app for cfg.
func New(scope constructs.Construct, cfg Config) (*Stack, error) {
	if err := checkFunctions(); err != nil {
		return nil, err
	}
	wafStack, acl := newWAFStack(scope, cfg)
	st := awscdk.NewStack(scope, jsii.String(cfg.StackName()),
		cfg.stackProps(cfg.Region, "the online front door of the MPSV social-services transformation programme"))
	b := builder{st: st, cfg: cfg, webACLArn: acl.AttrArn()}
	b.build()
	alarms := newEdgeAlarmsStack(scope, cfg, b.distribution, b.rewrite)
	return &Stack{Stack: st, WAF: wafStack, EdgeAlarms: alarms, Config: cfg}, nil
}

type builder struct {
	st  awscdk.Stack // the scope of everything; a jsii object cannot be embedded
	cfg Config

	// What lives as long as the data: RETAIN in prod, DESTROY in dev.
	keep      awscdk.RemovalPolicy
	retention awslogs.RetentionDays

	table           awsdynamodb.TableV2
	outboxKey       awssecretsmanager.Secret
	apiOriginSecret awssecretsmanager.Secret // the origin header's value (origin.go)
	mailConfig      awsses.ConfigurationSet
	alarmTopic      awssns.Topic
	fns             map[string]awslambda.Function
	policies        map[string]awsiam.Policy // each function's, by name
	reports         awss3.Bucket             // the monthly reports (reports.go)
	userPool        awscognito.UserPool
	appClient       awscognito.UserPoolClient
	cognitoHost     string

	// The front door (web.go).
	webACLArn    *string // the web ACL of brana-<stage>-waf
	api          awsapigatewayv2.HttpApi
	apiDomain    awsapigatewayv2.DomainName // nil without apiDomain
	apiURL       *string
	webBucket    awss3.Bucket
	logBucket    awss3.Bucket
	distribution awscloudfront.Distribution
	rewrite      awscloudfront.Function
	// origin is the front door's origin, https://host without a slash:
	// the custom domain, or a token for the distribution's own domain.
	origin *string
}

func (b *builder) build() {
	b.keep, b.retention = awscdk.RemovalPolicy_DESTROY, awslogs.RetentionDays_TWO_WEEKS
	if b.cfg.Prod() {
		b.keep, b.retention = awscdk.RemovalPolicy_RETAIN, awslogs.RetentionDays_ONE_YEAR
	}
	b.alarmTopic = newAlarmTopic(b.st, b.cfg, "Brána "+b.cfg.Stage+" alarms")
	b.tableAndSecrets()
	b.originSecret()
	// The API first, then the distribution in front of it: the
	// distribution's domain is the origin the functions, the sign-in and
	// CORS are configured with.
	b.newAPI()
	b.frontDoor(b.api)
	b.reportsBucket()
	b.functions()
	b.invokes()
	b.reportsSuppressions()
	b.mail() // mail.go: SES events to mail-events, the outbox failure alarm
	b.streamSources()
	b.schedules()
	b.staffPool()
	b.routes()
	b.webDeployment()
	b.outputs()
}

// --- data -----------------------------------------------------------------

// tableAndSecrets declares the table from dynamo.Spec (the same definition
// the local stack creates), the outbox sealing key and the SES
// configuration set.
func (b *builder) tableAndSecrets() {
	spec := dynamo.Spec
	str := func(name string) *awsdynamodb.Attribute {
		return &awsdynamodb.Attribute{Name: jsii.String(name), Type: awsdynamodb.AttributeType_STRING}
	}
	var gsis []*awsdynamodb.GlobalSecondaryIndexPropsV2
	for _, ix := range spec.Indexes {
		gsis = append(gsis, &awsdynamodb.GlobalSecondaryIndexPropsV2{
			IndexName:      jsii.String(ix.Name),
			PartitionKey:   str(ix.PartitionKey),
			SortKey:        str(ix.SortKey),
			ProjectionType: awsdynamodb.ProjectionType_ALL,
		})
	}
	b.table = awsdynamodb.NewTableV2(b.st, jsii.String("Table"), &awsdynamodb.TablePropsV2{
		PartitionKey:           str(spec.PartitionKey),
		SortKey:                str(spec.SortKey),
		GlobalSecondaryIndexes: &gsis,
		TimeToLiveAttribute:    jsii.String(spec.TTLAttribute),
		DynamoStream:           awsdynamodb.StreamViewType(spec.StreamView),
		Billing:                awsdynamodb.Billing_OnDemand(nil),
		PointInTimeRecoverySpecification: &awsdynamodb.PointInTimeRecoverySpecification{
			PointInTimeRecoveryEnabled: jsii.Bool(true),
		},
		// The table holds every booking and the statistics the monthly
		// reports are built from: it survives a stack deletion in every
		// stage, and cannot be deleted by accident.
		DeletionProtection: jsii.Bool(true),
		RemovalPolicy:      awscdk.RemovalPolicy_RETAIN,
	})

	b.outboxKey = awssecretsmanager.NewSecret(b.st, jsii.String("OutboxKey"), &awssecretsmanager.SecretProps{
		Description: jsii.String("Brána: the outbox sealing key (SHA-256 of this value) that protects manage links in queued e-mails"),
		GenerateSecretString: &awssecretsmanager.SecretStringGenerator{
			PasswordLength:     jsii.Number(64),
			ExcludePunctuation: jsii.Bool(true),
		},
		RemovalPolicy: b.keep,
	})
	suppress(b.outboxKey, "AwsSolutions-SMG4",
		"The outbox key seals manage links inside queued e-mails until they are sent; rotating it would make every pending item unreadable. It never leaves AWS (only the functions read it) and guards links that are also protected by the hashed manage token.")

	b.mailConfig = awsses.NewConfigurationSet(b.st, jsii.String("Mail"), &awsses.ConfigurationSetProps{
		ReputationMetrics:  jsii.Bool(true),
		SendingEnabled:     jsii.Bool(true),
		SuppressionReasons: awsses.SuppressionReasons_BOUNCES_AND_COMPLAINTS,
	})
}

// --- functions ------------------------------------------------------------

func (b *builder) functions() {
	b.fns = map[string]awslambda.Function{}
	b.policies = map[string]awsiam.Policy{}
	// Failed asynchronous invocations (the scheduled functions) after
	// Lambda's own retries.
	asyncDLQ := b.deadLetterQueue("AsyncFailures", "scheduled invocations that failed after Lambda's retries")

	sesIdentityARN := b.st.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ses"), Resource: jsii.String("identity"), ResourceName: jsii.String(b.cfg.SESIdentity)})
	configSetARN := b.st.FormatArn(&awscdk.ArnComponents{Service: jsii.String("ses"), Resource: jsii.String("configuration-set"), ResourceName: b.mailConfig.ConfigurationSetName()})

	logLevel := "DEBUG"
	if b.cfg.Prod() {
		logLevel = "INFO"
	}
	for _, f := range registry.Functions() {
		id := pascal(f.Name)
		logs := awslogs.NewLogGroup(b.st, jsii.String(id+"Logs"), &awslogs.LogGroupProps{
			Retention:     b.retention,
			RemovalPolicy: b.keep,
		})
		// An explicit role instead of AWSLambdaBasicExecutionRole: write
		// to this function's log group and nothing else.
		role := awsiam.NewRole(b.st, jsii.String(id+"Role"), &awsiam.RoleProps{
			AssumedBy:   awsiam.NewServicePrincipal(jsii.String("lambda.amazonaws.com"), nil),
			Description: jsii.String("Brána function " + f.Name),
		})
		statements := []awsiam.PolicyStatement{
			statement([]string{"logs:CreateLogStream", "logs:PutLogEvents"}, logs.LogGroupArn()),
		}
		statements = append(statements, b.tableStatements(f.Table)...)
		env := map[string]*string{
			"TABLE_NAME":      b.table.TableName(),
			"PUBLIC_BASE_URL": b.origin,
			"MAILER":          jsii.String("ses"),
			"LOG_LEVEL":       jsii.String(logLevel),
		}
		statements = append(statements, b.reportsAccess(f, env)...)
		if f.Uses(registry.OutboxKey) {
			// The outbox sealing key: only for the functions that seal
			// manage links into the outbox or open them.
			statements = append(statements, statement([]string{"secretsmanager:GetSecretValue"}, b.outboxKey.SecretArn()))
			env["OUTBOX_KEY_SECRET_ARN"] = b.outboxKey.SecretArn()
		}
		originRead, originLayer := b.originAccess(f, env)
		if originRead != nil {
			statements = append(statements, originRead)
		}
		if f.SendsMail {
			// SES v2 SendEmail with raw content; the identity the sender
			// belongs to and the configuration set it sends through.
			statements = append(statements, statement([]string{"ses:SendEmail", "ses:SendRawEmail"}, sesIdentityARN, configSetARN))
			env["MAIL_FROM"] = jsii.String(b.cfg.SenderEmail)
			env["MAIL_FROM_NAME"] = jsii.String(b.cfg.SenderName)
			env["SES_CONFIGURATION_SET"] = b.mailConfig.ConfigurationSetName()
		}
		policy := awsiam.NewPolicy(b.st, jsii.String(id+"Policy"), &awsiam.PolicyProps{
			Roles:      &[]awsiam.IRole{role},
			Statements: &statements,
		})
		b.policies[f.Name] = policy

		props := &awslambda.FunctionProps{
			Description:   jsii.String(describe(f)),
			Runtime:       awslambda.Runtime_PROVIDED_AL2023(),
			Architecture:  awslambda.Architecture_ARM_64(),
			Handler:       jsii.String("bootstrap"),
			Code:          awslambda.Code_FromAsset(jsii.String(b.cfg.AssetDir+"/"+f.Name), nil),
			MemorySize:    jsii.Number(f.MemoryMB),
			Timeout:       awscdk.Duration_Seconds(jsii.Number(f.TimeoutS)),
			Role:          role,
			LogGroup:      logs,
			LoggingFormat: awslambda.LoggingFormat_JSON,
			Environment:   &env,
			// Nil but for the API functions (origin.go).
			ParamsAndSecrets: originLayer,
			// Recursion detection stays on (the default), and so does
			// the account's unreserved concurrency: see
			// docs/capacity-and-cost.md.
		}
		if f.Scheduled() {
			// Invoked asynchronously by the scheduler: two retries, then
			// the dead-letter queue. A sweep is retried by the next one.
			props.RetryAttempts = jsii.Number(2)
			props.MaxEventAge = awscdk.Duration_Hours(jsii.Number(1))
			props.DeadLetterQueue = asyncDLQ
		}
		fn := awslambda.NewFunction(b.st, jsii.String(id), props)
		fn.Node().AddDependency(policy) // its permissions exist before it runs
		b.fns[f.Name] = fn
		b.functionAlarms(f.Name, fn)
	}
}

// maxDescription is the longest description Lambda accepts.
const maxDescription = 256

// describe is a function's description: its name and why it is sized as it
// is, cut (with an ellipsis) to what Lambda accepts.
func describe(f registry.Function) string {
	d := fmt.Sprintf("Brána %s. Memory: %s. Timeout: %s.", f.Name, f.MemoryWhy, f.TimeoutWhy)
	if utf8.RuneCountInString(d) <= maxDescription {
		return d
	}
	r := []rune(d)
	return strings.TrimRight(string(r[:maxDescription-1]), " ,;.") + "…"
}

// tableStatements allow a function's table actions only on the items whose
// partition key starts with one of its prefixes (dynamodb:LeadingKeys; for
// TransactWriteItems DynamoDB authorises each item with its own action and
// key), and Query only on the indexes it reads.
func (b *builder) tableStatements(t registry.Table) []awsiam.PolicyStatement {
	var out []awsiam.PolicyStatement
	if len(t.Actions) > 0 {
		actions := make([]string, len(t.Actions))
		for i, a := range t.Actions {
			actions[i] = string(a)
		}
		keys := make([]string, len(t.Keys))
		for i, k := range t.Keys {
			keys[i] = k + "*"
		}
		out = append(out, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Effect:    awsiam.Effect_ALLOW,
			Actions:   jsii.Strings(actions...),
			Resources: jsii.Strings(*b.table.TableArn()),
			Conditions: &map[string]interface{}{
				"ForAllValues:StringLike": map[string]interface{}{"dynamodb:LeadingKeys": keys},
			},
		}))
	}
	if len(t.ReadKeys) > 0 {
		// Another capability's items: read, never written.
		keys := make([]string, len(t.ReadKeys))
		for i, k := range t.ReadKeys {
			keys[i] = k + "*"
		}
		out = append(out, awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
			Effect:    awsiam.Effect_ALLOW,
			Actions:   jsii.Strings(string(registry.GetItem)),
			Resources: jsii.Strings(*b.table.TableArn()),
			Conditions: &map[string]interface{}{
				"ForAllValues:StringLike": map[string]interface{}{"dynamodb:LeadingKeys": keys},
			},
		}))
	}
	var indexes []*string
	for _, ix := range t.Indexes {
		indexes = append(indexes, jsii.String(*b.table.TableArn()+"/index/"+ix.Name))
	}
	if len(indexes) > 0 {
		// Only Query reads an index.
		out = append(out, statement([]string{string(registry.Query)}, indexes...))
	}
	return out
}

func statement(actions []string, resources ...*string) awsiam.PolicyStatement {
	return awsiam.NewPolicyStatement(&awsiam.PolicyStatementProps{
		Effect:    awsiam.Effect_ALLOW,
		Actions:   jsii.Strings(actions...),
		Resources: &resources,
	})
}

// streamSources feed the functions with a stream trigger from the table's
// stream: only the registry's event on items of its key prefix, in small
// batches, reporting the records that failed, splitting a failing batch, a
// bounded number of retries, then a dead-letter queue (the outbox sender's
// scheduled sweep still finds such an item: it stays pending in the
// table).
func (b *builder) streamSources() {
	for _, f := range registry.Functions() {
		if f.Stream == nil {
			continue
		}
		dlq := b.deadLetterQueue(pascal(f.Name)+"StreamFailures", "stream records the function "+f.Name+" failed after every retry: "+f.Stream.What)
		filter := awslambda.FilterCriteria_Filter(&map[string]interface{}{
			"eventName": awslambda.FilterRule_IsEqual(jsii.String(f.Stream.Event)),
			"dynamodb": map[string]interface{}{
				"Keys": map[string]interface{}{
					dynamo.AttrPK: map[string]interface{}{"S": awslambda.FilterRule_BeginsWith(jsii.String(f.Stream.KeyPrefix))},
				},
			},
		})
		b.fns[f.Name].AddEventSource(awslambdaeventsources.NewDynamoEventSource(b.table, &awslambdaeventsources.DynamoEventSourceProps{
			StartingPosition:        awslambda.StartingPosition_TRIM_HORIZON,
			BatchSize:               jsii.Number(10),
			MaxBatchingWindow:       awscdk.Duration_Seconds(jsii.Number(1)),
			Filters:                 &[]*map[string]interface{}{filter},
			ReportBatchItemFailures: jsii.Bool(true),
			BisectBatchOnError:      jsii.Bool(true),
			RetryAttempts:           jsii.Number(5),
			MaxRecordAge:            awscdk.Duration_Hours(jsii.Number(6)),
			OnFailure:               awslambdaeventsources.NewSqsDlq(dlq),
		}))
	}
}

// schedules: EventBridge Scheduler in Europe/Prague, one per schedule of
// the registry, with retries and a dead-letter queue for invocations the
// scheduler could not deliver.
func (b *builder) schedules() {
	// The schedules without a queue of their own share one.
	shared := b.deadLetterQueue("ScheduleFailures", "scheduled invocations EventBridge Scheduler could not deliver")
	for _, f := range registry.Functions() {
		for _, sc := range f.Schedules {
			id := pascal(f.Name) + pascal(sc.ID) + "Schedule"
			dlq := shared
			if sc.DeadLetter {
				// A run that matters on its own (the month's report): its
				// undelivered invocations in a queue (and alarm) of their
				// own, so that the month is not lost among sweeps.
				dlq = b.deadLetterQueue(id+"Failures", "the "+f.Name+" schedule "+sc.ID+" ("+sc.What+"): invocations EventBridge Scheduler could not deliver after its retries")
			}
			b.schedule(id, f.Name, sc, dlq)
		}
	}
}

// scheduleRetries is how often the scheduler retries a delivery when the
// registry does not say (Schedule.Retries 0).
const scheduleRetries = 3

// schedule declares one EventBridge Scheduler schedule of the registry, in
// Europe/Prague, invoking fn with {} (asynchronously), retried
// sc.Retries times, then into dlq.
func (b *builder) schedule(id, fn string, sc registry.Schedule, dlq awssqs.IQueue) {
	// Scheduler assumes this role only for schedules of this account.
	role := awsiam.NewRole(b.st, jsii.String(id+"Role"), &awsiam.RoleProps{
		AssumedBy: awsiam.NewServicePrincipal(jsii.String("scheduler.amazonaws.com"), &awsiam.ServicePrincipalOpts{
			Conditions: &map[string]interface{}{"StringEquals": map[string]interface{}{"aws:SourceAccount": b.st.Account()}},
		}),
		Description: jsii.String("EventBridge Scheduler: " + sc.What),
	})
	retries := sc.Retries
	if retries == 0 {
		retries = scheduleRetries
	}
	awsscheduler.NewSchedule(b.st, jsii.String(id), &awsscheduler.ScheduleProps{
		Description: jsii.String(sc.What),
		Schedule:    awsscheduler.ScheduleExpression_Expression(jsii.String(sc.Cron), awscdk.TimeZone_Of(jsii.String(registry.TimeZone))),
		Target: awsschedulertargets.NewLambdaInvoke(b.fns[fn], &awsschedulertargets.ScheduleTargetBaseProps{
			// The functions read no input; an empty object is an outbox
			// sweep (no stream records) and the report of the month
			// before (reports.RunRequest).
			Input:           awsscheduler.ScheduleTargetInput_FromText(jsii.String("{}")),
			RetryAttempts:   jsii.Number(retries),
			MaxEventAge:     awscdk.Duration_Minutes(jsii.Number(30)),
			DeadLetterQueue: dlq, // the target grants the role sqs:SendMessage on it
			Role:            role,
		}),
	})
	// After the schedule: the grants it makes create the role's policy.
	suppress(role.Node().FindChild(jsii.String("DefaultPolicy")), "AwsSolutions-IAM5",
		"lambda:InvokeFunction on the function's ARN and its qualified ARNs (<arn>:*, versions and aliases of this one function) is what CDK's grantInvoke writes; the action is not a wildcard and no other function is reachable.",
		`/^Resource::<`+pascal(fn)+`[0-9A-F]{8}\.Arn>:\*$/`)
}

// --- staff sign-in ----------------------------------------------------------

// The staff console's addresses its app client allows: Cognito sends the
// authorization code to StaffCallbackPath and, after signing out, the
// browser to StaffLogoutPath (web/src/staff/oidc.ts).
const (
	StaffCallbackPath = "/staff/callback"
	StaffLogoutPath   = "/staff/"
)

// staffPool is the Cognito user pool of staff: administrators create the
// users (no self sign-up), MFA with an authenticator app is required, and
// the front door signs in with the authorization code flow and PKCE (a
// public client, no secret).
func (b *builder) staffPool() {
	b.userPool = awscognito.NewUserPool(b.st, jsii.String("StaffPool"), &awscognito.UserPoolProps{
		SelfSignUpEnabled:   jsii.Bool(false),
		SignInAliases:       &awscognito.SignInAliases{Email: jsii.Bool(true)},
		SignInCaseSensitive: jsii.Bool(false),
		AutoVerify:          &awscognito.AutoVerifiedAttrs{Email: jsii.Bool(true)},
		StandardAttributes: &awscognito.StandardAttributes{
			Email: &awscognito.StandardAttribute{Required: jsii.Bool(true), Mutable: jsii.Bool(true)},
		},
		PasswordPolicy: &awscognito.PasswordPolicy{
			MinLength:            jsii.Number(14),
			RequireLowercase:     jsii.Bool(true),
			RequireUppercase:     jsii.Bool(true),
			RequireDigits:        jsii.Bool(true),
			RequireSymbols:       jsii.Bool(true),
			PasswordHistorySize:  jsii.Number(5),
			TempPasswordValidity: awscdk.Duration_Days(jsii.Number(3)),
		},
		Mfa:             awscognito.Mfa_REQUIRED,
		MfaSecondFactor: &awscognito.MfaSecondFactor{Otp: jsii.Bool(true), Sms: jsii.Bool(false)},
		AccountRecovery: awscognito.AccountRecovery_EMAIL_ONLY,
		UserInvitation: &awscognito.UserInvitationConfig{
			EmailSubject: jsii.String("Brána: váš účet / your account"),
			EmailBody: jsii.String("Dobrý den, byl vám zřízen účet v systému Brána (MPSV). Přihlašovací jméno: {username}, dočasné heslo: {####}. " +
				"Při prvním přihlášení si nastavíte vlastní heslo a ověřovací aplikaci.<br><br>" +
				"Hello, an account has been created for you in Brána (MPSV). User name: {username}, temporary password: {####}. " +
				"At first sign-in you set your own password and an authenticator app."),
		},
		// Threat protection (compromised credentials, adaptive
		// authentication) needs the Plus plan: about USD 0.02 per active
		// staff member a month.
		FeaturePlan:                  awscognito.FeaturePlan_PLUS,
		StandardThreatProtectionMode: awscognito.StandardThreatProtectionMode_FULL_FUNCTION,
		DeletionProtection:           jsii.Bool(b.cfg.Prod()),
		RemovalPolicy:                b.keep,
	})
	for _, g := range []struct{ name, what string }{
		{auth.GroupAdmin, "programme administrators: experts, every booking, erasure"},
		{auth.GroupExpert, "experts: their own availability and consultations"},
		{auth.GroupEvaluator, "the evaluation team: surveys and exports"},
		{auth.GroupOrganiser, "event organisers: the workshops, forums, seminars, study visits and webinars they own"},
		{auth.GroupViewer, "programme management (MPSV): the monthly indicator reports, nothing else"},
	} {
		awscognito.NewCfnUserPoolGroup(b.st, jsii.String("Group"+pascal(g.name)), &awscognito.CfnUserPoolGroupProps{
			UserPoolId:  b.userPool.UserPoolId(),
			GroupName:   jsii.String(g.name),
			Description: jsii.String(g.what),
		})
	}
	origin := *b.origin
	b.appClient = b.userPool.AddClient(jsii.String("FrontDoor"), &awscognito.UserPoolClientOptions{
		GenerateSecret: jsii.Bool(false),
		AuthFlows:      &awscognito.AuthFlow{},
		OAuth: &awscognito.OAuthSettings{
			Flows:        &awscognito.OAuthFlows{AuthorizationCodeGrant: jsii.Bool(true)},
			Scopes:       &[]awscognito.OAuthScope{awscognito.OAuthScope_OPENID(), awscognito.OAuthScope_EMAIL(), awscognito.OAuthScope_PROFILE()},
			CallbackUrls: jsii.Strings(origin + StaffCallbackPath),
			LogoutUrls:   jsii.Strings(origin + StaffLogoutPath),
		},
		SupportedIdentityProviders: &[]awscognito.UserPoolClientIdentityProvider{awscognito.UserPoolClientIdentityProvider_COGNITO()},
		PreventUserExistenceErrors: jsii.Bool(true),
		EnableTokenRevocation:      jsii.Bool(true),
		AccessTokenValidity:        awscdk.Duration_Hours(jsii.Number(1)),
		IdTokenValidity:            awscdk.Duration_Hours(jsii.Number(1)),
		RefreshTokenValidity:       awscdk.Duration_Hours(jsii.Number(12)),
	})
	b.userPool.AddDomain(jsii.String("SignIn"), &awscognito.UserPoolDomainOptions{
		CognitoDomain: &awscognito.CognitoDomainOptions{DomainPrefix: jsii.String(b.cfg.CognitoDomainPrefix)},
	})
	b.cognitoHost = b.cfg.CognitoHost()
}

// --- HTTP API -------------------------------------------------------------

// newAPI declares the HTTP API itself; routes() adds its routes and stage.
func (b *builder) newAPI() {
	methods := []awsapigatewayv2.CorsHttpMethod{awsapigatewayv2.CorsHttpMethod_OPTIONS}
	for _, r := range routes.Table {
		m := awsapigatewayv2.CorsHttpMethod(r.Method)
		if !slices.Contains(methods, m) {
			methods = append(methods, m)
		}
	}
	var domain awsapigatewayv2.DomainName
	if b.cfg.APIDomain != "" {
		domain = awsapigatewayv2.NewDomainName(b.st, jsii.String("ApiDomain"), &awsapigatewayv2.DomainNameProps{
			DomainName:  jsii.String(b.cfg.APIDomain),
			Certificate: awscertificatemanager.Certificate_FromCertificateArn(b.st, jsii.String("ApiCertificate"), jsii.String(b.cfg.APICertificateARN)),
		})
	}
	props := &awsapigatewayv2.HttpApiProps{
		ApiName:     jsii.String(b.cfg.StackName()),
		Description: jsii.String("Brána public and staff API (" + b.cfg.Stage + ")"),
		// The stage is created in routes(), after the routes: per-route
		// throttling names route keys that must exist first.
		CreateDefaultStage:        jsii.Bool(false),
		DisableExecuteApiEndpoint: jsii.Bool(domain != nil),
	}
	// The front door calls the API on its own origin (/v1/* through the
	// distribution): a browser needs no CORS for that. With a domain of
	// its own the front-door origin is known here and is allowed, so that a
	// page on that origin may also call the API's own endpoint. Without
	// one, the origin is the distribution's generated name, and the
	// distribution needs the API first: allowing it would be a cycle, and
	// the API then answers no cross-origin request at all.
	if origin := b.cfg.FrontDoorOrigin(); origin != "" {
		props.CorsPreflight = &awsapigatewayv2.CorsPreflightOptions{
			AllowOrigins:     jsii.Strings(origin),
			AllowMethods:     &methods,
			AllowHeaders:     jsii.Strings(CORSAllowHeaders...),
			ExposeHeaders:    jsii.Strings(CORSExposeHeaders...),
			AllowCredentials: jsii.Bool(false), // tokens travel in headers, never cookies
			MaxAge:           awscdk.Duration_Hours(jsii.Number(1)),
		}
	}
	b.api = awsapigatewayv2.NewHttpApi(b.st, jsii.String("Api"), props)
	b.apiDomain = domain
}

// routes adds every route of routes.Table, the $default stage with its
// throttling and access logs, and the API's alarm.
func (b *builder) routes() {
	api, domain := b.api, b.apiDomain

	authorizer := awsapigatewayv2authorizers.NewHttpUserPoolAuthorizer(jsii.String("StaffJwt"), b.userPool, &awsapigatewayv2authorizers.HttpUserPoolAuthorizerProps{
		UserPoolClients: &[]awscognito.IUserPoolClient{b.appClient},
		IdentitySource:  jsii.Strings("$request.header.Authorization"),
	})
	integrations := map[string]awsapigatewayv2integrations.HttpLambdaIntegration{}
	var created []constructs.IConstruct
	routeSettings := map[string]interface{}{}
	for _, r := range routes.Table {
		in, ok := integrations[r.Function]
		if !ok {
			in = awsapigatewayv2integrations.NewHttpLambdaIntegration(jsii.String(pascal(r.Function)+"Integration"), b.fns[r.Function], &awsapigatewayv2integrations.HttpLambdaIntegrationProps{
				PayloadFormatVersion: awsapigatewayv2.PayloadFormatVersion_VERSION_2_0(),
			})
			integrations[r.Function] = in
		}
		props := &awsapigatewayv2.HttpRouteProps{
			HttpApi:     api,
			RouteKey:    awsapigatewayv2.HttpRouteKey_With(jsii.String(r.Path), awsapigatewayv2.HttpMethod(r.Method)),
			Integration: in,
		}
		if !r.Public() {
			// The authorizer proves who the caller is; the handler
			// checks the groups (routes.Route.Groups) itself.
			props.Authorizer = authorizer
		}
		route := awsapigatewayv2.NewHttpRoute(b.st, jsii.String("Route"+strings.ToUpper(r.Operation[:1])+r.Operation[1:]), props)
		if r.Public() {
			suppress(route, "AwsSolutions-APIG4",
				"A public route by design ("+r.Key()+"): anyone may list experts and free slots, book a consultation, and manage a booking with the manage token it returned (checked in the handler, in constant time, never in the URL). It is throttled at the stage, and public writes more tightly.")
		}
		created = append(created, route)
		if r.Throttle == routes.ThrottlePublicWrite {
			routeSettings[r.Key()] = map[string]interface{}{
				"ThrottlingRateLimit":  b.cfg.PublicWriteThrottle.Rate,
				"ThrottlingBurstLimit": b.cfg.PublicWriteThrottle.Burst,
			}
		}
	}

	accessLogs := awslogs.NewLogGroup(b.st, jsii.String("ApiAccessLogs"), &awslogs.LogGroupProps{
		Retention:     b.retention,
		RemovalPolicy: b.keep,
	})
	stageProps := &awsapigatewayv2.HttpStageProps{
		HttpApi:    api,
		StageName:  jsii.String("$default"),
		AutoDeploy: jsii.Bool(true),
		Throttle: &awsapigatewayv2.ThrottleSettings{
			RateLimit:  jsii.Number(b.cfg.DefaultThrottle.Rate),
			BurstLimit: jsii.Number(b.cfg.DefaultThrottle.Burst),
		},
	}
	if domain != nil {
		stageProps.DomainMapping = &awsapigatewayv2.DomainMappingOptions{DomainName: domain}
	}
	stage := awsapigatewayv2.NewHttpStage(b.st, jsii.String("DefaultStage"), stageProps)
	cfnStage := stage.Node().DefaultChild().(awsapigatewayv2.CfnStage)
	cfnStage.SetAccessLogSettings(&awsapigatewayv2.CfnStage_AccessLogSettingsProperty{
		DestinationArn: accessLogs.LogGroupArn(),
		Format:         jsii.String(accessLogFormat()),
	})
	cfnStage.SetRouteSettings(routeSettings)
	for _, r := range created {
		cfnStage.Node().AddDependency(r)
	}

	b.apiURL = stage.Url()
	if domain != nil {
		b.apiURL = jsii.String("https://" + b.cfg.APIDomain + "/")
		awscdk.NewCfnOutput(b.st, jsii.String("ApiDomainTarget"), &awscdk.CfnOutputProps{
			Description: jsii.String("CNAME target for " + b.cfg.APIDomain),
			Value:       domain.RegionalDomainName(),
		})
	}
	b.apiAlarms(api)
}

func (b *builder) outputs() {
	out := func(id, what string, v *string) {
		awscdk.NewCfnOutput(b.st, jsii.String(id), &awscdk.CfnOutputProps{Description: jsii.String(what), Value: v})
	}
	out("FrontDoorUrl", "the public web front door; its /v1/ is the API, same origin", jsii.String(*b.origin+"/"))
	out("FrontDoorDomainTarget", "the distribution's own domain name: the CNAME (or Route 53 alias) target of frontDoorDomain", b.distribution.DistributionDomainName())
	out("DistributionId", "the CloudFront distribution (invalidations: docs/deploy.md)", b.distribution.DistributionId())
	out("WebBucket", "the S3 bucket of the front door's files (private; read only by the distribution)", b.webBucket.BucketName())
	out("LogBucket", "the S3 bucket of CloudFront's and the web bucket's access logs", b.logBucket.BucketName())
	out("ApiUrl", "the API's own base URL (the front door serves it at /v1/; directly it answers only 403: docs/deploy.md)", b.apiURL)
	out("TableName", "the DynamoDB table", b.table.TableName())
	out("UserPoolId", "the staff user pool", b.userPool.UserPoolId())
	out("FrontDoorClientId", "the front door's Cognito app client (authorization code + PKCE)", b.appClient.UserPoolClientId())
	out("StaffSignInUrl", "Cognito's sign-in base URL for staff", jsii.String(b.cognitoHost))
	out("OutboxKeySecretArn", "the outbox sealing key secret", b.outboxKey.SecretArn())
	out("MailConfigurationSet", "the SES configuration set e-mails are sent through", b.mailConfig.ConfigurationSetName())
	out("AlarmTopicArn", "the SNS topic every alarm notifies", b.alarmTopic.TopicArn())
}

// accessLogFormat is a JSON line per request with no personal data: no IP
// address, user agent or token, only what operating the API needs.
func accessLogFormat() string {
	fields := [][2]string{
		{"requestId", "$context.requestId"},
		{"time", "$context.requestTime"},
		{"routeKey", "$context.routeKey"},
		{"status", "$context.status"},
		{"protocol", "$context.protocol"},
		{"responseLength", "$context.responseLength"},
		{"responseLatency", "$context.responseLatency"},
		{"integrationStatus", "$context.integrationStatus"},
		{"integrationLatency", "$context.integrationLatency"},
		{"integrationError", "$context.integrationErrorMessage"},
		{"authorizerError", "$context.authorizer.error"},
		{"error", "$context.error.message"},
	}
	var parts []string
	for _, f := range fields {
		k, _ := json.Marshal(f[0])
		parts = append(parts, fmt.Sprintf(`%s:"%s"`, k, f[1]))
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// --- queues and alarms ------------------------------------------------------

// deadLetterQueue is an encrypted queue that holds what failed for 14 days
// and raises an alarm as soon as anything arrives.
func (b *builder) deadLetterQueue(id, what string) awssqs.Queue {
	q := awssqs.NewQueue(b.st, jsii.String(id), &awssqs.QueueProps{
		Encryption:      awssqs.QueueEncryption_SQS_MANAGED,
		EnforceSSL:      jsii.Bool(true),
		RetentionPeriod: awscdk.Duration_Days(jsii.Number(14)),
		RemovalPolicy:   b.keep,
	})
	suppress(q, "AwsSolutions-SQS3",
		"This queue is itself a dead-letter queue (of "+what+"); a DLQ of a DLQ would only move the problem. Its alarm fires on the first message.")
	b.alarm(id+"Messages", "a message in the dead-letter queue of "+what,
		q.MetricApproximateNumberOfMessagesVisible(&awscloudwatch.MetricOptions{
			Period:    awscdk.Duration_Minutes(jsii.Number(5)),
			Statistic: jsii.String("Maximum"),
		}), 1)
	return q
}

func (b *builder) functionAlarms(name string, fn awslambda.Function) {
	five := &awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Sum")}
	b.alarm(pascal(name)+"Errors", "function "+name+" failed (an invocation returned an error or timed out)", fn.MetricErrors(five), 1)
	b.alarm(pascal(name)+"Throttles", "function "+name+" was throttled (concurrency exhausted)", fn.MetricThrottles(five), 1)
}

func (b *builder) apiAlarms(api awsapigatewayv2.HttpApi) {
	b.alarm("Api5xx", "the API answered 5xx (an internal error, a timeout or a busy 503)",
		api.MetricServerError(&awscloudwatch.MetricOptions{Period: awscdk.Duration_Minutes(jsii.Number(5)), Statistic: jsii.String("Sum")}), 1)
}

func (b *builder) alarm(id, what string, metric awscloudwatch.IMetric, threshold float64) {
	newAlarm(b.st, b.cfg, b.alarmTopic, id, what, metric, threshold)
}

// newAlarm raises when metric >= threshold in one 5-minute period and
// tells topic when it raises and when it clears. docs/deploy.md says what
// to do about each.
func newAlarm(scope constructs.Construct, cfg Config, topic awssns.ITopic, id, what string, metric awscloudwatch.IMetric, threshold float64) {
	a := awscloudwatch.NewAlarm(scope, jsii.String(id+"Alarm"), &awscloudwatch.AlarmProps{
		AlarmName:          jsii.String(fmt.Sprintf("brana-%s-%s", cfg.Stage, kebab(id))),
		AlarmDescription:   jsii.String("Brána " + cfg.Stage + ": " + what + ". What to do: docs/deploy.md, Alarms."),
		Metric:             metric,
		Threshold:          jsii.Number(threshold),
		EvaluationPeriods:  jsii.Number(1),
		ComparisonOperator: awscloudwatch.ComparisonOperator_GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
		TreatMissingData:   awscloudwatch.TreatMissingData_NOT_BREACHING,
	})
	action := awscloudwatchactions.NewSnsAction(topic)
	a.AddAlarmAction(action)
	a.AddOkAction(action)
}

// "OutboxSenderErrors" → "outbox-sender-errors", "Api5xx" → "api-5xx".
func kebab(id string) string {
	upper := func(b byte) bool { return b >= 'A' && b <= 'Z' }
	digit := func(b byte) bool { return b >= '0' && b <= '9' }
	var sb strings.Builder
	for i := 0; i < len(id); i++ {
		c := id[i]
		if i > 0 && ((upper(c) && !upper(id[i-1])) || (digit(c) && !digit(id[i-1]))) {
			sb.WriteByte('-')
		}
		if upper(c) {
			c += 'a' - 'A'
		}
		sb.WriteByte(c)
	}
	return sb.String()
}
