package api_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/mail/mailtest"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/docs/certpdf"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// The callers of the staff event routes.
const (
	seOwnerSub = "dev-organiser-novakova" // the sample events' organiser
	seOtherSub = "dev-organiser-kratochvil"
)

type seCaller struct {
	name   string
	sub    string
	groups []string
}

var (
	seAdmin     = seCaller{"admin", "dev-admin", []string{auth.GroupAdmin}}
	seOwner     = seCaller{"organiser of the event", seOwnerSub, []string{auth.GroupOrganiser}}
	seOther     = seCaller{"organiser of another event", seOtherSub, []string{auth.GroupOrganiser}}
	seExpert    = seCaller{"expert", "dev-expert-dvorakova", []string{auth.GroupExpert}}
	seEvaluator = seCaller{"evaluator", "dev-evaluator", []string{auth.GroupEvaluator}}
	seNobody    = seCaller{"no token", "", nil}
)

func (c seCaller) on(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
	return apptest.WithClaims(ev, c.sub, c.groups...)
}

// seEventDay is the sample event's day: Thursday 10 December 2026.
var seEventDay = cz.Date{Year: 2026, Month: time.December, Day: 10}

// staffEvent loads a sample event of the staff-events function pointed at
// an event.
func seEvent(t *testing.T, name, eventID string) events.APIGatewayV2HTTPRequest {
	t.Helper()
	ev := apptest.Event(t, name)
	if ev.PathParameters != nil {
		ev.PathParameters = map[string]string{"eventId": eventID}
		ev.RawPath = strings.ReplaceAll(ev.RawPath, "EVENT_ID", eventID)
		ev.RequestContext.HTTP.Path = ev.RawPath
	}
	return ev
}

// seBody is the sample event's body, changed by edit.
func seBody(t *testing.T, edit func(map[string]any)) map[string]any {
	t.Helper()
	var body map[string]any
	if err := json.Unmarshal([]byte(apptest.Event(t, "staff-create-event").Body), &body); err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(body)
	}
	return body
}

func seInvoke(t *testing.T, env *apptest.Env, ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
	t.Helper()
	resp := env.Invoke(routes.FnStaffEvents, ev)
	if resp.StatusCode != want {
		t.Fatalf("%s: got %d %s, want %d", ev.RouteKey, resp.StatusCode, resp.Body, want)
	}
	return resp
}

// seNewEvent creates the sample event (capacity changed by edit) as its
// organiser and publishes it unless draft.
func seNewEvent(t *testing.T, env *apptest.Env, draft bool, edit func(map[string]any)) api.StaffEventView {
	t.Helper()
	ev := apptest.WithBody(apptest.Event(t, "staff-create-event"), seBody(t, edit))
	e := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(ev), http.StatusCreated))
	if !draft {
		e = apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-publish-event", e.ID)), http.StatusOK))
	}
	return e
}

func seCapacity(n int) func(map[string]any) {
	return func(b map[string]any) { b["capacity"] = map[string]any{"inPerson": n, "online": 0} }
}

// sePeople registers n sePeople through the workshops service, as the public
// route does, and returns their registrations.
type sePeople struct {
	mu  sync.Mutex
	t   *testing.T
	env *apptest.Env
	svc *workshops.Service
	n   int
}

func seNewPeople(t *testing.T, env *apptest.Env) *sePeople {
	return &sePeople{t: t, env: env, svc: &workshops.Service{
		Store: workshopdb.New(dynamo.New(env.Client, env.Table)), Clock: env.Clock, IDs: ids.Random{Now: env.Clock.Now},
		BaseURL: "http://localhost:8080", EmailKey: []byte("staff-events-test-email-key-0123"),
	}}
}

func (p *sePeople) register(eventID string, n int) []workshops.Registration {
	p.t.Helper()
	var out []workshops.Registration
	for range n {
		p.n++
		in := workshops.RegistrationInput{
			Contact:     workshops.ContactInput{Name: fmt.Sprintf("Účastník Číslo %d", p.n), Email: fmt.Sprintf("ucastnik%d@example.cz", p.n)},
			TargetGroup: "client", Region: "CZ064",
			Answers: map[string][]string{"q1": {"1"}},
			Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
		}
		r, err := p.svc.Register(context.Background(), eventID, in, nil)
		if err != nil {
			e, _ := apperr.As(err)
			p.t.Fatalf("register %d: %v %+v", p.n, err, e.Fields)
		}
		out = append(out, r.Registration)
	}
	return out
}

func seStore(env *apptest.Env) workshopdb.Staff {
	return workshopdb.NewStaff(dynamo.New(env.Client, env.Table))
}

func seRegistrations(t *testing.T, env *apptest.Env, eventID string) map[string]workshops.Registration {
	t.Helper()
	list, err := seStore(env).Registrations(context.Background(), eventID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]workshops.Registration{}
	for _, r := range list {
		out[r.ID] = r
	}
	return out
}

func seOutboxItem(t *testing.T, env *apptest.Env, id string) (outbox.Item, bool) {
	t.Helper()
	it, err := dynamo.New(env.Client, env.Table).GetOutbox(context.Background(), id)
	if err != nil {
		return outbox.Item{}, false
	}
	return it, true
}

func TestStaffEventsAuthorisationMatrix(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	start := env.Clock.Now()

	// setup puts an event in the state the route needs and returns the
	// request; day moves the clock to the event's day (walk-ins, held).
	type route struct {
		name   string
		sample string
		draft  bool
		day    bool
		body   func(e api.StaffEventView, reg workshops.Registration) any
		want   int
	}
	table := []route{
		{name: "read", sample: "staff-get-event", want: http.StatusOK},
		{name: "replace", sample: "staff-update-event", want: http.StatusOK},
		{name: "publish", sample: "staff-publish-event", draft: true, want: http.StatusOK},
		{name: "cancel", sample: "staff-cancel-event", want: http.StatusOK},
		{name: "mark held", sample: "staff-held-event", day: true, want: http.StatusOK},
		{name: "list registrations", sample: "staff-list-registrations", want: http.StatusOK},
		{name: "check in", sample: "staff-check-in", day: true, want: http.StatusOK, body: func(_ api.StaffEventView, r workshops.Registration) any {
			return map[string]string{"registrationId": r.ID}
		}},
		{name: "add a walk-in", sample: "staff-add-walk-in", day: true, want: http.StatusCreated},
		{name: "export CSV", sample: "staff-export-csv", want: http.StatusOK},
		{name: "export XLSX", sample: "staff-export-xlsx", want: http.StatusOK},
		{name: "attendance sheet", sample: "staff-attendance-sheet", want: http.StatusOK},
	}
	for _, rt := range table {
		for _, c := range []seCaller{seAdmin, seOwner, seOther, seExpert, seEvaluator, seNobody} {
			t.Run(rt.name+" as "+c.name, func(t *testing.T) {
				env.Clock.Set(start)
				e := seNewEvent(t, env, rt.draft, nil)
				var reg workshops.Registration
				if !rt.draft {
					reg = ppl.register(e.ID, 1)[0]
				}
				if rt.day {
					env.Clock.Set(seEventDay.At(13 * 60))
				}
				ev := seEvent(t, rt.sample, e.ID)
				if rt.body != nil {
					ev = apptest.WithBody(ev, rt.body(e, reg))
				}
				want := rt.want
				switch c.name {
				case seOther.name, seExpert.name, seEvaluator.name:
					want = http.StatusForbidden
				case seNobody.name:
					want = http.StatusUnauthorized
				}
				before, _ := seStore(env).GetEvent(context.Background(), e.ID)
				seInvoke(t, env, c.on(ev), want)
				if want >= 400 {
					after, _ := seStore(env).GetEvent(context.Background(), e.ID)
					if after.Version != before.Version || len(seRegistrations(t, env, e.ID)) != len(seRegistrationsOrNone(reg)) {
						t.Errorf("a refused request changed the event or its registrations")
					}
				}
			})
		}
	}

	t.Run("create and list", func(t *testing.T) {
		env.Clock.Set(start)
		for _, c := range []seCaller{seExpert, seEvaluator} {
			ev := c.on(apptest.Event(t, "staff-create-event"))
			seInvoke(t, env, ev, http.StatusForbidden)
			seInvoke(t, env, c.on(apptest.Event(t, "staff-list-events")), http.StatusForbidden)
		}
		seInvoke(t, env, seNobody.on(apptest.Event(t, "staff-create-event")), http.StatusUnauthorized)
		seInvoke(t, env, seNobody.on(apptest.Event(t, "staff-list-events")), http.StatusUnauthorized)

		mine := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOther.on(apptest.Event(t, "staff-create-event")), http.StatusCreated))
		if mine.Owner != seOtherSub || mine.Status != workshops.EventDraft {
			t.Errorf("created: owner %q status %q, want %q draft", mine.Owner, mine.Status, seOtherSub)
		}
		own := apptest.Body[api.List[api.StaffEventView]](t, seInvoke(t, env, seOther.on(apptest.Event(t, "staff-list-events")), http.StatusOK))
		if len(own.Items) != 1 || own.Items[0].ID != mine.ID {
			t.Errorf("another organiser's list: got %d events, want only its own", len(own.Items))
		}
		all := apptest.Body[api.List[api.StaffEventView]](t, seInvoke(t, env, seAdmin.on(apptest.Event(t, "staff-list-events")), http.StatusOK))
		if len(all.Items) < 2 {
			t.Errorf("admin's list: got %d events, want every organiser's", len(all.Items))
		}
	})
}

func seRegistrationsOrNone(r workshops.Registration) []workshops.Registration {
	if r.ID == "" {
		return nil
	}
	return []workshops.Registration{r}
}

func TestStaffEventInputIsCheckedThroughTheRoute(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ev := apptest.WithBody(apptest.Event(t, "staff-create-event"), seBody(t, func(b map[string]any) {
		b["mode"] = "hybrid"
		b["onlineLink"] = "javascript:alert(1)"
		b["title"] = map[string]any{"cs": "Ahoj\u202e"}
	}))
	ev = apptest.WithHeader(ev, "accept-language", "en")
	resp := seInvoke(t, env, seOwner.on(ev), http.StatusBadRequest)
	for _, want := range []string{`"field":"onlineLink","rule":"https_url"`, `"field":"capacity.online","rule":"gte"`, `"field":"title.cs","rule":"line"`, "Enter a full link starting with https://."} {
		if !strings.Contains(resp.Body, want) {
			t.Errorf("got %s, want %s", resp.Body, want)
		}
	}
	list := apptest.Body[api.List[api.StaffEventView]](t, seInvoke(t, env, seAdmin.on(apptest.Event(t, "staff-list-events")), http.StatusOK))
	if len(list.Items) != 0 {
		t.Errorf("a refused event was stored: %d events", len(list.Items))
	}
}

func TestStaffEventStatusTransitions(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	conflict := func(t *testing.T, ev events.APIGatewayV2HTTPRequest, reason string) {
		t.Helper()
		resp := seInvoke(t, env, seOwner.on(ev), http.StatusConflict)
		if !strings.Contains(resp.Body, `"code":"`+reason+`"`) {
			t.Errorf("got %s, want %s", resp.Body, reason)
		}
	}
	draft := seNewEvent(t, env, true, nil)
	conflict(t, seEvent(t, "staff-cancel-event", draft.ID), "event_status")
	conflict(t, seEvent(t, "staff-held-event", draft.ID), "event_status")

	pub := seNewEvent(t, env, false, nil)
	conflict(t, seEvent(t, "staff-publish-event", pub.ID), "event_status")
	conflict(t, seEvent(t, "staff-held-event", pub.ID), "event_not_started")

	env.Clock.Set(seEventDay.At(12 * 60))
	held := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-held-event", pub.ID)), http.StatusOK))
	if held.Status != workshops.EventHeld {
		t.Errorf("status: got %s, want held", held.Status)
	}
	conflict(t, seEvent(t, "staff-cancel-event", pub.ID), "event_status")
	conflict(t, seEvent(t, "staff-publish-event", pub.ID), "event_status")
	conflict(t, apptest.WithBody(seEvent(t, "staff-update-event", pub.ID), seBody(t, nil)), "event_status")
}

func TestStaffEventChangeTellsEveryRegistrant(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(2))
	regs := ppl.register(e.ID, 4)          // 2 confirmed, 2 waitlisted
	cancelled := seCancelOwn(t, ppl, e.ID) // cancelled by the person: not told

	update := func(edit func(map[string]any)) api.StaffEventView {
		ev := apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, func(b map[string]any) {
			seCapacity(2)(b)
			if edit != nil {
				edit(b)
			}
		}))
		return apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(ev), http.StatusOK))
	}
	t.Run("a new title is no change of time or place", func(t *testing.T) {
		got := update(func(b map[string]any) { b["title"] = map[string]any{"cs": "Nový název"} })
		if got.Sequence != 0 {
			t.Errorf("sequence: got %d, want 0", got.Sequence)
		}
		if _, ok := seOutboxItem(t, env, workshopmail.MailID(regs[0].ID, 1, workshopmail.KindEventChanged)); ok {
			t.Error("an e-mail was queued for a change of the title")
		}
	})
	t.Run("a new time raises SEQUENCE and tells every registrant", func(t *testing.T) {
		got := update(func(b map[string]any) {
			b["sessions"] = []any{map[string]any{"start": "2026-12-10T10:00:00+01:00", "end": "2026-12-10T13:30:00+01:00"}}
		})
		if got.Sequence != 1 {
			t.Fatalf("sequence: got %d, want 1", got.Sequence)
		}
		for _, r := range regs {
			it, ok := seOutboxItem(t, env, workshopmail.MailID(r.ID, 1, workshopmail.KindEventChanged))
			if !ok {
				t.Errorf("%s (%s): no event_changed e-mail", r.ID, r.Status)
				continue
			}
			var d workshopmail.Data
			if err := json.Unmarshal(it.Message.Data, &d); err != nil {
				t.Fatal(err)
			}
			if d.Event.Sequence != 1 || !d.Event.Sessions[0].Start.Equal(mustTime(t, "2026-12-10T10:00:00+01:00")) || it.Message.To.Email != r.Contact.Email {
				t.Errorf("%s: got sequence %d, start %v, to %s; want 1, 10:00, %s", r.ID, d.Event.Sequence, d.Event.Sessions[0].Start, it.Message.To.Email, r.Contact.Email)
			}
		}
		if _, ok := seOutboxItem(t, env, workshopmail.MailID(cancelled.ID, 1, workshopmail.KindEventChanged)); ok {
			t.Error("a cancelled registrant was told about the change")
		}
		// Sent: a confirmed person's calendar updates the same entry.
		env.SendOutbox()
		raw, ok := env.Mails()[workshopmail.MailID(regs[0].ID, 1, workshopmail.KindEventChanged)]
		if !ok {
			t.Fatalf("the event_changed e-mail to %s was not sent (sent: %v)", regs[0].ID, env.MailIDs())
		}
		cal := string(mailtest.Parse(t, raw).Calendar)
		for _, want := range []string{"SEQUENCE:1\r\n", "UID:" + workshopmail.UID(regs[0].ID, 0) + "\r\n", "DTSTART;TZID=Europe/Prague:20261210T100000\r\n"} {
			if !strings.Contains(cal, want) {
				t.Errorf("calendar: got\n%s\nwant %q", cal, want)
			}
		}
	})
	t.Run("a new address raises SEQUENCE again", func(t *testing.T) {
		got := update(func(b map[string]any) {
			b["sessions"] = []any{map[string]any{"start": "2026-12-10T10:00:00+01:00", "end": "2026-12-10T13:30:00+01:00"}}
			b["venue"].(map[string]any)["address"] = "Cejl 73, 602 00 Brno"
		})
		if got.Sequence != 2 {
			t.Errorf("sequence: got %d, want 2", got.Sequence)
		}
		if _, ok := seOutboxItem(t, env, workshopmail.MailID(regs[3].ID, 2, workshopmail.KindEventChanged)); !ok {
			t.Error("no second event_changed e-mail")
		}
	})
}

// seCancelOwn registers one more person and cancels with the manage token,
// as the person's manage page does.
func seCancelOwn(t *testing.T, ppl *sePeople, eventID string) workshops.Registration {
	t.Helper()
	ppl.n++
	in := workshops.RegistrationInput{
		Contact:     workshops.ContactInput{Name: "Zrušená Osoba", Email: fmt.Sprintf("zrusena%d@example.cz", ppl.n)},
		TargetGroup: "client", Region: "CZ064", Answers: map[string][]string{"q1": {"0"}},
		Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
	}
	r, err := ppl.svc.Register(context.Background(), eventID, in, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ppl.svc.Cancel(context.Background(), r.Registration.ID, r.Token, nil); err != nil {
		t.Fatalf("cancel own: %v", err)
	}
	return r.Registration
}

func TestStaffEventChangeBeyondOneTransaction(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(150))
	regs := ppl.register(e.ID, workshopdb.MaxMailInTx+2)
	ev := apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, func(b map[string]any) {
		seCapacity(150)(b)
		b["sessions"] = []any{map[string]any{"start": "2026-12-10T13:00:00+01:00", "end": "2026-12-10T16:00:00+01:00"}}
	}))
	if got := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(ev), http.StatusOK)); got.Sequence != 1 {
		t.Fatalf("sequence: got %d, want 1", got.Sequence)
	}
	missing := 0
	for _, r := range regs {
		if _, ok := seOutboxItem(t, env, workshopmail.MailID(r.ID, 1, workshopmail.KindEventChanged)); !ok {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d registrants got no event_changed e-mail", missing, len(regs))
	}
}

func TestStaffCancelEventFreesEverySeat(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(2))
	regs := ppl.register(e.ID, 3) // 2 confirmed, 1 waitlisted
	// The second's personal data was erased: its seat is freed, but
	// there is nobody to write to.
	erased := regs[1]
	erased.Contact, erased.ErasedAt, erased.Version = workshops.Contact{}, env.Clock.Now(), regs[1].Version+1
	if err := seStore(env).PutRegistration(context.Background(), erased, regs[1].Version); err != nil {
		t.Fatal(err)
	}
	regs[1] = erased
	got := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-cancel-event", e.ID)), http.StatusOK))
	if got.Status != workshops.EventCancelled || got.Sequence != 1 {
		t.Errorf("event: got %s sequence %d, want cancelled, 1", got.Status, got.Sequence)
	}
	after := seRegistrations(t, env, e.ID)
	for _, r := range regs {
		if after[r.ID].Status != workshops.RegCancelled {
			t.Errorf("%s: got %s, want cancelled", r.ID, after[r.ID].Status)
		}
		it, ok := seOutboxItem(t, env, workshopmail.MailID(r.ID, 1, workshopmail.KindEventCancelled))
		if erased := !r.ErasedAt.IsZero(); ok == erased {
			t.Errorf("%s (erased %v): e-mail queued %v", r.ID, erased, ok)
		}
		if !ok {
			continue
		}
		var d workshopmail.Data
		_ = json.Unmarshal(it.Message.Data, &d)
		if hadSeat := r.Status == workshops.RegConfirmed; d.Registration.HadSeat != hadSeat {
			t.Errorf("%s (%s): hadSeat %v, want %v", r.ID, r.Status, d.Registration.HadSeat, hadSeat)
		}
	}
	env.SendOutbox()
	raw, ok := env.Mails()[workshopmail.MailID(regs[0].ID, 1, workshopmail.KindEventCancelled)]
	if !ok {
		t.Fatalf("the event_cancelled e-mail was not sent (sent: %v)", env.MailIDs())
	}
	if cal := string(mailtest.Parse(t, raw).Calendar); !strings.Contains(cal, "METHOD:CANCEL\r\n") || !strings.Contains(cal, "SEQUENCE:1\r\n") {
		t.Errorf("a confirmed person's calendar: got\n%s\nwant METHOD:CANCEL with SEQUENCE:1", cal)
	}
	seats, err := seStore(env).Seats(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c := seats[workshops.SeatInPerson]; c.Taken != 0 || c.Waiting != 0 {
		t.Errorf("counters: got %+v, want every seat free and nobody waiting", c)
	}
	t.Run("again finishes and changes nothing", func(t *testing.T) {
		again := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seOwner.on(seEvent(t, "staff-cancel-event", e.ID)), http.StatusOK))
		if again.Version != got.Version {
			t.Errorf("version: got %d, want %d", again.Version, got.Version)
		}
	})
}

func TestStaffCheckInIsIdempotent(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(2))
	regs := ppl.register(e.ID, 3) // the third waits
	signer := checkin.NewSigner(env.Deps.Config.OutboxKey)
	checkIn := func(body any, want int) events.APIGatewayV2HTTPResponse {
		return seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-check-in", e.ID), body)), want)
	}

	// Before the event's day nobody is checked in (nor earns a certificate).
	env.Clock.Set(seEventDay.AddDays(-1).At(23*60 + 59))
	if resp := checkIn(map[string]string{"registrationId": regs[0].ID}, http.StatusConflict); !strings.Contains(resp.Body, "checkin_before_the_day") {
		t.Errorf("the day before: got %s", resp.Body)
	}
	if r := seRegistrations(t, env, e.ID)[regs[0].ID]; r.Status != workshops.RegConfirmed || r.Version != regs[0].Version {
		t.Errorf("the day before changed the registration: %s version %d", r.Status, r.Version)
	}
	env.Clock.Set(seEventDay.At(7 * 60)) // the morning of the day, before the start

	first := apptest.Body[api.StaffRegistrationView](t, checkIn(map[string]string{"registrationId": regs[0].ID}, http.StatusOK))
	if first.Status != workshops.RegAttended || first.CheckedInAt == "" {
		t.Fatalf("got %s at %q, want attended", first.Status, first.CheckedInAt)
	}
	env.Clock.Advance(time.Minute)
	code, err := signer.Make(e.ID, regs[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	again := apptest.Body[api.StaffRegistrationView](t, checkIn(map[string]string{"code": code}, http.StatusOK))
	if again.CheckedInAt != first.CheckedInAt {
		t.Errorf("checked in again: got %s, want the first time %s", again.CheckedInAt, first.CheckedInAt)
	}
	if v := seRegistrations(t, env, e.ID)[regs[0].ID].Version; v != regs[0].Version+1 {
		t.Errorf("version: got %d, want %d (one change)", v, regs[0].Version+1)
	}

	t.Run("concurrent scans check in once", func(t *testing.T) {
		code, _ := signer.Make(e.ID, regs[1].ID)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				checkIn(map[string]string{"code": code}, http.StatusOK)
			}()
		}
		wg.Wait()
		if r := seRegistrations(t, env, e.ID)[regs[1].ID]; r.Version != regs[1].Version+1 || r.Status != workshops.RegAttended {
			t.Errorf("got %s version %d, want attended, version %d", r.Status, r.Version, regs[1].Version+1)
		}
	})
	t.Run("refuses a forged code, another event's code and a waitlisted person", func(t *testing.T) {
		// The forged code differs from the real one in its last two
		// characters (a code that happens to end in "AA" gets "BB").
		forged := code[:len(code)-2] + "AA"
		if forged == code {
			forged = code[:len(code)-2] + "BB"
		}
		if resp := checkIn(map[string]string{"code": forged}, http.StatusBadRequest); !strings.Contains(resp.Body, "checkin_code") {
			t.Errorf("forged: got %s", resp.Body)
		}
		other, _ := signer.Make("another-event", regs[0].ID)
		if resp := checkIn(map[string]string{"code": other}, http.StatusBadRequest); !strings.Contains(resp.Body, "checkin_event") {
			t.Errorf("another event: got %s", resp.Body)
		}
		if resp := checkIn(map[string]string{"registrationId": regs[2].ID}, http.StatusConflict); !strings.Contains(resp.Body, "registration_not_checkable") {
			t.Errorf("waitlisted: got %s", resp.Body)
		}
		checkIn(map[string]string{"registrationId": "nobody"}, http.StatusNotFound)
		checkIn(map[string]string{"registrationId": regs[0].ID, "code": code}, http.StatusBadRequest)
	})
}

func TestStaffWalkInOverCapacity(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(1))
	ppl.register(e.ID, 1) // full
	walkIn := apptest.Event(t, "staff-add-walk-in")
	seInvoke(t, env, seOwner.on(seEventWithBody(t, "staff-add-walk-in", e.ID, walkIn.Body)), http.StatusConflict)

	env.Clock.Set(seEventDay.At(8*60 + 45))
	got := apptest.Body[api.StaffRegistrationView](t, seInvoke(t, env, seOwner.on(seEventWithBody(t, "staff-add-walk-in", e.ID, walkIn.Body)), http.StatusCreated))
	if !got.WalkIn || got.Status != workshops.RegAttended || got.CheckedInAt == "" {
		t.Errorf("got %+v, want a walk-in checked in", got)
	}
	seats, _ := seStore(env).Seats(context.Background(), e.ID)
	if c := seats[workshops.SeatInPerson]; c.Taken != 1 {
		t.Errorf("seats taken: got %d, want 1 (a walk-in takes none)", c.Taken)
	}
	if n := len(seRegistrations(t, env, e.ID)); n != 2 {
		t.Errorf("registrations: got %d, want 2", n)
	}
}

func seEventWithBody(t *testing.T, name, eventID, body string) events.APIGatewayV2HTTPRequest {
	ev := seEvent(t, name, eventID)
	ev.Body = body
	return ev
}

func TestStaffHeldMarksNoShows(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(3))
	regs := ppl.register(e.ID, 2)
	env.Clock.Set(seEventDay.At(9 * 60))
	seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-check-in", e.ID), map[string]string{"registrationId": regs[0].ID})), http.StatusOK)
	env.Clock.Set(seEventDay.At(13 * 60))
	seInvoke(t, env, seOwner.on(seEvent(t, "staff-held-event", e.ID)), http.StatusOK)
	after := seRegistrations(t, env, e.ID)
	if got := after[regs[0].ID].Status; got != workshops.RegAttended {
		t.Errorf("checked in: got %s, want attended", got)
	}
	if got := after[regs[1].ID].Status; got != workshops.RegNoShow {
		t.Errorf("not checked in: got %s, want no_show", got)
	}
}

func TestStaffExportsAreAudited(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(5))
	regs := ppl.register(e.ID, 2)
	// One registration joined to ESF+ data: the key never leaves.
	st := seStore(env)
	joined := regs[1]
	joined.EsfKey, joined.Version = "esf-key-must-stay-inside", regs[1].Version+1
	if err := st.PutRegistration(context.Background(), joined, regs[1].Version); err != nil {
		t.Fatal(err)
	}
	file := func(resp events.APIGatewayV2HTTPResponse) []byte {
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil || !resp.IsBase64Encoded {
			t.Fatalf("body: base64 %v, %v", resp.IsBase64Encoded, err)
		}
		if bytes.Contains(b, []byte("esf-key")) {
			t.Errorf("the ESF+ key is in the file")
		}
		return b
	}

	list := seInvoke(t, env, seOwner.on(seEvent(t, "staff-list-registrations", e.ID)), http.StatusOK)
	if strings.Contains(list.Body, "esf") || strings.Contains(list.Body, "token") {
		t.Errorf("the staff list carries the ESF+ key or a token: %s", list.Body)
	}

	csv := file(seInvoke(t, env, seOwner.on(seEvent(t, "staff-export-csv", e.ID)), http.StatusOK))
	if !bytes.HasPrefix(csv, []byte("\ufeffJméno;E-mail;")) || !bytes.Contains(csv, []byte("Účastník Číslo 1;ucastnik1@example.cz")) || !bytes.Contains(csv, []byte(";Vegetariánská;")) {
		t.Errorf("CSV: got %q", csv)
	}
	xlsx := file(seInvoke(t, env, seAdmin.on(apptest.WithHeader(seEvent(t, "staff-export-xlsx", e.ID), "accept-language", "en")), http.StatusOK))
	f, err := excelize.OpenReader(bytes.NewReader(xlsx))
	if err != nil {
		t.Fatalf("XLSX: %v", err)
	}
	rows, err := f.GetRows(f.GetSheetName(0))
	if err != nil || len(rows) != 3 || rows[0][0] != "Name" || rows[1][0]+rows[2][0] != "Účastník Číslo 1Účastník Číslo 2" && rows[1][0]+rows[2][0] != "Účastník Číslo 2Účastník Číslo 1" {
		t.Errorf("XLSX rows: got %v, %v; want a heading in English and two sePeople", rows, err)
	}
	pdf := file(seInvoke(t, env, seOwner.on(seEvent(t, "staff-attendance-sheet", e.ID)), http.StatusOK))
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Errorf("attendance sheet: got %q…, want a PDF", pdf[:min(len(pdf), 16)])
	}
	seInvoke(t, env, seOther.on(seEvent(t, "staff-export-csv", e.ID)), http.StatusForbidden)

	audits, err := st.Audits(context.Background(), env.Clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"csv": seOwnerSub, "xlsx": "dev-admin", "attendance_sheet": seOwnerSub}
	if len(audits) != len(want) {
		t.Fatalf("audit records: got %d %+v, want %d (none for the refused export)", len(audits), audits, len(want))
	}
	for i, a := range audits {
		if a.Subject != want[a.Format] || a.EventID != e.ID || a.Count != 2 || a.Action != "export" ||
			!a.At.Equal(env.Clock.Now()) || !a.ExpiresAt.Equal(a.At.Add(workshops.AuditRetention).Truncate(time.Second)) {
			t.Errorf("audit %d: got %+v, want %s by %s of %s, 2 people, kept %v", i, a, a.Format, want[a.Format], e.ID, workshops.AuditRetention)
		}
	}
}

func TestStaffCapacityNeverBelowTaken(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(2))
	regs := ppl.register(e.ID, 3) // 2 confirmed, 1 waitlisted
	update := func(want int, edit func(map[string]any)) events.APIGatewayV2HTTPResponse {
		return seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, edit))), want)
	}
	version := func() int {
		got, err := seStore(env).GetEvent(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		return got.Version
	}
	before := version()
	for name, edit := range map[string]func(map[string]any){
		"fewer seats than confirmed": seCapacity(1),
		"online only, with people in the room": func(b map[string]any) {
			b["mode"], b["onlineLink"], b["capacity"] = "online", "https://meet.example.cz/x", map[string]any{"inPerson": 0, "online": 50}
			delete(b, "venue")
		},
	} {
		if resp := update(http.StatusConflict, edit); !strings.Contains(resp.Body, `"code":"capacity_below_taken"`) {
			t.Errorf("%s: got %s, want capacity_below_taken", name, resp.Body)
		}
	}
	if v := version(); v != before {
		t.Errorf("version: got %d, want %d (nothing changed)", v, before)
	}

	// Raised: the seat goes to the first waiting person as an offer.
	update(http.StatusOK, seCapacity(3))
	if got := seRegistrations(t, env, e.ID)[regs[2].ID]; got.Status != workshops.RegOffered || got.OfferExpires.IsZero() {
		t.Errorf("the waiting person: got %s (offer until %v), want offered", got.Status, got.OfferExpires)
	}
	seats, _ := seStore(env).Seats(context.Background(), e.ID)
	if c := seats[workshops.SeatInPerson]; c.Taken != 3 || c.Waiting != 0 {
		t.Errorf("counters: got %+v, want 3 taken (2 confirmed, 1 held for the offer), nobody waiting", c)
	}
}

func TestStaffEventOwner(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	withOwner := func(owner string) events.APIGatewayV2HTTPRequest {
		return apptest.WithBody(apptest.Event(t, "staff-create-event"), seBody(t, func(b map[string]any) { b["owner"] = owner }))
	}
	// An admin hands an event to an organiser, who then manages it.
	e := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seAdmin.on(withOwner(seOwnerSub)), http.StatusCreated))
	if e.Owner != seOwnerSub {
		t.Errorf("owner: got %q, want %q", e.Owner, seOwnerSub)
	}
	seInvoke(t, env, seOwner.on(seEvent(t, "staff-get-event", e.ID)), http.StatusOK)
	seInvoke(t, env, seOther.on(seEvent(t, "staff-get-event", e.ID)), http.StatusForbidden)

	// An organiser cannot give an event away, nor take another's.
	if resp := seInvoke(t, env, seOwner.on(withOwner(seOtherSub)), http.StatusBadRequest); !strings.Contains(resp.Body, `"rule":"owner_admin"`) {
		t.Errorf("got %s, want owner_admin", resp.Body)
	}
	give := apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, func(b map[string]any) { b["owner"] = seOtherSub }))
	seInvoke(t, env, seOwner.on(give), http.StatusBadRequest)
	// Left out on a change, the owner stays; an admin may move it.
	kept := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seAdmin.on(seEvent(t, "staff-update-event", e.ID)), http.StatusOK))
	if kept.Owner != seOwnerSub {
		t.Errorf("owner after a change without one: got %q, want %q", kept.Owner, seOwnerSub)
	}
	moved := apptest.Body[api.StaffEventView](t, seInvoke(t, env, seAdmin.on(give), http.StatusOK))
	if moved.Owner != seOtherSub {
		t.Errorf("owner after an admin moved it: got %q, want %q", moved.Owner, seOtherSub)
	}
	seInvoke(t, env, seOwner.on(seEvent(t, "staff-get-event", e.ID)), http.StatusForbidden)
}

// TestStaffCapacityCutRacesRegistrations: people register while an
// organiser cuts the seats; whichever commits first, the seats taken never
// exceed the capacity stored, and the counter equals the registrations.
func TestStaffCapacityCutRacesRegistrations(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	for round := range 3 {
		ppl := seNewPeople(t, env)
		ppl.n = round * 1000
		e := seNewEvent(t, env, false, seCapacity(10))
		ppl.register(e.ID, 4)
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ppl.mu.Lock()
				ppl.n++
				n := ppl.n
				ppl.mu.Unlock()
				_, _ = ppl.svc.Register(context.Background(), e.ID, workshops.RegistrationInput{
					Contact:     workshops.ContactInput{Name: "Souběžný Účastník", Email: fmt.Sprintf("race%d@example.cz", n)},
					TargetGroup: "client", Region: "CZ064", Answers: map[string][]string{"q1": {"0"}},
					Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
				}, nil)
			}()
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			ev := apptest.WithBody(seEvent(t, "staff-update-event", e.ID), seBody(t, seCapacity(6)))
			resp := env.Invoke(routes.FnStaffEvents, seOwner.on(ev))
			if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusConflict {
				t.Errorf("cut: got %d %s, want 200 or 409", resp.StatusCode, resp.Body)
			}
		}()
		wg.Wait()
		stored, err := seStore(env).GetEvent(context.Background(), e.ID)
		if err != nil {
			t.Fatal(err)
		}
		seats, _ := seStore(env).Seats(context.Background(), e.ID)
		taken := 0
		for _, r := range seRegistrations(t, env, e.ID) {
			if r.Status == workshops.RegConfirmed || r.Status == workshops.RegOffered {
				taken++
			}
		}
		c := seats[workshops.SeatInPerson]
		if c.Taken > stored.Capacity.InPerson || c.Taken != taken {
			t.Errorf("round %d: %d seats taken (%d registrations holding one) of a capacity of %d", round, c.Taken, taken, stored.Capacity.InPerson)
		}
	}
}

// Marking an event held e-mails each attendee (walk-ins too, not the
// erased) the certificate of attendance with the PDF attached; no-shows
// get none, and marking it held again queues nothing new.
func TestStaffHeldSendsCertificates(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	ppl := seNewPeople(t, env)
	e := seNewEvent(t, env, false, seCapacity(5))
	regs := ppl.register(e.ID, 3)
	env.Clock.Set(seEventDay.At(9 * 60))
	for _, r := range regs[:2] {
		seInvoke(t, env, seOwner.on(apptest.WithBody(seEvent(t, "staff-check-in", e.ID), map[string]string{"registrationId": r.ID})), http.StatusOK)
	}
	// The second attendee is erased after the check-in: no address left.
	st := seStore(env)
	erased := seRegistrations(t, env, e.ID)[regs[1].ID]
	prev := erased.Version
	erased.ErasedAt, erased.Version = env.Clock.Now(), prev+1
	if err := st.PutRegistration(context.Background(), erased, prev); err != nil {
		t.Fatal(err)
	}
	env.Clock.Set(seEventDay.At(13 * 60))
	seInvoke(t, env, seOwner.on(seEvent(t, "staff-held-event", e.ID)), http.StatusOK)
	seInvoke(t, env, seOwner.on(seEvent(t, "staff-held-event", e.ID)), http.StatusOK) // again: idempotent

	if _, ok := seOutboxItem(t, env, workshops.CertificateMailID(regs[2].ID)); ok {
		t.Error("a no-show got a certificate")
	}
	if _, ok := seOutboxItem(t, env, workshops.CertificateMailID(regs[1].ID)); ok {
		t.Error("an erased registration got a certificate")
	}
	it, ok := seOutboxItem(t, env, workshops.CertificateMailID(regs[0].ID))
	if !ok {
		t.Fatal("the attendee's certificate e-mail was not queued")
	}
	// Measured: the item stays far below DynamoDB's 400 kB.
	t.Logf("certificate outbox item data: %d bytes", len(it.Message.Data))
	if len(it.Message.Data) > 100<<10 {
		t.Errorf("outbox item data: %d bytes, want under 100 kB", len(it.Message.Data))
	}
	env.SendOutbox()
	raw, ok := env.Mails()[workshops.CertificateMailID(regs[0].ID)]
	if !ok {
		t.Fatalf("the certificate e-mail was not sent (sent: %v)", env.MailIDs())
	}
	m := mailtest.Parse(t, raw)
	var pdf []byte
	for _, f := range m.Files {
		if f.ContentType == "application/pdf" && f.Disposition == "attachment" {
			pdf = f.Data
		}
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("no PDF attached (files %+v)", m.Files)
	}
	// The attachment is this person's certificate, as the download gives it.
	reg := seRegistrations(t, env, e.ID)[regs[0].ID]
	ev, err := st.GetEvent(context.Background(), e.ID)
	if err != nil {
		t.Fatal(err)
	}
	code := certcode.New(certcode.Key(env.Deps.Config.OutboxKey), e.ID, reg.ID)
	var want bytes.Buffer
	if err := certpdf.Write(&want, certpdf.Of(ev, reg, code, certcode.VerifyURL("http://localhost:8080", code), ev.End())); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(pdf, want.Bytes()) {
		t.Errorf("the attached PDF (%d bytes) is not the attendee's certificate (%d bytes)", len(pdf), want.Len())
	}
	if !strings.Contains(m.Text, code) || !strings.Contains(m.Text, certcode.VerifyURL("http://localhost:8080", code)) {
		t.Errorf("the e-mail names no code or verification address:\n%s", m.Text)
	}
	// Erasing an attendee whose certificate e-mail waits in the outbox
	// deletes it with the rest of the registration's personal data.
	if _, ok := seOutboxItem(t, env, workshops.CertificateMailID(regs[0].ID)); !ok {
		t.Fatal("the sent certificate e-mail's copy is not in the outbox")
	}
	if resp := env.Invoke(routes.FnStaffEvents, eraseRegistrationEvent(t, regs[0].ID, "dev-admin", auth.GroupAdmin)); resp.StatusCode != http.StatusOK {
		t.Fatalf("erase: %d %s", resp.StatusCode, resp.Body)
	}
	if _, ok := seOutboxItem(t, env, workshops.CertificateMailID(regs[0].ID)); ok {
		t.Error("the certificate e-mail outlived the erasure of its registration")
	}
}
