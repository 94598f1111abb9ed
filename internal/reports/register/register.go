// Package register is the rules of the transformation register (issue
// #11): the social services in transformation, each with its provider's
// IČO and region, its identifier in the national register of social
// services, and its phase, every change of which is kept with its date.
// It is pure: the storage is internal/reports/reportdb (services.go), the
// routes internal/reports/reportapi.
package register

import (
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/validation"
)

// Reasons the register raises.
const (
	// ReasonServiceNotFound: no service with the id.
	ReasonServiceNotFound apperr.Reason = "service_not_found"
	// ReasonServiceChanged: the service changed since the caller read it
	// (its version is not the one sent), or another change won the race.
	ReasonServiceChanged apperr.Reason = "service_changed"
	// ReasonServiceExists: a service with the id exists already.
	ReasonServiceExists apperr.Reason = "service_exists"
)

// Limits of the register's text.
const (
	MaxName   = 200 // characters of a service's name
	MaxReason = 500 // characters of a correction's reason
	// MaxChanges bounds a service's history, so that its item stays far
	// below DynamoDB's 400 KB whatever corrections are made (a service
	// goes through five phases; corrections are rare).
	MaxChanges = 100
)

// Details are a service's own data, which an admin may correct (PUT).
type Details struct {
	Name       string `json:"name"`
	Ico        string `json:"ico"`
	Region     string `json:"region"`
	RegistryID string `json:"registryId"`
}

// CreateInput is the body of POST /v1/staff/transformation/services: a
// service joins the register in the phase "joined" on Joined, a Prague
// day not in the future.
type CreateInput struct {
	Name       string `json:"name"`
	Ico        string `json:"ico"`
	Region     string `json:"region"`
	RegistryID string `json:"registryId"`
	Joined     string `json:"joined"` // YYYY-MM-DD
}

// UpdateInput is the body of PUT /v1/staff/transformation/services/{id}:
// the service's details, and the version the admin read.
type UpdateInput struct {
	Name       string `json:"name"`
	Ico        string `json:"ico"`
	Region     string `json:"region"`
	RegistryID string `json:"registryId"`
	Version    int    `json:"version"`
}

// PhaseInput is the body of POST .../services/{id}/phases: the next phase
// forward, or a correction back to an earlier phase with a reason, on a
// Prague day not in the future and not before the last change.
type PhaseInput struct {
	Phase   string `json:"phase"`
	Date    string `json:"date"` // YYYY-MM-DD
	Reason  string `json:"reason,omitempty"`
	Version int    `json:"version"`
}

// details is what the validator checks of the details, after
// normalising.
type details struct {
	Name   string `json:"name" validate:"required,line,max=200"`
	Ico    string `json:"ico" validate:"required,ico"`
	Region string `json:"region" validate:"required,region"`
}

// normalise trims the name and drops the spaces people type into numbers
// ("256 68 801").
func (d *Details) normalise() {
	d.Name = strings.TrimSpace(d.Name)
	d.Ico = dropSpaces(d.Ico)
	d.Region = strings.ToUpper(strings.TrimSpace(d.Region))
	d.RegistryID = dropSpaces(d.RegistryID)
}

func dropSpaces(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// check lists the details' broken rules.
func (d Details) check() []apperr.FieldError {
	var out []apperr.FieldError
	if e, ok := apperr.As(validation.Struct(details{Name: d.Name, Ico: d.Ico, Region: d.Region})); ok {
		out = append(out, e.Fields...)
	}
	switch {
	case d.RegistryID == "":
		out = append(out, apperr.Field("registryId", "required"))
	case !ValidRegistryID(d.RegistryID):
		out = append(out, apperr.Field("registryId", "registry_id"))
	}
	return out
}

// ValidRegistryID reports whether s looks like a service's identifier in
// the national register of social services (registr poskytovatelů
// sociálních služeb): a number, typically of 7 digits. The register
// publishes no check digit, so the rule is lenient: 6 to 8 ASCII digits,
// not all zeros.
func ValidRegistryID(s string) bool {
	if len(s) < 6 || len(s) > 8 || strings.Trim(s, "0") == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func (in *CreateInput) details() Details {
	return Details{Name: in.Name, Ico: in.Ico, Region: in.Region, RegistryID: in.RegistryID}
}

// CheckFields normalises the input and lists its broken rules (the date
// only by its form; New checks it against today).
func (in *CreateInput) CheckFields() error {
	d := in.details()
	d.normalise()
	in.Name, in.Ico, in.Region, in.RegistryID = d.Name, d.Ico, d.Region, d.RegistryID
	errs := d.check()
	errs = append(errs, dateForm("joined", in.Joined)...)
	return fieldErrors(errs)
}

// CheckFields normalises the input and lists its broken rules.
func (in *UpdateInput) CheckFields() error {
	d := Details{Name: in.Name, Ico: in.Ico, Region: in.Region, RegistryID: in.RegistryID}
	d.normalise()
	in.Name, in.Ico, in.Region, in.RegistryID = d.Name, d.Ico, d.Region, d.RegistryID
	errs := d.check()
	if in.Version < 1 {
		errs = append(errs, apperr.Field("version", "gte", "1"))
	}
	return fieldErrors(errs)
}

// CheckFields lists the input's broken rules that need no service (the
// rest are ChangePhase's).
func (in *PhaseInput) CheckFields() error {
	in.Reason = strings.TrimSpace(in.Reason)
	var errs []apperr.FieldError
	switch {
	case in.Phase == "":
		errs = append(errs, apperr.Field("phase", "required"))
	case !slices.Contains(reports.Phases, reports.Phase(in.Phase)):
		errs = append(errs, apperr.Field("phase", "oneof", phaseCodes()))
	}
	errs = append(errs, dateForm("date", in.Date)...)
	if !validation.IsLine(in.Reason) {
		errs = append(errs, apperr.Field("reason", "line"))
	} else if n := len([]rune(in.Reason)); n > MaxReason {
		errs = append(errs, apperr.Field("reason", "max", "500"))
	}
	if in.Version < 1 {
		errs = append(errs, apperr.Field("version", "gte", "1"))
	}
	return fieldErrors(errs)
}

func phaseCodes() string {
	out := make([]string, len(reports.Phases))
	for i, p := range reports.Phases {
		out[i] = string(p)
	}
	return strings.Join(out, " ")
}

func dateForm(field, s string) []apperr.FieldError {
	if s == "" {
		return []apperr.FieldError{apperr.Field(field, "required")}
	}
	if _, err := cz.ParseDate(s); err != nil {
		return []apperr.FieldError{apperr.Field(field, "date")}
	}
	return nil
}

func fieldErrors(errs []apperr.FieldError) error {
	if len(errs) == 0 {
		return nil
	}
	return apperr.InvalidFields(errs...)
}

// New is a new service of the register: id, the checked input, the
// phase "joined" on in.Joined, recorded at now by the admin by. Version
// is 1.
func New(id string, in CreateInput, by string, now time.Time) (reports.Service, error) {
	if err := in.CheckFields(); err != nil {
		return reports.Service{}, err
	}
	joined, _ := cz.ParseDate(in.Joined)
	if joined.After(cz.DateOf(now)) {
		return reports.Service{}, apperr.InvalidFields(apperr.Field("joined", "not_future"))
	}
	return reports.Service{
		ID: id, Name: in.Name, Ico: in.Ico, Region: in.Region, RegistryID: in.RegistryID,
		Phase:   reports.PhaseJoined,
		History: []reports.PhaseChange{{Phase: reports.PhaseJoined, Date: joined, At: now.UTC().Truncate(time.Second), By: by}},
		Version: 1,
	}, nil
}

// Update is s with the input's details and the next version. The version
// the admin read must be s's (Conflict ReasonServiceChanged otherwise;
// the storage's condition decides a race).
func Update(s reports.Service, in UpdateInput) (reports.Service, error) {
	if err := in.CheckFields(); err != nil {
		return s, err
	}
	if in.Version != s.Version {
		return s, apperr.New(apperr.Conflict, ReasonServiceChanged)
	}
	s.Name, s.Ico, s.Region, s.RegistryID = in.Name, in.Ico, in.Region, in.RegistryID
	s.History = slices.Clone(s.History)
	s.Version++
	return s, nil
}

// ChangePhase is s with one more phase change: the phase after s's
// current one, or an earlier phase as a correction with a reason, on a
// day not in the future and not before the last change. The version the
// admin read must be s's.
func ChangePhase(s reports.Service, in PhaseInput, by string, now time.Time) (reports.Service, error) {
	if err := in.CheckFields(); err != nil {
		return s, err
	}
	if in.Version != s.Version {
		return s, apperr.New(apperr.Conflict, ReasonServiceChanged)
	}
	to := reports.Phase(in.Phase)
	date, _ := cz.ParseDate(in.Date)
	cur := slices.Index(reports.Phases, s.Phase)
	next := slices.Index(reports.Phases, to)
	var errs []apperr.FieldError
	switch {
	case next == cur:
		errs = append(errs, apperr.Field("phase", "phase_same"))
	case next > cur+1:
		errs = append(errs, apperr.Field("phase", "phase_next", string(reports.Phases[cur+1])))
	case next < cur && in.Reason == "":
		errs = append(errs, apperr.Field("reason", "correction_reason"))
	case len(s.History) >= MaxChanges:
		errs = append(errs, apperr.Field("phase", "max_changes", strconv.Itoa(MaxChanges)))
	}
	if date.After(cz.DateOf(now)) {
		errs = append(errs, apperr.Field("date", "not_future"))
	} else if n := len(s.History); n > 0 && date.Before(s.History[n-1].Date) {
		errs = append(errs, apperr.Field("date", "not_before_last", s.History[n-1].Date.String()))
	}
	if len(errs) > 0 {
		return s, apperr.InvalidFields(errs...)
	}
	s.History = append(slices.Clone(s.History), reports.PhaseChange{Phase: to, Date: date, At: now.UTC().Truncate(time.Second), By: by, Reason: in.Reason})
	s.Phase = to
	s.Version++
	return s, nil
}

// Fold is a name as the register sorts it: lower case without
// diacritics ("Domov Žirovnice" → "domov zirovnice").
func Fold(name string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	s, _, err := transform.String(t, name)
	if err != nil {
		s = name
	}
	return strings.ToLower(s)
}
