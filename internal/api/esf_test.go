package api_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// TestEsfThroughTheHandler: the ESF+ answers of a registration opened by
// its token, through the events function: stored apart under the
// registration's key, the same body again changes nothing, a wrong token
// is the unknown registration's 404, a body without consent or with an
// unknown answer is a 400 that stores nothing, and a cancelled
// registration takes none.
func TestEsfThroughTheHandler(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ctx := context.Background()
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	putEvent(t, env, "ev1", 5)
	resp := registerAs(t, env, "ev1", nil)
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("register: %d %s", resp.StatusCode, resp.Body)
	}
	reg := apptest.Body[api.CreatedRegistrationView](t, resp)
	id, token := reg.Registration.ID, reg.ManageToken

	for range 2 {
		resp = env.Invoke(routes.FnEvents, regEvent(t, "submit-esf", id, token))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("submit: %d %s", resp.StatusCode, resp.Body)
		}
		if got := apptest.Body[workshops.EsfReply](t, resp); got != (workshops.EsfReply{Gender: "woman", AgeBand: "30_54", Disability: "prefer_not_to_say"}) {
			t.Errorf("reply %+v", got)
		}
		if strings.Contains(resp.Body, id) {
			t.Errorf("the reply names the registration: %s", resp.Body)
		}
	}
	r, err := store.GetRegistration(ctx, id)
	if err != nil || r.EsfKey == "" {
		t.Fatalf("registration %+v %v", r, err)
	}
	rec, err := store.GetEsf(ctx, r.EsfKey)
	if err != nil || rec.Answers.Gender != "woman" || rec.Answers.Disability != "" || rec.EventID != "ev1" || rec.NoticeVersion != workshops.PrivacyNoticeVersion {
		t.Errorf("stored %+v %v", rec, err)
	}

	resp = env.Invoke(routes.FnEvents, regEvent(t, "submit-esf", id, "wrong-token"))
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusNotFound || p.Code != "registration_not_found" {
		t.Errorf("wrong token: %d %+v", resp.StatusCode, p)
	}
	bad := apptest.WithBody(regEvent(t, "submit-esf", id, token), map[string]any{"gender": "female"})
	resp = env.Invoke(routes.FnEvents, bad)
	p := apptest.Body[httpapi.ProblemDoc](t, resp)
	var rules []string
	for _, f := range p.Errors {
		rules = append(rules, f.Field+"/"+f.Rule)
	}
	if resp.StatusCode != http.StatusBadRequest || strings.Join(rules, " ") != "consent/esf_consent gender/oneof" {
		t.Errorf("invalid: %d %v", resp.StatusCode, rules)
	}
	if !strings.Contains(resp.Body, "výslovného souhlasu") {
		t.Errorf("the consent error is not explained in Czech: %s", resp.Body)
	}
	if again, _ := store.GetEsf(ctx, r.EsfKey); again.Answers.Gender != "woman" {
		t.Errorf("an invalid body changed the answers: %+v", again)
	}

	resp = env.Invoke(routes.FnEvents, regEvent(t, "cancel-registration", id, token))
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("cancel: %d %s", resp.StatusCode, resp.Body)
	}
	resp = env.Invoke(routes.FnEvents, regEvent(t, "submit-esf", id, token))
	if p := apptest.Body[httpapi.ProblemDoc](t, resp); resp.StatusCode != http.StatusConflict || p.Code != "esf_closed" {
		t.Errorf("cancelled: %d %+v", resp.StatusCode, p)
	}
}
