// Package surveydb is the surveys capability's storage on Brána's one
// DynamoDB table: surveys and their versions (surveys.go), responses
// (responses.go) and invitations (invitations.go). docs/data-model.md
// ("Surveys") lists its items and access patterns.
package surveydb

import (
	"fmt"

	"github.com/mpsv/brana/internal/dynamo"
)

// Store is the surveys storage on a table.
type Store struct{ *dynamo.Store }

// New returns the surveys storage on s.
func New(s *dynamo.Store) *Store { return &Store{s} }

// Partitions and key prefixes (docs/data-model.md).
const (
	// SurveysPartition is the GSI1 partition of every survey, by creation.
	SurveysPartition = "SURVEYS"
	surveyPrefix     = "SURVEY#"
	surveySK         = "SURVEY"
	versionPrefix    = "VERSION#"
)

// The invitation counters of the survey item (AttrInvitationsSent, …)
// are declared with the invitations (invitations.go).

// SurveyKey is the key of a survey's item.
func SurveyKey(id string) dynamo.Key { return dynamo.Key{PK: surveyPrefix + id, SK: surveySK} }

// VersionKey is the key of a survey's version.
func VersionKey(id string, number int) dynamo.Key {
	return dynamo.Key{PK: surveyPrefix + id, SK: versionSK(number)}
}

func versionSK(number int) string { return fmt.Sprintf("%s%04d", versionPrefix, number) }
