package stack_test

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
)

// isReportsBucket spots the reports bucket: the one whose access logs go
// under s3-reports/.
func isReportsBucket(r resource) bool {
	lc, _ := r.Props["LoggingConfiguration"].(map[string]any)
	return lc["LogFilePrefix"] == "s3-reports/"
}

func (s *synth) reportsBucket(t *testing.T) resource {
	t.Helper()
	var found []resource
	for _, b := range s.resources("AWS::S3::Bucket") {
		if isReportsBucket(b) {
			found = append(found, b)
		}
	}
	if len(found) != 1 {
		t.Fatalf("reports buckets: got %d, want 1", len(found))
	}
	return found[0]
}

// TestReportSchedule: report-compile runs on the 1st of every month at
// 03:00 Prague time (summer and winter), retried as the registry says,
// with a dead-letter queue of its own that the scheduler may send to.
func TestReportSchedule(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fn := s.function(t, registry.ReportCompile)
		reg := registry.MustGet(registry.ReportCompile)
		if len(reg.Schedules) != 1 || !reg.Schedules[0].DeadLetter || reg.Schedules[0].Retries == 0 {
			t.Fatalf("registry: %+v, want one schedule with retries and a dead-letter queue", reg.Schedules)
		}
		var mine []resource
		for _, sc := range s.resources("AWS::Scheduler::Schedule") {
			if refTo(sc.Props["Target"].(map[string]any)["Arn"]) == fn.ID {
				mine = append(mine, sc)
			}
		}
		if len(mine) != 1 {
			t.Fatalf("schedules of report-compile: got %d, want 1", len(mine))
		}
		sc := mine[0]
		assert(t, "the schedule", func() {
			s.template.HasResourceProperties(jsii.String("AWS::Scheduler::Schedule"), obj(map[string]any{
				"ScheduleExpression":         "cron(0 3 1 * ? *)",
				"ScheduleExpressionTimezone": "Europe/Prague",
				"State":                      "ENABLED",
				"FlexibleTimeWindow":         map[string]any{"Mode": "OFF"},
				"Target": assertions.Match_ObjectLike(obj(map[string]any{
					"Arn":         map[string]any{"Fn::GetAtt": []any{fn.ID, "Arn"}},
					"Input":       "{}", // reports.RunRequest: the month before
					"RetryPolicy": assertions.Match_ObjectLike(obj(map[string]any{"MaximumRetryAttempts": float64(reg.Schedules[0].Retries)})),
				})),
			}))
		})
		target := sc.Props["Target"].(map[string]any)
		dlq := refTo(target["DeadLetterConfig"].(map[string]any)["Arn"])
		q := s.resource(dlq)
		if q.Type != "AWS::SQS::Queue" {
			t.Fatalf("dead-letter queue: got %s %v", q.Type, target["DeadLetterConfig"])
		}
		if q.Props["SqsManagedSseEnabled"] != true {
			t.Errorf("the report's dead-letter queue is not encrypted: %v", q.Props)
		}
		// Its own: no other schedule's failures land in it.
		for _, other := range s.resources("AWS::Scheduler::Schedule") {
			if other.ID != sc.ID && refTo(other.Props["Target"].(map[string]any)["DeadLetterConfig"].(map[string]any)["Arn"]) == dlq {
				t.Errorf("the report's dead-letter queue is shared with %v", other.Props["Description"])
			}
		}
		// TLS only: the queue policy denies requests without it.
		enforced := false
		for _, p := range s.resources("AWS::SQS::QueuePolicy") {
			if !slices.ContainsFunc(list(p.Props["Queues"]), func(v any) bool { return refTo(v) == dlq }) {
				continue
			}
			b, _ := json.Marshal(p.Props["PolicyDocument"])
			enforced = enforced || strings.Contains(string(b), `"Effect":"Deny"`) && strings.Contains(string(b), `"aws:SecureTransport":"false"`)
		}
		if !enforced {
			t.Errorf("the report's dead-letter queue does not enforce TLS")
		}
		// The scheduler's role may invoke exactly report-compile and send
		// to exactly this queue.
		role := refTo(target["RoleArn"])
		var actions []string
		for _, st := range s.statements() {
			if !slices.Contains(st.Roles, role) {
				continue
			}
			for _, a := range st.Actions {
				actions = append(actions, a)
				for _, r := range st.Resources {
					b, _ := json.Marshal(r)
					switch {
					case a == "sqs:SendMessage" && refTo(r) != dlq:
						t.Errorf("the scheduler sends to %s, want only the report's dead-letter queue", b)
					case a == "lambda:InvokeFunction" && !strings.Contains(string(b), `"`+fn.ID+`"`):
						t.Errorf("the scheduler invokes %s, want only report-compile", b)
					}
				}
			}
		}
		slices.Sort(actions)
		if actions = slices.Compact(actions); !slices.Equal(actions, []string{"lambda:InvokeFunction", "sqs:SendMessage"}) {
			t.Errorf("the scheduler's role: got %v, want lambda:InvokeFunction and sqs:SendMessage", actions)
		}
		// A failure after Lambda's own retries lands in a queue too.
		if dlc, _ := fn.Props["DeadLetterConfig"].(map[string]any); dlc == nil || s.resource(refTo(dlc["TargetArn"])).Type != "AWS::SQS::Queue" {
			t.Errorf("report-compile: no dead-letter queue for failed asynchronous invocations")
		}
	})
}

// TestReportsBucket: versioned, encrypted, private, TLS only, logged, kept
// when the stack goes (in dev too), old versions expiring.
func TestReportsBucket(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		b := s.reportsBucket(t)
		assert(t, "the reports bucket", func() {
			s.template.HasResource(jsii.String("AWS::S3::Bucket"), obj(map[string]any{
				"DeletionPolicy":      "Retain",
				"UpdateReplacePolicy": "Retain",
				"Properties": assertions.Match_ObjectLike(obj(map[string]any{
					"VersioningConfiguration": map[string]any{"Status": "Enabled"},
					"BucketEncryption": map[string]any{"ServerSideEncryptionConfiguration": []any{
						map[string]any{"ServerSideEncryptionByDefault": map[string]any{"SSEAlgorithm": "AES256"}},
					}},
					"PublicAccessBlockConfiguration": map[string]any{
						"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
					},
					"LoggingConfiguration": assertions.Match_ObjectLike(obj(map[string]any{"LogFilePrefix": "s3-reports/"})),
				})),
			}))
		})
		if b.Raw["DeletionPolicy"] != "Retain" {
			t.Errorf("reports bucket: deletion policy %v, want Retain", b.Raw["DeletionPolicy"])
		}
		// Old versions expire; current files never do.
		lc, _ := b.Props["LifecycleConfiguration"].(map[string]any)
		noncurrent := false
		for _, r := range list(lc["Rules"]) {
			r := r.(map[string]any)
			if _, ok := r["ExpirationInDays"]; ok {
				t.Errorf("reports bucket: current files expire (%v)", r)
			}
			if d, ok := r["NoncurrentVersionExpiration"].(map[string]any); ok && d["NoncurrentDays"].(float64) >= 30 {
				noncurrent = true
			}
		}
		if !noncurrent {
			t.Errorf("reports bucket: no expiry of noncurrent versions: %v", lc)
		}
		// Nothing empties it.
		for _, c := range s.resources("Custom::S3AutoDeleteObjects") {
			if refTo(c.Props["BucketName"]) == b.ID {
				t.Errorf("the reports bucket is emptied on deletion")
			}
		}
		// TLS only (and TLS 1.2 at least): the bucket policy denies the
		// rest.
		var deny []string
		for _, p := range s.resources("AWS::S3::BucketPolicy") {
			if refTo(p.Props["Bucket"]) != b.ID {
				continue
			}
			for _, st := range list(p.Props["PolicyDocument"].(map[string]any)["Statement"]) {
				st := st.(map[string]any)
				if st["Effect"] == "Deny" {
					c, _ := json.Marshal(st["Condition"])
					deny = append(deny, string(c))
				}
			}
		}
		if !slices.ContainsFunc(deny, func(c string) bool { return strings.Contains(c, `"aws:SecureTransport":"false"`) }) ||
			!slices.ContainsFunc(deny, func(c string) bool { return strings.Contains(c, `"s3:TlsVersion":1.2`) }) {
			t.Errorf("reports bucket policy denies %v; want requests without TLS and below TLS 1.2 denied", deny)
		}
	})
}

// TestReportsIAM: staff-reports may only read report files, report-compile
// may write them, both only under reports/ of the reports bucket; only
// staff-reports may invoke, and only report-compile. Their settings name
// the bucket and the function.
func TestReportsIAM(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		bucket := s.reportsBucket(t).ID
		compile := s.function(t, registry.ReportCompile)
		want := map[string][]string{
			registry.StaffReports:  {"s3:GetObject"},
			registry.ReportCompile: {"s3:GetObject", "s3:PutObject"},
		}
		roles := map[string]string{}
		for _, f := range s.branaFunctions() {
			roles[refTo(f.Props["Role"])] = strings.TrimSuffix(strings.Fields(f.Props["Description"].(string))[1], ".")
		}
		s3got := map[string][]string{}
		invokers := map[string]bool{}
		for _, st := range s.statements() {
			for _, role := range st.Roles {
				name, ok := roles[role]
				if !ok {
					continue
				}
				for _, a := range st.Actions {
					switch {
					case strings.HasPrefix(a, "s3:"):
						s3got[name] = append(s3got[name], a)
						for _, r := range st.Resources {
							if s.objectsUnder(r) != bucket+" reports/*" {
								b, _ := json.Marshal(r)
								t.Errorf("%s: %s on %s, want only the reports bucket's reports/*", name, a, b)
							}
						}
					case a == "lambda:InvokeFunction":
						invokers[name] = true
						if len(st.Resources) != 1 || !jsonEqual(st.Resources[0], map[string]any{"Fn::GetAtt": []any{compile.ID, "Arn"}}) {
							b, _ := json.Marshal(st.Resources)
							t.Errorf("%s invokes %s, want exactly report-compile", name, b)
						}
					}
				}
			}
		}
		for name, w := range want {
			got := slices.Compact(slices.Sorted(slices.Values(s3got[name])))
			if !slices.Equal(got, w) {
				t.Errorf("%s: S3 actions %v, want %v", name, got, w)
			}
		}
		for name := range s3got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s has S3 actions %v; only the report functions may", name, s3got[name])
			}
		}
		if len(invokers) != 1 || !invokers[registry.StaffReports] {
			t.Errorf("functions that may invoke another: %v, want only staff-reports", invokers)
		}

		for _, name := range registry.Names() {
			env := s.function(t, name).Props["Environment"].(map[string]any)["Variables"].(map[string]any)
			f := registry.MustGet(name)
			if got, wantSet := refTo(env[reports.EnvBucket]), f.ReportsRead || f.ReportsWrite; (got == bucket) != wantSet || (!wantSet && env[reports.EnvBucket] != nil) {
				t.Errorf("%s: %s = %v, want the reports bucket: %v", name, reports.EnvBucket, env[reports.EnvBucket], wantSet)
			}
			if got, wantSet := env[reports.EnvCompile], slices.Contains(f.Invokes, registry.ReportCompile); wantSet != (got != nil) ||
				wantSet && refTo(got) != compile.ID {
				t.Errorf("%s: %s = %v, want report-compile's name: %v", name, reports.EnvCompile, got, wantSet)
			}
			if got, wantSet := env[reports.EnvNoticeTo], f.ReportsWrite; wantSet != (got != nil) || wantSet && got != "" {
				t.Errorf("%s: %s = %v; want it set (empty: cdk.json names no one) only for report-compile", name, reports.EnvNoticeTo, got)
			}
		}
	})
}

// objectsUnder renders an S3 object ARN of the template as
// "<bucket logical id> <key pattern>".
func (s *synth) objectsUnder(r any) string {
	m, _ := r.(map[string]any)
	j, _ := m["Fn::Join"].([]any)
	if len(j) != 2 {
		return ""
	}
	parts := j[1].([]any)
	if len(parts) != 2 {
		return ""
	}
	id := refTo(parts[0])
	key, _ := parts[1].(string)
	if id == "" || !strings.HasPrefix(key, "/") {
		return ""
	}
	return id + " " + key[1:]
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// TestViewerGroup: management signs in as the group viewer of the staff
// pool.
func TestViewerGroup(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		pool := s.resources("AWS::Cognito::UserPool")[0].ID
		n := 0
		for _, g := range s.resources("AWS::Cognito::UserPoolGroup") {
			if g.Props["GroupName"] == auth.GroupViewer {
				n++
				if refTo(g.Props["UserPoolId"]) != pool {
					t.Errorf("viewer group in %v, want the staff pool", g.Props["UserPoolId"])
				}
				if d, _ := g.Props["Description"].(string); !strings.Contains(d, "report") {
					t.Errorf("viewer group: description %q says nothing of reports", d)
				}
			}
		}
		if n != 1 {
			t.Errorf("viewer groups: got %d, want 1", n)
		}
	})
}

// TestReportsNoticeTo: the notice's recipients come from the stage's
// settings, a list in cdk.json or comma-separated on the command line.
func TestReportsNoticeTo(t *testing.T) {
	get := func(ctx map[string]any) func(string) any { return func(k string) any { return ctx[k] } }
	noEnv := func(string) string { return "" }
	stages := func(entry map[string]any) map[string]any {
		entry["senderEmail"] = "brana@example.invalid"
		return map[string]any{stack.ContextStages: map[string]any{"dev": entry}}
	}
	c, err := stack.FromContext(get(stages(map[string]any{})), noEnv, "", "")
	if err != nil || len(c.ReportsNoticeTo) != 0 {
		t.Errorf("default: got %v (%v), want no one", c.ReportsNoticeTo, err)
	}
	c, err = stack.FromContext(get(stages(map[string]any{"reportsNoticeTo": []any{"reditel@mpsv.test", "monitoring@mpsv.test"}})), noEnv, "", "")
	if err != nil || !slices.Equal(c.ReportsNoticeTo, []string{"reditel@mpsv.test", "monitoring@mpsv.test"}) {
		t.Errorf("cdk.json list: got %v (%v)", c.ReportsNoticeTo, err)
	}
	ctx := stages(map[string]any{})
	ctx["brana:reportsNoticeTo"] = " a@mpsv.test, b@mpsv.test "
	c, err = stack.FromContext(get(ctx), noEnv, "", "")
	if err != nil || !slices.Equal(c.ReportsNoticeTo, []string{"a@mpsv.test", "b@mpsv.test"}) {
		t.Errorf("-c brana:reportsNoticeTo: got %v (%v)", c.ReportsNoticeTo, err)
	}
	c, err = stack.FromContext(get(ctx), func(k string) string {
		if k == "BRANA_REPORTS_NOTICE_TO" {
			return "env@mpsv.test"
		}
		return ""
	}, "", "")
	if err != nil || !slices.Equal(c.ReportsNoticeTo, []string{"env@mpsv.test"}) {
		t.Errorf("BRANA_REPORTS_NOTICE_TO: got %v (%v)", c.ReportsNoticeTo, err)
	}
	ctx["brana:reportsNoticeTo"] = "not an address"
	if _, err := stack.FromContext(get(ctx), noEnv, "", ""); err == nil || !strings.Contains(err.Error(), "reportsNoticeTo") {
		t.Errorf("a bad address: got %v, want an error naming reportsNoticeTo", err)
	}
}
