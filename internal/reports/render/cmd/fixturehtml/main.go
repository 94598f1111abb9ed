// Command fixturehtml writes the render fixture's files (rendertest.Report)
// into a directory, for the browser test of the HTML report
// (web/test/report-html.web.test.mjs): go run ./internal/reports/render/cmd/fixturehtml <dir>
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/render/rendertest"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: fixturehtml <dir>")
		os.Exit(2)
	}
	files, err := render.Files(rendertest.Report(), catalogue.MustLoad(), time.Date(2027, 3, 1, 2, 0, 0, 0, time.UTC))
	if err == nil {
		err = os.MkdirAll(os.Args[1], 0o755)
	}
	for _, f := range files {
		if err != nil {
			break
		}
		err = os.WriteFile(filepath.Join(os.Args[1], f.Name), f.Body, 0o644)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "fixturehtml:", err)
		os.Exit(1)
	}
}
