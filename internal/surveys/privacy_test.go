package surveys_test

import (
	"flag"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/privacytest"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

var update = flag.Bool("update", false, "rewrite web/src/generated/privacy-surveys.json from the Go definitions")

// surveysPrivacy is the shape of web/src/generated/privacy-surveys.json:
// what the privacy notice states about the surveys, from the code.
type surveysPrivacy struct {
	InvitationDays int `json:"invitationDays"` // the invitation link's life
	ReminderDays   int `json:"reminderDays"`   // the one reminder, after the invitation
	BrowserKeyDays int `json:"browserKeyDays"` // an awareness answer's browser marker, from its month's start
	SuppressBelow  int `json:"suppressBelow"`  // no figures for a cell of fewer answers
}

func days(d time.Duration) int { return int(d / (24 * time.Hour)) }

// TestSurveysPrivacyNoticeIsTheCode fails when
// web/src/generated/privacy-surveys.json is not what the Go definitions
// give, or when the notice does not state the surveys' part from it.
// Rewrite it with
//
//	go test ./internal/surveys -run TestSurveysPrivacyNoticeIsTheCode -update
func TestSurveysPrivacyNoticeIsTheCode(t *testing.T) {
	want := privacytest.JSON(t, surveysPrivacy{
		InvitationDays: days(surveys.InvitationValidity), ReminderDays: days(surveys.ReminderAfter),
		BrowserKeyDays: days(surveydb.AnsweredKeep), SuppressBelow: surveys.SuppressBelow,
	})
	if privacytest.Generated(t, privacytest.GeneratedPath("privacy-surveys.json"), want, *update,
		"go test ./internal/surveys -run TestSurveysPrivacyNoticeIsTheCode -update") {
		return
	}
	privacytest.Uses(t, privacytest.Notice(t), map[string]int{
		"generated/privacy-surveys.json": 1, "surveyFacts.invitationDays": 2, "surveyFacts.reminderDays": 2,
		"surveyFacts.browserKeyDays": 2, "surveyFacts.suppressBelow": 2,
	})
}
