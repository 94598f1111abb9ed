package docs_test

import (
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// TestPackagesLinkOnlyWhatTheyNeed keeps the light packages light: the
// public function that verifies certificate codes links certcode, which
// must not bring a PDF or spreadsheet library; one that only hands out
// certificates links certpdf, which must not bring excelize or collation.
func TestPackagesLinkOnlyWhatTheyNeed(t *testing.T) {
	const (
		fpdf    = "github.com/go-pdf/fpdf"
		excel   = "github.com/xuri/excelize/v2"
		collate = "golang.org/x/text/collate"
		fonts   = "golang.org/x/image/font/gofont/goregular"
	)
	for pkg, banned := range map[string][]string{
		"../certcode": {fpdf, excel, collate, fonts, "github.com/mpsv/brana/internal/workshops/docs/certpdf"},
		"./certpdf":   {excel, collate},
	} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", pkg, err, out)
		}
		deps := strings.Fields(string(out))
		for _, b := range banned {
			if slices.Contains(deps, b) {
				t.Errorf("%s links %s", pkg, b)
			}
		}
		if pkg == "./certpdf" && !slices.Contains(deps, fpdf) {
			t.Errorf("%s does not link %s: the check looks at the wrong thing", pkg, fpdf)
		}
	}
}
