package consultations_test

import (
	"flag"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/privacytest"
	"github.com/mpsv/brana/internal/programme"
)

var update = flag.Bool("update", false, "rewrite web/src/generated/privacy.json from the Go definitions")

var (
	webPrivacyPath = privacytest.GeneratedPath("privacy.json")
	noticePath     = privacytest.NoticePath
)

// webPrivacy is the shape of web/src/generated/privacy.json: what the
// privacy notice states, from the code that does it.
type webPrivacy struct {
	ManageTokenDays  int                 `json:"manageTokenDays"`
	RetentionMonths  int                 `json:"retentionMonths"`
	KeptAfterErasure map[string][]string `json:"keptAfterErasure"` // by language, in the notice's order
}

func webPrivacyJSON(t *testing.T) []byte {
	t.Helper()
	p := webPrivacy{
		ManageTokenDays: consultations.ManageTokenDays, RetentionMonths: consultations.DefaultRetentionMonths,
		KeptAfterErasure: map[string][]string{},
	}
	for _, f := range consultations.KeptFacts() {
		p.KeptAfterErasure["cs"] = append(p.KeptAfterErasure["cs"], f.CS)
		p.KeptAfterErasure["en"] = append(p.KeptAfterErasure["en"], f.EN)
	}
	return privacytest.JSON(t, p)
}

// TestPrivacyNoticeIsTheCode fails when web/src/generated/privacy.json is
// not what the Go definitions give, or when the notice does not state its
// promises from it. Rewrite it with
//
//	go test ./internal/consultations -run TestPrivacyNoticeIsTheCode -update
func TestPrivacyNoticeIsTheCode(t *testing.T) {
	want := webPrivacyJSON(t)
	if privacytest.Generated(t, webPrivacyPath, want, *update, "go test ./internal/consultations -run TestPrivacyNoticeIsTheCode -update") {
		return
	}
	src := privacytest.Notice(t)
	t.Run("the notice states the kept list, the link's life and the retention from privacy.json", func(t *testing.T) {
		privacytest.Uses(t, src, map[string]int{
			"generated/privacy.json": 1, "kept('cs')": 1, "kept('en')": 1,
			"keptAfterErasure[l]": 1, "manageTokenDays": 3, "retentionMonths": 3, // the import, Czech, English
		})
		// No number of days or months written by hand beside the ones it
		// takes from the code (the 30 days of e-mail copies and the 90 days
		// of CDN logs are the outbox's and CloudFront's, stated as such).
		for _, m := range regexp.MustCompile(`\b(\d+) (dní|dnů|days|měsíců|měsíce|months)\b`).FindAllStringSubmatch(src, -1) {
			if m[1] != "30" && m[1] != "90" {
				t.Errorf("%s writes %q by hand; take it from privacy.json", noticePath, m[0])
			}
		}
	})
	t.Run("the kept list says which target groups keep the IČO", func(t *testing.T) {
		for _, g := range programme.TargetGroups {
			keeps := slices.Contains(consultations.ErasureKeeps(g), "organisation_ico")
			if keeps != g.NeedsOrganisation() {
				t.Errorf("%s: keeps the IČO %v, want only for groups that book for an organisation", g, keeps)
			}
		}
		for _, f := range consultations.KeptFacts() {
			if f.CS == "" || f.EN == "" || f.Code == "" {
				t.Errorf("fact %+v: want a code and a name in both languages", f)
			}
			if f.Organisations && (!strings.Contains(f.CS, "veřejné správy a poskytovatelů") || !strings.Contains(f.EN, "public administrations and social-service providers")) {
				t.Errorf("fact %s is kept for organisations only; its names must say for which: %q, %q", f.Code, f.CS, f.EN)
			}
		}
	})
}
