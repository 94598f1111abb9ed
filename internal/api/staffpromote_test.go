package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
)

// sePromote is the request moving registration regID of event eventID
// from the waiting list, in English.
func sePromote(t *testing.T, eventID, regID string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := seEvent(t, "staff-promote-registration", eventID)
	ev.PathParameters["registrationId"] = regID
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "REGISTRATION_ID", regID)
	ev.RequestContext.HTTP.Path = ev.RawPath
	return apptest.WithHeader(ev, "accept-language", "en")
}

// seAfterClose moves the clock past the sample event's registration
// close (24 h before its start): freed seats are offered to nobody then.
func seAfterClose(env *apptest.Env) { env.Clock.Set(seEventDay.AddDays(-1).At(12 * 60)) }

func TestStaffPromoteFromTheWaitingList(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(2))
	regs := ppl.register(e.ID, 4) // 2 confirmed, 2 waitlisted
	promote := func(c seCaller, r workshops.Registration, want int) events.APIGatewayV2HTTPResponse {
		return seInvoke(t, env, c.on(sePromote(t, e.ID, r.ID)), want)
	}
	seats := func() workshops.SeatCount {
		got, err := seStore(env).Seats(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got[workshops.SeatInPerson]
	}

	t.Run("lists the people waiting with their place in the list", func(t *testing.T) {
		list := apptest.Body[api.List[api.StaffRegistrationView]](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-list-registrations", e.ID)), http.StatusOK))
		want := map[string]int{regs[2].ID: 1, regs[3].ID: 2}
		for _, r := range list.Items {
			if r.Position != want[r.ID] {
				t.Errorf("%s (%s): position %d, want %d", r.ID, r.Status, r.Position, want[r.ID])
			}
		}
	})
	t.Run("refuses a full event, saying to raise the capacity first", func(t *testing.T) {
		resp := promote(seOwner, regs[3], http.StatusConflict)
		if !strings.Contains(resp.Body, `"code":"event_full"`) || !strings.Contains(resp.Body, "Raise the event's capacity") {
			t.Errorf("got %s, want event_full explained", resp.Body)
		}
		if got := seRegistrations(t, env, e.ID)[regs[3].ID]; got.Status != workshops.RegWaitlisted || got.Version != regs[3].Version {
			t.Errorf("refused registration: got %s v%d, want waitlisted v%d", got.Status, got.Version, regs[3].Version)
		}
	})
	t.Run("is refused to whoever does not manage the event", func(t *testing.T) {
		promote(seOther, regs[3], http.StatusForbidden)
		promote(seExpert, regs[3], http.StatusForbidden)
		promote(seNobody, regs[3], http.StatusUnauthorized)
		promote(seOwner, workshops.Registration{ID: "01kbw7c2d9e8f7g6h5j4k3m2n1"}, http.StatusNotFound)
	})

	// Raised while offers are made: the seat is offered to the first one
	// waiting; the organiser confirms the offer on the person's behalf.
	seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, seCapacity(3)))), http.StatusOK)
	t.Run("confirms an offered seat and sends the confirmation", func(t *testing.T) {
		if got := seRegistrations(t, env, e.ID)[regs[2].ID]; got.Status != workshops.RegOffered {
			t.Fatalf("after the capacity was raised: got %s, want offered", got.Status)
		}
		got := apptest.Body[api.StaffRegistrationView](t, promote(seOwner, regs[2], http.StatusOK))
		if got.Status != workshops.RegConfirmed || got.OfferExpires != "" {
			t.Errorf("got %s (offer until %q), want confirmed", got.Status, got.OfferExpires)
		}
		stored := seRegistrations(t, env, e.ID)[regs[2].ID]
		confirmed := 0
		for _, id := range stored.Mail {
			if it, ok := seOutboxItem(t, env, id); ok && strings.HasSuffix(it.ID, "-confirmation") {
				confirmed++
			}
		}
		if confirmed != 1 {
			t.Errorf("confirmation e-mails queued: got %d (mail %v), want 1", confirmed, stored.Mail)
		}
		if c := seats(); c.Taken != 3 || c.Waiting != 1 {
			t.Errorf("counters: got %+v, want 3 taken, 1 waiting", c)
		}
		// Again: answered as it is, nothing changes.
		again := apptest.Body[api.StaffRegistrationView](t, promote(seOwner, regs[2], http.StatusOK))
		if now := seRegistrations(t, env, e.ID)[regs[2].ID]; again.Status != workshops.RegConfirmed || now.Version != stored.Version {
			t.Errorf("promoted twice: got %s v%d, want confirmed v%d", again.Status, now.Version, stored.Version)
		}
	})

	// After registration closed nobody is offered a seat: a raised
	// capacity leaves it free, and the organiser gives it to someone.
	seAfterClose(env)
	seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, seCapacity(4)))), http.StatusOK)
	t.Run("gives a free seat to a waiting person", func(t *testing.T) {
		got := apptest.Body[api.StaffRegistrationView](t, promote(seAdmin, regs[3], http.StatusOK))
		if got.Status != workshops.RegConfirmed || got.Position != 0 {
			t.Errorf("got %s (position %d), want confirmed", got.Status, got.Position)
		}
		if c := seats(); c.Taken != 4 || c.Waiting != 0 {
			t.Errorf("counters: got %+v, want 4 taken, nobody waiting", c)
		}
		// The event as staff read it, alone and in their list, says so.
		one := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-get-event", e.ID)), http.StatusOK))
		list := apptest.Body[api.List[api.StaffEventView]](t, seInvoke(t, env, seOwner.on(apptest.Event(t, "staff-list-events")), http.StatusOK))
		for _, got := range append(list.Items, one) {
			if got.ID == e.ID && (got.Seats.InPerson.Taken != 4 || got.Seats.InPerson.Waiting != 0) {
				t.Errorf("seats read: got %+v, want 4 taken, nobody waiting", got.Seats)
			}
		}
	})
	t.Run("refuses a registration that waits for nothing", func(t *testing.T) {
		env.Clock.Set(apptest.DefaultNow)
		other := seNewEvent(t, env, false, seCapacity(1))
		r := ppl.register(other.ID, 1)[0]
		in := workshops.RegistrationInput{
			Contact:     workshops.ContactInput{Name: "Zrušená Registrace", Email: "zrusena@example.cz"},
			TargetGroup: "client", Region: "CZ064", Answers: map[string][]string{"q1": {"0"}},
			Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
		}
		gone, err := ppl.svc.Register(context.Background(), other.ID, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := ppl.svc.Cancel(context.Background(), gone.Registration.ID, gone.Token, nil); err != nil {
			t.Fatal(err)
		}
		resp := seInvoke(t, env, seOwner.on(sePromote(t, other.ID, gone.Registration.ID)), http.StatusConflict)
		if !strings.Contains(resp.Body, `"code":"registration_not_waiting"`) {
			t.Errorf("a cancelled registration: got %s, want registration_not_waiting", resp.Body)
		}
		// A registration of another event is not found through this one.
		if resp := promote(seOwner, r, http.StatusNotFound); !strings.Contains(resp.Body, `"code":"registration_not_found"`) {
			t.Errorf("another event's registration: got %s, want registration_not_found", resp.Body)
		}
		// A cancelled event moves nobody.
		seInvoke(t, env, seOwner.on(seEvent(t, "staff-cancel-event", other.ID)), http.StatusOK)
		if resp := seInvoke(t, env, seOwner.on(sePromote(t, other.ID, r.ID)), http.StatusConflict); !strings.Contains(resp.Body, `"code":"event_status"`) {
			t.Errorf("a cancelled event: got %s, want event_status", resp.Body)
		}
	})
}

// TestStaffPromoteRacesForTheLastSeat: two organisers move two waiting
// people to the last free seat at once; exactly one wins, the other is
// told the event is full, and the counters match the registrations.
func TestStaffPromoteRacesForTheLastSeat(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	for round := range 4 {
		env.Clock.Set(apptest.DefaultNow)
		ppl := seNewPeople(t, env)
		ppl.n = round * 1000
		e := seNewEvent(t, env, false, seCapacity(1))
		regs := ppl.register(e.ID, 3) // 1 confirmed, 2 waitlisted
		seAfterClose(env)
		seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, seCapacity(2)))), http.StatusOK)

		codes := make([]int, 2)
		var wg sync.WaitGroup
		for i, c := range []seCaller{seOwner, seAdmin} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				resp := env.Invoke(routes.FnStaffEvents, c.on(sePromote(t, e.ID, regs[1+i].ID)))
				codes[i] = resp.StatusCode
				if resp.StatusCode == http.StatusConflict && !strings.Contains(resp.Body, `"code":"event_full"`) {
					t.Errorf("round %d: the loser got %s, want event_full", round, resp.Body)
				}
			}()
		}
		wg.Wait()
		won := 0
		for _, c := range codes {
			if c == http.StatusOK {
				won++
			} else if c != http.StatusConflict {
				t.Errorf("round %d: got %d, want 200 or 409", round, c)
			}
		}
		confirmed, waiting := 0, 0
		for _, r := range seRegistrations(t, env, e.ID) {
			switch r.Status {
			case workshops.RegConfirmed:
				confirmed++
			case workshops.RegWaitlisted:
				waiting++
			}
		}
		seats, err := seStore(env).Seats(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		c := seats[workshops.SeatInPerson]
		if won != 1 || confirmed != 2 || waiting != 1 || c.Taken != 2 || c.Waiting != 1 {
			t.Errorf("round %d: %d won, %d confirmed, %d waiting, counters %+v; want 1 won, 2 confirmed (the capacity), 1 waiting", round, won, confirmed, waiting, c)
		}
	}
}

// TestStaffUpdateWithAStaleVersion: a change made from an event read
// before someone else's change is refused (409 event_changed) and stores
// nothing; made from the current version it goes through.
func TestStaffUpdateWithAStaleVersion(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	e := seNewEvent(t, env, false, nil)
	put := func(version, capacity int, want int) events.APIGatewayV2HTTPResponse {
		body := seBody(t, seCapacity(capacity))
		body["version"] = version
		return seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-update-event", e.ID), body)), want)
	}
	// Someone else changes it: the version moves on.
	now := apptest.Body[api.StaffEventView](t, put(e.Version, 40, http.StatusOK))
	if now.Version != e.Version+1 {
		t.Fatalf("version after a change: got %d, want %d", now.Version, e.Version+1)
	}
	resp := put(e.Version, 50, http.StatusConflict)
	if !strings.Contains(resp.Body, `"code":"event_changed"`) {
		t.Errorf("a stale change: got %s, want event_changed", resp.Body)
	}
	stored, err := seStore(env).GetEvent(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if stored.Capacity.InPerson != 40 || stored.Version != now.Version {
		t.Errorf("after a stale change: capacity %d v%d, want 40 v%d (unchanged)", stored.Capacity.InPerson, stored.Version, now.Version)
	}
	put(now.Version, 50, http.StatusOK)
}

// seCertificate is the request for registration regID's certificate.
func seCertificate(t *testing.T, eventID, regID string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := seEvent(t, "staff-registration-certificate", eventID)
	ev.PathParameters["registrationId"] = regID
	ev.RawPath = strings.ReplaceAll(ev.RawPath, "REGISTRATION_ID", regID)
	ev.RequestContext.HTTP.Path = ev.RawPath
	return ev
}

// TestStaffCertificateOfOneAttendee: the organiser downloads an
// attendee's certificate again (recorded as an export); nobody gets one
// for a person not checked in, and no other organiser gets any.
func TestStaffCertificateOfOneAttendee(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(5))
	regs := ppl.register(e.ID, 2)
	env.Clock.Set(seEventDay.At(10 * 60))
	seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-check-in", e.ID), map[string]string{"registrationId": regs[0].ID})), http.StatusOK)

	resp := seInvoke(t, env, seOwner.on(seCertificate(t, e.ID, regs[0].ID)), http.StatusOK)
	pdf, err := base64.StdEncoding.DecodeString(resp.Body)
	if err != nil || !resp.IsBase64Encoded || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("certificate: base64 %v, %v, starts %q; want a PDF", resp.IsBase64Encoded, err, pdf[:min(8, len(pdf))])
	}
	if cd := resp.Headers["Content-Disposition"]; !strings.HasPrefix(cd, `attachment; filename="`) || !strings.HasSuffix(cd, `.pdf"`) {
		t.Errorf("Content-Disposition: got %q", cd)
	}
	audits, err := seStore(env).Audits(context.Background(), env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	recorded := 0
	for _, a := range audits {
		if a.Format == string(workshops.ExportCertificate) && a.EventID == e.ID && a.Subject == seOwnerSub && a.Count == 1 {
			recorded++
		}
	}
	if recorded != 1 {
		t.Errorf("certificate downloads recorded: got %d, want 1 (%+v)", recorded, audits)
	}

	if resp := seInvoke(t, env, seOwner.on(seCertificate(t, e.ID, regs[1].ID)), http.StatusConflict); !strings.Contains(resp.Body, `"code":"certificate_not_ready"`) {
		t.Errorf("not checked in: got %s, want certificate_not_ready", resp.Body)
	}
	seInvoke(t, env, seOther.on(seCertificate(t, e.ID, regs[0].ID)), http.StatusForbidden)
	seInvoke(t, env, seExpert.on(seCertificate(t, e.ID, regs[0].ID)), http.StatusForbidden)
	seInvoke(t, env, seOwner.on(seCertificate(t, e.ID, "01kbw7c2d9e8f7g6h5j4k3m2n1")), http.StatusNotFound)
}
