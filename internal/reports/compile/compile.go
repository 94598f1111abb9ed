// Package compile is the monthly report's compiler (issue #11): one
// Prague month's facts, read as streams, in; the Report and the month's
// cumulative Snapshot out. It is pure: it reads nothing but the Facts it
// is handed (no DynamoDB, no clock), and the same facts in any order give
// the same bytes from reports.EncodeJSON.
//
// # Streaming
//
// Every fact is added to the running sums as it streams past and then
// dropped: the state is a few numbers per indicator and breakdown key,
// one entry per organisation (IČO) of the month, one per survey version
// and one per month of the burn-up. No consultation, registration, answer
// or response is kept, so a month of 100,000 facts takes the memory of a
// month of 1,000 (BenchmarkCompile). Sums are kept in integers (seconds,
// codes, fixed-point scores) so that the order of the facts cannot change
// a rounded figure.
//
// # What counts in the month
//
// The compiler counts only the facts of month m, whatever a reader hands
// over: a consultation or an event by the Prague month of its start
// (23:30 on 31 October in Prague is October), a survey response by its
// Month. ESF+ answers carry no time; the reader's month bucket (the
// event's month) decides, and only answers of people who attended count.
//
// # Cumulative figures
//
// Cumulative organisation figures come from the snapshot only: the new
// Snapshot is prev.Organisations with this month's organisations added
// (an organisation keeps the kind, region and first month it was first
// seen with), and the cumulative counts are read from it. No earlier
// month's facts are read. A snapshot must be the month before's (or the
// zero Snapshot up to reports.ProgrammeStart); anything else is an error,
// never a silently wrong total. The transformation figures come from the
// register's dated history, which holds every month's phase.
//
// # Survey measures
//
// A response is read with its own version's definition
// (facts.SurveyFacts.Version): the mean satisfaction is over the answers
// to the first Likert question whose variable ends in SatisfactionSuffix
// ("q1_satisfaction"), the NPS over the first NPS question (promoters 9–10
// minus detractors 0–6, in points), and the awareness index scores every
// answered Likert question and Likert-matrix item (code − 1) / 4 × 100,
// averages them per response and the responses' scores per cell. Each
// survey indicator's Previous is the month before's report's total, its
// Change the difference (none when either is suppressed or undefined).
//
// # Small-cell suppression
//
// Cells of an indicator that counts people (catalogue CountsPeople), and
// cells of a mean, share or index over fewer than catalogue.SuppressBelow
// people (Cell.N < 5), are published as suppressed ("<5") with no Value
// and no N:
//
//   - a count cell from 1 to 4 is suppressed (no cell is zero: a breakdown
//     lists only the keys that occur);
//   - when exactly one cell of a breakdown is suppressed, the next
//     smallest cell of that breakdown (by count, or by N for a mean; ties
//     by key) is suppressed too, so that the hidden cell cannot be worked
//     out from the total and the other cells;
//   - the total is the true total of all the facts (the cells, suppressed
//     or not, add up to it), suppressed itself only when it is under 5.
//
// Counts of consultations, events, organisations and services do not
// count people and are never suppressed.
//
// # Rounding
//
// Counts are whole; hours, percentages, the NPS and the awareness index
// have one decimal; the mean satisfaction (a 1–5 scale) has two. Halves
// round away from zero.
package compile

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/facts"
	"github.com/mpsv/brana/internal/surveys"
)

var _ facts.Compile = Compile

// ErrSnapshot is Compile's error when the snapshot or the previous report
// is not the month before's: cumulative figures would be wrong.
var ErrSnapshot = errors.New("compile: the snapshot is not the month before's")

// The indicators' codes the compiler knows. A catalogue with any other
// code is an error: every indicator of the catalogue is computed.
const (
	codeBooked          = "consultations.booked"
	codeHeld            = "consultations.held"
	codeCancelled       = "consultations.cancelled"
	codeNoShow          = "consultations.no_show"
	codeHoursHeld       = "consultations.hours_held"
	codeOrgsMonth       = "organisations.supported.month"
	codeOrgsCumulative  = "organisations.supported.cumulative"
	codePAMonth         = "organisations.public_administrations.month"
	codePACumulative    = "organisations.public_administrations.cumulative"
	codeProvMonth       = "organisations.providers.month"
	codeProvCumulative  = "organisations.providers.cumulative"
	codeEventsHeld      = "events.held"
	codeRegistrations   = "events.registrations"
	codeAttendance      = "events.attendance"
	codeAttendanceRate  = "events.attendance_rate"
	codePartHours       = "events.participant_hours"
	codeGender          = "participants.gender"
	codeAgeBand         = "participants.age_band"
	codeDisability      = "participants.disability"
	codeEvalResponses   = "surveys.evaluation.responses"
	codeAwareResponses  = "surveys.awareness.responses"
	codeSatisfaction    = "surveys.satisfaction.mean"
	codeNPS             = "surveys.satisfaction.nps"
	codeAwarenessIndex  = "surveys.awareness.index"
	codeServicesByPhase = "transformation.services_by_phase"
	codeTransformed     = "transformation.services_transformed"
)

// measure is how an indicator's sums become its figure.
type measure struct {
	// ratio: Value = factor × sum / n (a mean, share or index; N = n);
	// otherwise Value = sum / scale (a count or hours).
	ratio    bool
	factor   float64
	scale    float64
	decimals int
}

var (
	countM   = measure{scale: 1}
	hoursM   = measure{scale: 3600, decimals: 1} // sums in seconds
	rateM    = measure{ratio: true, factor: 100, decimals: 1}
	meanM    = measure{ratio: true, factor: 1, decimals: 2}
	npsM     = measure{ratio: true, factor: 100, decimals: 1}
	indexM   = measure{ratio: true, factor: 1.0 / indexScale, decimals: 1}
	measures = map[string]measure{
		codeBooked: countM, codeHeld: countM, codeCancelled: countM, codeNoShow: countM,
		codeHoursHeld: hoursM,
		codeOrgsMonth: countM, codeOrgsCumulative: countM, codePAMonth: countM,
		codePACumulative: countM, codeProvMonth: countM, codeProvCumulative: countM,
		codeEventsHeld: countM, codeRegistrations: countM, codeAttendance: countM,
		codeAttendanceRate: rateM, codePartHours: hoursM,
		codeGender: countM, codeAgeBand: countM, codeDisability: countM,
		codeEvalResponses: countM, codeAwareResponses: countM,
		codeSatisfaction: meanM, codeNPS: npsM, codeAwarenessIndex: indexM,
		codeServicesByPhase: countM, codeTransformed: countM,
	}
)

// indexScale is the fixed point of a response's awareness score: a score
// of 62.5 is kept as 62,500,000.
const indexScale = 1_000_000

// SatisfactionSuffix ends the variable name of an evaluation survey's
// overall-satisfaction question (a Likert question): "q1_satisfaction".
const SatisfactionSuffix = "_satisfaction"

// dims is a fact's key along every breakdown ("" where it has none).
type dims map[catalogue.Breakdown]string

// sum is a running sum: s the sum, n how many people it is over (ratios).
type sum struct{ s, n int64 }

func (a *sum) add(s, n int64) { a.s += s; a.n += n }

// acc is one indicator's running sums.
type acc struct {
	in    catalogue.Indicator
	m     measure
	total sum
	cells []map[string]*sum // aligned with in.Breakdowns
}

func (a *acc) add(d dims, s, n int64) {
	if a == nil {
		return
	}
	a.total.add(s, n)
	for i, b := range a.in.Breakdowns {
		k := d[b]
		if k == "" {
			k = reports.NotStated
		}
		c := a.cells[i][k]
		if c == nil {
			c = &sum{}
			a.cells[i][k] = c
		}
		c.add(s, n)
	}
}

// org is an organisation's first fact in the month: the earliest, ties by
// kind and region, so that the order of the facts does not matter.
type org struct {
	at           time.Time
	kind, region string
}

func (o org) before(p org) bool {
	if !o.at.Equal(p.at) {
		return o.at.Before(p.at)
	}
	if o.kind != p.kind {
		return o.kind < p.kind
	}
	return o.region < p.region
}

// compiler is one compilation's state.
type compiler struct {
	cat    catalogue.Catalogue
	m      cz.Month
	accs   map[string]*acc
	orgs   map[string]org
	labels *labeller
}

// Compile compiles month m's report from its facts, the snapshot of the
// month before and the month before's report (nil: none). See the package
// documentation for the rules.
func Compile(ctx context.Context, cat catalogue.Catalogue, m cz.Month, f facts.Facts, prev reports.Snapshot, prevReport *reports.Report) (reports.Report, reports.Snapshot, error) {
	if m.IsZero() {
		return reports.Report{}, reports.Snapshot{}, errors.New("compile: no month")
	}
	if prev.Month.IsZero() {
		if reports.ProgrammeStart.Before(m) {
			return reports.Report{}, reports.Snapshot{}, fmt.Errorf("%w: %s needs the snapshot of %s", ErrSnapshot, m, m.Prev())
		}
	} else if prev.Month != m.Prev() {
		return reports.Report{}, reports.Snapshot{}, fmt.Errorf("%w: %s is given the snapshot of %s", ErrSnapshot, m, prev.Month)
	}
	if prevReport != nil && prevReport.Month != m.Prev() {
		return reports.Report{}, reports.Snapshot{}, fmt.Errorf("%w: %s is given the report of %s", ErrSnapshot, m, prevReport.Month)
	}
	c := &compiler{cat: cat, m: m, accs: map[string]*acc{}, orgs: map[string]org{}, labels: newLabeller()}
	for _, in := range cat.Indicators {
		ms, ok := measures[in.Code]
		if !ok {
			return reports.Report{}, reports.Snapshot{}, fmt.Errorf("compile: no rule for indicator %q", in.Code)
		}
		a := &acc{in: in, m: ms, cells: make([]map[string]*sum, len(in.Breakdowns))}
		for i := range a.cells {
			a.cells[i] = map[string]*sum{}
		}
		c.accs[in.Code] = a
	}
	if err := f.Consultations(ctx, m, c.consultation); err != nil {
		return reports.Report{}, reports.Snapshot{}, fmt.Errorf("compile %s: consultations: %w", m, err)
	}
	var attendance int64
	if err := f.Events(ctx, m, func(e facts.Event, regs []facts.Registration) error {
		attendance += c.event(e, regs)
		return nil
	}); err != nil {
		return reports.Report{}, reports.Snapshot{}, fmt.Errorf("compile %s: events: %w", m, err)
	}
	if err := c.esf(ctx, f, attendance); err != nil {
		return reports.Report{}, reports.Snapshot{}, err
	}
	if err := c.surveys(ctx, f); err != nil {
		return reports.Report{}, reports.Snapshot{}, err
	}
	tr, err := c.transformation(ctx, f)
	if err != nil {
		return reports.Report{}, reports.Snapshot{}, err
	}
	snap := c.organisations(prev)

	r := reports.Report{
		Schema:         reports.Schema,
		Month:          m,
		Catalogue:      cat.Version,
		Period:         reports.Period{From: m.Start(), To: m.End()},
		Indicators:     make([]reports.Value, 0, len(cat.Indicators)),
		Transformation: tr,
	}
	for _, in := range cat.Indicators {
		v := c.accs[in.Code].value()
		if in.Target != nil {
			t := *in.Target
			v.Target = &t
		}
		if in.ChangeFromPreviousMonth && prevReport != nil {
			if pv, ok := valueOf(*prevReport, in.Code); ok {
				p := reports.Cell{Suppressed: pv.Total.Suppressed}
				if pv.Total.Value != nil {
					x := *pv.Total.Value
					p.Value = &x
				}
				if pv.Total.N != nil {
					n := *pv.Total.N
					p.N = &n
				}
				v.Previous = &p
				if p.Value != nil && v.Total.Value != nil {
					ch := round(*v.Total.Value-*p.Value, c.accs[in.Code].m.decimals)
					v.Change = &ch
				}
			}
		}
		for _, b := range v.Breakdowns {
			for _, cell := range b.Cells {
				c.labels.key(b.By, cell.Key)
			}
		}
		r.Indicators = append(r.Indicators, v)
	}
	for _, p := range reports.Phases {
		c.labels.key(catalogue.BreakdownPhase, string(p))
	}
	r.Labels = c.labels.labels()
	return r, snap, nil
}

func valueOf(r reports.Report, code string) (reports.Value, bool) {
	for _, v := range r.Indicators {
		if v.Code == code {
			return v, true
		}
	}
	return reports.Value{}, false
}

// ---- Consultations ----------------------------------------------------------

func (c *compiler) consultation(k facts.Consultation) error {
	if !c.m.Contains(k.Start) {
		return nil
	}
	d := dims{
		catalogue.BreakdownForm:        k.Form,
		catalogue.BreakdownRegion:      k.Region,
		catalogue.BreakdownTopic:       k.Topic,
		catalogue.BreakdownTargetGroup: k.TargetGroup,
	}
	c.accs[codeBooked].add(d, 1, 0)
	switch k.Status {
	case "held":
		c.accs[codeHeld].add(d, 1, 0)
		if k.End.After(k.Start) {
			c.accs[codeHoursHeld].add(d, int64(k.End.Sub(k.Start)/time.Second), 0)
		}
		c.seeOrg(k.Ico, k.TargetGroup, k.Region, k.Start)
	case "cancelled":
		c.accs[codeCancelled].add(d, 1, 0)
	case "no_show":
		c.accs[codeNoShow].add(d, 1, 0)
	}
	return nil
}

// seeOrg notes an organisation supported in the month.
func (c *compiler) seeOrg(ico, targetGroup, region string, at time.Time) {
	if ico == "" || !programme.TargetGroup(targetGroup).NeedsOrganisation() {
		return
	}
	o := org{at: at, kind: targetGroup, region: region}
	if old, ok := c.orgs[ico]; !ok || o.before(old) {
		c.orgs[ico] = o
	}
}

// organisations counts the month's organisations and the cumulative ones
// of the new snapshot.
func (c *compiler) organisations(prev reports.Snapshot) reports.Snapshot {
	snap := reports.Snapshot{Month: c.m, Catalogue: c.cat.Version, Organisations: make(map[string]reports.OrgSeen, len(prev.Organisations)+len(c.orgs))}
	for ico, o := range prev.Organisations {
		snap.Organisations[ico] = o
	}
	for ico, o := range c.orgs {
		d := dims{catalogue.BreakdownRegion: o.region}
		c.accs[codeOrgsMonth].add(d, 1, 0)
		switch programme.TargetGroup(o.kind) {
		case programme.TargetPublicAdministration:
			c.accs[codePAMonth].add(d, 1, 0)
		case programme.TargetProvider:
			c.accs[codeProvMonth].add(d, 1, 0)
		}
		if _, ok := snap.Organisations[ico]; !ok {
			snap.Organisations[ico] = reports.OrgSeen{Kind: o.kind, Region: o.region, First: c.m}
		}
	}
	for _, o := range snap.Organisations {
		d := dims{catalogue.BreakdownRegion: o.Region}
		c.accs[codeOrgsCumulative].add(d, 1, 0)
		switch programme.TargetGroup(o.Kind) {
		case programme.TargetPublicAdministration:
			c.accs[codePACumulative].add(d, 1, 0)
		case programme.TargetProvider:
			c.accs[codeProvCumulative].add(d, 1, 0)
		}
	}
	return snap
}

// ---- Events -------------------------------------------------------------------

// Event and registration statuses (internal/workshops).
const (
	eventDraft     = "draft"
	eventCancelled = "cancelled"
	regConfirmed   = "confirmed"
	regAttended    = "attended"
	regNoShow      = "no_show"
)

// event adds an event held in the month and its registrations; it returns
// the event's attendance.
func (c *compiler) event(e facts.Event, regs []facts.Registration) int64 {
	if !c.m.Contains(e.Start) || e.Status == eventDraft || e.Status == eventCancelled {
		return 0
	}
	c.accs[codeEventsHeld].add(dims{catalogue.BreakdownEventKind: e.Kind, catalogue.BreakdownRegion: e.Region}, 1, 0)
	var attended int64
	for _, r := range regs {
		d := dims{catalogue.BreakdownEventKind: e.Kind, catalogue.BreakdownTargetGroup: r.TargetGroup}
		valid := !r.WalkIn && (r.Status == regConfirmed || r.Status == regAttended || r.Status == regNoShow)
		came := r.CheckedIn || r.Status == regAttended
		if valid {
			c.accs[codeRegistrations].add(d, 1, 0)
			var in int64
			if came {
				in = 1
			}
			c.accs[codeAttendanceRate].add(d, in, 1)
		}
		if came {
			attended++
			c.accs[codeAttendance].add(d, 1, 0)
			region := r.Region
			if region == "" {
				region = e.Region
			}
			c.seeOrg(r.Ico, r.TargetGroup, region, e.Start)
		}
	}
	if attended > 0 {
		secs := int64(math.Round(e.Hours * 3600))
		c.accs[codePartHours].add(dims{catalogue.BreakdownEventKind: e.Kind}, attended*secs, 0)
	}
	return attended
}

// esf adds the ESF+ answers of the people who attended; the participants
// who gave none are "not stated", so that each breakdown's total is the
// month's attendance.
func (c *compiler) esf(ctx context.Context, f facts.Facts, attendance int64) error {
	var answered int64
	stated := map[catalogue.Breakdown]map[string]int64{
		catalogue.BreakdownGender: {}, catalogue.BreakdownAgeBand: {}, catalogue.BreakdownDisability: {},
	}
	if err := f.Esf(ctx, c.m, func(a facts.EsfAnswer) error {
		if !a.Attended {
			return nil
		}
		answered++
		stated[catalogue.BreakdownGender][a.Gender]++
		stated[catalogue.BreakdownAgeBand][a.AgeBand]++
		stated[catalogue.BreakdownDisability][a.Disability]++
		return nil
	}); err != nil {
		return fmt.Errorf("compile %s: ESF+ answers: %w", c.m, err)
	}
	total := max(attendance, answered)
	for code, b := range map[string]catalogue.Breakdown{codeGender: catalogue.BreakdownGender, codeAgeBand: catalogue.BreakdownAgeBand, codeDisability: catalogue.BreakdownDisability} {
		notStated := total
		for k, n := range stated[b] {
			if k != "" {
				c.accs[code].add(dims{b: k}, n, 0)
				notStated -= n
			}
		}
		if notStated > 0 {
			c.accs[code].add(dims{b: reports.NotStated}, notStated, 0)
		}
	}
	return nil
}

// ---- Surveys -----------------------------------------------------------------

func (c *compiler) surveys(ctx context.Context, f facts.Facts) error {
	list, err := f.Surveys(ctx)
	if err != nil {
		return fmt.Errorf("compile %s: surveys: %w", c.m, err)
	}
	month := c.m.String()
	for _, sf := range list {
		s := sf.Survey
		if s.Kind != surveys.KindAwareness && s.Kind != surveys.KindEvaluation {
			continue
		}
		versions := map[int]*surveys.Definition{}
		var seen bool
		err := f.Responses(ctx, s.ID, c.m, func(r surveys.Response) error {
			if r.Month != month || (r.Survey != "" && r.Survey != s.ID) {
				return nil
			}
			def := versions[r.Version]
			if def == nil {
				v, err := sf.Version(ctx, r.Version)
				if err != nil {
					return fmt.Errorf("version %d: %w", r.Version, err)
				}
				def = &v.Definition
				versions[r.Version] = def
				for _, w := range def.Waves {
					c.labels.wave(w)
				}
			}
			seen = true
			c.response(s, def, r)
			return nil
		})
		if err != nil {
			return fmt.Errorf("compile %s: responses of survey %s: %w", c.m, s.ID, err)
		}
		if seen {
			c.labels.survey(s)
		}
	}
	return nil
}

func (c *compiler) response(s surveys.Survey, def *surveys.Definition, r surveys.Response) {
	d := dims{
		catalogue.BreakdownSurvey:      s.ID,
		catalogue.BreakdownTargetGroup: r.Context.TargetGroup,
		catalogue.BreakdownWave:        r.Context.Wave,
	}
	switch s.Kind {
	case surveys.KindEvaluation:
		c.accs[codeEvalResponses].add(d, 1, 0)
		if q := satisfactionQuestion(def); q != nil {
			if code, ok := firstCode(r.Values[q.Var]); ok && code >= 1 && code <= surveys.LikertPoints {
				c.accs[codeSatisfaction].add(d, int64(code), 1)
			}
		}
		if q := npsQuestion(def); q != nil {
			if code, ok := firstCode(r.Values[q.Var]); ok && code >= surveys.NPSMin && code <= surveys.NPSMax {
				var p int64
				switch {
				case code >= 9:
					p = 1
				case code <= 6:
					p = -1
				}
				c.accs[codeNPS].add(d, p, 1)
			}
		}
	case surveys.KindAwareness:
		c.accs[codeAwareResponses].add(d, 1, 0)
		if score, ok := awarenessScore(def, r); ok {
			c.accs[codeAwarenessIndex].add(d, score, 1)
		}
	}
}

// satisfactionQuestion is the evaluation survey's overall-satisfaction
// question: the first Likert question whose variable ends in
// SatisfactionSuffix.
func satisfactionQuestion(def *surveys.Definition) *surveys.Question {
	for i, q := range def.Questions {
		if q.Type == surveys.Likert && strings.HasSuffix(q.Var, SatisfactionSuffix) {
			return &def.Questions[i]
		}
	}
	return nil
}

// npsQuestion is the survey's first NPS question.
func npsQuestion(def *surveys.Definition) *surveys.Question {
	for i, q := range def.Questions {
		if q.Type == surveys.NPS {
			return &def.Questions[i]
		}
	}
	return nil
}

func firstCode(v surveys.Value) (int, bool) {
	if len(v.Codes) != 1 {
		return 0, false
	}
	return v.Codes[0], true
}

// awarenessScore is a response's awareness score in indexScale fixed
// point: each answered Likert question and Likert-matrix item scored
// (code − 1) / (LikertPoints − 1) × 100, their mean. ok is false when the
// response answered none.
func awarenessScore(def *surveys.Definition, r surveys.Response) (int64, bool) {
	var points, items int64
	score := func(v string) {
		if code, ok := firstCode(r.Values[v]); ok && code >= 1 && code <= surveys.LikertPoints {
			points += int64(code - 1)
			items++
		}
	}
	for _, q := range def.Questions {
		switch q.Type {
		case surveys.Likert:
			score(q.Var)
		case surveys.LikertMatrix:
			for _, it := range q.Items {
				score(it.Var)
			}
		}
	}
	if items == 0 {
		return 0, false
	}
	num := points * 100 * indexScale
	den := items * (surveys.LikertPoints - 1)
	return (num + den/2) / den, true
}

// ---- Transformation ------------------------------------------------------------

func lastDay(m cz.Month) cz.Date { return cz.DateOf(m.End()).AddDays(-1) }

func (c *compiler) transformation(ctx context.Context, f facts.Facts) (reports.Transformation, error) {
	tr := reports.Transformation{Target: reports.TransformationTarget, ByPhase: make([]reports.PhaseCount, len(reports.Phases)), BurnUp: []reports.MonthCount{}}
	for i, p := range reports.Phases {
		tr.ByPhase[i].Phase = p
	}
	var months []cz.Date
	for mm := reports.ProgrammeStart; !c.m.Before(mm); mm = mm.Next() {
		tr.BurnUp = append(tr.BurnUp, reports.MonthCount{Month: mm})
		months = append(months, lastDay(mm))
	}
	end := lastDay(c.m)
	seen := map[string]bool{}
	err := f.Services(ctx, func(s reports.Service) error {
		if seen[s.ID] {
			return nil
		}
		seen[s.ID] = true
		p := s.PhaseOn(end)
		if p == "" {
			return nil
		}
		d := dims{catalogue.BreakdownPhase: string(p), catalogue.BreakdownRegion: s.Region}
		c.accs[codeServicesByPhase].add(d, 1, 0)
		for i := range tr.ByPhase {
			if tr.ByPhase[i].Phase == p {
				tr.ByPhase[i].N++
			}
		}
		if p == reports.PhaseTransformed {
			c.accs[codeTransformed].add(d, 1, 0)
		}
		for i, day := range months {
			if s.PhaseOn(day) == reports.PhaseTransformed {
				tr.BurnUp[i].N++
			}
		}
		return nil
	})
	if err != nil {
		return tr, fmt.Errorf("compile %s: services: %w", c.m, err)
	}
	return tr, nil
}

// ---- Figures --------------------------------------------------------------------

// value turns an indicator's sums into its published figures, suppressed.
func (a *acc) value() reports.Value {
	v := reports.Value{Code: a.in.Code, Unit: a.in.Unit}
	suppress := a.in.CountsPeople || a.m.ratio
	v.Total = a.cell("", a.total, suppress)
	for i, b := range a.in.Breakdowns {
		keys := make([]string, 0, len(a.cells[i]))
		for k := range a.cells[i] {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		cells := make([]reports.Cell, len(keys))
		sizes := make([]int64, len(keys))
		for j, k := range keys {
			s := *a.cells[i][k]
			cells[j] = a.cell(k, s, suppress)
			sizes[j] = a.size(s)
		}
		if suppress {
			complement(cells, sizes)
		}
		v.Breakdowns = append(v.Breakdowns, reports.Breakdown{By: b, Cells: cells})
	}
	return v
}

// size is how many people a cell is about: its count, or N for a ratio.
func (a *acc) size(s sum) int64 {
	if a.m.ratio {
		return s.n
	}
	return s.s
}

func (a *acc) cell(key string, s sum, suppress bool) reports.Cell {
	c := reports.Cell{Key: key}
	if size := a.size(s); suppress && size > 0 && size < catalogue.SuppressBelow {
		c.Suppressed = true
		return c
	}
	if a.m.ratio {
		if s.n == 0 {
			return c // undefined: no Value, no N
		}
		x := round(a.m.factor*float64(s.s)/float64(s.n), a.m.decimals)
		n := int(s.n)
		c.Value, c.N = &x, &n
		return c
	}
	x := round(float64(s.s)/a.m.scale, a.m.decimals)
	c.Value = &x
	return c
}

// complement suppresses the next smallest cell when exactly one cell is
// suppressed.
func complement(cells []reports.Cell, sizes []int64) {
	var hidden int
	for _, c := range cells {
		if c.Suppressed {
			hidden++
		}
	}
	if hidden != 1 {
		return
	}
	next := -1
	for j, c := range cells {
		if c.Suppressed {
			continue
		}
		if next < 0 || sizes[j] < sizes[next] {
			next = j // ties: the first key, cells being sorted by key
		}
	}
	if next >= 0 {
		cells[next] = reports.Cell{Key: cells[next].Key, Suppressed: true}
	}
}

// round rounds x to d decimals, halves away from zero.
func round(x float64, d int) float64 {
	p := math.Pow(10, float64(d))
	r := math.Round(x*p) / p
	if r == 0 {
		return 0 // no −0
	}
	return r
}
