package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/frontdoor"
)

// webDist writes a small built front door: index.html, a hashed script and
// stylesheet, a font and a favicon.
func webDist(t *testing.T) (dir, js string) {
	t.Helper()
	dir = t.TempDir()
	js = "console.log(" + strings.Repeat(`"brána"+`, 200) + `"")` + "\n"
	files := map[string]string{
		"index.html":                 `<!doctype html><html lang="cs"><title>Brána</title>` + strings.Repeat("<p>x</p>", 100),
		"staff.html":                 `<!doctype html><html lang="cs"><title>Brána – pracovníci</title>`,
		"assets/app-ABCD1234.js":     js,
		"assets/app-ABCD1234.css":    strings.Repeat("body{color:red}", 50),
		"assets/roboto-XYZ.woff2":    strings.Repeat("\x00\x01woff", 100),
		"favicon.svg":                `<svg xmlns="http://www.w3.org/2000/svg"/>`,
		"assets/nested/ignored.json": `{}`,
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir, js
}

func get(t *testing.T, h http.Handler, method, target string, hdr map[string]string) *http.Response {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec.Result()
}

func TestStaticSendsFrontDoorSecurityHeaders(t *testing.T) {
	dir, _ := webDist(t)
	for name, h := range map[string]http.Handler{"web": staticHandler(dir, "http://localhost:8080"), "landing": staticHandler("", "http://localhost:8080")} {
		for _, target := range []string{"/", "/manage", "/assets/app-ABCD1234.js", "/nope.png"} {
			resp := get(t, h, "GET", target, nil)
			for k, v := range frontdoor.Headers() {
				if got := resp.Header.Get(k); got != v {
					t.Errorf("%s GET %s: %s = %q, want %q", name, target, k, got, v)
				}
			}
		}
	}
	csp := frontdoor.ContentSecurityPolicy()
	for _, want := range []string{"script-src 'self'", "style-src 'self'", "connect-src 'self'", "font-src 'self'", "frame-ancestors 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("CSP %q lacks %q", csp, want)
		}
	}
	if strings.Contains(csp, "unsafe-inline") || strings.Contains(csp, "unsafe-eval") {
		t.Errorf("CSP %q allows inline code", csp)
	}
}

// TestStaticStaffPagesMayUseTheCamera: the staff console's pages may use
// the camera of their own origin (check-in scans QR codes); the public
// pages, the assets and the API's neighbours never.
func TestStaticStaffPagesMayUseTheCamera(t *testing.T) {
	dir, _ := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")
	for target, want := range map[string]string{
		"/staff":                      "camera=(self)",
		"/staff/":                     "camera=(self)",
		"/staff.html":                 "camera=(self)",
		"/staff/events/ev-1/check-in": "camera=(self)",
		"/":                           "camera=()",
		"/manage":                     "camera=()",
		"/staffing":                   "camera=()",
		"/events/staff/check-in":      "camera=()",
		"/assets/app-ABCD1234.js":     "camera=()",
	} {
		got := get(t, h, "GET", target, nil).Header.Get("Permissions-Policy")
		if !strings.HasPrefix(got, want+",") {
			t.Errorf("GET %s: Permissions-Policy %q, want %s", target, got, want)
		}
		if !strings.Contains(got, "microphone=()") || !strings.Contains(got, "geolocation=()") {
			t.Errorf("GET %s: Permissions-Policy %q allows more than the camera", target, got)
		}
	}
}

func TestStaticSPAFallbackAndNotFound(t *testing.T) {
	dir, _ := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")
	for _, target := range []string{"/", "/manage", "/book", "/deep/route"} {
		resp := get(t, h, "GET", target, nil)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 || !strings.Contains(string(body), "<title>Brána</title>") {
			t.Errorf("GET %s: %d; want index.html", target, resp.StatusCode)
		}
		if got := resp.Header.Get("Cache-Control"); got != "no-cache" {
			t.Errorf("GET %s: Cache-Control %q, want no-cache", target, got)
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") {
			t.Errorf("GET %s: Content-Type %q", target, ct)
		}
	}
	for _, target := range []string{"/missing.js", "/assets/app-00000000.css", "/../etc/passwd.txt"} {
		if resp := get(t, h, "GET", target, nil); resp.StatusCode != 404 {
			t.Errorf("GET %s: %d, want 404", target, resp.StatusCode)
		}
	}
	if resp := get(t, h, "POST", "/", nil); resp.StatusCode != 405 || resp.Header.Get("Allow") != "GET, HEAD" {
		t.Errorf("POST /: %d Allow %q, want 405 GET, HEAD", resp.StatusCode, resp.Header.Get("Allow"))
	}
}

func TestStaticCachesHashedAssetsForAYear(t *testing.T) {
	dir, _ := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")
	for _, target := range []string{"/assets/app-ABCD1234.js", "/assets/app-ABCD1234.css", "/assets/roboto-XYZ.woff2"} {
		resp := get(t, h, "GET", target, nil)
		if resp.StatusCode != 200 || resp.Header.Get("Cache-Control") != "public, max-age=31536000, immutable" {
			t.Errorf("GET %s: %d Cache-Control %q", target, resp.StatusCode, resp.Header.Get("Cache-Control"))
		}
	}
	if resp := get(t, h, "GET", "/favicon.svg", nil); resp.Header.Get("Cache-Control") != "no-cache" {
		t.Errorf("favicon.svg: Cache-Control %q, want no-cache", resp.Header.Get("Cache-Control"))
	}
}

func TestStaticGzipsTextWhenAllowed(t *testing.T) {
	dir, js := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")

	resp := get(t, h, "GET", "/assets/app-ABCD1234.js", map[string]string{"Accept-Encoding": "gzip, deflate, br"})
	if resp.Header.Get("Content-Encoding") != "gzip" || !strings.Contains(resp.Header.Get("Vary"), "Accept-Encoding") {
		t.Fatalf("js with Accept-Encoding gzip: Content-Encoding %q Vary %q", resp.Header.Get("Content-Encoding"), resp.Header.Get("Vary"))
	}
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || string(plain) != js {
		t.Fatalf("gunzipped body differs (%v)", err)
	}
	if n := resp.ContentLength; n <= 0 || n >= int64(len(js)) {
		t.Errorf("compressed Content-Length %d, plain %d", n, len(js))
	}
	if ct := resp.Header.Get("Content-Type"); !strings.Contains(ct, "javascript") {
		t.Errorf("Content-Type %q", ct)
	}

	// Not asked for, refused with q=0, or not text: sent as is.
	for _, c := range []struct{ target, ae string }{
		{"/assets/app-ABCD1234.js", ""},
		{"/assets/app-ABCD1234.js", "gzip;q=0, br"},
		{"/assets/app-ABCD1234.js", "identity"},
		{"/assets/roboto-XYZ.woff2", "gzip"},
	} {
		resp := get(t, h, "GET", c.target, map[string]string{"Accept-Encoding": c.ae})
		if resp.Header.Get("Content-Encoding") != "" {
			t.Errorf("GET %s Accept-Encoding %q: Content-Encoding %q, want none", c.target, c.ae, resp.Header.Get("Content-Encoding"))
		}
	}
	// The same answer twice (the compressed body is cached) and index.html too.
	a := get(t, h, "GET", "/", map[string]string{"Accept-Encoding": "*"})
	b := get(t, h, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	ab, _ := io.ReadAll(a.Body)
	bb, _ := io.ReadAll(b.Body)
	if a.Header.Get("Content-Encoding") != "gzip" || !bytes.Equal(ab, bb) {
		t.Errorf("index.html: Content-Encoding %q, equal bodies %v", a.Header.Get("Content-Encoding"), bytes.Equal(ab, bb))
	}
}

func TestStaticETagRevalidation(t *testing.T) {
	dir, _ := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")
	first := get(t, h, "GET", "/", nil)
	etag := first.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on index.html")
	}
	if resp := get(t, h, "GET", "/", map[string]string{"If-None-Match": etag}); resp.StatusCode != 304 {
		t.Errorf("If-None-Match %s: %d, want 304", etag, resp.StatusCode)
	}
	// A gzip answer has its own tag.
	gz := get(t, h, "GET", "/", map[string]string{"Accept-Encoding": "gzip"})
	if gz.Header.Get("ETag") == etag {
		t.Errorf("gzip and identity answers share the ETag %s", etag)
	}
	// HEAD: headers, no body.
	head := get(t, h, "HEAD", "/assets/app-ABCD1234.css", nil)
	body, _ := io.ReadAll(head.Body)
	if head.StatusCode != 200 || len(body) != 0 || head.Header.Get("Content-Length") == "" {
		t.Errorf("HEAD: %d, %d body bytes, Content-Length %q", head.StatusCode, len(body), head.Header.Get("Content-Length"))
	}
}

func TestAcceptsGzip(t *testing.T) {
	for h, want := range map[string]bool{
		"":                      false,
		"gzip":                  true,
		"GZIP":                  true,
		"br, gzip;q=0.5":        true,
		"gzip;q=0":              false,
		"gzip; q=0.0":           false,
		"*":                     true,
		"*;q=0":                 false,
		"*, gzip;q=0":           false,
		"deflate, br":           false,
		"identity;q=1, *;q=0.1": true,
	} {
		if got := acceptsGzip(h); got != want {
			t.Errorf("acceptsGzip(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestEnvDataDir(t *testing.T) {
	root := t.TempDir()
	t.Setenv("BRANA_DATA", "")
	if d, err := envDataDir(root); err != nil || d != filepath.Join(root, ".data") {
		t.Errorf("envDataDir without BRANA_DATA = %q, %v", d, err)
	}
	want := filepath.Join(t.TempDir(), "run1")
	t.Setenv("BRANA_DATA", want)
	if d, err := envDataDir(root); err != nil || d != want {
		t.Errorf("envDataDir with BRANA_DATA=%s = %q, %v", want, d, err)
	}
	t.Setenv("BRANA_PORT", "0")
	if p, err := envPort("BRANA_PORT", 8080); err != nil || p != 0 {
		t.Errorf("BRANA_PORT=0: %d, %v; want 0 (a free port)", p, err)
	}
	t.Setenv("BRANA_PORT", "-1")
	if _, err := envPort("BRANA_PORT", 8080); err == nil {
		t.Error("BRANA_PORT=-1 accepted")
	}
}

func TestStaticStaffPathsLoadTheStaffConsole(t *testing.T) {
	dir, _ := webDist(t)
	h := staticHandler(dir, "http://localhost:8080")
	for target, want := range map[string]string{
		"/staff": "pracovníci", "/staff/agenda": "pracovníci", "/staff.html": "pracovníci",
		"/staffing": "<p>x</p>", "/manage": "<p>x</p>",
	} {
		resp := get(t, h, "GET", target, nil)
		body, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s: %d %.60q; want 200 with %q", target, resp.StatusCode, body, want)
		}
	}
}
