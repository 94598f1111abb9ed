package stack

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/aws/aws-cdk-go/awscdk/v2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awsapigatewayv2"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscertificatemanager"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfront"
	"github.com/aws/aws-cdk-go/awscdk/v2/awscloudfrontorigins"
	"github.com/aws/aws-cdk-go/awscdk/v2/awslogs"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3"
	"github.com/aws/aws-cdk-go/awscdk/v2/awss3deployment"
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"

	"github.com/mpsv/brana/internal/frontdoor"
)

// The public web front door: the files of web/dist in a private S3 bucket,
// served only through CloudFront (origin access control), with the API
// under /v1/* on the same origin, so the browser needs no CORS and the
// Content-Security-Policy can say connect-src 'self'.

// Paths of the distribution (CloudFront path patterns).
const (
	// APIPathPattern goes to the HTTP API: every route of routes.Table
	// starts with /v1/.
	APIPathPattern = "/v1/*"
	// AssetsPathPattern holds Vite's content-hashed files: a changed file
	// gets a new name, so they are cached for a year.
	AssetsPathPattern = "/assets/*"
)

// Cache lifetimes of the front door's files.
var (
	// Hashed assets never change under the same name.
	assetsMaxAge = awscdk.Duration_Days(jsii.Number(365))
	// index.html and the other unhashed files (favicon, robots.txt) are
	// stored with Cache-Control: no-cache, which browsers and CloudFront
	// (minimum TTL 0) honour by revalidating with S3 on every request; the
	// TTLs below apply only to a file stored without Cache-Control. Each
	// deployment also invalidates the distribution.
	pageDefaultTTL = awscdk.Duration_Minutes(jsii.Number(1))
	pageMaxTTL     = awscdk.Duration_Minutes(jsii.Number(5))
)

// frontDoorLogDays keeps CloudFront's and S3's access logs: they hold
// viewers' IP addresses (personal data), so only as long as investigating
// an incident or an abuse needs them.
func (c Config) frontDoorLogDays() float64 {
	if c.Prod() {
		return 90
	}
	return 14
}

// spaRewrite is the viewer-request function of the default behaviour: the
// app's own paths (/, /rezervace, /manage, /prohlaseni-o-pristupnosti …)
// have no file extension and are answered with /index.html (the staff
// console's, /staff and below, with /staff.html: frontdoor.PageFor), whose
// JavaScript routes on location.pathname. A path with an extension is a
// file and goes to S3 as it is.
//
// This, rather than the usual CloudFront error responses that turn S3's
// 403/404 into 200 index.html: those would also answer a missing
// /assets/app-1a2b.js, or any real error, with a 200 HTML page, hiding
// broken deployments from browsers, caches and monitoring. Here a missing
// file stays an error (S3 answers 403 to CloudFront for a key that does not
// exist, as the origin access control grants no s3:ListBucket), and the API
// (/v1/*, another behaviour) keeps its own 404 and problem+json bodies.
const spaRewrite = `function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var slash = uri.lastIndexOf('/');
  if (uri.indexOf('.', slash) === -1) {
    request.uri = (uri === '` + frontdoor.StaffPrefix + `' || uri.indexOf('` + frontdoor.StaffPrefix + `/') === 0) ? '` + frontdoor.StaffPage + `' : '` + frontdoor.PublicPage + `';
  }
  return request;
}`

// frontDoor declares the web bucket, the log bucket and the distribution,
// and sets b.origin: the front door's origin, a token for the
// distribution's own domain when no custom domain is configured.
func (b *builder) frontDoor(api awsapigatewayv2.HttpApi) {
	b.logBucket = b.bucket("Logs", &awss3.BucketProps{
		// CloudFront's standard logging writes with an ACL grant to its
		// log-delivery account: the bucket must accept ACLs.
		ObjectOwnership: awss3.ObjectOwnership_BUCKET_OWNER_PREFERRED,
		LifecycleRules: &[]*awss3.LifecycleRule{{
			Id:                                  jsii.String("expire-access-logs"),
			Expiration:                          awscdk.Duration_Days(jsii.Number(b.cfg.frontDoorLogDays())),
			NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(1)),
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(1)),
		}},
	})
	suppress(b.logBucket, "AwsSolutions-S1",
		"This is the access-log bucket itself (CloudFront's standard logs and the web bucket's server access logs): logging its own access into itself would loop, and into yet another bucket only move the question.")

	b.webBucket = b.bucket("Web", &awss3.BucketProps{
		ObjectOwnership:        awss3.ObjectOwnership_BUCKET_OWNER_ENFORCED,
		Versioned:              jsii.Bool(true),
		ServerAccessLogsBucket: b.logBucket,
		ServerAccessLogsPrefix: jsii.String("s3-web/"),
		LifecycleRules: &[]*awss3.LifecycleRule{{
			// Old versions of overwritten files: a rollback redeploys the
			// previous commit (docs/deploy.md), these are a safety net.
			Id:                                  jsii.String("expire-old-versions"),
			NoncurrentVersionExpiration:         awscdk.Duration_Days(jsii.Number(30)),
			AbortIncompleteMultipartUploadAfter: awscdk.Duration_Days(jsii.Number(1)),
		}},
	})

	headers := b.securityHeaders("SecurityHeaders", "the front door's security headers (internal/frontdoor)",
		frontdoor.Headers(), frontdoor.ContentSecurityPolicy())
	// The staff console's page may also fetch from the Cognito Hosted UI
	// (its token and revocation endpoints) and use the camera of its own
	// origin (the check-in screen scans QR codes): a policy of its own, on
	// the console's paths only (frontdoor.StaffPathPatterns); the public
	// pages keep connect-src 'self' and camera=().
	staffHeaders := b.securityHeaders("StaffSecurityHeaders", "the staff console's security headers (internal/frontdoor: connect-src adds the Cognito Hosted UI; camera for its own origin)",
		frontdoor.StaffHeaders(b.cfg.CognitoHost()), frontdoor.StaffContentSecurityPolicy(b.cfg.CognitoHost()))
	cacheAssets := awscloudfront.NewCachePolicy(b.st, jsii.String("AssetsCache"), &awscloudfront.CachePolicyProps{
		Comment:                    jsii.String("Brána " + b.cfg.Stage + ": content-hashed front-door assets, a year"),
		MinTtl:                     awscdk.Duration_Seconds(jsii.Number(0)),
		DefaultTtl:                 assetsMaxAge,
		MaxTtl:                     assetsMaxAge,
		EnableAcceptEncodingGzip:   jsii.Bool(true),
		EnableAcceptEncodingBrotli: jsii.Bool(true),
		CookieBehavior:             awscloudfront.CacheCookieBehavior_None(),
		HeaderBehavior:             awscloudfront.CacheHeaderBehavior_None(),
		QueryStringBehavior:        awscloudfront.CacheQueryStringBehavior_None(),
	})
	cachePages := awscloudfront.NewCachePolicy(b.st, jsii.String("PagesCache"), &awscloudfront.CachePolicyProps{
		Comment:                    jsii.String("Brána " + b.cfg.Stage + ": index.html and unhashed files, revalidated (no-cache)"),
		MinTtl:                     awscdk.Duration_Seconds(jsii.Number(0)),
		DefaultTtl:                 pageDefaultTTL,
		MaxTtl:                     pageMaxTTL,
		EnableAcceptEncodingGzip:   jsii.Bool(true),
		EnableAcceptEncodingBrotli: jsii.Bool(true),
		CookieBehavior:             awscloudfront.CacheCookieBehavior_None(),
		HeaderBehavior:             awscloudfront.CacheHeaderBehavior_None(),
		QueryStringBehavior:        awscloudfront.CacheQueryStringBehavior_None(),
	})
	b.rewrite = awscloudfront.NewFunction(b.st, jsii.String("SpaRewrite"), &awscloudfront.FunctionProps{
		Comment: jsii.String("Brána: app paths without a file extension are served index.html"),
		Runtime: awscloudfront.FunctionRuntime_JS_2_0(),
		Code:    awscloudfront.FunctionCode_FromInline(jsii.String(spaRewrite)),
	})

	// The only way into the bucket: CloudFront signs its requests (SigV4,
	// origin access control), and the bucket policy CDK writes allows
	// s3:GetObject to the CloudFront service for this distribution only.
	site := awscloudfrontorigins.S3BucketOrigin_WithOriginAccessControl(b.webBucket, &awscloudfrontorigins.S3BucketOriginWithOACProps{
		OriginAccessLevels: &[]awscloudfront.AccessLevel{awscloudfront.AccessLevel_READ},
	})

	// The API's own host: its execute-api name, or its custom domain
	// (which switches the execute-api endpoint off). CloudFront sends the
	// viewer's headers but its own Host, so API Gateway recognises itself.
	apiHost := jsii.String(*api.ApiId() + ".execute-api." + *b.st.Region() + "." + *b.st.UrlSuffix())
	if b.cfg.APIDomain != "" {
		apiHost = jsii.String(b.cfg.APIDomain)
	}
	apiOrigin := awscloudfrontorigins.NewHttpOrigin(apiHost, &awscloudfrontorigins.HttpOriginProps{
		ProtocolPolicy:     awscloudfront.OriginProtocolPolicy_HTTPS_ONLY,
		OriginSslProtocols: &[]awscloudfront.OriginSslPolicy{awscloudfront.OriginSslPolicy_TLS_V1_2},
		// API Gateway's integration limit is 30 s; the functions stop
		// sooner (functions.go).
		ReadTimeout: awscdk.Duration_Seconds(jsii.Number(30)),
		// The origin header: the API answers nothing without it (origin.go).
		CustomHeaders: b.originCustomHeaders(),
	})

	behaviors := map[string]*awscloudfront.BehaviorOptions{
		AssetsPathPattern: {
			Origin:                site,
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
			Compress:              jsii.Bool(true),
			CachePolicy:           cacheAssets,
			ResponseHeadersPolicy: headers,
		},
		// The API: never cached (answers depend on tokens and change
		// with every booking); every viewer header but Host reaches
		// API Gateway (Authorization, Booking-Token, Idempotency-Key,
		// Accept-Language, Content-Type), with query strings; every
		// method.
		APIPathPattern: {
			Origin:                apiOrigin,
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        awscloudfront.AllowedMethods_ALLOW_ALL(),
			Compress:              jsii.Bool(true),
			CachePolicy:           awscloudfront.CachePolicy_CACHING_DISABLED(),
			OriginRequestPolicy:   awscloudfront.OriginRequestPolicy_ALL_VIEWER_EXCEPT_HOST_HEADER(),
			ResponseHeadersPolicy: headers,
		},
	}

	props := &awscloudfront.DistributionProps{
		Comment:           jsii.String("Brána " + b.cfg.Stage + ": the public web front door and its API"),
		DefaultRootObject: jsii.String("index.html"),
		HttpVersion:       awscloudfront.HttpVersion_HTTP2_AND_3,
		EnableIpv6:        jsii.Bool(true),
		// North America, Europe and Israel: the users are in Czechia.
		PriceClass: awscloudfront.PriceClass_PRICE_CLASS_100,
		DefaultBehavior: &awscloudfront.BehaviorOptions{
			Origin:                site,
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
			Compress:              jsii.Bool(true),
			CachePolicy:           cachePages,
			ResponseHeadersPolicy: headers,
			FunctionAssociations: &[]*awscloudfront.FunctionAssociation{{
				EventType: awscloudfront.FunctionEventType_VIEWER_REQUEST,
				Function:  b.rewrite,
			}},
		},
		AdditionalBehaviors: &behaviors,
		// No ErrorResponses, on purpose: see spaRewrite.
		EnableLogging:      jsii.Bool(true),
		LogBucket:          b.logBucket,
		LogFilePrefix:      jsii.String("cloudfront/"),
		LogIncludesCookies: jsii.Bool(false),
		WebAclId:           b.webACLArn,
	}
	if b.cfg.FrontDoorDomain != "" {
		props.DomainNames = jsii.Strings(b.cfg.FrontDoorDomain)
		props.Certificate = awscertificatemanager.Certificate_FromCertificateArn(b.st, jsii.String("FrontDoorCertificate"), jsii.String(b.cfg.FrontDoorCertificateARN))
		props.MinimumProtocolVersion = awscloudfront.SecurityPolicyProtocol_TLS_V1_2_2021
		props.SslSupportMethod = awscloudfront.SSLMethod_SNI
	}
	b.distribution = awscloudfront.NewDistribution(b.st, jsii.String("FrontDoor"), props)
	// The staff console: its page (the same rewrite, /staff and below to
	// /staff.html) and its configuration (StaffConfigPath, a file), as the
	// default behaviour serves them but with the staff headers. Added in
	// this order, so that the template lists them in a stable order.
	for _, p := range frontdoor.StaffPathPatterns {
		b.distribution.AddBehavior(jsii.String(p), site, &awscloudfront.AddBehaviorOptions{
			ViewerProtocolPolicy:  awscloudfront.ViewerProtocolPolicy_REDIRECT_TO_HTTPS,
			AllowedMethods:        awscloudfront.AllowedMethods_ALLOW_GET_HEAD(),
			Compress:              jsii.Bool(true),
			CachePolicy:           cachePages,
			ResponseHeadersPolicy: staffHeaders,
			FunctionAssociations: &[]*awscloudfront.FunctionAssociation{{
				EventType: awscloudfront.FunctionEventType_VIEWER_REQUEST,
				Function:  b.rewrite,
			}},
		})
	}

	if b.cfg.FrontDoorDomain == "" {
		suppress(b.distribution, "AwsSolutions-CFR4",
			"Without frontDoorDomain the distribution serves its own *.cloudfront.net name with CloudFront's default certificate, whose minimum protocol AWS fixes at TLSv1 and no setting can raise. With a domain (as prod is meant to run) the stack sets TLSv1.2_2021; browsers negotiate TLS 1.3/1.2 either way.")
	}
	suppress(b.distribution, "AwsSolutions-CFR1",
		"No geo restriction: a Czech public service is used by providers and clients wherever they are (including Czechs abroad and EU partners), and country blocking is no security control; abuse is limited per IP address by the WAF web ACL instead.")

	b.origin = jsii.String(b.cfg.FrontDoorOrigin())
	if b.cfg.FrontDoorDomain == "" {
		b.origin = jsii.String("https://" + *b.distribution.DistributionDomainName())
	}
}

// bucket is a private S3 bucket: every public access blocked, encrypted
// (SSE-S3), TLS only; kept with the data in prod, emptied and deleted with
// the stack in dev.
func (b *builder) bucket(id string, props *awss3.BucketProps) awss3.Bucket {
	props.BlockPublicAccess = awss3.BlockPublicAccess_BLOCK_ALL()
	props.Encryption = awss3.BucketEncryption_S3_MANAGED
	props.EnforceSSL = jsii.Bool(true)
	props.MinimumTLSVersion = jsii.Number(1.2)
	props.RemovalPolicy = b.keep
	props.AutoDeleteObjects = jsii.Bool(!b.cfg.Prod())
	return awss3.NewBucket(b.st, jsii.String(id), props)
}

// securityHeaders is the response-headers policy of every behaviour: the
// headers of internal/frontdoor, which the local gateway sends too, so the
// browser tests run against the same policy. A header CloudFront has a
// security setting for goes there, any other into the custom headers;
// values CloudFront cannot express stop the synthesis.
//
// id and comment name the policy; csp is the Content-Security-Policy
// headers must hold (the public pages' or the staff console's).
func (b *builder) securityHeaders(id, comment string, headers map[string]string, csp string) awscloudfront.ResponseHeadersPolicy {
	sec := &awscloudfront.ResponseSecurityHeadersBehavior{}
	var custom []*awscloudfront.ResponseCustomHeader
	for _, name := range slices.Sorted(maps.Keys(headers)) {
		value := headers[name]
		switch strings.ToLower(name) {
		case "content-security-policy":
			sec.ContentSecurityPolicy = &awscloudfront.ResponseHeadersContentSecurityPolicy{
				ContentSecurityPolicy: jsii.String(csp), Override: jsii.Bool(true),
			}
			if value != csp {
				panic(fmt.Sprintf("frontdoor: Content-Security-Policy %q is not %q", value, csp))
			}
		case "strict-transport-security":
			sec.StrictTransportSecurity = hsts(value)
		case "x-content-type-options":
			if value != "nosniff" {
				panic(fmt.Sprintf("frontdoor: X-Content-Type-Options %q: CloudFront sends only nosniff", value))
			}
			sec.ContentTypeOptions = &awscloudfront.ResponseHeadersContentTypeOptions{Override: jsii.Bool(true)}
		case "x-frame-options":
			opt := awscloudfront.HeadersFrameOption(strings.ToUpper(value))
			if opt != awscloudfront.HeadersFrameOption_DENY && opt != awscloudfront.HeadersFrameOption_SAMEORIGIN {
				panic(fmt.Sprintf("frontdoor: X-Frame-Options %q: CloudFront knows DENY and SAMEORIGIN", value))
			}
			sec.FrameOptions = &awscloudfront.ResponseHeadersFrameOptions{FrameOption: opt, Override: jsii.Bool(true)}
		case "referrer-policy":
			// "strict-origin-when-cross-origin" → STRICT_ORIGIN_WHEN_CROSS_ORIGIN
			sec.ReferrerPolicy = &awscloudfront.ResponseHeadersReferrerPolicy{
				ReferrerPolicy: awscloudfront.HeadersReferrerPolicy(strings.ToUpper(strings.ReplaceAll(value, "-", "_"))),
				Override:       jsii.Bool(true),
			}
		case "x-xss-protection":
			panic("frontdoor: X-XSS-Protection: map it to CloudFront's XssProtection setting first")
		default:
			custom = append(custom, &awscloudfront.ResponseCustomHeader{Header: jsii.String(name), Value: jsii.String(value), Override: jsii.Bool(true)})
		}
	}
	props := &awscloudfront.ResponseHeadersPolicyProps{
		Comment:                 jsii.String("Brána " + b.cfg.Stage + ": " + comment),
		SecurityHeadersBehavior: sec,
		// The handlers' X-Powered-By and the like never reach a browser.
		RemoveHeaders: jsii.Strings("Server", "X-Powered-By"),
	}
	if len(custom) > 0 {
		props.CustomHeadersBehavior = &awscloudfront.ResponseCustomHeadersBehavior{CustomHeaders: &custom}
	}
	return awscloudfront.NewResponseHeadersPolicy(b.st, jsii.String(id), props)
}

// hsts reads "max-age=N; includeSubDomains[; preload]" and checks N is
// frontdoor.HSTSMaxAge.
func hsts(value string) *awscloudfront.ResponseHeadersStrictTransportSecurity {
	h := &awscloudfront.ResponseHeadersStrictTransportSecurity{Override: jsii.Bool(true), IncludeSubdomains: jsii.Bool(false), Preload: jsii.Bool(false)}
	for _, part := range strings.Split(value, ";") {
		part = strings.TrimSpace(part)
		switch {
		case strings.HasPrefix(strings.ToLower(part), "max-age="):
			n, err := strconv.Atoi(part[len("max-age="):])
			if err != nil || n != frontdoor.HSTSMaxAge {
				panic(fmt.Sprintf("frontdoor: Strict-Transport-Security %q: max-age is not HSTSMaxAge (%d)", value, frontdoor.HSTSMaxAge))
			}
			h.AccessControlMaxAge = awscdk.Duration_Seconds(jsii.Number(float64(n)))
		case strings.EqualFold(part, "includeSubDomains"):
			h.IncludeSubdomains = jsii.Bool(true)
		case strings.EqualFold(part, "preload"):
			h.Preload = jsii.Bool(true)
		default:
			panic(fmt.Sprintf("frontdoor: Strict-Transport-Security %q: unknown directive %q", value, part))
		}
	}
	if h.AccessControlMaxAge == nil {
		panic(fmt.Sprintf("frontdoor: Strict-Transport-Security %q has no max-age", value))
	}
	return h
}

// webDeployment copies web/dist into the web bucket in two passes: the
// hashed assets first, immutable for a year and never pruned (a browser
// still holding the previous index.html must find the files it names),
// then everything else with Cache-Control: no-cache, pruning files the new
// build no longer has, and invalidating the distribution's cache. Without
// a built web/dist the stack synthesises without the copy and says so.
func (b *builder) webDeployment() {
	built, err := b.cfg.WebBuilt()
	if err != nil || !built {
		// FromContext refused a broken build and a deployment without a
		// build; this is a synthesis on a fresh clone or in tests.
		awscdk.Annotations_Of(b.webBucket).AddWarningV2(jsii.String("brana:web-not-built"), jsii.String(fmt.Sprintf(
			"no front-door build in %q: this synthesis does not deploy the web pages; %s", b.cfg.WebDir, WebBuildHint)))
		return
	}
	src := awss3deployment.Source_Asset(jsii.String(b.cfg.WebDir), nil)
	// The handler's log group (one function serves both deployments).
	logs := awslogs.NewLogGroup(b.st, jsii.String("WebDeploymentLogs"), &awslogs.LogGroupProps{
		Retention:     b.retention,
		RemovalPolicy: b.keep,
	})
	assets := awss3deployment.NewBucketDeployment(b.st, jsii.String("WebAssets"), &awss3deployment.BucketDeploymentProps{
		Sources:           &[]awss3deployment.ISource{src},
		DestinationBucket: b.webBucket,
		Exclude:           jsii.Strings("*"),
		Include:           jsii.Strings(strings.TrimPrefix(AssetsPathPattern, "/")),
		CacheControl: &[]awss3deployment.CacheControl{
			awss3deployment.CacheControl_SetPublic(), awss3deployment.CacheControl_MaxAge(assetsMaxAge), awss3deployment.CacheControl_Immutable(),
		},
		Prune:          jsii.Bool(false),
		RetainOnDelete: jsii.Bool(b.cfg.Prod()),
		MemoryLimit:    jsii.Number(512),
		LogGroup:       logs,
	})
	pages := awss3deployment.NewBucketDeployment(b.st, jsii.String("WebPages"), &awss3deployment.BucketDeploymentProps{
		// With the pages, so that pruning keeps it: the console's run-time
		// configuration (frontdoor.StaffConfigPath).
		Sources:           &[]awss3deployment.ISource{src, b.staffConfig()},
		DestinationBucket: b.webBucket,
		Exclude:           jsii.Strings(strings.TrimPrefix(AssetsPathPattern, "/")),
		CacheControl:      &[]awss3deployment.CacheControl{awss3deployment.CacheControl_NoCache()},
		Prune:             jsii.Bool(true),
		RetainOnDelete:    jsii.Bool(b.cfg.Prod()),
		MemoryLimit:       jsii.Number(512),
		LogGroup:          logs,
		// Every path: index.html is what matters (every app path is
		// served from its cache entry), and "/*" counts as one path of
		// the 1,000 free invalidation paths a month.
		Distribution:      b.distribution,
		DistributionPaths: jsii.Strings("/*"),
	})
	// index.html names the new assets: they are in the bucket before it.
	pages.Node().AddDependency(assets)
	b.suppressDeploymentHandler(assets)
}

// staffConfig is the staff console's run-time configuration,
// frontdoor.StaffConfigPath: where its sign-in goes (the Hosted UI), the
// app client it signs in as, and the callback and sign-out addresses the
// client allows. The client's id and the distribution's domain are
// deploy-time values, filled in when the file is copied.
func (b *builder) staffConfig() awss3deployment.ISource {
	origin := *b.origin
	cfg := frontdoor.StaffConfig{
		CognitoHost: b.cognitoHost,
		ClientID:    *b.appClient.UserPoolClientId(),
		RedirectURI: origin + StaffCallbackPath,
		LogoutURI:   origin + StaffLogoutPath,
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		panic(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(raw, &obj); err != nil {
		panic(err)
	}
	return awss3deployment.Source_JsonData(jsii.String(strings.TrimPrefix(frontdoor.StaffConfigPath, "/")), obj, nil)
}

// suppressDeploymentHandler accepts cdk-nag's findings on the Lambda
// function CDK's BucketDeployment brings along (one for both deployments).
func (b *builder) suppressDeploymentHandler(d awss3deployment.BucketDeployment) {
	suppress(d.HandlerRole(), "AwsSolutions-IAM4",
		"CDK's BucketDeployment handler (it runs `aws s3 sync` from the asset bucket to the web bucket at deployment time only) uses AWSLambdaBasicExecutionRole for its own logs; it is the one managed policy in the stack and issue 3 allows exactly that one.",
		`/^Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole$/`)
	suppress(d.HandlerRole().Node().FindChild(jsii.String("DefaultPolicy")), "AwsSolutions-IAM5",
		"What CDK's BucketDeployment grants its handler, which runs only while CloudFormation deploys: s3:GetObject*/GetBucket*/List* on the CDK asset bucket, object read-write (Put/Delete/Abort*) on the web bucket and its objects (`aws s3 sync --delete`), and cloudfront:CreateInvalidation/GetInvalidation on Resource * as CDK writes it (an invalidation only empties a cache). No other bucket, table or secret is reachable.")
	for _, c := range *b.st.Node().Children() {
		c := c.(constructs.IConstruct)
		if strings.HasPrefix(*c.Node().Id(), "Custom::CDKBucketDeployment") {
			suppress(c, "AwsSolutions-L1",
				"The runtime of CDK's BucketDeployment handler (Python, with the AWS CLI layer) is chosen by aws-cdk-lib 2.250.0, not by this stack; it runs only during deployments, never on a request, and moves with CDK upgrades.")
		}
	}
}
