package blobs_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/blobs"
)

var nov = cz.Month{Year: 2026, Month: time.November}

func TestDir(t *testing.T) {
	ctx := context.Background()
	root := filepath.Join(t.TempDir(), "reports-root")
	d, err := blobs.NewDir(root)
	if err != nil {
		t.Fatal(err)
	}
	key := reports.BlobKey(nov, 1, reports.FileJSON)
	if _, err := d.Get(ctx, key); !errors.Is(err, reports.ErrNoBlob) {
		t.Fatalf("missing file: %v, want ErrNoBlob", err)
	}
	if err := d.Put(ctx, key, "application/json", []byte(`{"a":1}`)); err != nil {
		t.Fatal(err)
	}
	// The same relative path as the bucket's key.
	if b, err := os.ReadFile(filepath.Join(root, "reports", "2026-11", "v1", "report.json")); err != nil || string(b) != `{"a":1}` {
		t.Fatalf("file on disk: %q %v", b, err)
	}
	if b, err := d.Get(ctx, key); err != nil || string(b) != `{"a":1}` {
		t.Fatalf("get: %q %v", b, err)
	}
	// Replaced whole; no temporary file left behind.
	if err := d.Put(ctx, key, "application/json", []byte(`{"a":2}`)); err != nil {
		t.Fatal(err)
	}
	if b, _ := d.Get(ctx, key); string(b) != `{"a":2}` {
		t.Errorf("replaced: %q", b)
	}
	entries, _ := os.ReadDir(filepath.Join(root, "reports", "2026-11", "v1"))
	if len(entries) != 1 {
		t.Errorf("directory holds %d entries, want only report.json", len(entries))
	}
	if link, err := d.Link(ctx, key, "report.json", time.Minute); link != "" || err != nil {
		t.Errorf("link: %q %v, want none", link, err)
	}
	// Keys that would leave the root are refused.
	for _, bad := range []string{"", "/etc/passwd", "../x", "reports/../../x", "reports//x", `reports\x`, "reports/./x", "."} {
		if err := d.Put(ctx, bad, "text/plain", []byte("x")); err == nil {
			t.Errorf("put %q: no error", bad)
		}
		if _, err := d.Get(ctx, bad); !errors.Is(err, reports.ErrNoBlob) {
			t.Errorf("get %q: %v, want ErrNoBlob", bad, err)
		}
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(root), "x")); err == nil {
		t.Error("a file was written outside the root")
	}
}

// Readers during concurrent writes see one whole file or the other,
// never a part.
func TestDirAtomic(t *testing.T) {
	ctx := context.Background()
	d, err := blobs.NewDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	key := reports.BlobKey(nov, 2, reports.FileCSV)
	a, b := bytes.Repeat([]byte("a"), 1<<20), bytes.Repeat([]byte("b"), 1<<20)
	if err := d.Put(ctx, key, "text/csv", a); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	stop := make(chan struct{})
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			body := a
			if i%2 == 1 {
				body = b
			}
			if err := d.Put(ctx, key, "text/csv", body); err != nil {
				t.Error(err)
				return
			}
		}
	}()
	for range 200 {
		got, err := d.Get(ctx, key)
		if err != nil || !(bytes.Equal(got, a) || bytes.Equal(got, b)) {
			t.Errorf("read %d bytes (%v): a torn file", len(got), err)
			break
		}
	}
	close(stop)
	wg.Wait()
}

func offlineS3(t *testing.T) *s3.Client {
	t.Helper()
	return s3.New(s3.Options{
		Region:      "eu-central-1",
		Credentials: aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider("AKIDEXAMPLE", "secret", "")),
	})
}

// TestS3Link presigns offline: no request is sent.
func TestS3Link(t *testing.T) {
	st := blobs.NewS3(offlineS3(t), "brana-reports")
	key := reports.BlobKey(nov, 3, reports.FileXLSX)
	link, err := st.Link(context.Background(), key, "brana-report-2026-11-v3.xlsx", 5*time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	if u.Scheme != "https" || !strings.Contains(u.Host+u.Path, "brana-reports") || !strings.HasSuffix(u.Path, "/reports/2026-11/v3/report.xlsx") {
		t.Errorf("link %s", link)
	}
	if q.Get("X-Amz-Expires") != "300" || q.Get("X-Amz-Signature") == "" || q.Get("X-Amz-Algorithm") != "AWS4-HMAC-SHA256" {
		t.Errorf("not a 5-minute SigV4 link: %s", link)
	}
	if got := q.Get("response-content-disposition"); got != `attachment; filename="brana-report-2026-11-v3.xlsx"` {
		t.Errorf("response-content-disposition %q", got)
	}
	for _, c := range []struct {
		name string
		ttl  time.Duration
	}{{`a"b.csv`, time.Minute}, {"x.csv\r\nSet-Cookie: a", time.Minute}, {"", time.Minute}, {"ok.csv", 0}, {"ok.csv", 2 * time.Hour}} {
		if _, err := st.Link(context.Background(), key, c.name, c.ttl); err == nil {
			t.Errorf("link named %q for %s: no error", c.name, c.ttl)
		}
	}
}

// fakeS3 is an in-memory bucket answering as S3 does.
type fakeS3 struct {
	objects map[string][]byte
	types   map[string]string
}

func (f *fakeS3) PutObject(_ context.Context, in *s3.PutObjectInput, _ ...func(*s3.Options)) (*s3.PutObjectOutput, error) {
	b, err := io.ReadAll(in.Body)
	if err != nil {
		return nil, err
	}
	if in.ServerSideEncryption != "" || in.SSEKMSKeyId != nil {
		return nil, errors.New("the bucket's default encryption applies: no SSE header")
	}
	f.objects[*in.Key], f.types[*in.Key] = b, aws.ToString(in.ContentType)
	return &s3.PutObjectOutput{}, nil
}

func (f *fakeS3) GetObject(_ context.Context, in *s3.GetObjectInput, _ ...func(*s3.Options)) (*s3.GetObjectOutput, error) {
	b, ok := f.objects[*in.Key]
	if !ok {
		return nil, &types.NoSuchKey{Message: aws.String("The specified key does not exist.")}
	}
	return &s3.GetObjectOutput{Body: io.NopCloser(bytes.NewReader(b))}, nil
}

func TestS3PutGet(t *testing.T) {
	ctx := context.Background()
	f := &fakeS3{objects: map[string][]byte{}, types: map[string]string{}}
	st := blobs.NewS3With(f, s3.NewPresignClient(offlineS3(t)), "brana-reports")
	key := reports.BlobKey(nov, 1, reports.FileHTML)
	if _, err := st.Get(ctx, key); !errors.Is(err, reports.ErrNoBlob) {
		t.Fatalf("missing: %v, want ErrNoBlob", err)
	}
	if err := st.Put(ctx, key, "text/html; charset=utf-8", []byte("<p>")); err != nil {
		t.Fatal(err)
	}
	if b, err := st.Get(ctx, key); err != nil || string(b) != "<p>" || f.types[key] != "text/html; charset=utf-8" {
		t.Errorf("get: %q %v, type %q", b, err, f.types[key])
	}
	if err := st.Put(ctx, "../x", "text/plain", nil); err == nil {
		t.Error("put of an invalid key")
	}
}
