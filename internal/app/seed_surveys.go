package app

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strconv"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// Demo survey ids: stable, so that `make run` can be run again and the
// browser tests can open a survey by its address (/surveys/<id>).
const (
	DemoAwarenessSurveyID    = "povedomi-o-transformaci"
	DemoConsultationSurveyID = "hodnoceni-konzultaci"
	DemoEventSurveyID        = "hodnoceni-akci"
)

// DemoSurveyResponses is how many answers the demo awareness survey starts
// with: spread over target groups and regions so that the aggregates show
// cells of 5 and more as well as suppressed ones.
const DemoSurveyResponses = 60

// DemoSurveys are the demo surveys `make run` publishes: the awareness
// survey (public link), the evaluation of consultations (a demo
// consultation marked held invites its booker) and of events.
func DemoSurveys() map[string]surveys.Definition {
	return map[string]surveys.Definition{
		DemoAwarenessSurveyID:    demo.Awareness(),
		DemoConsultationSurveyID: demo.EvaluationConsultation(),
		DemoEventSurveyID:        demo.EvaluationEvent(),
	}
}

// SeedSurveys creates and publishes the demo surveys that do not exist
// yet, and gives a newly created awareness survey its demo answers (in the
// current Prague month). It is safe to run again: a survey already there
// is left as it is (published if an earlier run stopped before).
func (d *Deps) SeedSurveys(ctx context.Context) (created int, _ error) {
	store := surveydb.New(dynamo.New(d.Env.DB, d.Config.TableName))
	now := d.Clock.Now()
	for _, id := range []string{DemoAwarenessSurveyID, DemoConsultationSurveyID, DemoEventSurveyID} {
		def := DemoSurveys()[id]
		sv, _, err := store.Create(ctx, surveys.Survey{
			ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title, CreatedAt: now, CreatedBy: DemoAdminSubject,
		}, def)
		fresh := err == nil
		if apperr.Is(err, apperr.Conflict, surveys.ReasonSurveyChanged) {
			sv, err = store.Get(ctx, id)
		}
		if err != nil {
			return created, fmt.Errorf("seed survey %s: %w", id, err)
		}
		if sv.Published == 0 {
			if _, err := store.Publish(ctx, id, sv.Rev, sv.Latest, now); err != nil {
				return created, fmt.Errorf("publish demo survey %s: %w", id, err)
			}
		}
		if !fresh {
			continue
		}
		created++
		if def.Kind == surveys.KindAwareness {
			if err := seedAwarenessAnswers(ctx, store, id, def, now); err != nil {
				return created, err
			}
		}
	}
	return created, nil
}

// seedAwarenessAnswers writes DemoSurveyResponses answers to version 1 of
// an awareness survey, each checked by surveys.Validate as a real one is.
// Their ids are derived from the survey and the number, so that a second
// write of the same answer is refused.
func seedAwarenessAnswers(ctx context.Context, store *surveydb.Store, id string, def surveys.Definition, now time.Time) error {
	version := surveys.Version{Survey: id, Number: 1, Definition: def}
	wave, ok := surveyapi.WaveOn(def, cz.DateOf(now))
	if !ok && len(def.Waves) > 0 {
		wave = def.Waves[0]
	}
	rnd := rand.New(rand.NewPCG(2026, 10))
	var items []dynamo.TxItem
	for i := range DemoSurveyResponses {
		a, easy := demoAnswers(rnd, i)
		values, errs := surveys.Validate(version, a, easy)
		if len(errs) > 0 {
			return fmt.Errorf("demo answer %d: %v", i, errs)
		}
		sum := sha256.Sum256([]byte("demo response " + id + " " + strconv.Itoa(i)))
		group, region := demoRespondent(i)
		put, err := store.ResponsePut(surveys.Response{
			ID: hex.EncodeToString(sum[:16]), Survey: id, Version: 1, Month: surveydb.Month(now),
			Context:  surveys.Context{Source: surveys.SourcePublic, TargetGroup: group, Region: region, Wave: wave.Code},
			EasyRead: easy, Values: values,
		})
		if err != nil {
			return err
		}
		items = append(items, put)
	}
	for len(items) > 0 {
		n := min(len(items), 25)
		if err := store.Transact(ctx, "seed survey responses", items[:n]); err != nil {
			return fmt.Errorf("seed answers of %s: %w", id, err)
		}
		items = items[n:]
	}
	return nil
}

// demoRespondent spreads the demo answers: most from clients, providers
// and officials in Praha, Jihomoravský and Moravskoslezský kraj (cells of
// 5 and more), a few from the community and other regions (suppressed
// cells), some not stated.
func demoRespondent(i int) (group, region string) {
	type share struct {
		code string
		n    int
	}
	pick := func(shares []share, k int) string {
		for _, s := range shares {
			if k < s.n {
				return s.code
			}
			k -= s.n
		}
		return ""
	}
	groups := []share{{"client", 20}, {"provider", 17}, {"public_administration", 12}, {"community", 4}, {"", 7}}
	regions := []share{{"CZ010", 16}, {"CZ064", 14}, {"CZ080", 11}, {"CZ020", 6}, {"CZ053", 3}, {"CZ041", 2}, {"CZ072", 1}, {"", 7}}
	// 7 and 60 are coprime: i*7 mod 60 visits every region slot once.
	return pick(groups, i%DemoSurveyResponses), pick(regions, (i*7)%DemoSurveyResponses)
}

// demoAnswers is one plausible answer to the demo awareness survey; every
// fifth is given in easy-read mode (Likert faces 1, 3 and 5).
func demoAnswers(rnd *rand.Rand, i int) (surveys.Answers, bool) {
	easy := i%5 == 4
	likert := func() int {
		if easy {
			return surveys.EasyReadFaces[rnd.IntN(3)]
		}
		return 1 + rnd.IntN(surveys.LikertPoints)
	}
	heard := 0
	if rnd.IntN(10) < 7 {
		heard = 1
	}
	a := surveys.Answers{
		"q1_heard": heard, "q3_meaning": []int{1, 2, 3, 9}[rnd.IntN(4)], "q4_support": likert(),
		"q5_own_home": likert(), "q5_neighbour": likert(), "q5_services": likert(),
		"q6_recommend": rnd.IntN(11), "q7_know_someone": rnd.IntN(2),
	}
	if heard == 1 {
		a["q2_source"] = []any{1 + rnd.IntN(5)}
	}
	if i%6 == 0 {
		a["q8_word"] = []string{"domov", "svoboda", "podpora", "komunita"}[rnd.IntN(4)]
	}
	return a, easy
}
