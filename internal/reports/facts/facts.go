// Package facts is what a monthly report is compiled from: the kept facts
// of one Prague month (those that survive the erasure of people's data),
// read as streams (Facts), and the compiler's signature (Compile). It is
// apart from package reports so that the staff-reports function, which
// only reads finished reports, does not link the survey model.
package facts

import (
	"context"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/surveys"
)

// Consultation is the kept facts of one booking (those that survive the
// erasure of its personal data: docs/data-model.md, "Personal data and
// erasure"). It counts in the Prague month of its Start.
type Consultation struct {
	Start, End  time.Time
	Status      string // confirmed, cancelled, held, no_show
	Form        string // programme.Form
	Topic       string // programme topic code
	TargetGroup string // programme target group code
	Region      string // cz region code ("" not stated)
	// Ico is the organisation's IČO, kept only for public administrations
	// and providers (TargetGroup says which); "" otherwise.
	Ico string
}

// Event is one event (workshop, webinar, …) whose first session starts in
// the month, with the kept facts of its registrations.
type Event struct {
	ID     string
	Kind   string // workshops.Kind
	Region string
	Status string // draft, published, cancelled, held
	Start  time.Time
	End    time.Time
	// Hours is the event's length: the sum of its sessions' lengths.
	Hours float64
}

// Registration is the kept facts of one registration of an event.
type Registration struct {
	EventID     string
	Status      string // confirmed, waitlisted, offered, cancelled, …
	TargetGroup string
	Region      string
	Ico         string // public administrations and providers only
	CheckedIn   bool
	WalkIn      bool
}

// EsfAnswer is one set of voluntary ESF+ answers (no link to a person or
// registration), in the month of its event. "" is "not stated".
type EsfAnswer struct {
	EventID    string
	Gender     string // woman, man, non_binary
	AgeBand    string // 18_29, 30_54, 55_plus
	Disability string // yes, no
	Attended   bool
}

// SurveyFacts is a survey with the versions its responses answered.
type SurveyFacts struct {
	Survey surveys.Survey
	// Version returns a version's definition (cached by the reader).
	Version func(ctx context.Context, number int) (surveys.Version, error)
}

// Facts reads one Prague month's facts. Every method streams: fn is
// called once per item, in no promised order, and its error stops the
// read. An implementation Queries one partition per entity kind and month
// (no Scan).
type Facts interface {
	Consultations(ctx context.Context, m cz.Month, fn func(Consultation) error) error
	// Events: each event of the month with its registrations.
	Events(ctx context.Context, m cz.Month, fn func(Event, []Registration) error) error
	Esf(ctx context.Context, m cz.Month, fn func(EsfAnswer) error) error
	Surveys(ctx context.Context) ([]SurveyFacts, error)
	Responses(ctx context.Context, survey string, m cz.Month, fn func(surveys.Response) error) error
	// Services: the whole transformation register (small: tens of
	// services, at most hundreds).
	Services(ctx context.Context, fn func(reports.Service) error) error
}

// Compile is the compiler's signature (internal/reports/compile.Compile):
// one month's report from its facts, the snapshot of the month before (the
// zero Snapshot before reports.ProgrammeStart) and the month before's report (nil
// if there is none; for the changes from the previous month). The Report
// it returns has Version 0 and no Changes: the run sets them.
type Compile func(ctx context.Context, cat catalogue.Catalogue, m cz.Month, f Facts, prev reports.Snapshot, prevReport *reports.Report) (reports.Report, reports.Snapshot, error)
