package main

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/frontdoor"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/surveyinvitations"
)

// staticHandler serves everything outside /v1: the built web front door
// from webDir when there is one, else a short text page at / that says
// where the API is. Every answer carries the front door's security headers
// (internal/frontdoor), the same ones CloudFront sends in the cloud, so the
// browser tests run under the Content-Security-Policy users get.
func staticHandler(webDir, url string) http.Handler {
	if webDir != "" {
		return withFrontDoorHeaders(spaHandler(webDir))
	}
	page := landingPage(url)
	return withFrontDoorHeaders(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = io.WriteString(w, page)
	}))
}

// withFrontDoorHeaders sets the front door's security headers on every
// response of h (the staff console's pages may use the camera:
// frontdoor.HeadersFor).
func withFrontDoorHeaders(h http.Handler) http.Handler {
	public, staff := frontdoor.Headers(), frontdoor.HeadersFor(frontdoor.StaffPrefix)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		headers := public
		if frontdoor.IsStaffPath(path.Clean("/" + r.URL.Path)) {
			headers = staff
		}
		for k, v := range headers {
			w.Header().Set(k, v)
		}
		h.ServeHTTP(w, r)
	})
}

// Cache lifetimes. The build names every file under assets/ after a hash
// of its content, so those never change and may be kept for a year; every
// other file (index.html above all, which names the current assets) must be
// revalidated on each use.
const (
	cacheImmutable   = "public, max-age=31536000, immutable"
	cacheRevalidate  = "no-cache"
	hashedAssetsDir  = "/assets/"
	minGzipBytes     = 256 // smaller answers gain nothing from gzip
	maxServedFileLen = 32 << 20
)

// spaHandler serves the files of dir; a path without a file extension that
// names no file gets index.html (staff.html under /staff: frontdoor.PageFor), so that the front door's own routes (for
// example /manage, the manage links in e-mails) load the application.
//
// Text files (HTML, CSS, JavaScript, SVG, JSON) are gzip-compressed when the
// request's Accept-Encoding allows it, as CloudFront compresses them in the
// cloud; compressed bodies are kept in memory until the file changes. Files
// under assets/ are cached for a year, everything else revalidated (ETag,
// If-None-Match).
func spaHandler(dir string) http.Handler {
	var gzCache sync.Map // gzKey -> []byte
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "Method Not Allowed", http.StatusMethodNotAllowed)
			return
		}
		clean := path.Clean("/" + r.URL.Path)
		name := filepath.Join(dir, filepath.FromSlash(clean))
		fi, err := os.Stat(name)
		switch {
		case err == nil && fi.IsDir():
			clean, name = "/index.html", filepath.Join(dir, "index.html")
		case errors.Is(err, fs.ErrNotExist) && path.Ext(clean) == "":
			page := frontdoor.PageFor(clean)
			clean, name = page, filepath.Join(dir, filepath.FromSlash(page))
		case err != nil:
			http.NotFound(w, r)
			return
		}
		fi, err = os.Stat(name)
		if err != nil || !fi.Mode().IsRegular() || fi.Size() > maxServedFileLen {
			http.NotFound(w, r)
			return
		}
		body, err := os.ReadFile(name)
		if err != nil {
			http.Error(w, "Internal Server Error", http.StatusInternalServerError)
			return
		}

		h := w.Header()
		ctype := mime.TypeByExtension(path.Ext(clean))
		if ctype == "" {
			ctype = http.DetectContentType(body)
		}
		h.Set("Content-Type", ctype)
		if strings.HasPrefix(clean, hashedAssetsDir) {
			h.Set("Cache-Control", cacheImmutable)
		} else {
			h.Set("Cache-Control", cacheRevalidate)
		}
		sum := sha256.Sum256(body)
		etag := hex.EncodeToString(sum[:12])

		compressible := isCompressible(ctype)
		if compressible {
			h.Add("Vary", "Accept-Encoding")
		}
		if compressible && len(body) >= minGzipBytes && acceptsGzip(r.Header.Get("Accept-Encoding")) {
			key := gzKey{clean, fi.ModTime().UnixNano(), fi.Size(), etag}
			gz, ok := gzCache.Load(key)
			if !ok {
				var buf bytes.Buffer
				zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
				_, _ = zw.Write(body)
				_ = zw.Close()
				gz, _ = gzCache.LoadOrStore(key, buf.Bytes())
			}
			body = gz.([]byte)
			h.Set("Content-Encoding", "gzip")
			etag += "-gz"
		}
		h.Set("ETag", `"`+etag+`"`)
		if match := r.Header.Get("If-None-Match"); match != "" && etagMatches(match, `"`+etag+`"`) {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		if r.Method != http.MethodHead {
			_, _ = w.Write(body)
		}
	})
}

// gzKey names one version of one file's compressed body.
type gzKey struct {
	path    string
	modTime int64
	size    int64
	etag    string
}

// isCompressible reports whether a content type is text that gzip shrinks
// (fonts in woff2 and images are compressed already).
func isCompressible(ctype string) bool {
	mt, _, _ := strings.Cut(ctype, ";")
	mt = strings.TrimSpace(strings.ToLower(mt))
	switch {
	case strings.HasPrefix(mt, "text/"):
		return true
	case mt == "application/javascript", mt == "application/json", mt == "application/manifest+json",
		mt == "image/svg+xml", mt == "application/xml":
		return true
	}
	return false
}

// acceptsGzip reports whether an Accept-Encoding header allows gzip: named
// (or "*") with a quality above zero.
func acceptsGzip(header string) bool {
	gzipQ, starQ := -1.0, -1.0
	for _, part := range strings.Split(header, ",") {
		coding, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		for _, p := range strings.Split(params, ";") {
			k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
			if ok && strings.EqualFold(strings.TrimSpace(k), "q") {
				if f, err := strconv.ParseFloat(strings.TrimSpace(v), 64); err == nil {
					q = f
				}
			}
		}
		switch strings.ToLower(strings.TrimSpace(coding)) {
		case "gzip", "x-gzip":
			gzipQ = q
		case "*":
			starQ = q
		}
	}
	if gzipQ >= 0 {
		return gzipQ > 0
	}
	return starQ > 0
}

// etagMatches reports whether an If-None-Match header names etag (or *).
// Weak comparison, as RFC 9110 wants for If-None-Match.
func etagMatches(header, etag string) bool {
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimPrefix(strings.TrimSpace(t), "W/")
		if t == "*" || t == etag {
			return true
		}
	}
	return false
}

// landingPage is the text at / until the web front door exists.
func landingPage(url string) string {
	return fmt.Sprintf(`Brána – místní běh / local stack

Webové rozhraní zatím není sestavené (web/dist chybí). API je na %[1]s/v1.
The web front door is not built yet (no web/dist). The API is at %[1]s/v1.

Příklady / Examples:

  # odborníci / experts
  curl %[1]s/v1/experts
  curl '%[1]s/v1/experts?topic=transformation_plan&region=CZ064'

  # volné termíny / free slots
  curl '%[1]s/v1/slots?expertId=jana-dvorakova&form=online'

  # v angličtině / in English
  curl -H 'Accept-Language: en' %[1]s/v1/experts/jana-dvorakova

  # pro pracovníky (token: make token GROUP=admin) / staff
  curl -H "Authorization: Bearer $(make -s token GROUP=admin)" %[1]s/v1/staff/me

E-maily se ukládají jako soubory .eml do .data/outbox/.
E-mails are written as .eml files to .data/outbox/.
`, url)
}

// printBanner tells the developer where everything is.
func printBanner(w io.Writer, info Info, cfg Config) {
	web := info.URL + "/  (a text page: web/dist is not built)"
	if info.WebDir != "" {
		web = info.URL + "/  (from " + info.WebDir + ")"
	}
	rel := func(p string) string {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, p); err == nil && !strings.HasPrefix(r, "..") {
				return r
			}
		}
		return p
	}
	fmt.Fprintf(w, `
  Brána local stack is running: %[1]s

  API        %[1]s/v1          e.g. curl %[1]s/v1/experts
  Web        %[2]s
  Console    %[1]s%[23]s   (staff: pick a role; see below)
  Survey     %[1]s/surveys/%[17]s   (the demo awareness survey)
  E-mails    %[3]s/*.eml
  Timers     %[4]s
  DynamoDB   %[5]s, table %[6]q, data in %[7]s/
  Logs       JSON on stderr; DynamoDB Local's own in %[8]s

  Staff tokens, valid %[9]s (until %[10]s):
    admin  (%[11]s):
      export ADMIN_TOKEN=%[12]s
    expert (%[13]s):
      export EXPERT_TOKEN=%[14]s
    evaluator (%[15]s): survey definitions, results and exports
      export EVALUATOR_TOKEN=%[16]s
    viewer (%[19]s): programme management, the monthly reports only
      export VIEWER_TOKEN=%[20]s
    try:   curl -H "Authorization: Bearer $ADMIN_TOKEN" %[1]s/v1/staff/me
    more:  make token GROUP=admin   (or GROUP=expert, organiser, evaluator, viewer; SUBJECT=...)
%[22]s%[18]s%[21]s
  Run a function on a sample event: make invoke FN=catalog EVENT=events/list-experts.json
  Ctrl-C stops everything.

`,
		info.URL, web, rel(info.MailDir), timerList(cfg),
		info.DynamoDBEndpoint, info.Table, rel(filepath.Join(info.DataDir, dynamoDBSubdir)), rel(filepath.Join(info.DataDir, dynamoDBLog)),
		shortDuration(cfg.TokenTTL), info.TokenExpiry.Local().Format("2. 1. 2006 15:04 MST"),
		app.DemoAdminSubject, info.AdminToken, app.DemoExpertSubject, info.ExpertToken,
		DevEvaluatorSubject, info.EvaluatorToken, app.DemoAwarenessSurveyID, pastConsultations(info, cfg, rel(info.MailDir)),
		DevViewerSubject, info.ViewerToken, reportsBanner(info, rel), consoleBanner(info), consoleSignInPath)
}

// demoReportMonths names the months of the demo report data.
func demoReportMonths() string {
	var out []string
	for _, m := range app.DemoReportMonths() {
		out = append(out, m.String())
	}
	return strings.Join(out, " and ")
}

// reportsBanner says how to make a month's report locally (the monthly
// schedule runs on no local timer) and where its files go.
func reportsBanner(info Info, rel func(string) string) string {
	var b strings.Builder
	last := cz.MonthOf(time.Now()).Prev()
	fmt.Fprintf(&b, "\n  Monthly reports: %s run on no local timer; compile a month with\n", strings.Join(monthlySchedules(), ", "))
	fmt.Fprintf(&b, "    make report MONTH=%s   (the demo data spans %s)\n", last, demoReportMonths())
	fmt.Fprintf(&b, "  files in %s/reports/<yyyy-mm>/v<n>/ (report.html opens in a browser); as a viewer:\n", rel(filepath.Join(info.DataDir, reportsSubdir)))
	fmt.Fprintf(&b, "    curl -H \"Authorization: Bearer $VIEWER_TOKEN\" %s/v1/staff/reports\n", info.URL)
	return b.String()
}

// pastConsultations lists the demo consultations that already took place
// and how to mark one held, which invites its booker to the evaluation
// survey (README, "Try the surveys").
func pastConsultations(info Info, cfg Config, mailDir string) string {
	if len(info.PastConsultations) == 0 {
		return ""
	}
	var b strings.Builder
	when := "the next day at 10:00"
	if os.Getenv(surveyinvitations.SameDayEnv) == "1" {
		when = "within " + shortDuration(timerEvery(cfg, registry.SurveyInvitations)) + " (" + surveyinvitations.SameDayEnv + "=1)"
	}
	fmt.Fprintf(&b, "\n  Demo consultations that already took place; mark one held and its booker's\n")
	fmt.Fprintf(&b, "  survey invitation appears in %s/ %s:\n", mailDir, when)
	for _, p := range info.PastConsultations {
		fmt.Fprintf(&b, "    %s  %s  %-15s %s\n", p.ID, p.Start.In(cz.Prague).Format("2. 1. 2006 15:04"), p.Expert, p.Email)
	}
	fmt.Fprintf(&b, "    curl -X POST -H \"Authorization: Bearer $ADMIN_TOKEN\" -H 'Content-Type: application/json' \\\n")
	fmt.Fprintf(&b, "      -d '{\"status\":\"held\"}' %s/v1/staff/bookings/%s/outcome\n", info.URL, info.PastConsultations[0].ID)
	return b.String()
}

// timerList says what runs when: "outbox-sender every 2s, reminders every 10m".
func timerList(cfg Config) string {
	var parts []string
	for _, t := range timers(cfg) {
		parts = append(parts, t.Function+" every "+shortDuration(t.Every))
	}
	for _, m := range monthlySchedules() {
		parts = append(parts, m+" by make report")
	}
	return strings.Join(parts, ", ")
}

// shortDuration prints 10m0s as 10m and 12h0m0s as 12h.
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
