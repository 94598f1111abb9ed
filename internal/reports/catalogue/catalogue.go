// Package catalogue is the indicator catalogue of the monthly reports
// (issue #11): data, not code. The indicators live in the embedded,
// versioned file indicators.json; Load decodes it strictly and Check
// holds it to the rules below, so a report can name the version it used
// and trust every indicator it computes.
//
// Codes are dotted: lower-case segments of letters, digits and
// underscores, each starting with a letter, at least two segments, at
// most 64 characters in all; the first segment is the area
// ("consultations.held", "organisations.providers.cumulative").
package catalogue

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
)

//go:embed indicators.json
var shipped []byte

// Catalogue is one version of the indicator catalogue.
type Catalogue struct {
	// Version is the catalogue's version, "YYYY-MM" of its release.
	Version    string      `json:"version"`
	Indicators []Indicator `json:"indicators"`
}

// Text is a text in Czech and English.
type Text struct {
	CS string `json:"cs"`
	EN string `json:"en"`
}

// Indicator is one indicator of the monthly report.
type Indicator struct {
	Code       string      `json:"code"`
	Name       Text        `json:"name"`
	Definition Text        `json:"definition"`
	Unit       Unit        `json:"unit"`
	Activity   Activity    `json:"activity"`
	Sources    []Source    `json:"sources"`
	Breakdowns []Breakdown `json:"breakdowns"`
	// Cumulative: the value counts since the programme's start, not
	// within the month.
	Cumulative bool `json:"cumulative"`
	// CountsPeople: the value counts people, so a published cell under
	// SuppressBelow shows "<5".
	CountsPeople bool `json:"countsPeople"`
	// ChangeFromPreviousMonth: the report also shows the difference from
	// the month before (every survey indicator has it).
	ChangeFromPreviousMonth bool `json:"changeFromPreviousMonth"`
	// Target is the programme's target for the value, if it has one.
	Target *int `json:"target,omitempty"`
	// ESF is the ESF+ common indicator code (Regulation (EU) 2021/1057,
	// Annex I) the indicator reports, if any.
	ESF string `json:"esf,omitempty"`
}

// SuppressBelow is the smallest count of people a published cell shows;
// smaller counts show as "<5".
const SuppressBelow = 5

// Unit is what an indicator's value measures.
type Unit string

// The units.
const (
	UnitCount   Unit = "count"
	UnitHours   Unit = "hours"
	UnitPercent Unit = "percent"
	UnitScore   Unit = "score"
	UnitIndex   Unit = "index"
)

// Units lists every unit.
var Units = []Unit{UnitCount, UnitHours, UnitPercent, UnitScore, UnitIndex}

// Activity is the programme activity an indicator feeds.
type Activity int

// The activities an indicator may feed (1, management, has none).
const (
	ActivitySupport    Activity = 2
	ActivityMonitoring Activity = 3
	ActivityAwareness  Activity = 4
	ActivityEvaluation Activity = 5
)

// Activities lists every activity an indicator may feed.
var Activities = []Activity{ActivitySupport, ActivityMonitoring, ActivityAwareness, ActivityEvaluation}

// Breakdown is a dimension an indicator is broken down by.
type Breakdown string

// The breakdowns: a closed list.
const (
	BreakdownForm        Breakdown = "form"
	BreakdownRegion      Breakdown = "region"
	BreakdownTopic       Breakdown = "topic"
	BreakdownTargetGroup Breakdown = "target_group"
	BreakdownEventKind   Breakdown = "event_kind"
	BreakdownGender      Breakdown = "gender"
	BreakdownAgeBand     Breakdown = "age_band"
	BreakdownDisability  Breakdown = "disability"
	BreakdownSurvey      Breakdown = "survey"
	BreakdownWave        Breakdown = "wave"
	BreakdownPhase       Breakdown = "phase"
)

// Breakdowns lists every breakdown.
var Breakdowns = []Breakdown{
	BreakdownForm, BreakdownRegion, BreakdownTopic, BreakdownTargetGroup,
	BreakdownEventKind, BreakdownGender, BreakdownAgeBand, BreakdownDisability,
	BreakdownSurvey, BreakdownWave, BreakdownPhase,
}

// Source is the facts an indicator is computed from.
type Source string

// The sources.
const (
	SourceConsultations  Source = "consultations"
	SourceEvents         Source = "events"
	SourceRegistrations  Source = "registrations"
	SourceSurveys        Source = "surveys"
	SourceTransformation Source = "transformation"
)

// Sources lists every source.
var Sources = []Source{SourceConsultations, SourceEvents, SourceRegistrations, SourceSurveys, SourceTransformation}

// ESF+ common output indicators for entities (Regulation (EU) 2021/1057,
// Annex I), as the Commission's reporting codes them.
const (
	// ESFPublicAdministrations: number of supported public
	// administrations or public services at national, regional or local
	// level.
	ESFPublicAdministrations = "EECO18"
	// ESFEnterprises: number of supported micro, small and medium-sized
	// enterprises (including cooperative enterprises and social
	// enterprises).
	ESFEnterprises = "EECO19"
)

// ESFCodes lists the ESF+ codes an indicator may carry.
var ESFCodes = []string{ESFPublicAdministrations, ESFEnterprises}

var (
	codeRE    = regexp.MustCompile(`^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$`)
	versionRE = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
)

// MaxCodeLen is the longest an indicator code may be.
const MaxCodeLen = 64

// Load decodes the shipped catalogue and checks it.
func Load() (Catalogue, error) { return Parse(shipped) }

// MustLoad is Load for start-up: it panics when the shipped catalogue is
// broken (a test keeps it whole).
func MustLoad() Catalogue {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Parse decodes a catalogue strictly (an unknown field is an error) and
// checks it.
func Parse(data []byte) (Catalogue, error) {
	var c Catalogue
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return Catalogue{}, fmt.Errorf("indicator catalogue: %w", err)
	}
	if dec.More() {
		return Catalogue{}, errors.New("indicator catalogue: data after the catalogue")
	}
	if err := c.Check(); err != nil {
		return Catalogue{}, err
	}
	return c, nil
}

// Indicator returns the indicator with the code.
func (c Catalogue) Indicator(code string) (Indicator, bool) {
	for _, in := range c.Indicators {
		if in.Code == code {
			return in, true
		}
	}
	return Indicator{}, false
}

// Check reports every way the catalogue breaks the rules, joined, or nil.
func (c Catalogue) Check() error {
	var errs []error
	fail := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !versionRE.MatchString(c.Version) {
		fail("version %q is not YYYY-MM", c.Version)
	}
	if len(c.Indicators) == 0 {
		fail("no indicators")
	}
	codes := map[string]bool{}
	esf := map[string]string{}
	for i, in := range c.Indicators {
		at := fmt.Sprintf("indicator %d %q", i, in.Code)
		switch {
		case len(in.Code) > MaxCodeLen:
			fail("%s: code longer than %d characters", at, MaxCodeLen)
		case !codeRE.MatchString(in.Code):
			fail("%s: code is not dotted lower-case segments (area.name)", at)
		}
		if codes[in.Code] {
			fail("%s: duplicate code", at)
		}
		codes[in.Code] = true
		for _, t := range []struct {
			what string
			text Text
		}{{"name", in.Name}, {"definition", in.Definition}} {
			if strings.TrimSpace(t.text.CS) == "" {
				fail("%s: no Czech %s", at, t.what)
			}
			if strings.TrimSpace(t.text.EN) == "" {
				fail("%s: no English %s", at, t.what)
			}
		}
		if !contains(Units, in.Unit) {
			fail("%s: unknown unit %q", at, in.Unit)
		}
		if !contains(Activities, in.Activity) {
			fail("%s: unknown activity %d", at, in.Activity)
		}
		if len(in.Sources) == 0 {
			fail("%s: no source", at)
		}
		for j, s := range in.Sources {
			if !contains(Sources, s) {
				fail("%s: unknown source %q", at, s)
			} else if contains(in.Sources[:j], s) {
				fail("%s: source %q twice", at, s)
			}
		}
		for j, b := range in.Breakdowns {
			if !contains(Breakdowns, b) {
				fail("%s: unknown breakdown %q", at, b)
			} else if contains(in.Breakdowns[:j], b) {
				fail("%s: breakdown %q twice", at, b)
			}
		}
		additive := in.Unit == UnitCount || in.Unit == UnitHours
		if in.Cumulative && !additive {
			fail("%s: cumulative but its unit %q does not add up", at, in.Unit)
		}
		if in.CountsPeople && in.Unit != UnitCount {
			fail("%s: counts people but its unit is %q, not count", at, in.Unit)
		}
		if contains(in.Sources, SourceSurveys) && !in.ChangeFromPreviousMonth {
			fail("%s: a survey indicator needs changeFromPreviousMonth", at)
		}
		if in.Target != nil && (*in.Target <= 0 || !additive) {
			fail("%s: a target must be a positive count or number of hours", at)
		}
		if in.ESF != "" {
			switch {
			case !contains(ESFCodes, in.ESF):
				fail("%s: unknown ESF+ code %q", at, in.ESF)
			case in.Unit != UnitCount:
				fail("%s: ESF+ code on a %q, not a count", at, in.Unit)
			case esf[in.ESF] != "":
				fail("%s: ESF+ code %s already on %q", at, in.ESF, esf[in.ESF])
			default:
				esf[in.ESF] = in.Code
			}
		}
	}
	return errors.Join(errs...)
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
