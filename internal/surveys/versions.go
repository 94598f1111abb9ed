package surveys

import "github.com/mpsv/brana/internal/apperr"

// Reasons of the survey definitions and versions (messages in
// internal/i18n/surveys_sdef.go).
const (
	ReasonSurveyNotFound   apperr.Reason = "survey_not_found"
	ReasonVersionNotFound  apperr.Reason = "survey_version_not_found"
	ReasonSurveyChanged    apperr.Reason = "survey_changed"
	ReasonNothingToPublish apperr.Reason = "survey_nothing_to_publish"
	ReasonSurveyClosed     apperr.Reason = "survey_closed"
	ReasonKindChanged      apperr.Reason = "survey_kind_changed"
)

// Draft decides where a new draft of s goes: number is the version it is
// written as, and replace tells that it replaces the unpublished version
// of that number (a draft waits) rather than adding version Latest+1 (the
// latest is published: it never changes, an edit makes a new version). A
// closed survey takes no draft, and a draft keeps the survey's kind and
// audience.
func Draft(s Survey, d Definition) (number int, replace bool, err error) {
	if s.Status == StatusClosed {
		return 0, false, apperr.New(apperr.Conflict, ReasonSurveyClosed)
	}
	if d.Kind != s.Kind || d.Audience != s.Audience {
		return 0, false, apperr.New(apperr.Conflict, ReasonKindChanged)
	}
	if s.Latest > s.Published {
		return s.Latest, true, nil
	}
	return s.Latest + 1, false, nil
}

// CanPublish checks that version number of s can be published: the
// survey is not closed and number is its latest version, a draft.
func CanPublish(s Survey, number int) error {
	switch {
	case s.Status == StatusClosed:
		return apperr.New(apperr.Conflict, ReasonSurveyClosed)
	case number < 1 || number > s.Latest:
		return apperr.New(apperr.NotFound, ReasonVersionNotFound)
	case number != s.Latest || s.Latest == s.Published:
		return apperr.New(apperr.Conflict, ReasonNothingToPublish)
	}
	return nil
}
