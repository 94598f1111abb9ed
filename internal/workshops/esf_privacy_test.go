package workshops_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/privacytest"
	"github.com/mpsv/brana/internal/workshops"
)

var update = flag.Bool("update", false, "rewrite web/src/generated/privacy-events.json from the Go definitions")

var (
	eventsPrivacyPath = privacytest.GeneratedPath("privacy-events.json")
	noticePath        = privacytest.NoticePath
)

// eventsPrivacy is the shape of web/src/generated/privacy-events.json: what
// the privacy notice states about event registrations, from the code.
type eventsPrivacy struct {
	RetentionMonths  int                 `json:"retentionMonths"`
	ManageTokenDays  int                 `json:"manageTokenDays"`
	KeptAfterErasure map[string][]string `json:"keptAfterErasure"` // by language, in the notice's order
	EsfStored        map[string][]string `json:"esfStored"`        // by language, in the notice's order
}

func eventsPrivacyJSON(t *testing.T) []byte {
	t.Helper()
	p := eventsPrivacy{RetentionMonths: workshops.DefaultRetentionMonths,
		ManageTokenDays:  workshops.ManageTokenDays,
		KeptAfterErasure: map[string][]string{}, EsfStored: map[string][]string{}}
	for _, f := range workshops.KeptFacts() {
		p.KeptAfterErasure["cs"] = append(p.KeptAfterErasure["cs"], f.CS)
		p.KeptAfterErasure["en"] = append(p.KeptAfterErasure["en"], f.EN)
	}
	for _, f := range workshops.EsfStored() {
		p.EsfStored["cs"] = append(p.EsfStored["cs"], f.CS)
		p.EsfStored["en"] = append(p.EsfStored["en"], f.EN)
	}
	return privacytest.JSON(t, p)
}

// TestEventsPrivacyNoticeIsTheCode fails when
// web/src/generated/privacy-events.json is not what the Go definitions
// give, or when the notice does not state the events' part from it.
// Rewrite it with
//
//	go test ./internal/workshops -run TestEventsPrivacyNoticeIsTheCode -update
func TestEventsPrivacyNoticeIsTheCode(t *testing.T) {
	want := eventsPrivacyJSON(t)
	if privacytest.Generated(t, eventsPrivacyPath, want, *update, "go test ./internal/workshops -run TestEventsPrivacyNoticeIsTheCode -update") {
		return
	}
	src := privacytest.Notice(t)
	privacytest.Uses(t, src, map[string]int{
		"generated/privacy-events.json": 1, "eventKept('cs')": 1, "eventKept('en')": 1, "esfStored('cs')": 1, "esfStored('en')": 1,
		"events.keptAfterErasure[l]": 1, "events.esfStored[l]": 1, "events.retentionMonths": 2, "events.manageTokenDays": 3,
	})
	// Special-category data: the notice names art. 9 and the explicit
	// consent in both languages.
	for _, s := range []string{"čl. 9 odst. 2 písm. a)", "Article 9(2)(a)", "výslovného souhlasu", "explicit consent"} {
		if !strings.Contains(src, s) {
			t.Errorf("%s does not say %q", noticePath, s)
		}
	}
}
