// Package surveydb is the surveys capability's storage on Brána's one
// DynamoDB table (docs/data-model.md, "Surveys"): surveys and their
// versions (surveys.go), anonymous responses (responses.go), invitations
// and their markers (invitations.go), the soft one-answer-per-browser
// markers of awareness surveys (answered.go). Every invariant is a
// condition or a transaction, never a read before a write.
package surveydb

import "github.com/mpsv/brana/internal/dynamo"

// Store is the surveys storage on a table.
type Store struct{ *dynamo.Store }

// New returns the surveys storage on s.
func New(s *dynamo.Store) *Store { return &Store{s} }
