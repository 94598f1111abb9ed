// Package invite is the evaluation surveys' invitation job (the function
// "survey-invitations", daily at 10:00 Prague): it invites the people of
// the consultations held and the events attended the days before to the
// open evaluation survey of their audience, and reminds them once a week
// later, none after an answer, an opt-out, the link's expiry or an
// erasure. It is a package of its own so that the public surveys function
// links neither the job nor its e-mails.
package invite

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/clock"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveymail"
)

// The invitation job's rules (the function "survey-invitations", daily at
// 10:00 Prague time).
const (
	// InvitationCatchUp is how far back the job looks for consultations
	// marked held and events ended: a run missed (or failed) on one day is
	// caught up by the next ones within this window; older ones are never
	// invited. The INVITED# marker keeps re-runs from inviting twice.
	InvitationCatchUp = 7 * 24 * time.Hour
)

// Attendee is one person to invite: someone whose consultation was marked
// held, or who was checked in at an event.
type Attendee struct {
	Audience surveys.Audience
	// SourceID is the booking or the registration id: the invitation's
	// SourceRef and part of its "already invited" marker.
	SourceID string
	// Context is what the response will keep (form or event kind, topic,
	// region, target group).
	Context surveys.Context
	// Day is when the consultation or event took place, for the e-mail.
	Day time.Time
	// EventTitle names the event (events only), for the e-mail.
	EventTitle surveys.Text
	To         mail.Address
	Lang       string // "cs" or "en"
}

// Attendance reads, without changing anything, the consultations and
// events the job invites to evaluate, and the addresses of reminders.
type Attendance interface {
	// Held lists the consultations marked held at a time in [from, to),
	// not erased.
	Held(ctx context.Context, from, to time.Time) ([]Attendee, error)
	// Attended lists the people checked in at events that ended in
	// [from, to), not erased or cancelled.
	Attended(ctx context.Context, from, to time.Time) ([]Attendee, error)
	// Again reads the person again for a reminder, by the invitation's
	// source and SourceRef: ok is false when the booking or registration
	// is gone, erased, or no longer held or attended.
	Again(ctx context.Context, source surveys.Source, ref string) (p Attendee, ok bool, err error)
}

// OpenSurveys finds the survey an audience is invited to.
type OpenSurveys interface {
	// OpenEvaluation returns the newest open evaluation survey of the
	// audience; ok is false when there is none (nobody is invited).
	OpenEvaluation(ctx context.Context, a surveys.Audience) (s surveys.Survey, ok bool, err error)
	// Survey reads a survey by id; ok is false when there is none.
	Survey(ctx context.Context, id string) (s surveys.Survey, ok bool, err error)
}

// InvitationStore is the storage of invitations (surveydb.Invitations).
type InvitationStore interface {
	Marker(a surveys.Audience, sourceID, surveyID string) string
	Invited(ctx context.Context, marker string) (bool, error)
	InvitationMailID(marker string) string
	CreateInvitation(ctx context.Context, n surveys.NewInvitation) error
	SentOn(ctx context.Context, day cz.Date) ([]surveys.SentInvitation, error)
	ReminderMailID(tokenHash string) string
	MarkReminded(ctx context.Context, inv surveys.Invitation, now time.Time, mail outbox.Item) error
}

// Inviter is the invitation job: each run invites the people of
// consultations held and events attended before today (Prague), within
// InvitationCatchUp, to the open evaluation survey of the audience, and
// reminds, once, those invited exactly 7 Prague days ago who have neither
// answered nor declined.
type Inviter struct {
	Surveys     OpenSurveys
	Invitations InvitationStore
	Attendance  Attendance
	Sealer      *outbox.Sealer
	Clock       clock.Clock
	BaseURL     string // the public front door, for the links
	// SameDay is the local stack's demo knob (SURVEY_INVITE_SAME_DAY=1):
	// a consultation marked held or an event ended today is invited at the
	// next run, at any hour, instead of the next day at 10:00. Never set
	// in the cloud.
	SameDay bool
}

// RunResult is what one run did.
type RunResult struct {
	Invited  int `json:"invited"`
	Reminded int `json:"reminded"`
}

// Run invites and reminds. It goes on past one person's failure and
// returns the errors joined with what it did.
func (iv *Inviter) Run(ctx context.Context) (RunResult, error) {
	var res RunResult
	now := iv.Clock.Now()
	today := cz.DateOf(now)
	if !iv.SameDay && now.Before(today.At(surveys.InvitationHour*60)) {
		// Invitations and reminders go at 10:00 Prague: a run before
		// (a manual one, the local timer) waits for it.
		return res, nil
	}
	until := today.Start()
	if iv.SameDay {
		until = now
	}
	from := until.Add(-InvitationCatchUp)
	var errs []error
	for _, a := range surveys.Audiences {
		n, err := iv.invite(ctx, a, from, until, now)
		res.Invited += n
		if err != nil {
			errs = append(errs, err)
		}
	}
	n, err := iv.remind(ctx, today.AddDays(-int(surveys.ReminderAfter/(24*time.Hour))), now)
	res.Reminded += n
	if err != nil {
		errs = append(errs, err)
	}
	return res, errors.Join(errs...)
}

func (iv *Inviter) invite(ctx context.Context, a surveys.Audience, from, to, now time.Time) (int, error) {
	survey, ok, err := iv.Surveys.OpenEvaluation(ctx, a)
	if err != nil {
		return 0, fmt.Errorf("open %s survey: %w", a, err)
	}
	if !ok {
		return 0, nil
	}
	var people []Attendee
	if a == surveys.AudienceConsultation {
		people, err = iv.Attendance.Held(ctx, from, to)
	} else {
		people, err = iv.Attendance.Attended(ctx, from, to)
	}
	if err != nil {
		return 0, fmt.Errorf("%s attendance: %w", a, err)
	}
	n := 0
	var errs []error
	for _, p := range people {
		done, err := iv.inviteOne(ctx, survey, p, now)
		if err != nil {
			errs = append(errs, err)
		}
		if done {
			n++
		}
	}
	return n, errors.Join(errs...)
}

func (iv *Inviter) inviteOne(ctx context.Context, s surveys.Survey, p Attendee, now time.Time) (bool, error) {
	if p.To.Email == "" {
		return false, nil
	}
	marker := iv.Invitations.Marker(p.Audience, p.SourceID, s.ID)
	if invited, err := iv.Invitations.Invited(ctx, marker); err != nil || invited {
		return false, err
	}
	token := surveys.NewInvitationToken()
	inv := surveys.Invitation{
		TokenHash: surveys.InvitationTokenHash(token), Survey: s.ID, Context: p.Context, SourceRef: p.SourceID,
		State: surveys.InvitationOpen, SentAt: now, ExpiresAt: now.Add(surveys.InvitationValidity),
	}
	msg := surveymail.NewMessage(iv.Invitations.InvitationMailID(marker), surveymail.KindInvitation, p.Lang, p.To,
		iv.mailData(s, p.Audience, p.Day, p.EventTitle, inv.ExpiresAt), token, now)
	err := iv.Invitations.CreateInvitation(ctx, surveys.NewInvitation{
		Invitation: inv, Token: token, Marker: marker, Mail: iv.Sealer.NewItem(msg, "survey:"+s.ID, now),
	})
	if apperr.Is(err, apperr.Conflict, surveys.ReasonAlreadyInvited) {
		return false, nil // a concurrent run invited them
	}
	if err != nil {
		return false, fmt.Errorf("invite to %s: %w", s.ID, err)
	}
	return true, nil
}

func (iv *Inviter) mailData(s surveys.Survey, a surveys.Audience, day time.Time, event surveys.Text, expires time.Time) surveymail.Data {
	d := surveymail.Data{
		Survey: surveymail.Text{Cs: s.Title.Cs, En: s.Title.En}, Occasion: surveymail.OccasionConsultation,
		Day: day, ExpiresAt: expires, BaseURL: iv.BaseURL,
	}
	if a == surveys.AudienceEvent {
		d.Occasion, d.EventTitle = surveymail.OccasionEvent, surveymail.Text{Cs: event.Cs, En: event.En}
	}
	return d
}

// remind sends the one reminder of the invitations sent on day (7 Prague
// days ago) that are still open, not reminded and not expired, to the
// address read again from the booking or registration (none when erased).
// A day missed by the job is not caught up: a late reminder would say
// "a week ago" wrongly, and one fewer reminder is the safe side.
func (iv *Inviter) remind(ctx context.Context, day cz.Date, now time.Time) (int, error) {
	sent, err := iv.Invitations.SentOn(ctx, day)
	if err != nil {
		return 0, err
	}
	n := 0
	var errs []error
	type found struct {
		s  surveys.Survey
		ok bool
	}
	cache := map[string]found{} // the day's invitations are to one or two surveys
	for _, x := range sent {
		if x.State != surveys.InvitationOpen || x.Reminded || !now.Before(x.ExpiresAt) || x.Token == "" || x.SourceRef == "" {
			continue
		}
		p, ok, err := iv.Attendance.Again(ctx, x.Context.Source, x.SourceRef)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if !ok || p.To.Email == "" {
			continue // erased, cancelled or gone: no reminder
		}
		sv, seen := cache[x.Survey]
		if !seen {
			sv.s, sv.ok, err = iv.Surveys.Survey(ctx, x.Survey)
			if err != nil {
				errs = append(errs, err)
				continue
			}
			cache[x.Survey] = sv
		}
		if !sv.ok || sv.s.Status != surveys.StatusOpen {
			continue // a closed survey takes no answers: no reminder
		}
		d := iv.mailData(sv.s, p.Audience, p.Day, p.EventTitle, x.ExpiresAt)
		msg := surveymail.NewMessage(iv.Invitations.ReminderMailID(x.TokenHash), surveymail.KindReminder, p.Lang, p.To, d, x.Token, now)
		err = iv.Invitations.MarkReminded(ctx, x.Invitation, now, iv.Sealer.NewItem(msg, "survey:"+x.Survey, now))
		switch {
		case apperr.Is(err, apperr.Conflict, surveys.ReasonAlreadyReminded):
		case err != nil:
			errs = append(errs, fmt.Errorf("remind: %w", err))
		default:
			n++
		}
	}
	return n, errors.Join(errs...)
}
