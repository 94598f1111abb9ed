package stack_test

import (
	"encoding/json"
	"maps"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/cxapi"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
)

func obj(m map[string]any) *map[string]any { return &m }

func TestFunctions(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fns := s.branaFunctions()
		if got, want := len(fns), len(registry.Names()); got != want {
			t.Errorf("functions: got %d, want %d (registry.Names)", got, want)
		}
		t.Run("every function runs provided.al2023 on arm64 with JSON logs", func(t *testing.T) {
			assert(t, "function properties", func() {
				s.template.ResourcePropertiesCountIs(jsii.String("AWS::Lambda::Function"), obj(map[string]any{
					"Description":   assertions.Match_StringLikeRegexp(jsii.String("^Brána ")),
					"Runtime":       "provided.al2023",
					"Architectures": []any{"arm64"},
					"Handler":       "bootstrap",
					"LoggingConfig": assertions.Match_ObjectLike(obj(map[string]any{"LogFormat": "JSON"})),
					"MemorySize":    assertions.Match_AnyValue(),
					"Timeout":       assertions.Match_AnyValue(),
				}), jsii.Number(float64(len(registry.Names()))))
			})
		})
		t.Run("each function has its own code and log group", func(t *testing.T) {
			keys, groups := map[string]bool{}, map[string]bool{}
			for _, name := range registry.Names() {
				f := s.function(t, name)
				keys[f.Props["Code"].(map[string]any)["S3Key"].(string)] = true
				lg := refTo(f.Props["LoggingConfig"].(map[string]any)["LogGroup"])
				if lg == "" || s.resource(lg).Type != "AWS::Logs::LogGroup" {
					t.Errorf("%s: log group: got %v, want a LogGroup of the stack", name, f.Props["LoggingConfig"])
				}
				groups[lg] = true
				if f.Props["Timeout"].(float64) > 30 && slices.Contains(routes.Functions(), name) {
					t.Errorf("%s: timeout %vs exceeds API Gateway's 30 s", name, f.Props["Timeout"])
				}
			}
			if len(keys) != len(registry.Names()) || len(groups) != len(registry.Names()) {
				t.Errorf("distinct code assets %d, log groups %d; want %d each", len(keys), len(groups), len(registry.Names()))
			}
		})
		t.Run("environment matches what boot.ConfigFromEnv reads", func(t *testing.T) {
			for _, name := range registry.Names() {
				env := s.function(t, name).Props["Environment"].(map[string]any)["Variables"].(map[string]any)
				for _, k := range []string{"TABLE_NAME", "PUBLIC_BASE_URL", "MAILER", "LOG_LEVEL"} {
					if env[k] == nil {
						t.Errorf("%s: %s not set", name, k)
					}
				}
				// Only the functions that seal or open manage links know
				// where the outbox key is.
				f, _ := registry.Get(name)
				if got, want := env["OUTBOX_KEY_SECRET_ARN"] != nil, f.Uses(registry.OutboxKey); got != want {
					t.Errorf("%s: OUTBOX_KEY_SECRET_ARN set: got %v, want %v", name, got, want)
				}
				if got := s.str(env["PUBLIC_BASE_URL"]); got != s.frontDoorOrigin() {
					t.Errorf("%s: PUBLIC_BASE_URL: got %s, want the front door %s", name, got, s.frontDoorOrigin())
				}
				if env["MAILER"] != "ses" {
					t.Errorf("%s: MAILER: got %v, want ses", name, env["MAILER"])
				}
				if _, ok := env["OUTBOX_KEY"]; ok {
					t.Errorf("%s: OUTBOX_KEY in the environment; the key belongs in Secrets Manager", name)
				}
				sends := name == registry.OutboxSender
				if got := env["MAIL_FROM"] != nil; got != sends {
					t.Errorf("%s: MAIL_FROM set: got %v, want %v", name, got, sends)
				}
				if sends && env["MAIL_FROM"] != s.cfg.SenderEmail {
					t.Errorf("%s: MAIL_FROM: got %v, want %s", name, env["MAIL_FROM"], s.cfg.SenderEmail)
				}
			}
		})
	})
}

func TestTable(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		tables := s.resources("AWS::DynamoDB::GlobalTable")
		if len(tables) != 1 || len(s.resources("AWS::DynamoDB::Table")) != 0 {
			t.Fatalf("tables: got %d global + %d classic, want 1 table", len(tables), len(s.resources("AWS::DynamoDB::Table")))
		}
		tbl := tables[0]
		t.Run("is retained, protected, recoverable, on demand, with TTL and the outbox stream", func(t *testing.T) {
			assert(t, "table", func() {
				s.template.HasResource(jsii.String("AWS::DynamoDB::GlobalTable"), obj(map[string]any{
					"DeletionPolicy":      "Retain",
					"UpdateReplacePolicy": "Retain",
					"Properties": assertions.Match_ObjectLike(obj(map[string]any{
						"BillingMode":             "PAY_PER_REQUEST",
						"TimeToLiveSpecification": map[string]any{"AttributeName": dynamo.Spec.TTLAttribute, "Enabled": true},
						"StreamSpecification":     map[string]any{"StreamViewType": string(dynamo.Spec.StreamView)},
						"Replicas": []any{assertions.Match_ObjectLike(obj(map[string]any{
							"Region":                           s.cfg.Region,
							"DeletionProtectionEnabled":        true,
							"PointInTimeRecoverySpecification": map[string]any{"PointInTimeRecoveryEnabled": true},
						}))},
					})),
				}))
			})
		})
		t.Run("keys and indexes are dynamo.Spec's, as the local stack creates them", func(t *testing.T) {
			local := dynamo.Spec.CreateTableInput("brana")
			var wantKeys []any
			for _, k := range local.KeySchema {
				wantKeys = append(wantKeys, map[string]any{"AttributeName": *k.AttributeName, "KeyType": string(k.KeyType)})
			}
			if !reflect.DeepEqual(tbl.Props["KeySchema"], wantKeys) {
				t.Errorf("key schema: got %v, want %v", tbl.Props["KeySchema"], wantKeys)
			}
			var wantGSIs []any
			for _, g := range local.GlobalSecondaryIndexes {
				var ks []any
				for _, k := range g.KeySchema {
					ks = append(ks, map[string]any{"AttributeName": *k.AttributeName, "KeyType": string(k.KeyType)})
				}
				wantGSIs = append(wantGSIs, map[string]any{
					"IndexName": *g.IndexName, "KeySchema": ks,
					"Projection": map[string]any{"ProjectionType": string(g.Projection.ProjectionType)},
				})
			}
			if !reflect.DeepEqual(tbl.Props["GlobalSecondaryIndexes"], wantGSIs) {
				t.Errorf("indexes: got %v, want %v", tbl.Props["GlobalSecondaryIndexes"], wantGSIs)
			}
			var wantAttrs []any
			for _, a := range local.AttributeDefinitions {
				wantAttrs = append(wantAttrs, map[string]any{"AttributeName": *a.AttributeName, "AttributeType": string(a.AttributeType)})
			}
			if !reflect.DeepEqual(tbl.Props["AttributeDefinitions"], wantAttrs) {
				t.Errorf("attributes: got %v, want %v", tbl.Props["AttributeDefinitions"], wantAttrs)
			}
			if string(local.BillingMode) != tbl.Props["BillingMode"] {
				t.Errorf("billing: got %v, want %s", tbl.Props["BillingMode"], local.BillingMode)
			}
		})
	})
}

// route is an API Gateway route as the template has it.
type route struct {
	resource
	Key string
}

func (s *synth) routes() map[string]route {
	out := map[string]route{}
	for _, r := range s.resources("AWS::ApiGatewayV2::Route") {
		out[r.Props["RouteKey"].(string)] = route{r, r.Props["RouteKey"].(string)}
	}
	return out
}

func TestRoutes(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		got := s.routes()
		if len(got) != len(routes.Table) {
			t.Errorf("routes: got %d, want %d (routes.Table)", len(got), len(routes.Table))
		}
		authorizers := s.resources("AWS::ApiGatewayV2::Authorizer")
		if len(authorizers) != 1 {
			t.Fatalf("authorizers: got %d, want 1", len(authorizers))
		}
		jwt := authorizers[0]
		t.Run("the authorizer checks Cognito JWTs of the front door's client", func(t *testing.T) {
			if jwt.Props["AuthorizerType"] != "JWT" {
				t.Errorf("authorizer type: got %v, want JWT", jwt.Props["AuthorizerType"])
			}
			cfg := jwt.Props["JwtConfiguration"].(map[string]any)
			if aud := list(cfg["Audience"]); len(aud) != 1 || s.resource(refTo(aud[0])).Type != "AWS::Cognito::UserPoolClient" {
				t.Errorf("audience: got %v, want the user pool client", cfg["Audience"])
			}
			issuer, _ := json.Marshal(cfg["Issuer"])
			pools := s.resources("AWS::Cognito::UserPool")
			if len(pools) != 1 || !strings.Contains(string(issuer), "https://cognito-idp."+s.cfg.Region+".amazonaws.com/") || !strings.Contains(string(issuer), `"Ref":"`+pools[0].ID+`"`) {
				t.Errorf("issuer: got %s, want the staff user pool", issuer)
			}
			if !reflect.DeepEqual(strs(jwt.Props["IdentitySource"]), []string{"$request.header.Authorization"}) {
				t.Errorf("identity source: got %v", jwt.Props["IdentitySource"])
			}
		})
		staff := 0
		for _, want := range routes.Table {
			t.Run(want.Key(), func(t *testing.T) {
				r, ok := got[want.Key()]
				if !ok {
					t.Fatalf("no route %q", want.Key())
				}
				authType, _ := r.Props["AuthorizationType"].(string)
				if want.Public() {
					if authType != "NONE" || r.Props["AuthorizerId"] != nil {
						t.Errorf("public route: got authorization %q %v, want NONE", authType, r.Props["AuthorizerId"])
					}
				} else {
					staff++
					if authType != "JWT" || refTo(r.Props["AuthorizerId"]) != jwt.ID {
						t.Errorf("staff route: got authorization %q %v, want the JWT authorizer", authType, r.Props["AuthorizerId"])
					}
				}
				// The route reaches the function routes.Table names,
				// with payload format 2.0.
				target, _ := r.Props["Target"].(map[string]any)
				integ := ""
				if j, ok := target["Fn::Join"].([]any); ok {
					for _, p := range j[1].([]any) {
						if id := refTo(p); id != "" {
							integ = id
						}
					}
				}
				if integ == "" {
					t.Fatalf("target: got %v, want integrations/<integration>", r.Props["Target"])
				}
				in := s.resource(integ)
				if in.Props["PayloadFormatVersion"] != "2.0" || in.Props["IntegrationType"] != "AWS_PROXY" {
					t.Errorf("integration: got %v %v, want AWS_PROXY 2.0", in.Props["IntegrationType"], in.Props["PayloadFormatVersion"])
				}
				if fn := refTo(in.Props["IntegrationUri"]); fn != s.function(t, want.Function).ID {
					t.Errorf("integration reaches %s, want the function %s", fn, want.Function)
				}
			})
		}
		t.Run("exactly the staff routes have the authorizer", func(t *testing.T) {
			jwtRoutes := 0
			for _, r := range got {
				if r.Props["AuthorizationType"] == "JWT" {
					jwtRoutes++
				}
			}
			if jwtRoutes != staff {
				t.Errorf("routes with the JWT authorizer: got %d, want %d", jwtRoutes, staff)
			}
			assert(t, "JWT route count", func() {
				s.template.ResourcePropertiesCountIs(jsii.String("AWS::ApiGatewayV2::Route"),
					obj(map[string]any{"AuthorizationType": "JWT"}), jsii.Number(float64(staff)))
			})
		})
	})
}

func TestStage(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		stages := s.resources("AWS::ApiGatewayV2::Stage")
		if len(stages) != 1 {
			t.Fatalf("stages: got %d, want 1", len(stages))
		}
		st := stages[0]
		t.Run("default throttling, and tighter limits on public writes", func(t *testing.T) {
			assert(t, "stage", func() {
				s.template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Stage"), obj(map[string]any{
					"StageName":  "$default",
					"AutoDeploy": true,
					"DefaultRouteSettings": map[string]any{
						"ThrottlingRateLimit":  s.cfg.DefaultThrottle.Rate,
						"ThrottlingBurstLimit": s.cfg.DefaultThrottle.Burst,
					},
				}))
			})
			settings, _ := st.Props["RouteSettings"].(map[string]any)
			var want []string
			for _, r := range routes.Table {
				if r.Throttle == routes.ThrottlePublicWrite {
					want = append(want, r.Key())
					if !r.Public() || r.Method != "POST" {
						t.Errorf("%s: public-write throttling on a route that is not a public POST", r.Key())
					}
				}
			}
			if got := slices.Sorted(maps.Keys(settings)); !slices.Equal(got, slices.Sorted(slices.Values(want))) {
				t.Errorf("throttled routes: got %v, want %v", got, want)
			}
			for key, v := range settings {
				v := v.(map[string]any)
				rate, burst := v["ThrottlingRateLimit"].(float64), v["ThrottlingBurstLimit"].(float64)
				if rate != s.cfg.PublicWriteThrottle.Rate || burst != s.cfg.PublicWriteThrottle.Burst {
					t.Errorf("%s: got rate %v burst %v, want %v", key, rate, burst, s.cfg.PublicWriteThrottle)
				}
				if rate >= s.cfg.DefaultThrottle.Rate || burst >= s.cfg.DefaultThrottle.Burst {
					t.Errorf("%s: rate %v burst %v are not tighter than the default %v", key, rate, burst, s.cfg.DefaultThrottle)
				}
			}
		})
		t.Run("the stage is created after every route its settings name", func(t *testing.T) {
			deps := strs(st.Raw["DependsOn"])
			for key, r := range s.routes() {
				if !slices.Contains(deps, r.ID) {
					t.Errorf("stage does not depend on route %s", key)
				}
			}
		})
		t.Run("JSON access logs without personal data", func(t *testing.T) {
			als := st.Props["AccessLogSettings"].(map[string]any)
			if s.resource(refTo(als["DestinationArn"])).Type != "AWS::Logs::LogGroup" {
				t.Errorf("access log destination: got %v", als["DestinationArn"])
			}
			var format map[string]string
			if err := json.Unmarshal([]byte(als["Format"].(string)), &format); err != nil {
				t.Fatalf("access log format is not JSON: %v", err)
			}
			if format["requestId"] != "$context.requestId" || format["status"] != "$context.status" || format["routeKey"] != "$context.routeKey" {
				t.Errorf("access log format lacks requestId/status/routeKey: %v", format)
			}
			for _, v := range format {
				if strings.Contains(v, "sourceIp") || strings.Contains(v, "userAgent") || strings.Contains(v, "claims") {
					t.Errorf("access log records personal data: %s", v)
				}
			}
		})
	})
}

// TestCORS: the front door reaches the API on its own origin, through the
// distribution (/v1/*), and needs no CORS. With a front-door domain (prod)
// that one origin is allowed; without one (dev) the API allows none,
// since the origin would be the distribution's generated name and the
// distribution is built on the API.
func TestCORS(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		apis := s.resources("AWS::ApiGatewayV2::Api")
		if len(apis) != 1 {
			t.Fatalf("APIs: got %d, want 1", len(apis))
		}
		cors, _ := apis[0].Props["CorsConfiguration"].(map[string]any)
		if s.cfg.FrontDoorOrigin() == "" {
			if cors != nil {
				t.Errorf("CORS without a front-door domain: got %v, want none", cors)
			}
			return
		}
		if cors == nil {
			t.Fatalf("no CORS for the front-door domain %s", s.cfg.FrontDoorOrigin())
		}
		if got := strs(cors["AllowOrigins"]); !reflect.DeepEqual(got, []string{s.cfg.FrontDoorOrigin()}) {
			t.Errorf("origins: got %v, want only %s", got, s.cfg.FrontDoorOrigin())
		}
		if cors["AllowCredentials"] != false {
			t.Errorf("credentials: got %v, want false", cors["AllowCredentials"])
		}
		wantAllow := []string{"Accept-Language", "Authorization", "Booking-Token", "Content-Type", "Idempotency-Key"}
		if got := slices.Sorted(slices.Values(strs(cors["AllowHeaders"]))); !slices.Equal(got, wantAllow) {
			t.Errorf("allowed headers: got %v, want %v", got, wantAllow)
		}
		wantExpose := []string{"Content-Language", "Idempotent-Replayed", "Location", "Retry-After", "X-Request-Id"}
		if got := slices.Sorted(slices.Values(strs(cors["ExposeHeaders"]))); !slices.Equal(got, wantExpose) {
			t.Errorf("exposed headers: got %v, want %v", got, wantExpose)
		}
		methods := strs(cors["AllowMethods"])
		for _, r := range routes.Table {
			if !slices.Contains(methods, r.Method) {
				t.Errorf("method %s of %s not allowed by CORS", r.Method, r.Key())
			}
		}
		if slices.Contains(methods, "*") || slices.Contains(strs(cors["AllowOrigins"]), "*") || slices.Contains(strs(cors["AllowHeaders"]), "*") {
			t.Errorf("CORS has a wildcard: %v", cors)
		}
	})
}

func TestOutboxStream(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		esms := s.resources("AWS::Lambda::EventSourceMapping")
		if len(esms) != 1 {
			t.Fatalf("event source mappings: got %d, want 1", len(esms))
		}
		e := esms[0]
		if refTo(e.Props["FunctionName"]) != s.function(t, registry.OutboxSender).ID {
			t.Errorf("stream feeds %v, want the outbox sender", e.Props["FunctionName"])
		}
		src := e.Props["EventSourceArn"].(map[string]any)["Fn::GetAtt"].([]any)
		if s.resource(src[0].(string)).Type != "AWS::DynamoDB::GlobalTable" || src[1] != "StreamArn" {
			t.Errorf("event source: got %v, want the table's stream", src)
		}
		assert(t, "stream source", func() {
			s.template.HasResourceProperties(jsii.String("AWS::Lambda::EventSourceMapping"), obj(map[string]any{
				"StartingPosition":           "TRIM_HORIZON",
				"BisectBatchOnFunctionError": true,
				"FunctionResponseTypes":      []any{"ReportBatchItemFailures"},
				"MaximumRetryAttempts":       assertions.Match_AnyValue(),
				"FilterCriteria": map[string]any{"Filters": []any{map[string]any{
					"Pattern": assertions.Match_SerializedJson(obj(map[string]any{
						"eventName": []any{"INSERT"},
						"dynamodb":  map[string]any{"Keys": map[string]any{dynamo.AttrPK: map[string]any{"S": []any{map[string]any{"prefix": dynamo.OutboxKeyPrefix}}}}},
					})),
				}}},
			}))
		})
		if n := e.Props["MaximumRetryAttempts"].(float64); n < 1 || n > 10 {
			t.Errorf("retry attempts: got %v, want 1..10 (bounded)", n)
		}
		dest := refTo(e.Props["DestinationConfig"].(map[string]any)["OnFailure"].(map[string]any)["Destination"])
		if s.resource(dest).Type != "AWS::SQS::Queue" {
			t.Errorf("on-failure destination: got %v, want an SQS queue", dest)
		}
	})
}

func TestSchedules(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		scheds := s.resources("AWS::Scheduler::Schedule")
		want := map[string]*regexp.Regexp{
			// every hour, on the hour
			registry.Reminders: regexp.MustCompile(`^cron\(0 \* \* \* \? \*\)$`),
			// every hour, apart from the consultations' reminders
			registry.WorkshopReminders: regexp.MustCompile(`^cron\([1-5][0-9] \* \* \* \? \*\)$`),
			// once a day
			registry.Retention:         regexp.MustCompile(`^cron\([0-5]?[0-9] ([01]?[0-9]|2[0-3]) \* \* \? \*\)$`),
			registry.WorkshopRetention: regexp.MustCompile(`^cron\([0-5]?[0-9] ([01]?[0-9]|2[0-3]) \* \* \? \*\)$`),
			// every few (≤ 15) minutes
			registry.OutboxSender: regexp.MustCompile(`^cron\(0/([1-9]|1[0-5]) \* \* \* \? \*\)$`),
			// every few (≤ 15) minutes
			registry.WorkshopOffers: regexp.MustCompile(`^cron\(0/([1-9]|1[0-5]) \* \* \* \? \*\)$`),
			// the survey invitations: daily at 10:00 Prague time (the
			// timezone is asserted for every schedule below)
			registry.SurveyInvitations: regexp.MustCompile(`^cron\(0 10 \* \* \? \*\)$`),
			// the monthly report: the 1st at 03:00 Prague time
			// (reports_test.go checks it in detail)
			registry.ReportCompile: regexp.MustCompile(`^cron\(0 3 1 \* \? \*\)$`),
		}
		if len(scheds) != len(want) {
			t.Errorf("schedules: got %d, want %d", len(scheds), len(want))
		}
		assert(t, "every schedule", func() {
			s.template.AllResourcesProperties(jsii.String("AWS::Scheduler::Schedule"), obj(map[string]any{
				"ScheduleExpressionTimezone": "Europe/Prague",
				"State":                      "ENABLED",
				"Target": assertions.Match_ObjectLike(obj(map[string]any{
					"RetryPolicy":      assertions.Match_ObjectLike(obj(map[string]any{"MaximumRetryAttempts": assertions.Match_AnyValue()})),
					"DeadLetterConfig": assertions.Match_ObjectLike(obj(map[string]any{"Arn": assertions.Match_AnyValue()})),
					"Input":            "{}",
				})),
			}))
		})
		for _, sc := range scheds {
			target := sc.Props["Target"].(map[string]any)
			var fn string
			for name := range want {
				if refTo(target["Arn"]) == s.function(t, name).ID {
					fn = name
				}
			}
			if fn == "" {
				t.Errorf("schedule targets %v, want reminders, workshop reminders, retention, the outbox sender or the workshop offers", target["Arn"])
				continue
			}
			if expr := sc.Props["ScheduleExpression"].(string); !want[fn].MatchString(expr) {
				t.Errorf("%s: schedule %q, want %s", fn, expr, want[fn])
			}
			if fn == registry.SurveyInvitations && sc.Props["ScheduleExpressionTimezone"] != "Europe/Prague" {
				t.Errorf("%s: time zone %v, want Europe/Prague (10:00 Prague time, summer and winter)", fn, sc.Props["ScheduleExpressionTimezone"])
			}
			if n := target["RetryPolicy"].(map[string]any)["MaximumRetryAttempts"].(float64); n < 1 {
				t.Errorf("%s: retry attempts %v, want at least 1", fn, n)
			}
			if dlq := refTo(target["DeadLetterConfig"].(map[string]any)["Arn"]); s.resource(dlq).Type != "AWS::SQS::Queue" {
				t.Errorf("%s: dead-letter queue: got %v", fn, dlq)
			}
			delete(want, fn)
		}
		if len(want) > 0 {
			t.Errorf("no schedule for %v", slices.Collect(maps.Keys(want)))
		}
		// Asynchronous invocation failures of scheduled functions also
		// land in a dead-letter queue.
		for _, name := range []string{registry.Reminders, registry.WorkshopReminders, registry.Retention, registry.OutboxSender, registry.WorkshopRetention, registry.SurveyInvitations, registry.ReportCompile} {
			dlc, _ := s.function(t, name).Props["DeadLetterConfig"].(map[string]any)
			if dlc == nil || s.resource(refTo(dlc["TargetArn"])).Type != "AWS::SQS::Queue" {
				t.Errorf("%s: no dead-letter queue for failed scheduled invocations", name)
			}
		}
	})
}

func TestDeadLetterQueues(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		used := map[string]bool{}
		for _, f := range s.resources("AWS::Lambda::Function") {
			if d, ok := f.Props["DeadLetterConfig"].(map[string]any); ok {
				used[refTo(d["TargetArn"])] = true
			}
		}
		for _, e := range s.resources("AWS::Lambda::EventSourceMapping") {
			used[refTo(e.Props["DestinationConfig"].(map[string]any)["OnFailure"].(map[string]any)["Destination"])] = true
		}
		for _, sc := range s.resources("AWS::Scheduler::Schedule") {
			used[refTo(sc.Props["Target"].(map[string]any)["DeadLetterConfig"].(map[string]any)["Arn"])] = true
		}
		queues := s.resources("AWS::SQS::Queue")
		if len(queues) != 4 {
			t.Errorf("queues: got %d, want 4 (async, stream, scheduler, the monthly report's schedule)", len(queues))
		}
		for _, q := range queues {
			if !used[q.ID] {
				t.Errorf("queue %v is no dead-letter queue of anything", q.Props)
			}
			if q.Props["SqsManagedSseEnabled"] != true || q.Props["MessageRetentionPeriod"] != float64(14*24*3600) {
				t.Errorf("queue: got %v, want SSE and 14 days' retention", q.Props)
			}
		}
	})
}

func TestAlarms(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		// The alarm topic; the other topics carry SES events (mail_test.go).
		var topics []resource
		for _, tp := range s.resources("AWS::SNS::Topic") {
			if d, _ := tp.Props["DisplayName"].(string); strings.HasSuffix(d, " alarms") {
				topics = append(topics, tp)
			}
		}
		if len(topics) != 1 {
			t.Fatalf("alarm topics: got %d, want 1", len(topics))
		}
		topic := topics[0].ID
		t.Run("the topic e-mails the configured address", func(t *testing.T) {
			assert(t, "subscription", func() {
				s.template.ResourcePropertiesCountIs(jsii.String("AWS::SNS::Subscription"), obj(map[string]any{
					"Protocol": "email", "Endpoint": s.cfg.AlarmEmail,
					"TopicArn": map[string]any{"Ref": topic},
				}), jsii.Number(1))
			})
		})
		alarms := s.resources("AWS::CloudWatch::Alarm")
		type key struct{ metric, dim string }
		have := map[key]resource{}
		for _, a := range alarms {
			if !reflect.DeepEqual(a.Props["AlarmActions"], []any{map[string]any{"Ref": topic}}) ||
				!reflect.DeepEqual(a.Props["OKActions"], []any{map[string]any{"Ref": topic}}) {
				t.Errorf("alarm %v does not notify the topic", a.Props["AlarmName"])
			}
			if a.Props["ComparisonOperator"] != "GreaterThanOrEqualToThreshold" || a.Props["Threshold"] != float64(1) {
				t.Errorf("alarm %v: got %v %v, want >= 1", a.Props["AlarmName"], a.Props["ComparisonOperator"], a.Props["Threshold"])
			}
			for _, d := range list(a.Props["Dimensions"]) {
				d := d.(map[string]any)
				have[key{a.Props["MetricName"].(string), refTo(d["Value"])}] = a
			}
			if len(list(a.Props["Dimensions"])) == 0 {
				have[key{a.Props["MetricName"].(string), ""}] = a
			}
		}
		for _, name := range registry.Names() {
			fn := s.function(t, name).ID
			for _, m := range []string{"Errors", "Throttles"} {
				if _, ok := have[key{m, fn}]; !ok {
					t.Errorf("no %s alarm for %s", m, name)
				}
			}
		}
		for _, q := range s.resources("AWS::SQS::Queue") {
			a, ok := have[key{"ApproximateNumberOfMessagesVisible", q.ID}]
			if !ok {
				t.Errorf("no alarm on dead-letter queue %s", q.ID)
			} else if a.Props["Statistic"] != "Maximum" {
				t.Errorf("DLQ alarm statistic: got %v, want Maximum", a.Props["Statistic"])
			}
		}
		api := s.resources("AWS::ApiGatewayV2::Api")[0].ID
		if a, ok := have[key{"5xx", api}]; !ok || a.Props["Namespace"] != "AWS/ApiGateway" {
			t.Errorf("no API 5xx alarm")
		}
		if a, ok := have[key{stack.OutboxFailedMetric, ""}]; !ok || a.Props["Namespace"] != stack.MetricNamespace {
			t.Errorf("no alarm on failed outbox items")
		}
		want := 2*len(registry.Names()) + len(s.resources("AWS::SQS::Queue")) + 1 + 1 // API 5xx, outbox failed
		if len(alarms) != want {
			t.Errorf("alarms: got %d, want %d", len(alarms), want)
		}
	})
}

func TestUserPool(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		assert(t, "user pool", func() {
			s.template.HasResourceProperties(jsii.String("AWS::Cognito::UserPool"), obj(map[string]any{
				"AdminCreateUserConfig": assertions.Match_ObjectLike(obj(map[string]any{"AllowAdminCreateUserOnly": true})),
				"MfaConfiguration":      "ON",
				"EnabledMfas":           []any{"SOFTWARE_TOKEN_MFA"},
				"Policies": map[string]any{"PasswordPolicy": assertions.Match_ObjectLike(obj(map[string]any{
					"MinimumLength": assertions.Match_AnyValue(), "RequireLowercase": true, "RequireUppercase": true,
					"RequireNumbers": true, "RequireSymbols": true,
				}))},
			}))
		})
		pool := s.resources("AWS::Cognito::UserPool")[0]
		if n := pool.Props["Policies"].(map[string]any)["PasswordPolicy"].(map[string]any)["MinimumLength"].(float64); n < 12 {
			t.Errorf("password length: got %v, want at least 12", n)
		}
		var groups []string
		for _, g := range s.resources("AWS::Cognito::UserPoolGroup") {
			groups = append(groups, g.Props["GroupName"].(string))
		}
		if slices.Sort(groups); !slices.Equal(groups, []string{"admin", "evaluator", "expert", "organiser", "viewer"}) {
			t.Errorf("groups: got %v, want admin, evaluator, expert, organiser, viewer", groups)
		}
		assert(t, "front door client", func() {
			s.template.HasResourceProperties(jsii.String("AWS::Cognito::UserPoolClient"), obj(map[string]any{
				"GenerateSecret":                  false, // a public client: PKCE instead of a secret
				"AllowedOAuthFlows":               []any{"code"},
				"AllowedOAuthFlowsUserPoolClient": true,
			}))
		})
		client := s.resources("AWS::Cognito::UserPoolClient")[0]
		for key, path := range map[string]string{"CallbackURLs": "/staff/callback", "LogoutURLs": "/staff/"} {
			if got := list(client.Props[key]); len(got) != 1 || s.str(got[0]) != s.frontDoorOrigin()+path {
				var shown []string
				for _, u := range got {
					shown = append(shown, s.str(u))
				}
				t.Errorf("%s: got %v, want only %s%s", key, shown, s.frontDoorOrigin(), path)
			}
		}
	})
}

// statements lists every IAM statement of the template: inline role
// policies and AWS::IAM::Policy documents, with the roles they apply to.
type stmt struct {
	Roles      []string
	Actions    []string
	Resources  []any
	Conditions map[string]any
}

func (s *synth) statements() []stmt {
	var out []stmt
	add := func(roles []string, doc any) {
		for _, st := range list(doc.(map[string]any)["Statement"]) {
			st := st.(map[string]any)
			cond, _ := st["Condition"].(map[string]any)
			out = append(out, stmt{Roles: roles, Actions: strs(st["Action"]), Resources: list(st["Resource"]), Conditions: cond})
		}
	}
	for _, p := range s.resources("AWS::IAM::Policy") {
		var roles []string
		for _, r := range list(p.Props["Roles"]) {
			roles = append(roles, refTo(r))
		}
		add(roles, p.Props["PolicyDocument"])
	}
	for _, r := range s.resources("AWS::IAM::Role") {
		for _, p := range list(r.Props["Policies"]) {
			add([]string{r.ID}, p.(map[string]any)["PolicyDocument"])
		}
	}
	return out
}

// branaRoles are the roles of Brána's own functions and schedules; the
// others belong to the Lambda functions CDK brings for its custom
// resources (TestHandlerRoles).
func (s *synth) branaRoles() map[string]bool {
	out := map[string]bool{}
	for _, f := range s.branaFunctions() {
		out[refTo(f.Props["Role"])] = true
	}
	for _, r := range s.resources("AWS::IAM::Role") {
		b, _ := json.Marshal(r.Props["AssumeRolePolicyDocument"])
		if strings.Contains(string(b), `"scheduler.amazonaws.com"`) {
			out[r.ID] = true
		}
	}
	return out
}

func TestIAM(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		brana := s.branaRoles()
		var statements []stmt
		for _, st := range s.statements() {
			if slices.ContainsFunc(st.Roles, func(r string) bool { return brana[r] }) {
				statements = append(statements, st)
			}
		}
		t.Run("no wildcard actions", func(t *testing.T) {
			for _, st := range statements {
				for _, a := range st.Actions {
					if strings.Contains(a, "*") {
						t.Errorf("roles %v: wildcard action %q", st.Roles, a)
					}
				}
			}
		})
		t.Run("no AWS managed policies", func(t *testing.T) {
			for _, r := range s.resources("AWS::IAM::Role") {
				if m := r.Props["ManagedPolicyArns"]; m != nil && brana[r.ID] {
					t.Errorf("role %s has managed policies %v", r.ID, m)
				}
			}
		})
		t.Run("no statement on every resource", func(t *testing.T) {
			for _, st := range statements {
				for _, res := range st.Resources {
					if res == "*" {
						t.Errorf("roles %v: %v on every resource", st.Roles, st.Actions)
					}
				}
			}
		})

		logs := []string{"logs:CreateLogStream", "logs:PutLogEvents"}
		secret := []string{"secretsmanager:GetSecretValue"}
		reads := []string{"dynamodb:GetItem", "dynamodb:Query"}
		txWrites := []string{"dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}
		asyncDLQ := []string{"sqs:SendMessage"}
		cat := func(parts ...[]string) []string {
			var out []string
			for _, p := range parts {
				out = append(out, p...)
			}
			slices.Sort(out)
			return slices.Compact(out)
		}
		stream := []string{"dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"}
		want := map[string][]string{
			routes.FnCatalog:       cat(logs, secret, reads), // the origin secret
			routes.FnBookings:      cat(logs, secret, reads, txWrites),
			routes.FnStaff:         cat(logs, secret, reads, []string{"dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}),
			routes.FnStaffEvents:   cat(logs, secret, reads, txWrites),
			registry.SurveyResults: cat(logs, secret, reads), // the origin secret; read only
			registry.Reminders:     cat(logs, reads, []string{"dynamodb:PutItem"}, asyncDLQ),
			// The outbox key signs the reminders' check-in codes.
			registry.WorkshopReminders: cat(logs, secret, []string{"dynamodb:ConditionCheckItem", "dynamodb:PutItem", "dynamodb:Query"}, asyncDLQ),
			registry.Retention:         cat(logs, []string{"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"}, asyncDLQ),
			registry.WorkshopRetention: cat(logs, []string{"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"}, asyncDLQ),
			registry.OutboxSender: cat(logs, secret, []string{"dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"}, asyncDLQ, stream,
				[]string{"sqs:GetQueueAttributes", "sqs:GetQueueUrl"}, // the stream's on-failure queue
				[]string{"ses:SendEmail", "ses:SendRawEmail"}),
			registry.MailEvents:     cat(logs, secret, []string{"dynamodb:PutItem"}),
			routes.FnEvents:         cat(logs, secret, reads, txWrites),
			registry.WorkshopOffers: cat(logs, secret, reads, txWrites, asyncDLQ),
			routes.FnStaffSurveys:   cat(logs, secret, reads, []string{"dynamodb:PutItem", "dynamodb:UpdateItem"}),
			// Surveys: no Query, no DeleteItem (a response is put, an
			// invitation replaced, a counter added to).
			routes.FnSurveys: cat(logs, secret, []string{"dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"}),
			// Seals the survey links and keys the "already invited" markers.
			registry.SurveyInvitations: cat(logs, secret, reads, []string{"dynamodb:PutItem", "dynamodb:UpdateItem"}, asyncDLQ),
			// Reads the reports' files and starts a re-run
			// (reports_test.go: only under reports/, only report-compile).
			registry.StaffReports:  cat(logs, secret, reads, []string{"dynamodb:PutItem", "lambda:InvokeFunction", "s3:GetObject"}),
			registry.ReportCompile: cat(logs, reads, []string{"dynamodb:PutItem", "s3:GetObject", "s3:PutObject"}, asyncDLQ),
		}
		// What each may do on the table's items (only under the
		// partition-key prefixes of dynamodb:LeadingKeys) and which
		// indexes it may Query.
		type access struct {
			actions, keys, indexes []string
		}
		wantData := map[string]access{
			routes.FnCatalog: {
				[]string{"dynamodb:GetItem", "dynamodb:Query"}, []string{"EXPERT#*"}, []string{"GSI1"}},
			routes.FnBookings: {
				cat(reads, txWrites), []string{"BOOKING#*", "EXPERT#*", "IDEMPOTENCY#*", "LIMIT#*", "OUTBOX#*", "POW#*"}, nil},
			routes.FnStaff: {
				[]string{"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"},
				[]string{"BOOKING#*", "EXPERT#*", "IDEMPOTENCY#*", "LIMIT#*", "OUTBOX#*", "SUBJECT#*"}, []string{"GSI1", "GSI2"}},
			routes.FnStaffEvents: {
				cat(reads, txWrites),
				[]string{"AUDIT#*", "ESF#*", "EVENT#*", "IDEMPOTENCY#*", "OUTBOX#*", "REGISTRATION#*", "WLIMIT#*"}, []string{"GSI2"}},
			registry.SurveyResults: {
				reads, []string{"RESPONSE#*", "SURVEY#*"}, nil},
			registry.Reminders: {
				[]string{"dynamodb:GetItem", "dynamodb:PutItem"}, []string{"BOOKING#*", "EXPERT#*", "OUTBOX#*"}, []string{"GSI2"}},
			registry.WorkshopReminders: {
				[]string{"dynamodb:ConditionCheckItem", "dynamodb:PutItem"}, []string{"EVENT#*", "OUTBOX#*", "REGISTRATION#*"}, []string{"GSI1", "GSI2"}},
			registry.Retention: {
				[]string{"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem"}, []string{"BOOKING#*", "IDEMPOTENCY#*", "LIMIT#*", "OUTBOX#*"}, []string{"GSI2"}},
			registry.WorkshopRetention: {
				[]string{"dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"},
				[]string{"EVENT#*", "IDEMPOTENCY#*", "OUTBOX#*", "REGISTRATION#*", "WLIMIT#*"}, []string{"GSI2"}},
			registry.OutboxSender: {
				[]string{"dynamodb:GetItem", "dynamodb:UpdateItem"}, []string{"MAILCAP#*", "OUTBOX#*", "SUPPRESS#*"}, []string{"GSI1"}},
			registry.MailEvents: {
				[]string{"dynamodb:PutItem"}, []string{"SUPPRESS#*"}, nil},
			routes.FnEvents: {
				cat(reads, txWrites), []string{"ESF#*", "EVENT#*", "IDEMPOTENCY#*", "OUTBOX#*", "POW#*", "REGISTRATION#*", "WLIMIT#*"}, []string{"GSI1"}},
			registry.WorkshopOffers: {
				cat(reads, txWrites), []string{"EVENT#*", "OUTBOX#*", "REGISTRATION#*", "WLIMIT#*"}, []string{"GSI1"}},
			routes.FnStaffSurveys: {
				cat(reads, []string{"dynamodb:PutItem", "dynamodb:UpdateItem"}), []string{"SURVEY#*"}, []string{"GSI1"}},
			routes.FnSurveys: {
				[]string{"dynamodb:ConditionCheckItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"},
				[]string{"ANSWERED#*", "IDEMPOTENCY#*", "INVITATION#*", "POW#*", "RESPONSE#*", "SURVEY#*"}, nil},
			// Bookings, events and registrations in a statement of their
			// own, GetItem only (registry ReadKeys).
			registry.SurveyInvitations: {
				[]string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"},
				[]string{"BOOKING#*", "EVENT#*", "INVITATION#*", "INVITED#*", "OUTBOX#*", "REGISTRATION#*", "SURVEY#*"}, []string{"GSI1", "GSI2"}},
			registry.StaffReports: {
				[]string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"}, []string{"REPORT#*", "SERVICE#*"}, []string{"GSI1", "GSI2"}},
			// Its prefixes as the registry gives them (Keys, and ReadKeys
			// in a GetItem statement of their own).
			registry.ReportCompile: {
				[]string{"dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"},
				registryKeys(registry.ReportCompile), []string{"GSI1", "GSI2"}},
		}
		tableID := s.resources("AWS::DynamoDB::GlobalTable")[0].ID
		indexName := regexp.MustCompile(`/index/([A-Za-z0-9_.-]+)"`)
		for _, name := range registry.Names() {
			t.Run(name+" touches only its keys and indexes", func(t *testing.T) {
				role := refTo(s.function(t, name).Props["Role"])
				var got access
				for _, st := range statements {
					if !slices.Contains(st.Roles, role) || !slices.ContainsFunc(st.Actions, func(a string) bool { return strings.HasPrefix(a, "dynamodb:") }) {
						continue
					}
					for _, r := range st.Resources {
						b, _ := json.Marshal(r)
						switch {
						case reflect.DeepEqual(r, map[string]any{"Fn::GetAtt": []any{tableID, "Arn"}}):
							// The table's items: every statement on them
							// carries the leading-key condition.
							got.actions = append(got.actions, st.Actions...)
							like, _ := st.Conditions["ForAllValues:StringLike"].(map[string]any)
							keys := strs(like["dynamodb:LeadingKeys"])
							if len(st.Conditions) != 1 || len(keys) == 0 {
								t.Errorf("%v on the table with conditions %v, want only ForAllValues:StringLike on dynamodb:LeadingKeys", st.Actions, st.Conditions)
							}
							got.keys = append(got.keys, keys...)
						case indexName.Match(b):
							if !slices.Equal(st.Actions, []string{"dynamodb:Query"}) {
								t.Errorf("%v on an index, want only dynamodb:Query", st.Actions)
							}
							got.indexes = append(got.indexes, indexName.FindStringSubmatch(string(b))[1])
						case strings.Contains(string(b), "StreamArn"):
						default:
							t.Errorf("%v on %s, want the table, an index or the stream", st.Actions, b)
						}
					}
				}
				got.actions, got.keys, got.indexes = cat(got.actions), cat(got.keys), cat(got.indexes)
				w := wantData[name]
				if !slices.Equal(got.actions, w.actions) || !slices.Equal(got.keys, w.keys) || !slices.Equal(got.indexes, cat(w.indexes)) {
					t.Errorf("data access:\n got actions %v keys %v indexes %v\nwant actions %v keys %v indexes %v",
						got.actions, got.keys, got.indexes, w.actions, w.keys, cat(w.indexes))
				}
			})
		}
		secrets := s.resources("AWS::SecretsManager::Secret")
		if len(secrets) != 2 {
			t.Fatalf("secrets: got %d, want 2 (the outbox key, the origin secret)", len(secrets))
		}
		originID := s.originSecret(t).ID
		outboxID := secrets[0].ID
		if outboxID == originID {
			outboxID = secrets[1].ID
		}
		for _, name := range registry.Names() {
			t.Run(name+" may do only what it does", func(t *testing.T) {
				fn := s.function(t, name)
				role := refTo(fn.Props["Role"])
				var got []string
				for _, st := range statements {
					if !slices.Contains(st.Roles, role) {
						continue
					}
					got = append(got, st.Actions...)
					for _, a := range st.Actions {
						switch {
						case strings.HasPrefix(a, "ses:"):
							b, _ := json.Marshal(st.Resources)
							if len(st.Resources) != 2 || !strings.Contains(string(b), ":identity/"+s.cfg.SESIdentity+`"`) || !strings.Contains(string(b), ":configuration-set/") {
								t.Errorf("%s on %s, want the sender identity %s and the configuration set", a, b, s.cfg.SESIdentity)
							}
						case a == "secretsmanager:GetSecretValue":
							f := registry.MustGet(name)
							for _, r := range st.Resources {
								if !(refTo(r) == outboxID && f.Uses(registry.OutboxKey) || refTo(r) == originID && f.Uses(registry.OriginSecret)) {
									t.Errorf("%s on %v, want only the secrets the registry gives %s", a, st.Resources, name)
								}
							}
						case strings.HasPrefix(a, "dynamodb:"):
							for _, r := range st.Resources {
								b, _ := json.Marshal(r)
								tbl := s.resources("AWS::DynamoDB::GlobalTable")[0].ID
								if !strings.Contains(string(b), `"`+tbl+`"`) {
									t.Errorf("%s on %s, want the table, its indexes or its stream", a, b)
								}
							}
						}
					}
				}
				slices.Sort(got)
				if got = slices.Compact(got); !slices.Equal(got, want[name]) {
					t.Errorf("actions:\n got %v\nwant %v", got, want[name])
				}
			})
		}
	})
}

// registryKeys lists a function's partition-key prefixes (Keys and
// ReadKeys) as the policies' dynamodb:LeadingKeys patterns, sorted.
func registryKeys(name string) []string {
	f := registry.MustGet(name)
	var out []string
	for _, k := range append(slices.Clone(f.Table.Keys), f.Table.ReadKeys...) {
		out = append(out, k+"*")
	}
	slices.Sort(out)
	return out
}

func TestCDKNag(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		var errs, warnings []*cxapi.SynthesisMessage
		for _, st := range s.stack.Stacks() {
			ann := assertions.Annotations_FromStack(st)
			errs = append(errs, *ann.FindError(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))...)
			warnings = append(warnings, *ann.FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("AwsSolutions-.*")))...)
		}
		for _, e := range errs {
			t.Errorf("unsuppressed cdk-nag error at %s: %v", *e.Id, e.Entry.Data)
		}
		for _, w := range warnings {
			t.Logf("cdk-nag warning at %s: %v", *w.Id, w.Entry.Data)
		}

		// Every suppression has a reason of substance; APIG4 (no
		// authorizer) only on routes that routes.Table says are public.
		suppressions := 0
		public := map[string]bool{}
		for _, r := range routes.Table {
			public[r.Key()] = r.Public()
		}
		all := map[string]any{}
		for _, doc := range []*synth{s, s.waf, s.edgeAlarms} {
			maps.Copy(all, doc.doc["Resources"].(map[string]any))
		}
		for id, r := range all {
			md, _ := r.(map[string]any)["Metadata"].(map[string]any)
			nag, _ := md["cdk_nag"].(map[string]any)
			for _, sup := range list(nag["rules_to_suppress"]) {
				sup := sup.(map[string]any)
				suppressions++
				if reason, _ := sup["reason"].(string); len(reason) < 60 {
					t.Errorf("%s: suppression of %v has no real reason: %q", id, sup["id"], reason)
				}
				if sup["id"] == "AwsSolutions-APIG4" {
					key, _ := s.resource(id).Props["RouteKey"].(string)
					if !public[key] {
						t.Errorf("APIG4 suppressed on %q, which is not a public route", key)
					}
				}
			}
		}
		t.Logf("cdk-nag: %d errors, %d warnings, %d suppressions", len(errs), len(warnings), suppressions)
	})
}

func TestStageDifferences(t *testing.T) {
	dev, prod := stage(t, stack.StageDev, nil), stage(t, stack.StageProd, nil)
	policies := func(s *synth, typ string) []string {
		var out []string
		for _, r := range s.resources(typ) {
			if typ == "AWS::S3::Bucket" && isReportsBucket(r) {
				continue // kept in every stage (reports_test.go)
			}
			p, _ := r.Raw["DeletionPolicy"].(string)
			out = append(out, p)
		}
		return slices.Compact(slices.Sorted(slices.Values(out)))
	}
	cases := []struct {
		what      string
		got, want any
	}{
		{"dev user pool is deleted with the stack", policies(dev, "AWS::Cognito::UserPool"), []string{"Delete"}},
		{"prod user pool is retained", policies(prod, "AWS::Cognito::UserPool"), []string{"Retain"}},
		{"prod user pool has deletion protection", prod.resources("AWS::Cognito::UserPool")[0].Props["DeletionProtection"], "ACTIVE"},
		{"dev log groups are deleted", policies(dev, "AWS::Logs::LogGroup"), []string{"Delete"}},
		{"prod log groups are retained", policies(prod, "AWS::Logs::LogGroup"), []string{"Retain"}},
		{"prod secret is retained", policies(prod, "AWS::SecretsManager::Secret"), []string{"Retain"}},
		{"prod dead-letter queues are retained", policies(prod, "AWS::SQS::Queue"), []string{"Retain"}},
		{"dev buckets are deleted (emptied first)", policies(dev, "AWS::S3::Bucket"), []string{"Delete"}},
		{"dev empties its buckets on deletion", len(dev.resources("Custom::S3AutoDeleteObjects")), 2},
		{"prod buckets are retained", policies(prod, "AWS::S3::Bucket"), []string{"Retain"}},
		{"prod never empties a bucket", len(prod.resources("Custom::S3AutoDeleteObjects")), 0},
		{"dev keeps access logs 14 days", logExpiry(dev), []float64{14}},
		{"prod keeps access logs 90 days", logExpiry(prod), []float64{90}},
		{"the table is retained in dev too", policies(dev, "AWS::DynamoDB::GlobalTable"), []string{"Retain"}},
		{"the table is retained in prod", policies(prod, "AWS::DynamoDB::GlobalTable"), []string{"Retain"}},
		{"dev keeps logs two weeks", retention(dev), []float64{14}},
		{"prod keeps logs a year", retention(prod), []float64{365}},
		{"dev logs at DEBUG", dev.function(t, routes.FnCatalog).Props["Environment"].(map[string]any)["Variables"].(map[string]any)["LOG_LEVEL"], "DEBUG"},
		{"prod logs at INFO", prod.function(t, routes.FnCatalog).Props["Environment"].(map[string]any)["Variables"].(map[string]any)["LOG_LEVEL"], "INFO"},
		{"stack names differ", *dev.stack.Stack.StackName() + " " + *prod.stack.Stack.StackName(), "brana-dev brana-prod"},
		{"alarm e-mails differ", dev.cfg.AlarmEmail != prod.cfg.AlarmEmail, true},
	}
	for _, c := range cases {
		t.Run(c.what, func(t *testing.T) {
			if !reflect.DeepEqual(c.got, c.want) {
				t.Errorf("got %v, want %v", c.got, c.want)
			}
		})
	}
}

// logExpiry lists the expiration days of the buckets' lifecycle rules.
func logExpiry(s *synth) []float64 {
	var out []float64
	for _, b := range s.resources("AWS::S3::Bucket") {
		lc, _ := b.Props["LifecycleConfiguration"].(map[string]any)
		for _, r := range list(lc["Rules"]) {
			if d, ok := r.(map[string]any)["ExpirationInDays"].(float64); ok {
				out = append(out, d)
			}
		}
	}
	return out
}

func retention(s *synth) []float64 {
	var out []float64
	for _, r := range s.resources("AWS::Logs::LogGroup") {
		out = append(out, r.Props["RetentionInDays"].(float64))
	}
	return slices.Compact(slices.Sorted(slices.Values(out)))
}

func TestCustomDomain(t *testing.T) {
	s := stage(t, stack.StageProd, map[string]any{
		"brana:apiDomain":         "api.brana.example.invalid",
		"brana:apiCertificateArn": "arn:aws:acm:eu-central-1:111111111111:certificate/00000000-0000-0000-0000-000000000000",
	})
	assert(t, "domain", func() {
		s.template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::DomainName"), obj(map[string]any{"DomainName": "api.brana.example.invalid"}))
		s.template.ResourceCountIs(jsii.String("AWS::ApiGatewayV2::ApiMapping"), jsii.Number(1))
		s.template.HasResourceProperties(jsii.String("AWS::ApiGatewayV2::Api"), obj(map[string]any{"DisableExecuteApiEndpoint": true}))
	})
	// The execute-api endpoint is off: the front door reaches the API on
	// its domain.
	if got := s.str(s.frontDoor(t).origin(t, stack.APIPathPattern)["DomainName"]); got != "api.brana.example.invalid" {
		t.Errorf("the front door's API origin: got %s, want api.brana.example.invalid", got)
	}
	if dev := stage(t, stack.StageDev, nil); len(dev.resources("AWS::ApiGatewayV2::DomainName")) != 0 {
		t.Errorf("a domain without apiDomain")
	}
}

// TestResourceCounts logs each template's resources by type (for the
// record, and to notice a change in what a deployment creates).
func TestResourceCounts(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		for i, doc := range []*synth{s.waf, s, s.edgeAlarms} {
			counts := map[string]int{}
			total := 0
			for _, r := range doc.doc["Resources"].(map[string]any) {
				counts[r.(map[string]any)["Type"].(string)]++
				total++
			}
			var lines []string
			for _, typ := range slices.Sorted(maps.Keys(counts)) {
				lines = append(lines, typ+" "+strings.Repeat(" ", max(0, 40-len(typ)))+itoa(counts[typ]))
			}
			t.Logf("%s: %d resources:\n%s", *s.stack.Stacks()[i].StackName(), total, strings.Join(lines, "\n"))
			if total > 450 {
				t.Errorf("%d resources: CloudFormation allows 500 per stack", total)
			}
		}
	})
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
