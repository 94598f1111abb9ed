package reportstest

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
)

// Stream is a facts.Facts of about N items of November 2026 made as they
// are read: nothing is held, so that a benchmark measures the compiler's
// memory and not the facts'. Half are consultations, three in ten
// registrations (20 to an event), one in ten ESF+ answers and one in ten
// survey responses. Organisations come from a fixed pool of 100 IČOs, so
// the distinct keys do not grow with N.
type Stream struct {
	N int
	// Sample, if set, is called every Every items read (a benchmark reads
	// the heap there).
	Sample func()
	Every  int

	read int
}

var _ facts.Facts = (*Stream)(nil)

// mix is SplitMix64: item i's pseudo-random bits, the same every run.
func mix(i uint64) uint64 {
	z := i + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

func (s *Stream) tick() {
	s.read++
	if s.Sample != nil && s.Every > 0 && s.read%s.Every == 0 {
		s.Sample()
	}
}

var (
	streamRegions = cz.RegionCodes()
	streamKinds   = []string{"workshop", "forum", "seminar", "study_visit", "webinar"}
)

func (s *Stream) at(h uint64) time.Time {
	d := cz.Date{Year: 2026, Month: time.November, Day: 1 + int(h%30)}
	return d.At(8*60 + int(h>>8%540))
}

// Consultations implements facts.Facts.
func (s *Stream) Consultations(ctx context.Context, m cz.Month, fn func(facts.Consultation) error) error {
	if m != November {
		return nil
	}
	statuses := []string{"held", "held", "held", "confirmed", "cancelled", "no_show"}
	for i := 0; i < s.N/2; i++ {
		h := mix(uint64(i))
		g := programme.TargetGroups[h>>16%uint64(len(programme.TargetGroups))]
		c := facts.Consultation{
			Start: s.at(h), Status: statuses[h>>20%6],
			Form: string(programme.Forms[h>>24%3]), Topic: string(programme.Topics[h>>28%6]),
			TargetGroup: string(g), Region: streamRegions[h>>32%14],
		}
		c.End = c.Start.Add(time.Hour)
		if g.NeedsOrganisation() {
			c.Ico = ICO(int(h >> 40 % 100))
		}
		s.tick()
		if err := fn(c); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Events implements facts.Facts.
func (s *Stream) Events(ctx context.Context, m cz.Month, fn func(facts.Event, []facts.Registration) error) error {
	if m != November {
		return nil
	}
	const per = 20
	regs := make([]facts.Registration, per)
	for e := 0; e < s.N*3/10/per; e++ {
		h := mix(uint64(1<<40 + e))
		ev := facts.Event{ID: fmt.Sprintf("evt-%d", e), Kind: streamKinds[h%5], Region: streamRegions[h>>8%14], Status: "held", Start: s.at(h), Hours: 2.5}
		for j := range regs {
			r := mix(h + uint64(j))
			g := programme.TargetGroups[r%4]
			regs[j] = facts.Registration{EventID: ev.ID, TargetGroup: string(g), Region: streamRegions[r>>8%14], Status: "attended", CheckedIn: r>>16%4 != 0}
			if !regs[j].CheckedIn {
				regs[j].Status = "no_show"
			}
			if g.NeedsOrganisation() {
				regs[j].Ico = ICO(int(r >> 24 % 100))
			}
			s.tick()
		}
		if err := fn(ev, regs); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Esf implements facts.Facts.
func (s *Stream) Esf(ctx context.Context, m cz.Month, fn func(facts.EsfAnswer) error) error {
	if m != November {
		return nil
	}
	genders := []string{"woman", "man", "non_binary", ""}
	ages := []string{"18_29", "30_54", "55_plus", ""}
	dis := []string{"yes", "no", ""}
	for i := 0; i < s.N/10; i++ {
		h := mix(uint64(2<<40 + i))
		s.tick()
		if err := fn(facts.EsfAnswer{EventID: "evt", Gender: genders[h%4], AgeBand: ages[h>>8%4], Disability: dis[h>>16%3], Attended: h>>24%4 != 0}); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Surveys implements facts.Facts: GoldenSurveys.
func (s *Stream) Surveys(ctx context.Context) ([]facts.SurveyFacts, error) {
	return (&MemFacts{SurveyList: GoldenSurveys()}).Surveys(ctx)
}

// Responses implements facts.Facts.
func (s *Stream) Responses(ctx context.Context, survey string, m cz.Month, fn func(surveys.Response) error) error {
	if m != November {
		return nil
	}
	code := func(v uint64) surveys.Value { return surveys.Value{Codes: []int{int(v)}} }
	for i := 0; i < s.N/20; i++ {
		h := mix(uint64(3<<40 + i))
		r := surveys.Response{ID: fmt.Sprint(i), Survey: survey, Version: 1, Month: m.String(),
			Context: surveys.Context{TargetGroup: string(programme.TargetGroups[h%4])}}
		switch survey {
		case EvaluationSurvey:
			r.Context.Source = surveys.SourceConsultation
			r.Values = map[string]surveys.Value{"q1_satisfaction": code(1 + h>>8%5), "q2_recommend": code(h >> 16 % 11)}
		case AwarenessSurvey:
			r.Context.Source, r.Context.Wave = surveys.SourcePublic, []string{"baseline", "midterm"}[h>>8%2]
			r.Values = map[string]surveys.Value{"a1_heard": code(1 + h>>16%5), "a2_know": code(1 + h>>24%5)}
		}
		s.tick()
		if err := fn(r); err != nil {
			return err
		}
	}
	return ctx.Err()
}

// Services implements facts.Facts: the golden register.
func (s *Stream) Services(ctx context.Context, fn func(reports.Service) error) error {
	for _, svc := range goldenRegister() {
		if err := fn(svc); err != nil {
			return err
		}
	}
	return ctx.Err()
}
