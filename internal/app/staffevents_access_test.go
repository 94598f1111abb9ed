package app_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/idempotency"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// staffEvents runs every route of the staff-events function once (for
// TestFunctionsTouchOnlyWhatTheRegistrySays). People register through the
// workshops service on the test's own client, which is not recorded.
func staffEvents(t *testing.T, env *apptest.Env, invoke func(events.APIGatewayV2HTTPRequest, int) events.APIGatewayV2HTTPResponse) {
	t.Helper()
	saved := env.Clock.Now()
	defer env.Clock.Set(saved)
	at := func(name, id string) events.APIGatewayV2HTTPRequest {
		ev := apptest.Event(t, name)
		if ev.PathParameters != nil {
			ev.PathParameters = map[string]string{"eventId": id}
			ev.RawPath = strings.ReplaceAll(ev.RawPath, "EVENT_ID", id)
			ev.RequestContext.HTTP.Path = ev.RawPath
		}
		return ev
	}
	create := func(capacity int) api.StaffEventView {
		ev := apptest.Event(t, "staff-create-event")
		ev.Body = strings.Replace(ev.Body, `"inPerson": 30`, fmt.Sprintf(`"inPerson": %d`, capacity), 1)
		e := apptest.Body[api.StaffEventView](t, invoke(ev, http.StatusCreated))
		invoke(at("staff-publish-event", e.ID), http.StatusOK)
		return e
	}
	svc := &workshops.Service{
		Store: workshopdb.New(dynamo.New(env.Client, env.Table)), Clock: env.Clock, IDs: ids.Random{Now: env.Clock.Now},
		BaseURL: "http://localhost:8080", EmailKey: []byte("access-test-email-key-0123456789"),
	}
	n := 0
	registered := func(eventID string, key *idempotency.Key) workshops.Registered {
		n++
		r, err := svc.Register(context.Background(), eventID, workshops.RegistrationInput{
			Contact:     workshops.ContactInput{Name: "Účastník", Email: fmt.Sprintf("access%d@example.cz", n)},
			TargetGroup: "client", Region: "CZ064", Answers: map[string][]string{"q1": {"0"}},
			Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
		}, key)
		if err != nil {
			t.Fatalf("register: %v", err)
		}
		return r
	}
	register := func(eventID string) workshops.Registration { return registered(eventID, nil).Registration }

	// Capacity raised from 1 to the sample's 30: the waiting person is
	// offered the seat.
	raised := create(1)
	register(raised.ID)
	waiting := register(raised.ID) // waits
	invoke(at("staff-update-event", raised.ID), http.StatusOK)
	// The organiser confirms the offered seat on the person's behalf.
	promote := at("staff-promote-registration", raised.ID)
	promote.PathParameters["registrationId"] = waiting.ID
	promote.RawPath = strings.ReplaceAll(promote.RawPath, "REGISTRATION_ID", waiting.ID)
	promote.RequestContext.HTTP.Path = promote.RawPath
	invoke(promote, http.StatusOK)

	cancelled := create(1)
	register(cancelled.ID)
	register(cancelled.ID) // waits
	invoke(at("staff-cancel-event", cancelled.ID), http.StatusOK)

	e := create(5)
	invoke(at("staff-list-events", ""), http.StatusOK)
	invoke(at("staff-get-event", e.ID), http.StatusOK)
	invoke(at("staff-update-event", e.ID), http.StatusOK)
	// The one checked in gave its ESF+ answers: the check-in records its
	// attendance on them.
	first := registered(e.ID, nil)
	r := first.Registration
	if _, err := svc.SubmitEsf(context.Background(), r.ID, first.Token, workshops.EsfInput{Consent: true, Gender: "woman"}); err != nil {
		t.Fatalf("ESF+ answers: %v", err)
	}
	register(e.ID) // a no-show
	// An admin erases one made with an Idempotency-Key: its idempotency
	// record goes, and its limit hold (none here) would.
	key, err := idempotency.FromHeader([]byte("access-test-idempotency-key-0123"), "access-erase", "POST /v1/events/"+e.ID+"/registrations", []byte("{}"))
	if err != nil {
		t.Fatal(err)
	}
	gone := registered(e.ID, key).Registration
	erase := apptest.Event(t, "staff-erase-registration")
	erase.PathParameters = map[string]string{"registrationId": gone.ID}
	erase.RawPath = strings.ReplaceAll(erase.RawPath, "REGISTRATION_ID", gone.ID)
	erase.RequestContext.HTTP.Path = erase.RawPath
	invoke(erase, http.StatusOK)
	invoke(at("staff-list-registrations", e.ID), http.StatusOK)
	// The event's day: check-ins (from the day on), walk-ins, held.
	env.Clock.Set(cz.Date{Year: 2026, Month: 12, Day: 10}.At(13 * 60))
	invoke(apptest.WithBody(at("staff-check-in", e.ID), map[string]string{"registrationId": r.ID}), http.StatusOK)
	for _, name := range []string{"staff-export-csv", "staff-export-xlsx", "staff-attendance-sheet"} {
		invoke(at(name, e.ID), http.StatusOK)
	}
	cert := at("staff-registration-certificate", e.ID)
	cert.PathParameters["registrationId"] = r.ID
	cert.RawPath = strings.ReplaceAll(cert.RawPath, "REGISTRATION_ID", r.ID)
	cert.RequestContext.HTTP.Path = cert.RawPath
	invoke(cert, http.StatusOK)
	invoke(at("staff-add-walk-in", e.ID), http.StatusCreated)
	invoke(at("staff-held-event", e.ID), http.StatusOK)
}
