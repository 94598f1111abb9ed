package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/app"
)

// staticHandler serves everything outside /v1: the built web front door
// from webDir when there is one, else a short text page at / that says
// where the API is.
func staticHandler(webDir, url string) http.Handler {
	if webDir != "" {
		return spaHandler(webDir)
	}
	page := landingPage(url)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
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
	})
}

// spaHandler serves the files of dir; a path without a file extension that
// names no file gets index.html, so that the front door's own routes (for
// example /manage, the manage links in e-mails) load the application.
func spaHandler(dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		clean := path.Clean("/" + r.URL.Path)
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(clean))); errors.Is(err, fs.ErrNotExist) && path.Ext(clean) == "" {
			http.ServeFile(w, r, filepath.Join(dir, "index.html"))
			return
		}
		files.ServeHTTP(w, r)
	})
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
  E-mails    %[3]s/*.eml   (outbox sender every %[4]s, reminders every %[5]s)
  DynamoDB   %[6]s, table %[7]q, data in %[8]s/
  Logs       JSON on stderr; DynamoDB Local's own in %[9]s

  Staff tokens, valid %[10]s (until %[11]s):
    admin  (%[12]s):
      export ADMIN_TOKEN=%[13]s
    expert (%[14]s):
      export EXPERT_TOKEN=%[15]s
    try:   curl -H "Authorization: Bearer $ADMIN_TOKEN" %[1]s/v1/staff/me
    more:  make token GROUP=admin   (or GROUP=expert, SUBJECT=...)

  Run a function on a sample event: make invoke FN=catalog EVENT=events/list-experts.json
  Ctrl-C stops everything.

`,
		info.URL, web, rel(info.MailDir), cfg.OutboxEvery, shortDuration(cfg.RemindersEvery),
		info.DynamoDBEndpoint, info.Table, rel(filepath.Join(info.DataDir, dynamoDBSubdir)), rel(filepath.Join(info.DataDir, dynamoDBLog)),
		shortDuration(cfg.TokenTTL), info.TokenExpiry.Local().Format("2. 1. 2006 15:04 MST"),
		app.DemoAdminSubject, info.AdminToken, app.DemoExpertSubject, info.ExpertToken)
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
