package surveyapi

import (
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/surveys"
)

// Times in responses are RFC 3339 in Europe/Prague.
func local(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cz.Prague).Format(time.RFC3339)
}

// SurveyView is a survey as the evaluation team sees it: its versions'
// summary and its invitation counters, no personal data.
type SurveyView struct {
	ID          string                   `json:"id"`
	Kind        surveys.Kind             `json:"kind"`
	Audience    surveys.Audience         `json:"audience,omitempty"`
	Title       surveys.Text             `json:"title"`
	Status      surveys.Status           `json:"status"`
	Latest      int                      `json:"latest"`
	Published   int                      `json:"published"`
	CreatedAt   string                   `json:"createdAt"`
	UpdatedAt   string                   `json:"updatedAt"`
	Rev         int64                    `json:"rev"`
	Invitations surveys.InvitationCounts `json:"invitations"`
}

// SurveyList is the staff list of surveys.
type SurveyList struct {
	Items []SurveyView `json:"items"`
}

// VersionSummary is one version in a survey's detail.
type VersionSummary struct {
	Number      int          `json:"number"`
	Title       surveys.Text `json:"title"`
	Published   bool         `json:"published"`
	PublishedAt string       `json:"publishedAt,omitempty"`
	CreatedAt   string       `json:"createdAt"`
}

// VersionView is one version with its definition.
type VersionView struct {
	Survey      string             `json:"survey"`
	Number      int                `json:"number"`
	Published   bool               `json:"published"`
	PublishedAt string             `json:"publishedAt,omitempty"`
	CreatedAt   string             `json:"createdAt"`
	Definition  surveys.Definition `json:"definition"`
}

// SurveyDetailView is a survey with its versions (oldest first) and its
// latest version's definition.
type SurveyDetailView struct {
	Survey   SurveyView       `json:"survey"`
	Versions []VersionSummary `json:"versions"`
	Latest   VersionView      `json:"latest"`
}

func surveyView(s surveys.Survey) SurveyView {
	return SurveyView{
		ID: s.ID, Kind: s.Kind, Audience: s.Audience, Title: s.Title, Status: s.Status,
		Latest: s.Latest, Published: s.Published, CreatedAt: local(s.CreatedAt), UpdatedAt: local(s.UpdatedAt),
		Rev: s.Rev, Invitations: s.Invitations,
	}
}

func versionView(v surveys.Version) VersionView {
	return VersionView{
		Survey: v.Survey, Number: v.Number, Published: v.Published(), PublishedAt: local(v.PublishedAt),
		CreatedAt: local(v.CreatedAt), Definition: v.Definition,
	}
}

func detailView(s surveys.Survey, versions []surveys.Version) SurveyDetailView {
	out := SurveyDetailView{Survey: surveyView(s), Versions: make([]VersionSummary, 0, len(versions))}
	for _, v := range versions {
		out.Versions = append(out.Versions, VersionSummary{
			Number: v.Number, Title: v.Definition.Title, Published: v.Published(),
			PublishedAt: local(v.PublishedAt), CreatedAt: local(v.CreatedAt),
		})
		if v.Number == s.Latest {
			out.Latest = versionView(v)
		}
	}
	return out
}
