// Package surveyinvitations builds the function "survey-invitations",
// scheduled daily at 10:00 Prague time: it invites the people of the
// consultations held and the events attended the days before to the open
// evaluation survey, and sends the one reminder a week later
// (invite.Inviter). It reads the outbox key to seal the links of the
// e-mails and to key the "already invited" markers.
package surveyinvitations

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/surveys/attendance"
	"github.com/mpsv/brana/internal/surveys/invite"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// SameDayEnv is the local stack's demo knob: "1" invites a consultation
// marked held (or an event ended) at the next run the same day, at any
// hour, instead of the next day at 10:00. Only infra/local sets it.
const SameDayEnv = "SURVEY_INVITE_SAME_DAY"

// New returns the job's handler. Its input (the schedule's payload)
// carries nothing it needs.
func New(ctx context.Context, env *boot.Env) (boot.Handler[json.RawMessage, invite.RunResult], error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	iv, err := Inviter(env, key)
	if err != nil {
		return nil, err
	}
	iv.SameDay = os.Getenv(SameDayEnv) == "1"
	return Handle(iv, env), nil
}

// Inviter is the job on the environment's table and clock, with the
// e-mails sealed and the markers keyed under key (the outbox key).
func Inviter(env *boot.Env, key []byte) (*invite.Inviter, error) {
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		return nil, err
	}
	db := dynamo.New(env.DB, env.Config.TableName)
	inv, err := surveydb.NewInvitations(db, key)
	if err != nil {
		return nil, err
	}
	return &invite.Inviter{
		Surveys:     surveydb.InvitationSurveys{Store: surveydb.New(db)},
		Invitations: inv,
		Attendance:  attendance.Reader{Bookings: consultdb.New(db), Events: workshopdb.New(db)},
		Sealer:      sealer, Clock: env.Clock, BaseURL: env.Config.PublicBaseURL,
	}, nil
}

// Handle runs the job once.
func Handle(iv *invite.Inviter, env *boot.Env) boot.Handler[json.RawMessage, invite.RunResult] {
	return func(ctx context.Context, _ json.RawMessage) (invite.RunResult, error) {
		res, err := iv.Run(ctx)
		// An idle run (most of the local stack's, every minute) logs at
		// DEBUG; the platform logs every invocation anyway.
		level := slog.LevelInfo
		if res.Invited == 0 && res.Reminded == 0 && err == nil {
			level = slog.LevelDebug
		}
		boot.InvocationLog(ctx, env.Log).Log(ctx, level, "survey invitations", "invited", res.Invited, "reminded", res.Reminded)
		if err != nil {
			return res, fmt.Errorf("survey invitations: %w", err)
		}
		return res, nil
	}
}

var (
	_ invite.InvitationStore = (*surveydb.Invitations)(nil)
	_ invite.OpenSurveys     = surveydb.InvitationSurveys{}
)
