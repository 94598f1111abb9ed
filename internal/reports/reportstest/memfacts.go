// Package reportstest helps test the monthly reports (issue #11): an
// in-memory facts.Facts (MemFacts), a deterministic golden month of facts
// (GoldenMonth) and a lazy generator of any number of facts for the
// memory benchmarks (Stream).
package reportstest

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
)

// EventFacts is an event with its registrations.
type EventFacts struct {
	Event         facts.Event
	Registrations []facts.Registration
}

// EsfFacts is a set of ESF+ answers in the month of its event.
type EsfFacts struct {
	Month  cz.Month
	Answer facts.EsfAnswer
}

// SurveyData is a survey with its versions and responses.
type SurveyData struct {
	Survey    surveys.Survey
	Versions  []surveys.Version
	Responses []surveys.Response
}

// MemFacts is facts.Facts over slices in memory. Like the DynamoDB reader,
// it hands over one month's facts: consultations and events by the Prague
// month of their start, ESF+ answers by Month, responses by their Month.
type MemFacts struct {
	Bookings   []facts.Consultation
	EventList  []EventFacts
	EsfList    []EsfFacts
	SurveyList []SurveyData
	Register   []reports.Service
	// Leaky makes it hand over every consultation, event and response
	// whatever its month, as a reader with a bug would: the compiler must
	// still count only the month's.
	Leaky bool
}

var _ facts.Facts = (*MemFacts)(nil)

// Consultations implements facts.Facts.
func (f *MemFacts) Consultations(ctx context.Context, m cz.Month, fn func(facts.Consultation) error) error {
	for _, c := range f.Bookings {
		if f.Leaky || m.Contains(c.Start) {
			if err := fn(c); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// Events implements facts.Facts.
func (f *MemFacts) Events(ctx context.Context, m cz.Month, fn func(facts.Event, []facts.Registration) error) error {
	for _, e := range f.EventList {
		if f.Leaky || m.Contains(e.Event.Start) {
			if err := fn(e.Event, slices.Clone(e.Registrations)); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// Esf implements facts.Facts.
func (f *MemFacts) Esf(ctx context.Context, m cz.Month, fn func(facts.EsfAnswer) error) error {
	for _, a := range f.EsfList {
		if a.Month == m {
			if err := fn(a.Answer); err != nil {
				return err
			}
		}
	}
	return ctx.Err()
}

// Surveys implements facts.Facts.
func (f *MemFacts) Surveys(ctx context.Context) ([]facts.SurveyFacts, error) {
	out := make([]facts.SurveyFacts, 0, len(f.SurveyList))
	for _, s := range f.SurveyList {
		versions := s.Versions
		id := s.Survey.ID
		out = append(out, facts.SurveyFacts{Survey: s.Survey, Version: func(_ context.Context, n int) (surveys.Version, error) {
			for _, v := range versions {
				if v.Number == n {
					return v, nil
				}
			}
			return surveys.Version{}, fmt.Errorf("reportstest: survey %s has no version %d", id, n)
		}})
	}
	return out, ctx.Err()
}

// Responses implements facts.Facts.
func (f *MemFacts) Responses(ctx context.Context, survey string, m cz.Month, fn func(surveys.Response) error) error {
	for _, s := range f.SurveyList {
		if s.Survey.ID != survey {
			continue
		}
		for _, r := range s.Responses {
			if f.Leaky || r.Month == m.String() {
				if err := fn(r); err != nil {
					return err
				}
			}
		}
	}
	return ctx.Err()
}

// Services implements facts.Facts.
func (f *MemFacts) Services(ctx context.Context, fn func(reports.Service) error) error {
	for _, s := range f.Register {
		if err := fn(s); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Shuffled returns a copy of f with every list in another order (the
// seed's): the same facts as a reader might hand them over.
func (f *MemFacts) Shuffled(seed uint64) *MemFacts {
	r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	g := &MemFacts{
		Bookings: shuffle(r, f.Bookings),
		EsfList:  shuffle(r, f.EsfList),
		Register: shuffle(r, f.Register),
		Leaky:    f.Leaky,
	}
	for _, e := range shuffle(r, f.EventList) {
		e.Registrations = shuffle(r, e.Registrations)
		g.EventList = append(g.EventList, e)
	}
	for _, s := range shuffle(r, f.SurveyList) {
		s.Versions = shuffle(r, s.Versions)
		s.Responses = shuffle(r, s.Responses)
		g.SurveyList = append(g.SurveyList, s)
	}
	return g
}

func shuffle[T any](r *rand.Rand, list []T) []T {
	out := slices.Clone(list)
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}
