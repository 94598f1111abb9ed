package surveydb

import (
	"context"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/surveys"
)

// InvitationSurveys finds the surveys the invitation job invites to
// (invite.OpenSurveys).
type InvitationSurveys struct{ Store *Store }

// OpenEvaluation returns the newest open evaluation survey of the audience
// with a published version: one Query of the survey directory (a handful
// of surveys), newest first.
func (f InvitationSurveys) OpenEvaluation(ctx context.Context, a surveys.Audience) (surveys.Survey, bool, error) {
	list, err := f.Store.List(ctx)
	if err != nil {
		return surveys.Survey{}, false, err
	}
	for _, s := range list {
		if s.Kind == surveys.KindEvaluation && s.Audience == a && s.Status == surveys.StatusOpen && s.Published > 0 {
			return s, true, nil
		}
	}
	return surveys.Survey{}, false, nil
}

// Survey reads a survey by id; ok is false when there is none.
func (f InvitationSurveys) Survey(ctx context.Context, id string) (surveys.Survey, bool, error) {
	s, err := f.Store.Get(ctx, id)
	if apperr.CodeOf(err) == apperr.NotFound {
		return s, false, nil
	}
	return s, err == nil, err
}
