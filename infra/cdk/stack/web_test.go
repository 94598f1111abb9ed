package stack_test

import (
	"encoding/json"
	"maps"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-cdk-go/awscdk/v2/assertions"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/infra/cdk/stack"
	"github.com/mpsv/brana/internal/frontdoor"
	"github.com/mpsv/brana/internal/routes"
)

// frontDoor is the distribution and what it is built from, found by
// following the template's references.
type frontDoor struct {
	dist      resource
	config    map[string]any // DistributionConfig
	behaviors map[string]map[string]any
	origins   map[string]map[string]any // by origin id
	web, logs resource                  // buckets
}

func (s *synth) frontDoor(t *testing.T) frontDoor {
	t.Helper()
	dists := s.resources("AWS::CloudFront::Distribution")
	if len(dists) != 1 {
		t.Fatalf("distributions: got %d, want 1", len(dists))
	}
	fd := frontDoor{dist: dists[0], behaviors: map[string]map[string]any{}, origins: map[string]map[string]any{}}
	fd.config = fd.dist.Props["DistributionConfig"].(map[string]any)
	fd.behaviors["default"] = fd.config["DefaultCacheBehavior"].(map[string]any)
	for _, b := range list(fd.config["CacheBehaviors"]) {
		b := b.(map[string]any)
		fd.behaviors[b["PathPattern"].(string)] = b
	}
	for _, o := range list(fd.config["Origins"]) {
		o := o.(map[string]any)
		fd.origins[o["Id"].(string)] = o
		if _, ok := o["S3OriginConfig"]; ok {
			fd.web = s.resource(refTo(o["DomainName"]))
		}
	}
	fd.logs = s.resource(refTo(fd.config["Logging"].(map[string]any)["Bucket"]))
	if fd.web.Type != "AWS::S3::Bucket" || fd.logs.Type != "AWS::S3::Bucket" || fd.web.ID == fd.logs.ID {
		t.Fatalf("buckets: web %v, logs %v; want two S3 buckets", fd.web.Type, fd.logs.Type)
	}
	return fd
}

func (fd frontDoor) origin(t *testing.T, behavior string) map[string]any {
	t.Helper()
	b, ok := fd.behaviors[behavior]
	if !ok {
		t.Fatalf("no behaviour %s; have %v", behavior, slices.Sorted(maps.Keys(fd.behaviors)))
	}
	return fd.origins[b["TargetOriginId"].(string)]
}

func TestWebBuckets(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fd := s.frontDoor(t)
		if n := len(s.resources("AWS::S3::Bucket")); n != 3 {
			t.Errorf("buckets: got %d, want 3 (web, logs, and the reports: reports_test.go)", n)
		}
		for _, b := range []resource{fd.web, fd.logs} {
			if got := b.Props["PublicAccessBlockConfiguration"]; !reflect.DeepEqual(got, map[string]any{
				"BlockPublicAcls": true, "BlockPublicPolicy": true, "IgnorePublicAcls": true, "RestrictPublicBuckets": true,
			}) {
				t.Errorf("public access block: got %v, want all four true", got)
			}
			enc, _ := json.Marshal(b.Props["BucketEncryption"])
			if !strings.Contains(string(enc), `"SSEAlgorithm":"AES256"`) {
				t.Errorf("encryption: got %s, want SSE-S3", enc)
			}
		}
		t.Run("the web bucket is versioned, logs its access and accepts no ACLs", func(t *testing.T) {
			if got := fd.web.Props["VersioningConfiguration"]; !reflect.DeepEqual(got, map[string]any{"Status": "Enabled"}) {
				t.Errorf("versioning: got %v", got)
			}
			lc, _ := fd.web.Props["LoggingConfiguration"].(map[string]any)
			if refTo(lc["DestinationBucketName"]) != fd.logs.ID {
				t.Errorf("server access logs: got %v, want the log bucket", lc)
			}
			oc, _ := json.Marshal(fd.web.Props["OwnershipControls"])
			if !strings.Contains(string(oc), "BucketOwnerEnforced") {
				t.Errorf("ownership: got %s, want BucketOwnerEnforced", oc)
			}
		})
		t.Run("the web bucket lets only this distribution read, over TLS", func(t *testing.T) {
			var policy map[string]any
			for _, p := range s.resources("AWS::S3::BucketPolicy") {
				if refTo(p.Props["Bucket"]) == fd.web.ID {
					policy = p.Props["PolicyDocument"].(map[string]any)
				}
			}
			if policy == nil {
				t.Fatal("no policy on the web bucket")
			}
			cloudFront, tlsDenied := 0, false
			for _, st := range list(policy["Statement"]) {
				st := st.(map[string]any)
				principal, _ := json.Marshal(st["Principal"])
				cond, _ := st["Condition"].(map[string]any)
				switch {
				case st["Effect"] == "Deny":
					if b, _ := json.Marshal(cond); strings.Contains(string(b), `"aws:SecureTransport":"false"`) {
						tlsDenied = true
					}
				case string(principal) == `{"Service":"cloudfront.amazonaws.com"}`:
					cloudFront++
					if !reflect.DeepEqual(strs(st["Action"]), []string{"s3:GetObject"}) {
						t.Errorf("CloudFront may %v, want s3:GetObject only", st["Action"])
					}
					src := s.str(cond["StringEquals"].(map[string]any)["AWS:SourceArn"])
					if src != "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${AWS::CloudFront::Distribution}" ||
						!strings.Contains(mustJSON(cond), `"Ref":"`+fd.dist.ID+`"`) {
						t.Errorf("CloudFront's condition: got %s, want AWS:SourceArn of this distribution", src)
					}
				case !s.cfg.Prod() && strings.Contains(string(principal), "AutoDeleteObjects"):
					// dev only: CDK's handler empties the bucket when
					// the stack is deleted (TestHandlerRoles).
				default:
					t.Errorf("the web bucket allows %s to %v", principal, st["Action"])
				}
			}
			if cloudFront != 1 || !tlsDenied {
				t.Errorf("got %d CloudFront statements, TLS enforced %v; want 1 and true", cloudFront, tlsDenied)
			}
		})
		t.Run("logs expire, as they hold viewers' IP addresses", func(t *testing.T) {
			lc, _ := fd.logs.Props["LifecycleConfiguration"].(map[string]any)
			if b, _ := json.Marshal(lc); !strings.Contains(string(b), `"ExpirationInDays":`) {
				t.Errorf("log bucket lifecycle: got %s, want an expiry", b)
			}
		})
	})
}

func TestDistribution(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fd := s.frontDoor(t)
		t.Run("serves index.html over HTTP/2 and 3, logs, sits behind the web ACL, turns no error into a page", func(t *testing.T) {
			for key, want := range map[string]any{
				"DefaultRootObject": "index.html", "HttpVersion": "http2and3", "Enabled": true, "IPV6Enabled": true,
			} {
				if got := fd.config[key]; got != want {
					t.Errorf("%s: got %v, want %v", key, got, want)
				}
			}
			if fd.config["CustomErrorResponses"] != nil {
				t.Errorf("custom error responses %v: real errors must stay errors (the SPA function routes the app's paths)", fd.config["CustomErrorResponses"])
			}
			if fd.config["WebACLId"] == nil {
				t.Errorf("no web ACL")
			}
		})
		t.Run("the S3 origin signs with origin access control, no legacy identity", func(t *testing.T) {
			oacs := s.resources("AWS::CloudFront::OriginAccessControl")
			if len(oacs) != 1 {
				t.Fatalf("origin access controls: got %d, want 1", len(oacs))
			}
			assert(t, "OAC", func() {
				s.template.HasResourceProperties(jsii.String("AWS::CloudFront::OriginAccessControl"), obj(map[string]any{
					"OriginAccessControlConfig": assertions.Match_ObjectLike(obj(map[string]any{
						"OriginAccessControlOriginType": "s3", "SigningBehavior": "always", "SigningProtocol": "sigv4",
					})),
				}))
			})
			if n := len(s.resources("AWS::CloudFront::CloudFrontOriginAccessIdentity")); n != 0 {
				t.Errorf("origin access identities: got %d, want none", n)
			}
			for _, b := range []string{"default", stack.AssetsPathPattern} {
				o := fd.origin(t, b)
				if refTo(o["OriginAccessControlId"]) != oacs[0].ID || refTo(o["DomainName"]) != fd.web.ID {
					t.Errorf("%s: origin %v, want the web bucket through the OAC", b, o)
				}
				if oai := o["S3OriginConfig"].(map[string]any)["OriginAccessIdentity"]; oai != "" {
					t.Errorf("%s: origin access identity %v, want none", b, oai)
				}
			}
		})
		t.Run("every behaviour redirects to HTTPS, compresses and sends the security headers", func(t *testing.T) {
			if len(fd.behaviors) != 3+len(frontdoor.StaffPathPatterns) {
				t.Errorf("behaviours: got %v, want default, %s, %s and the staff console's %v", slices.Sorted(maps.Keys(fd.behaviors)),
					stack.AssetsPathPattern, stack.APIPathPattern, frontdoor.StaffPathPatterns)
			}
			headers := s.resources("AWS::CloudFront::ResponseHeadersPolicy")
			if len(headers) != 2 {
				t.Fatalf("response headers policies: got %d, want 2 (the front door's, the staff console's)", len(headers))
			}
			public, staff := s.headersPolicy(t, "SecurityHeaders"), s.headersPolicy(t, "StaffSecurityHeaders")
			for name, b := range fd.behaviors {
				if b["ViewerProtocolPolicy"] != "redirect-to-https" || b["Compress"] != true {
					t.Errorf("%s: viewer protocol %v, compress %v; want redirect-to-https, true", name, b["ViewerProtocolPolicy"], b["Compress"])
				}
				want := public.ID
				if slices.Contains(frontdoor.StaffPathPatterns, name) {
					want = staff.ID
				}
				if refTo(b["ResponseHeadersPolicyId"]) != want {
					t.Errorf("%s: response headers %v, want %s", name, b["ResponseHeadersPolicyId"], want)
				}
			}
		})
		t.Run("the viewer-request function of the default behaviour serves the app's paths index.html", func(t *testing.T) {
			fns := s.resources("AWS::CloudFront::Function")
			if len(fns) != 1 {
				t.Fatalf("CloudFront functions: got %d, want 1", len(fns))
			}
			pages := append([]string{"default"}, frontdoor.StaffPathPatterns...)
			for _, name := range pages {
				assoc := list(fd.behaviors[name]["FunctionAssociations"])
				if len(assoc) != 1 || assoc[0].(map[string]any)["EventType"] != "viewer-request" ||
					refTo(assoc[0].(map[string]any)["FunctionARN"]) != fns[0].ID {
					t.Errorf("%s behaviour's functions: got %v, want the SPA rewrite on viewer-request", name, assoc)
				}
			}
			for name, b := range fd.behaviors {
				if slices.Contains(frontdoor.StaffPathPatterns, name) {
					if !reflect.DeepEqual(b["FunctionAssociations"], fd.behaviors["default"]["FunctionAssociations"]) {
						t.Errorf("%s: functions %v, want the default behaviour's rewrite", name, b["FunctionAssociations"])
					}
					continue
				}
				if name != "default" && b["FunctionAssociations"] != nil {
					t.Errorf("%s has functions %v: the rewrite belongs to the pages only", name, b["FunctionAssociations"])
				}
			}
			if rt := fns[0].Props["FunctionConfig"].(map[string]any)["Runtime"]; rt != "cloudfront-js-2.0" {
				t.Errorf("runtime: got %v, want cloudfront-js-2.0", rt)
			}
			// Run the function's code as CloudFront would, in Node.
			got := runRewrite(t, fns[0].Props["FunctionCode"].(string), []string{
				"/", "/manage", "/rezervace", "/rezervace/souhrn", "/prohlaseni-o-pristupnosti", "/en/manage",
				"/index.html", "/favicon.ico", "/robots.txt", "/assets/index-0a1b2c3d.js", "/.well-known/security.txt",
				"/staff", "/staff/agenda", "/staffing", "/staff.html",
			})
			want := map[string]string{
				"/": "/index.html", "/manage": "/index.html", "/rezervace": "/index.html", "/rezervace/souhrn": "/index.html",
				"/prohlaseni-o-pristupnosti": "/index.html", "/en/manage": "/index.html",
				"/index.html": "/index.html", "/favicon.ico": "/favicon.ico", "/robots.txt": "/robots.txt",
				"/assets/index-0a1b2c3d.js": "/assets/index-0a1b2c3d.js", "/.well-known/security.txt": "/.well-known/security.txt",
				"/staff": "/staff.html", "/staff/agenda": "/staff.html", "/staffing": "/index.html", "/staff.html": "/staff.html",
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("rewrites:\n got %v\nwant %v", got, want)
			}
		})
		t.Run("hashed assets are cached a year, pages revalidated", func(t *testing.T) {
			policy := func(b string) map[string]any {
				id := refTo(fd.behaviors[b]["CachePolicyId"])
				if id == "" {
					t.Fatalf("%s: cache policy %v, want one of the stack's", b, fd.behaviors[b]["CachePolicyId"])
				}
				return s.resource(id).Props["CachePolicyConfig"].(map[string]any)
			}
			assets, pages := policy(stack.AssetsPathPattern), policy("default")
			if assets["DefaultTTL"] != float64(365*24*3600) || assets["MaxTTL"] != float64(365*24*3600) {
				t.Errorf("assets: TTL default %v max %v, want a year", assets["DefaultTTL"], assets["MaxTTL"])
			}
			if pages["MinTTL"] != float64(0) || pages["MaxTTL"].(float64) > 300 {
				t.Errorf("pages: TTL min %v max %v, want 0 and at most 5 minutes", pages["MinTTL"], pages["MaxTTL"])
			}
			for name, p := range map[string]map[string]any{"assets": assets, "pages": pages} {
				k := p["ParametersInCacheKeyAndForwardedToOrigin"].(map[string]any)
				if k["EnableAcceptEncodingGzip"] != true || k["EnableAcceptEncodingBrotli"] != true {
					t.Errorf("%s: compression of cached objects off: %v", name, k)
				}
			}
		})
		t.Run("/v1/* reaches the API uncached, with the viewer's headers, every method, over TLS", func(t *testing.T) {
			api := fd.behaviors[stack.APIPathPattern]
			for _, r := range routes.Table {
				if !strings.HasPrefix(r.Path, strings.TrimSuffix(stack.APIPathPattern, "*")) {
					t.Errorf("route %s is outside %s: the front door would serve it index.html", r.Key(), stack.APIPathPattern)
				}
			}
			if api["CachePolicyId"] != *awscloudfront.CachePolicy_CACHING_DISABLED().CachePolicyId() {
				t.Errorf("cache policy: got %v, want CachingDisabled", api["CachePolicyId"])
			}
			if api["OriginRequestPolicyId"] != *awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER().OriginRequestPolicyId() {
				t.Errorf("origin request policy: got %v, want AllViewerExceptHostHeader", api["OriginRequestPolicyId"])
			}
			if got := slices.Sorted(slices.Values(strs(api["AllowedMethods"]))); !slices.Equal(got, []string{"DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT"}) {
				t.Errorf("methods: got %v, want all", got)
			}
			o := fd.origin(t, stack.APIPathPattern)
			wantHost := "${AWS::ApiGatewayV2::Api}.execute-api." + s.cfg.Region + ".${AWS::URLSuffix}"
			if got := s.str(o["DomainName"]); got != wantHost || refTo(list(o["DomainName"].(map[string]any)["Fn::Join"].([]any)[1])[0]) != s.resources("AWS::ApiGatewayV2::Api")[0].ID {
				t.Errorf("API origin: got %s, want %s", got, wantHost)
			}
			c, _ := o["CustomOriginConfig"].(map[string]any)
			if c["OriginProtocolPolicy"] != "https-only" || !reflect.DeepEqual(strs(c["OriginSSLProtocols"]), []string{"TLSv1.2"}) {
				t.Errorf("API origin protocol: got %v, want https-only, TLSv1.2", c)
			}
		})
		t.Run("a custom domain gets its certificate and TLS 1.2 at least", func(t *testing.T) {
			vc, _ := fd.config["ViewerCertificate"].(map[string]any)
			if s.cfg.FrontDoorDomain == "" {
				if fd.config["Aliases"] != nil || (vc != nil && vc["CloudFrontDefaultCertificate"] != true) {
					t.Errorf("without a domain: aliases %v, certificate %v; want the default", fd.config["Aliases"], vc)
				}
				return
			}
			if !reflect.DeepEqual(strs(fd.config["Aliases"]), []string{s.cfg.FrontDoorDomain}) {
				t.Errorf("aliases: got %v, want %s", fd.config["Aliases"], s.cfg.FrontDoorDomain)
			}
			want := map[string]any{"AcmCertificateArn": s.cfg.FrontDoorCertificateARN, "MinimumProtocolVersion": "TLSv1.2_2021", "SslSupportMethod": "sni-only"}
			if !reflect.DeepEqual(vc, want) {
				t.Errorf("viewer certificate: got %v, want %v", vc, want)
			}
		})
	})
}

// runRewrite runs the CloudFront function's code in Node on viewer
// requests for uris and returns the uri each request leaves with.
func runRewrite(t *testing.T, code string, uris []string) map[string]string {
	t.Helper()
	in, _ := json.Marshal(uris)
	script := code + `
const out = {};
for (const uri of ` + string(in) + `) {
  out[uri] = handler({ request: { method: 'GET', uri: uri, headers: {}, querystring: {} } }).uri;
}
process.stdout.write(JSON.stringify(out));`
	raw, err := exec.Command("node", "-e", script).Output()
	if err != nil {
		t.Fatalf("node: %v", err)
	}
	var got map[string]string
	if err := json.Unmarshal(raw, &got); err != nil {
		t.Fatalf("node said %q: %v", raw, err)
	}
	return got
}

// TestSecurityHeaders: the distribution sends exactly the headers of
// internal/frontdoor, which the local gateway sends too: Headers() on the
// public pages, the assets and the API (the staff console's policy,
// StaffHeaders, is TestStaffSignInCSP's).
func TestSecurityHeaders(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		cfg := s.headersPolicy(t, "SecurityHeaders").Props["ResponseHeadersPolicyConfig"].(map[string]any)
		got := sentHeaders(t, cfg)
		if want := frontdoor.Headers(); !reflect.DeepEqual(got, want) {
			t.Errorf("headers:\n got %v\nwant %v", got, want)
		}
	})
}

// headersPolicy is the response headers policy whose logical id starts with id.
func (s *synth) headersPolicy(t *testing.T, id string) resource {
	t.Helper()
	var found []resource
	for _, r := range s.resources("AWS::CloudFront::ResponseHeadersPolicy") {
		if rest, ok := strings.CutPrefix(r.ID, id); ok && len(rest) == 8 { // CDK's hash suffix
			found = append(found, r)
		}
	}
	if len(found) != 1 {
		t.Fatalf("response headers policies %s: got %d, want 1", id, len(found))
	}
	return found[0]
}

// sentHeaders are the headers a response headers policy sends, as the
// browser gets them.
func sentHeaders(t *testing.T, cfg map[string]any) map[string]string {
	t.Helper()
	sec := cfg["SecurityHeadersConfig"].(map[string]any)
	csp := sec["ContentSecurityPolicy"].(map[string]any)
	if csp["Override"] != true {
		t.Errorf("CSP %v does not override the origin's", csp)
	}
	hsts := sec["StrictTransportSecurity"].(map[string]any)
	if hsts["AccessControlMaxAgeSec"] != float64(frontdoor.HSTSMaxAge) || hsts["IncludeSubdomains"] != true || hsts["Override"] != true {
		t.Errorf("HSTS: got %v, want max-age %d, includeSubdomains, override", hsts, frontdoor.HSTSMaxAge)
	}
	// Every header, as the browser gets it.
	sts := "max-age=" + itoa(int(hsts["AccessControlMaxAgeSec"].(float64)))
	if hsts["IncludeSubdomains"] == true {
		sts += "; includeSubDomains"
	}
	if hsts["Preload"] == true {
		sts += "; preload"
	}
	got := map[string]string{"Content-Security-Policy": csp["ContentSecurityPolicy"].(string), "Strict-Transport-Security": sts}
	if ct, ok := sec["ContentTypeOptions"].(map[string]any); ok && ct["Override"] == true {
		got["X-Content-Type-Options"] = "nosniff"
	}
	if fo, ok := sec["FrameOptions"].(map[string]any); ok && fo["Override"] == true {
		got["X-Frame-Options"] = fo["FrameOption"].(string)
	}
	if rp, ok := sec["ReferrerPolicy"].(map[string]any); ok && rp["Override"] == true {
		got["Referrer-Policy"] = rp["ReferrerPolicy"].(string)
	}
	if custom, ok := cfg["CustomHeadersConfig"].(map[string]any); ok {
		for _, h := range list(custom["Items"]) {
			h := h.(map[string]any)
			if h["Override"] != true {
				t.Errorf("%v does not override the origin's", h["Header"])
			}
			got[h["Header"].(string)] = h["Value"].(string)
		}
	}
	return got
}

func TestWebDeployment(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fd := s.frontDoor(t)
		deps := s.resources("Custom::CDKBucketDeployment")
		if len(deps) != 2 {
			t.Fatalf("web deployments: got %d, want 2 (assets, pages)", len(deps))
		}
		var assets, pages resource
		for _, d := range deps {
			if refTo(d.Props["DestinationBucketName"]) != fd.web.ID {
				t.Errorf("a deployment into %v, want the web bucket", d.Props["DestinationBucketName"])
			}
			if slices.Contains(strs(d.Props["Include"]), "assets/*") {
				assets = d
			} else {
				pages = d
			}
		}
		meta := func(d resource) string { return d.Props["SystemMetadata"].(map[string]any)["cache-control"].(string) }
		if !reflect.DeepEqual(strs(assets.Props["Exclude"]), []string{"*"}) || assets.Props["Prune"] != false ||
			meta(assets) != "public, max-age=31536000, immutable" || assets.Props["DistributionId"] != nil {
			t.Errorf("assets: got %v, want only assets/*, unpruned, immutable for a year", assets.Props)
		}
		if !reflect.DeepEqual(strs(pages.Props["Exclude"]), []string{"assets/*"}) || pages.Props["Prune"] != true || meta(pages) != "no-cache" {
			t.Errorf("pages: got %v, want all but assets/*, pruned, no-cache", pages.Props)
		}
		if refTo(pages.Props["DistributionId"]) != fd.dist.ID || !reflect.DeepEqual(strs(pages.Props["DistributionPaths"]), []string{"/*"}) {
			t.Errorf("pages invalidate %v %v, want /* of the distribution", pages.Props["DistributionId"], pages.Props["DistributionPaths"])
		}
		if !slices.Contains(strs(pages.Raw["DependsOn"]), assets.ID) {
			t.Errorf("the pages are copied before the assets they name: DependsOn %v", pages.Raw["DependsOn"])
		}
		if got, want := pages.Props["RetainOnDelete"], s.cfg.Prod(); got != want {
			t.Errorf("retain files on delete: got %v, want %v", got, want)
		}
	})
}

// TestWebNotBuilt: on a fresh clone, before the web is built, the stack
// still synthesises: without the copy, and with a warning.
func TestWebNotBuilt(t *testing.T) {
	s := stageWeb(t, stack.StageDev, nil, filepath.Join(t.TempDir(), "dist"))
	if n := len(s.resources("Custom::CDKBucketDeployment")); n != 0 {
		t.Errorf("web deployments: got %d, want none", n)
	}
	if n := len(s.resources("AWS::CloudFront::Distribution")); n != 1 {
		t.Errorf("distributions: got %d, want the front door all the same", n)
	}
	warn := *assertions.Annotations_FromStack(s.stack.Stack).FindWarning(jsii.String("*"), assertions.Match_StringLikeRegexp(jsii.String("no front-door build")))
	if len(warn) != 1 {
		t.Errorf("warnings about the missing web build: got %d, want 1", len(warn))
	}
}

// TestHandlerRoles: the Lambda functions CDK brings for its custom
// resources (the web deployment, cross-region references, emptying dev's
// buckets) have the basic execution role and reach only what they serve.
func TestHandlerRoles(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		fd := s.frontDoor(t)
		brana := s.branaRoles()
		for _, doc := range []*synth{s, s.waf, s.edgeAlarms} {
			handlers := map[string]bool{}
			for _, r := range doc.resources("AWS::IAM::Role") {
				if doc != s || !brana[r.ID] {
					handlers[r.ID] = true
				}
			}
			for id := range handlers {
				for _, m := range list(doc.resource(id).Props["ManagedPolicyArns"]) {
					if !strings.HasSuffix(doc.str(m), ":iam::aws:policy/service-role/AWSLambdaBasicExecutionRole") {
						t.Errorf("handler role has managed policy %s", doc.str(m))
					}
				}
			}
			for _, st := range doc.statements() {
				if !slices.ContainsFunc(st.Roles, func(r string) bool { return handlers[r] }) {
					continue
				}
				for _, r := range st.Resources {
					res := doc.str(r)
					switch {
					case strings.Contains(res, "cdk-hnb659fds-assets-"): // the CDK asset bucket
					case refTo(r) == fd.web.ID || strings.Contains(mustJSON(r), `"`+fd.web.ID+`"`):
						if doc != s {
							t.Errorf("web bucket reached from another stack")
						}
					case strings.Contains(res, ":parameter/cdk/exports/"): // cross-region references
						for _, a := range st.Actions {
							if !strings.HasPrefix(a, "ssm:") {
								t.Errorf("%s on %s", a, res)
							}
						}
					case res == "*":
						if got := slices.Sorted(slices.Values(st.Actions)); !slices.Equal(got, []string{"cloudfront:CreateInvalidation", "cloudfront:GetInvalidation"}) {
							t.Errorf("%v on every resource; only the invalidation may", got)
						}
					default:
						t.Errorf("a CDK handler may %v on %s", st.Actions, res)
					}
				}
			}
		}
	})
}

// TestWAF: the web ACL limits each address and applies AWS's managed
// rules, and it is the distribution's.
func TestWAF(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		acls := s.waf.resources("AWS::WAFv2::WebACL")
		if len(acls) != 1 {
			t.Fatalf("web ACLs: got %d, want 1", len(acls))
		}
		acl := acls[0].Props
		if acl["Scope"] != "CLOUDFRONT" || !reflect.DeepEqual(acl["DefaultAction"], map[string]any{"Allow": map[string]any{}}) {
			t.Errorf("scope %v, default %v; want CLOUDFRONT, allow", acl["Scope"], acl["DefaultAction"])
		}
		rates := map[float64]string{}
		var groups []string
		for _, r := range list(acl["Rules"]) {
			r := r.(map[string]any)
			st := r["Statement"].(map[string]any)
			if rb, ok := st["RateBasedStatement"].(map[string]any); ok {
				if rb["AggregateKeyType"] != "IP" || !reflect.DeepEqual(r["Action"], map[string]any{"Block": map[string]any{}}) {
					t.Errorf("rate rule %v: want blocking per IP", r["Name"])
				}
				rates[rb["Limit"].(float64)] = mustJSON(rb["ScopeDownStatement"])
			}
			if mg, ok := st["ManagedRuleGroupStatement"].(map[string]any); ok {
				groups = append(groups, mg["Name"].(string))
			}
		}
		if sd, ok := rates[stack.WAFWriteRateLimit]; !ok || !strings.Contains(sd, `"SearchString":"/v1/"`) || !strings.Contains(sd, "NotStatement") {
			t.Errorf("no per-IP limit of %d API writes: %v", stack.WAFWriteRateLimit, rates)
		}
		if sd, ok := rates[stack.WAFRateLimit]; !ok || sd != "null" {
			t.Errorf("no per-IP limit of %d requests: %v", stack.WAFRateLimit, rates)
		}
		slices.Sort(groups)
		if want := []string{"AWSManagedRulesAmazonIpReputationList", "AWSManagedRulesCommonRuleSet", "AWSManagedRulesKnownBadInputsRuleSet"}; !slices.Equal(groups, want) {
			t.Errorf("managed rule groups: got %v, want %v", groups, want)
		}
		// The ARN travels to the distribution's stack as an SSM parameter.
		param := exportOf(t, s.waf, acls[0].ID, "Arn")
		ga, _ := s.frontDoor(t).config["WebACLId"].(map[string]any)["Fn::GetAtt"].([]any)
		if len(ga) != 2 || s.resource(ga[0].(string)).Type != "Custom::CrossRegionExportReader" || ga[1] != param {
			t.Errorf("WebACLId: got %v, want the import of %s", ga, param)
		}
	})
}

// exportOf returns the SSM parameter a cross-region export writer in doc
// writes the attribute attr (or the Ref, attr "") of resource id to.
func exportOf(t *testing.T, doc *synth, id, attr string) string {
	t.Helper()
	want := map[string]any{"Ref": id}
	if attr != "" {
		want = map[string]any{"Fn::GetAtt": []any{id, attr}}
	}
	for _, w := range doc.resources("Custom::CrossRegionExportWriter") {
		for param, v := range w.Props["WriterProps"].(map[string]any)["exports"].(map[string]any) {
			if reflect.DeepEqual(v, want) {
				return param
			}
		}
	}
	t.Fatalf("%s.%s is not exported", id, attr)
	return ""
}

// TestEdgeAlarms: CloudFront's 5xx rate and the SPA function's errors are
// watched from us-east-1 and e-mailed like every other alarm.
func TestEdgeAlarms(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		e := s.edgeAlarms
		topics := e.resources("AWS::SNS::Topic")
		if len(topics) != 1 {
			t.Fatalf("topics: got %d, want 1", len(topics))
		}
		assert(t, "subscription", func() {
			e.template.ResourcePropertiesCountIs(jsii.String("AWS::SNS::Subscription"), obj(map[string]any{
				"Protocol": "email", "Endpoint": s.cfg.AlarmEmail, "TopicArn": map[string]any{"Ref": topics[0].ID},
			}), jsii.Number(1))
		})
		distParam := exportOf(t, s, s.frontDoor(t).dist.ID, "")
		fn := s.resources("AWS::CloudFront::Function")[0]
		alarms := e.resources("AWS::CloudWatch::Alarm")
		if len(alarms) != 2 {
			t.Errorf("alarms: got %d, want 2", len(alarms))
		}
		seen := map[string]bool{}
		for _, a := range alarms {
			p := a.Props
			seen[p["MetricName"].(string)] = true
			if p["Namespace"] != "AWS/CloudFront" || !reflect.DeepEqual(p["AlarmActions"], []any{map[string]any{"Ref": topics[0].ID}}) {
				t.Errorf("%v: namespace %v, actions %v", p["AlarmName"], p["Namespace"], p["AlarmActions"])
			}
			dims := map[string]any{}
			for _, d := range list(p["Dimensions"]) {
				dims[d.(map[string]any)["Name"].(string)] = d.(map[string]any)["Value"]
			}
			if dims["Region"] != "Global" {
				t.Errorf("%v: dimensions %v lack Region=Global", p["AlarmName"], dims)
			}
			switch p["MetricName"] {
			case "5xxErrorRate":
				ga, _ := dims["DistributionId"].(map[string]any)["Fn::GetAtt"].([]any)
				if len(ga) != 2 || ga[1] != distParam || p["Threshold"] != float64(5) {
					t.Errorf("5xx alarm: dimensions %v threshold %v, want the distribution and 5 %%", dims, p["Threshold"])
				}
			case "FunctionExecutionErrors":
				if dims["FunctionName"] != fn.Props["Name"] {
					t.Errorf("function alarm on %v, want %v", dims["FunctionName"], fn.Props["Name"])
				}
			}
		}
		if !seen["5xxErrorRate"] || !seen["FunctionExecutionErrors"] {
			t.Errorf("alarms on %v, want 5xxErrorRate and FunctionExecutionErrors", slices.Sorted(maps.Keys(seen)))
		}
	})
}

// TestStackRegions: the data stays in the stage's EU region; only what AWS
// keeps in us-east-1 for CloudFront is there.
func TestStackRegions(t *testing.T) {
	each(t, func(t *testing.T, s *synth) {
		got := map[string]string{}
		for _, st := range s.stack.Stacks() {
			got[*st.StackName()] = *st.Region()
		}
		want := map[string]string{
			s.cfg.WAFStackName(): stack.EdgeRegion, s.cfg.StackName(): s.cfg.Region, s.cfg.EdgeAlarmsStackName(): stack.EdgeRegion,
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("stacks: got %v, want %v", got, want)
		}
		for _, doc := range []*synth{s.waf, s.edgeAlarms} {
			for _, typ := range []string{"AWS::DynamoDB::GlobalTable", "AWS::S3::Bucket", "AWS::Logs::LogGroup", "AWS::SecretsManager::Secret"} {
				if n := len(doc.resources(typ)); n != 0 {
					t.Errorf("%d %s in us-east-1", n, typ)
				}
			}
		}
	})
}

func mustJSON(v any) string { b, _ := json.Marshal(v); return string(b) }
