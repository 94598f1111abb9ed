package consultations

import (
	"slices"
	"time"

	"github.com/mpsv/brana/internal/programme"
)

// Expert is a consultant or methodologist who gives consultations.
type Expert struct {
	ID           string
	Name         string
	Email        string
	Bio          string
	Topics       []programme.Topic
	Regions      []string // CZ-NUTS 3 codes
	Forms        []programme.Form
	Subject      string // the expert's staff account (Cognito "sub"); may be empty
	Active       bool
	Availability Availability
	Version      int // optimistic-concurrency counter, 1 after creation
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Offers reports whether the expert offers a form ("" matches any).
func (e Expert) Offers(f programme.Form) bool { return f == "" || slices.Contains(e.Forms, f) }

// Covers reports whether the expert covers a topic ("" matches any).
func (e Expert) Covers(t programme.Topic) bool { return t == "" || slices.Contains(e.Topics, t) }

// Serves reports whether the expert serves a region ("" matches any).
func (e Expert) Serves(region string) bool { return region == "" || slices.Contains(e.Regions, region) }

// ExpertFilter selects experts for the public list.
type ExpertFilter struct {
	Topic  programme.Topic
	Region string
	Form   programme.Form
}

// Matches reports whether an active expert fits the filter.
func (f ExpertFilter) Matches(e Expert) bool {
	return e.Active && e.Covers(f.Topic) && e.Serves(f.Region) && e.Offers(f.Form)
}

// ExpertInput is what staff send to create or change an expert.
type ExpertInput struct {
	ID      string   `json:"id" validate:"omitempty,min=2,max=64,slug"`
	Name    string   `json:"name" validate:"required,max=120,line"`
	Email   string   `json:"email" validate:"required,email,max=254"`
	Bio     string   `json:"bio" validate:"max=2000,text"`
	Topics  []string `json:"topics" validate:"required,min=1,unique,dive,topic"`
	Regions []string `json:"regions" validate:"required,min=1,unique,dive,region"`
	Forms   []string `json:"forms" validate:"required,min=1,unique,dive,form"`
	Subject string   `json:"subject" validate:"max=128,line"`
	Active  *bool    `json:"active"`
}
