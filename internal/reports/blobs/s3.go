package blobs

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
	"github.com/aws/smithy-go"

	"github.com/mpsv/brana/internal/reports"
)

// S3API is the part of the S3 client the store uses.
type S3API interface {
	PutObject(ctx context.Context, in *s3.PutObjectInput, opts ...func(*s3.Options)) (*s3.PutObjectOutput, error)
	GetObject(ctx context.Context, in *s3.GetObjectInput, opts ...func(*s3.Options)) (*s3.GetObjectOutput, error)
}

// S3 keeps the files in a bucket. The bucket is versioned and encrypted by
// its default encryption (set by the CDK stack), so a put names no
// encryption itself; a report version's files are never overwritten (new
// versions get new keys), and the bucket's versioning keeps any that were.
type S3 struct {
	client  S3API
	presign *s3.PresignClient
	bucket  string
}

// NewS3 returns the store on bucket.
func NewS3(client *s3.Client, bucket string) *S3 {
	return &S3{client: client, presign: s3.NewPresignClient(client), bucket: bucket}
}

// NewS3With returns the store with another client for puts and gets
// (tests), presigning with presign.
func NewS3With(client S3API, presign *s3.PresignClient, bucket string) *S3 {
	return &S3{client: client, presign: presign, bucket: bucket}
}

// Put uploads a file.
func (s *S3) Put(ctx context.Context, key, contentType string, body []byte) error {
	if !validKey(key) {
		return fmt.Errorf("blobs: invalid key %q", key)
	}
	_, err := s.client.PutObject(ctx, &s3.PutObjectInput{
		Bucket: aws.String(s.bucket), Key: aws.String(key), Body: bytes.NewReader(body),
		ContentType: aws.String(contentType), ContentLength: aws.Int64(int64(len(body))),
	})
	if err != nil {
		return fmt.Errorf("blobs: put s3://%s/%s: %w", s.bucket, key, err)
	}
	return nil
}

// Get downloads a file; reports.ErrNoBlob when there is none.
func (s *S3) Get(ctx context.Context, key string) ([]byte, error) {
	if !validKey(key) {
		return nil, reports.ErrNoBlob
	}
	out, err := s.client.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(s.bucket), Key: aws.String(key)})
	if err != nil {
		if notFound(err) {
			return nil, reports.ErrNoBlob
		}
		return nil, fmt.Errorf("blobs: get s3://%s/%s: %w", s.bucket, key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		return nil, fmt.Errorf("blobs: read s3://%s/%s: %w", s.bucket, key, err)
	}
	return b, nil
}

func notFound(err error) bool {
	var nsk *types.NoSuchKey
	var nf *types.NotFound
	if errors.As(err, &nsk) || errors.As(err, &nf) {
		return true
	}
	var api smithy.APIError
	return errors.As(err, &api) && (api.ErrorCode() == "NoSuchKey" || api.ErrorCode() == "NotFound")
}

// MaxLinkTTL bounds a link's life (SigV4 allows a week; ours are minutes).
const MaxLinkTTL = time.Hour

// Link returns a presigned GET of the file valid for ttl, whose response
// names filename for the download (response-content-disposition).
func (s *S3) Link(ctx context.Context, key, filename string, ttl time.Duration) (string, error) {
	if !validKey(key) {
		return "", fmt.Errorf("blobs: invalid key %q", key)
	}
	if !filenamePattern.MatchString(filename) {
		return "", fmt.Errorf("blobs: invalid download name %q", filename)
	}
	if ttl <= 0 || ttl > MaxLinkTTL {
		return "", fmt.Errorf("blobs: link life %s out of (0, %s]", ttl, MaxLinkTTL)
	}
	req, err := s.presign.PresignGetObject(ctx, &s3.GetObjectInput{
		Bucket: aws.String(s.bucket), Key: aws.String(key),
		ResponseContentDisposition: aws.String(ContentDisposition(filename)),
	}, s3.WithPresignExpires(ttl))
	if err != nil {
		return "", fmt.Errorf("blobs: presign s3://%s/%s: %w", s.bucket, key, err)
	}
	return req.URL, nil
}

var _ reports.Blobs = (*S3)(nil)
