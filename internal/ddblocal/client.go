package ddblocal

import (
	"context"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/ratelimit"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
)

const (
	// Region is the region the local clients sign with. With -sharedDb
	// the region does not select a database; it only has to be valid.
	Region = "eu-central-1"
	// maxIdleConns keeps enough idle keep-alive connections for 100+
	// goroutines hammering one local endpoint without reconnecting.
	maxIdleConns = 256
)

// NewClient returns a DynamoDB client for a DynamoDB Local endpoint
// ("http://127.0.0.1:N"). It signs with the static credentials
// "local"/"local" in Region and reads no AWS environment variables or
// shared config files, so a developer's real AWS setup can never leak in.
//
// The client is meant for heavy concurrency (100 goroutines and more): its
// HTTP transport keeps up to 256 idle connections to the host, and the
// retryer keeps the SDK's default attempts and backoff but has no
// client-side retry quota, so a burst of retryable errors (for example
// TransactionConflict) is retried instead of failing with "retry quota
// exceeded". ctx is accepted for symmetry with the SDK's config loaders and
// is not used yet.
func NewClient(ctx context.Context, endpoint string) (*dynamodb.Client, error) {
	_ = ctx
	httpClient := awshttp.NewBuildableClient().WithTransportOptions(func(t *http.Transport) {
		t.MaxIdleConns = maxIdleConns
		t.MaxIdleConnsPerHost = maxIdleConns
	})
	return dynamodb.New(dynamodb.Options{
		Region:       Region,
		BaseEndpoint: aws.String(endpoint),
		Credentials:  credentials.NewStaticCredentialsProvider("local", "local", ""),
		HTTPClient:   httpClient,
		Retryer: retry.NewStandard(func(o *retry.StandardOptions) {
			o.RateLimiter = ratelimit.None
		}),
	}), nil
}
