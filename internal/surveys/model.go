// Package surveys is the programme's awareness and evaluation surveys:
// versioned definitions, anonymous answers (public for awareness surveys,
// by a single-use invitation for evaluation surveys), an easy-read mode,
// live aggregates with small-cell suppression and exports with a codebook.
//
// It is a capability of its own (issue #10): its own storage adapter
// (internal/surveys/surveydb), e-mails (internal/surveys/surveymail), jobs,
// HTTP handlers (internal/surveys/surveyapi) and routes, built on the
// shared mechanisms (internal/dynamo, internal/outbox and internal/mail,
// internal/idempotency, internal/pow, the registry). It reads the facts of
// consultations and events to invite people; it changes neither.
//
// This file is the shared vocabulary of the capability: the types the
// definition checks, the storage, the handlers, the exports and the web
// front door agree on. The JSON form of a Definition is the one a staff
// route accepts and docs/survey-definition.schema.json describes.
package surveys

import "time"

// Kind is what a survey measures.
type Kind string

const (
	// KindAwareness: public and anonymous, by a public link, in waves
	// (activity 4, awareness of deinstitutionalisation).
	KindAwareness Kind = "awareness"
	// KindEvaluation: by a single-use invitation after a consultation held
	// or an event attended, anonymous (activity 5, the evaluation study).
	KindEvaluation Kind = "evaluation"
)

// Kinds lists every kind.
var Kinds = []Kind{KindAwareness, KindEvaluation}

// Audience is what an evaluation survey evaluates: whom the invitation job
// invites to it.
type Audience string

const (
	AudienceConsultation Audience = "consultation" // people whose consultation was marked held
	AudienceEvent        Audience = "event"        // people checked in at an event
)

// Audiences lists every audience.
var Audiences = []Audience{AudienceConsultation, AudienceEvent}

// QuestionType is the kind of answer a question takes.
type QuestionType string

const (
	// SingleChoice: one of Options (value: its code).
	SingleChoice QuestionType = "single_choice"
	// MultipleChoice: MinChoices..MaxChoices of Options (value: codes).
	MultipleChoice QuestionType = "multiple_choice"
	// Likert: a 5-point scale, codes 1..5, labelled by Scale.
	Likert QuestionType = "likert"
	// LikertMatrix: several Items, each on the same 5-point Scale.
	LikertMatrix QuestionType = "likert_matrix"
	// NPS: a 0–10 rating ("how likely are you to recommend"); the code is
	// the rating.
	NPS QuestionType = "nps"
	// Number: a number between Min and Max (Integer: whole numbers only).
	Number QuestionType = "number"
	// ShortText: one line, at most MaxShortText characters.
	ShortText QuestionType = "short_text"
	// LongText: free text, at most MaxLongText characters.
	LongText QuestionType = "long_text"
	// YesNo: codes YesCode and NoCode.
	YesNo QuestionType = "yes_no"
)

// QuestionTypes lists every type.
var QuestionTypes = []QuestionType{SingleChoice, MultipleChoice, Likert, LikertMatrix, NPS, Number, ShortText, LongText, YesNo}

// Fixed codes and bounds.
const (
	LikertPoints = 5 // codes 1 (worst/disagree) … 5 (best/agree)
	NPSMin       = 0
	NPSMax       = 10
	YesCode      = 1
	NoCode       = 0
	MaxShortText = 200
	MaxLongText  = 2000
)

// EasyReadFaces are the Likert codes the easy-read mode's 3-face pictorial
// scale records: a sad face (1), a neutral face (3), a happy face (5). An
// answer given in easy-read mode is marked (Response.EasyRead), so that
// analysts can tell the 3-point answers from the 5-point ones.
var EasyReadFaces = [3]int{1, 3, 5}

// Text is a text in Czech (required) and English (optional; the Czech is
// shown when it is missing).
type Text struct {
	Cs string `json:"cs"`
	En string `json:"en,omitempty"`
}

// Option is one answer of a choice question.
type Option struct {
	// Code is the option's stable value code in exports (1, 2, …); unique
	// within the question, never reused for another meaning in a later
	// version.
	Code     int   `json:"code"`
	Label    Text  `json:"label"`
	EasyRead *Text `json:"easyRead,omitempty"` // the easy-read label (snadné čtení)
}

// Item is one row of a Likert matrix: its own variable on the shared scale.
type Item struct {
	// Var is the item's variable name in exports, unique in the survey
	// (same rule as Question.Var).
	Var      string `json:"var"`
	Text     Text   `json:"text"`
	EasyRead *Text  `json:"easyRead,omitempty"`
}

// Condition shows a question only if an earlier question's answer is (for
// a multiple choice: includes) one of AnyOf's codes. A hidden question is
// never required and its answer, if sent, is refused.
type Condition struct {
	Var   string `json:"var"`   // an earlier question's Var (a choice, Likert, NPS or yes/no question)
	AnyOf []int  `json:"anyOf"` // value codes of that question
}

// Question is one question of a version.
type Question struct {
	// Var is the stable variable name in exports ("q3_satisfaction"):
	// ^[a-z][a-z0-9_]{0,39}$, unique in the survey.
	Var      string       `json:"var"`
	Type     QuestionType `json:"type"`
	Text     Text         `json:"text"`
	Help     *Text        `json:"help,omitempty"`
	EasyRead *Text        `json:"easyRead,omitempty"` // the easy-read wording of the question
	Required bool         `json:"required,omitempty"`
	ShowIf   *Condition   `json:"showIf,omitempty"`

	Options    []Option `json:"options,omitempty"`    // single and multiple choice
	MinChoices int      `json:"minChoices,omitempty"` // multiple choice (0: none)
	MaxChoices int      `json:"maxChoices,omitempty"` // multiple choice (0: all)

	// Scale is the 5 labels of a Likert question or matrix, code 1 first.
	Scale []ScaleLabel `json:"scale,omitempty"`
	Items []Item       `json:"items,omitempty"` // Likert matrix

	Min     *float64 `json:"min,omitempty"` // number
	Max     *float64 `json:"max,omitempty"` // number
	Integer bool     `json:"integer,omitempty"`
}

// ScaleLabel labels one point of a Likert scale.
type ScaleLabel struct {
	Label    Text  `json:"label"`
	EasyRead *Text `json:"easyRead,omitempty"`
}

// Wave is one period of an awareness survey (baseline, mid-term, final):
// a response belongs to the wave whose dates hold its Prague day, so that
// the awareness index can be compared between waves. Waves do not overlap.
type Wave struct {
	Code string `json:"code"` // "baseline": ^[a-z][a-z0-9_]{0,31}$
	Name Text   `json:"name"`
	From string `json:"from"` // first day, "2026-11-01" (Prague)
	To   string `json:"to"`   // last day, inclusive
}

// Definition is what a staff member writes: one version of a survey. Its
// JSON is checked against docs/survey-definition.schema.json and then by
// Check.
type Definition struct {
	Kind     Kind     `json:"kind"`
	Audience Audience `json:"audience,omitempty"` // evaluation surveys only
	Title    Text     `json:"title"`
	Intro    Text     `json:"intro"`
	// EasyIntro is the introduction in easy-read language.
	EasyIntro *Text `json:"easyIntro,omitempty"`
	// Waves: awareness surveys only; a response outside every wave is
	// refused (the survey is not running).
	Waves     []Wave     `json:"waves,omitempty"`
	Questions []Question `json:"questions"`
}

// Status is where a survey is in its life.
type Status string

const (
	StatusDraft  Status = "draft"  // no version published yet
	StatusOpen   Status = "open"   // a published version takes answers
	StatusClosed Status = "closed" // no more answers or invitations
)

// Survey is a survey with its versions' summary.
type Survey struct {
	ID       string
	Kind     Kind
	Audience Audience
	Title    Text // the latest version's
	Status   Status
	// Latest is the newest version's number (1, 2, …); Published the
	// newest published one (0: none). Latest > Published means a draft
	// waits; when they are equal, an edit makes version Latest+1.
	Latest    int
	Published int
	CreatedAt time.Time
	UpdatedAt time.Time
	CreatedBy string // the staff subject
	// Counters of the evaluation survey's invitations.
	Invitations InvitationCounts
	Rev         int64 // optimistic version of the item
}

// InvitationCounts are a survey's invitation counters, kept on the survey
// in the transactions that change an invitation.
type InvitationCounts struct {
	Sent     int `json:"sent"`
	Reminded int `json:"reminded"`
	Answered int `json:"answered"`
	OptedOut int `json:"optedOut"`
}

// Version is one version of a survey. A published version never changes.
type Version struct {
	Survey      string
	Number      int
	Definition  Definition
	PublishedAt time.Time // zero: a draft
	CreatedAt   time.Time
	CreatedBy   string
}

// Published reports whether the version is published (immutable).
func (v Version) Published() bool { return !v.PublishedAt.IsZero() }

// Source is where a response came from.
type Source string

const (
	SourcePublic       Source = "public"       // the public link of an awareness survey
	SourceConsultation Source = "consultation" // an invitation after a consultation
	SourceEvent        Source = "event"        // an invitation after an event
)

// Context is the facts a response keeps about whom it is from: never who.
// An awareness response has the respondent's self-declared TargetGroup and
// Region (and Wave); an evaluation response the invitation's facts (Form:
// the consultation's form or the event's kind, Topic, Region,
// TargetGroup). An empty field is "not stated".
type Context struct {
	Source      Source `json:"source"`
	Form        string `json:"form,omitempty"` // programme.Form or workshops.Kind
	Topic       string `json:"topic,omitempty"`
	Region      string `json:"region,omitempty"` // cz region code
	TargetGroup string `json:"targetGroup,omitempty"`
	Wave        string `json:"wave,omitempty"`
}

// Value is one variable's answer, as stored. Exactly one of its fields is
// set for an answered variable.
type Value struct {
	Codes  []int    `json:"codes,omitempty"`  // choice, Likert (and each matrix item), NPS, yes/no
	Number *float64 `json:"number,omitempty"` // number
	Text   string   `json:"text,omitempty"`   // short and long text
}

// Response is one anonymous response. It keeps no token, person, booking
// or registration id, and no time finer than the Prague month: its ID is
// random (not time-ordered) and nothing in it joins it to an invitation.
type Response struct {
	ID       string // random 128 bits, hex; no time in it
	Survey   string
	Version  int
	Month    string // Prague month of the answer, "2026-11"
	Context  Context
	EasyRead bool             // answered in easy-read mode
	Values   map[string]Value // by variable (a matrix: one per item)
}

// InvitationState is where an invitation is.
type InvitationState string

const (
	InvitationOpen     InvitationState = "open"
	InvitationAnswered InvitationState = "answered"
	InvitationOptedOut InvitationState = "opted_out"
)

// Invitation limits.
const (
	InvitationValidity = 30 * 24 * time.Hour // the link expires 30 days after it is sent
	ReminderAfter      = 7 * 24 * time.Hour  // one reminder, 7 days after the invitation
	InvitationHour     = 10                  // invitations and reminders go at 10:00 Prague
)

// Invitation is a single-use invitation to an evaluation survey. The link
// carries a token (128 bits or more) of which only the SHA-256 is stored.
// The person's e-mail is not kept here: the e-mail goes through the outbox,
// and the reminder reads the address again from the booking or the
// registration (an erased one gets none).
type Invitation struct {
	TokenHash string // hex SHA-256 of the token: the item's key
	Survey    string
	Context   Context // copied to the response
	// SourceRef is the booking or registration id, for the reminder's
	// address; it is removed when the invitation is answered or opted out.
	SourceRef string
	State     InvitationState
	SentAt    time.Time
	Reminded  bool
	ExpiresAt time.Time
}

// Answers is a respondent's answers as the API takes them, by variable (a
// Likert matrix: one entry per item's Var), in JSON: an integer code for a
// single choice, Likert item, NPS rating or yes/no; an array of codes for a
// multiple choice; a number for a number question; a string for a text
// question. A variable left out is unanswered. Validate turns it into
// Values against a version, with a field error per variable ("answers.q3").
type Answers map[string]any
