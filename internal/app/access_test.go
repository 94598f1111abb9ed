package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/wire"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// recorder records what a function does with the table: "<action> <key
// prefix>" for items, "index <name>" for index Queries.
type recorder struct {
	dynamo.API
	mu   sync.Mutex
	seen map[string]bool
}

var prefixes = []string{registry.KeyExpert, registry.KeySubject, registry.KeyBooking, registry.KeyOutbox, registry.KeyIdempotency,
	registry.KeyMailCap, registry.KeySuppression, registry.KeyPoW, registry.KeyLimit,
	registry.KeyAudit, registry.KeyEvent, registry.KeyRegistration, registry.KeyEsf, registry.KeyWorkshopLimit,
	registry.KeySurvey, registry.KeyResponse, registry.KeyInvitation, registry.KeyInvited, registry.KeyAnswered,
	registry.KeyReport, registry.KeyService}

func (r *recorder) item(action registry.Action, key map[string]types.AttributeValue) {
	pk := ""
	if v, ok := key[dynamo.AttrPK].(*types.AttributeValueMemberS); ok {
		pk = v.Value
	}
	r.add(action, pk)
}

func (r *recorder) add(action registry.Action, pk string) {
	prefix := "unknown key " + pk
	for _, p := range prefixes {
		if strings.HasPrefix(pk, p) {
			prefix = p
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	r.seen[string(action)+" "+prefix] = true
}

func (r *recorder) GetItem(ctx context.Context, in *dynamodb.GetItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.GetItemOutput, error) {
	r.item(registry.GetItem, in.Key)
	return r.API.GetItem(ctx, in, opts...)
}

func (r *recorder) PutItem(ctx context.Context, in *dynamodb.PutItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.PutItemOutput, error) {
	r.item(registry.PutItem, in.Item)
	return r.API.PutItem(ctx, in, opts...)
}

func (r *recorder) UpdateItem(ctx context.Context, in *dynamodb.UpdateItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.UpdateItemOutput, error) {
	r.item(registry.UpdateItem, in.Key)
	return r.API.UpdateItem(ctx, in, opts...)
}

func (r *recorder) DeleteItem(ctx context.Context, in *dynamodb.DeleteItemInput, opts ...func(*dynamodb.Options)) (*dynamodb.DeleteItemOutput, error) {
	r.item(registry.DeleteItem, in.Key)
	return r.API.DeleteItem(ctx, in, opts...)
}

var keyEquals = regexp.MustCompile(`^\s*(#?\w+)\s*=\s*(:\w+)`)

func (r *recorder) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	if in.IndexName != nil {
		r.mu.Lock()
		r.seen["index "+aws.ToString(in.IndexName)] = true
		r.mu.Unlock()
	} else {
		pk := ""
		if m := keyEquals.FindStringSubmatch(aws.ToString(in.KeyConditionExpression)); m != nil {
			if name := m[1]; strings.HasPrefix(name, "#") {
				name = in.ExpressionAttributeNames[name]
				if name != dynamo.AttrPK {
					pk = "not the partition key: " + name
				}
			}
			if v, ok := in.ExpressionAttributeValues[m[2]].(*types.AttributeValueMemberS); ok && pk == "" {
				pk = v.Value
			}
		}
		r.add(registry.Query, pk)
	}
	return r.API.Query(ctx, in, opts...)
}

func (r *recorder) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	for _, it := range in.TransactItems {
		switch {
		case it.Put != nil:
			r.item(registry.PutItem, it.Put.Item)
		case it.Update != nil:
			r.item(registry.UpdateItem, it.Update.Key)
		case it.Delete != nil:
			r.item(registry.DeleteItem, it.Delete.Key)
		case it.ConditionCheck != nil:
			r.item(registry.ConditionCheckItem, it.ConditionCheck.Key)
		}
	}
	return r.API.TransactWriteItems(ctx, in, opts...)
}

// declared is what the registry lets a function do, in the recorder's
// terms: every action on every key prefix, and the indexes.
func declared(f registry.Function) map[string]bool {
	out := map[string]bool{}
	for _, a := range f.Table.Actions {
		for _, k := range f.Table.Keys {
			out[string(a)+" "+k] = true
		}
	}
	for _, k := range f.Table.ReadKeys {
		out[string(registry.GetItem)+" "+k] = true
	}
	for _, ix := range f.Table.Indexes {
		out["index "+ix.Name] = true
	}
	return out
}

// TestFunctionsTouchOnlyWhatTheRegistrySays runs every function, built by
// its constructor as its cold start would, on the sample events of its
// routes and triggers against DynamoDB Local, and checks that what it does
// with the table is within what the registry declares (and so what its IAM
// policy allows), and that every action, key prefix and index the registry
// declares is used: the policy is no wider than the code.
func TestFunctionsTouchOnlyWhatTheRegistrySays(t *testing.T) {
	ctx := context.Background()
	// The report functions keep their files in a directory, as locally.
	t.Setenv(reports.EnvDir, filepath.Join(t.TempDir(), "reports"))
	env := apptest.New(t, apptest.Options{})
	rec := map[string]*recorder{}
	build := func(name string) *boot.Env {
		e := env.Deps.EnvFor(name)
		r := &recorder{API: e.DB, seen: map[string]bool{}}
		rec[name], e.DB = r, r
		if !registry.MustGet(name).Uses(registry.OutboxKey) {
			e.Config.OutboxKey = nil // as in the cloud: it does not know the key
		}
		return e
	}
	handlers := map[string]boot.HTTPHandler{}
	for _, f := range wire.Functions {
		if f.HTTP == nil {
			continue
		}
		h, err := f.HTTP(ctx, build(f.Name))
		if err != nil {
			t.Fatal(err)
		}
		handlers[f.Name] = h
	}
	invoke := func(fn string, ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
		t.Helper()
		resp, err := handlers[fn](ctx, apptest.ThroughCloudFront(env.WithSolved(ev)))
		if err != nil || resp.StatusCode != want {
			t.Fatalf("%s %s: got %d %s %v, want %d", fn, ev.RouteKey, resp.StatusCode, resp.Body, err, want)
		}
		return resp
	}
	admin := func(ev events.APIGatewayV2HTTPRequest) events.APIGatewayV2HTTPRequest {
		return apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin)
	}

	// The catalog: the directory, one expert, free slots.
	for _, name := range []string{"list-experts", "get-expert", "list-slots"} {
		invoke(registry.Catalog, apptest.Event(t, name), http.StatusOK)
	}
	// Bookings: book (with an idempotency key), read, calendar, move, cancel.
	created := apptest.Body[api.CreatedBookingView](t, invoke(registry.Bookings, apptest.BookingEvent(t, env.FreeSlots(apptest.Tuesday)[0]), http.StatusCreated))
	id, token := created.Booking.ID, created.ManageToken
	invoke(registry.Bookings, apptest.WithBooking(apptest.Event(t, "get-booking"), id, token), http.StatusOK)
	invoke(registry.Bookings, apptest.WithBooking(apptest.Event(t, "get-booking-calendar"), id, token), http.StatusOK)
	invoke(registry.Bookings, apptest.RescheduleEvent(t, id, token, env.FreeSlots(apptest.Wednesday)[0]), http.StatusOK)
	invoke(registry.Bookings, apptest.WithBooking(apptest.Event(t, "cancel-booking"), id, token), http.StatusOK)

	// Events: the listing, an event, three registrations for one seat
	// (the first with an idempotency key), reading one and its calendar,
	// a cancellation that offers the seat to the second.
	accessEvent(t, env)
	accessSurveys(t, env, invoke) // surveys_access_test.go
	for _, name := range []string{"list-events", "get-event"} {
		invoke(registry.Events, eventSample(t, name, ""), http.StatusOK)
	}
	cert := apptest.Event(t, "verify-certificate") // a certificate of the event
	cert.PathParameters = map[string]string{"code": certcode.New(certcode.Key(env.Deps.Config.OutboxKey), "EVENT_ID", "reg")}
	invoke(registry.Events, cert, http.StatusOK)
	var regs []api.CreatedRegistrationView
	for i, email := range []string{"", "druha@example.cz", "treti@example.cz"} {
		ev := eventSample(t, "create-registration", "")
		if i > 0 {
			ev = withEmail(t, apptest.WithHeader(ev, "idempotency-key", ""), email)
		}
		regs = append(regs, apptest.Body[api.CreatedRegistrationView](t, invoke(registry.Events, ev, http.StatusCreated)))
	}
	first := regs[0]
	invoke(registry.Events, eventSample(t, "get-registration", first.Registration.ID, first.ManageToken), http.StatusOK)
	invoke(registry.Events, eventSample(t, "get-registration-calendar", first.Registration.ID, first.ManageToken), http.StatusOK)
	// The ESF+ answers: given, then given again (the item updated).
	for range 2 {
		invoke(registry.Events, eventSample(t, "submit-esf", first.Registration.ID, first.ManageToken), http.StatusOK)
	}
	invoke(registry.Events, eventSample(t, "withdraw-esf", first.Registration.ID, first.ManageToken), http.StatusOK)
	invoke(registry.Events, eventSample(t, "submit-esf", first.Registration.ID, first.ManageToken), http.StatusOK)
	invoke(registry.Events, eventSample(t, "cancel-registration", first.Registration.ID, first.ManageToken), http.StatusOK)
	// The offers job: the second's offer lapses (the seat goes to the
	// third), then the third's (nobody waits: the seat is free again).
	sweep, err := wire.MustGet(registry.WorkshopOffers).Build(ctx, build(registry.WorkshopOffers))
	if err != nil {
		t.Fatal(err)
	}
	scheduled, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "scheduled-workshop-offers.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, at := range []time.Time{apptest.DefaultNow.Add(25 * time.Hour), apptest.DefaultNow.Add(50 * time.Hour)} {
		env.Clock.Set(at)
		if out, err := sweep.Invoke(ctx, scheduled); err != nil || !strings.Contains(string(out), `"expired":1`) {
			t.Fatalf("workshop offers: got %s, %v, want 1 expired", out, err)
		}
	}
	env.Clock.Set(apptest.DefaultNow)

	// Reminders: tomorrow's (Tuesday's) booking.
	book := func(start time.Time, key string) api.CreatedBookingView {
		ev := apptest.WithHeader(apptest.BookingEvent(t, start), "idempotency-key", key)
		return apptest.Body[api.CreatedBookingView](t, invoke(registry.Bookings, ev, http.StatusCreated))
	}
	second := book(env.FreeSlots(apptest.Tuesday)[0], "access-test-second")
	third := book(env.FreeSlots(apptest.Thursday)[0], "access-test-third") // erased below
	remind, err := wire.MustGet(registry.Reminders).Build(ctx, build(registry.Reminders))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := remind.Invoke(ctx, []byte("{}")); err != nil || string(out) != `{"queued":1}` {
		t.Fatalf("reminders: got %s, %v, want 1 queued", out, err)
	}

	// Workshop reminders: a confirmed registration of an event in two days.
	seedWorkshop(t, env, cz.DateOf(env.Clock.Now()).AddDays(2))
	wsRemind, err := wire.MustGet(registry.WorkshopReminders).Build(ctx, build(registry.WorkshopReminders))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := wsRemind.Invoke(ctx, []byte("{}")); err != nil || string(out) != `{"queued":1}` {
		t.Fatalf("workshop reminders: got %s, %v, want 1 queued", out, err)
	}

	// Staff: who am I, experts (create with a staff account, then move the
	// account to another expert), availability, bookings, outcome, and the
	// erasure of a future booking (which cancels it and tells the expert).
	for _, name := range []string{"staff-me", "staff-list-bookings", "staff-set-availability", "staff-preview-availability"} {
		invoke(registry.Staff, apptest.Event(t, name), http.StatusOK)
	}
	invoke(registry.Staff, apptest.WithClaims(apptest.Event(t, "staff-list-bookings"), app.DemoExpertSubject, auth.GroupExpert), http.StatusOK)
	invoke(registry.Staff, admin(apptest.Event(t, "staff-create-expert")), http.StatusCreated)
	env.Clock.Set(apptest.Tuesday.At(18 * 60))
	invoke(registry.Staff, admin(apptest.WithBooking(apptest.Event(t, "staff-set-outcome"), second.Booking.ID, "")), http.StatusOK)
	invoke(registry.Staff, admin(apptest.WithBooking(apptest.Event(t, "staff-erase"), third.Booking.ID, "")), http.StatusOK)
	// An admin's cancel-all of the sample's IČO: a booking still to come.
	book(env.FreeSlots(apptest.Wednesday.AddDays(7))[0], "access-test-fourth")
	invoke(registry.Staff, apptest.Event(t, "staff-cancel-all"), http.StatusOK)

	// Staff events: an organiser creates, lists, reads, changes and
	// publishes events; one is cancelled with a confirmed and a waitlisted
	// registration (seat given back, waiting entry removed, e-mails
	// queued); at the other people are checked in, a walk-in added, the
	// registrations exported (audited) and the event marked held.
	staffEvents(t, env, func(ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
		return invoke(registry.StaffEvents, ev, want)
	})

	// Staff surveys: create, list, read, save a draft, publish, read a
	// version, close.
	staffSurveys(t, func(ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
		return invoke(registry.StaffSurveys, ev, want)
	})

	// Survey results: aggregates, the CSV and XLSX exports and the CSVW
	// codebook of a survey with a response.
	surveyResultsAccess(t, env, func(ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
		return invoke(registry.SurveyResults, ev, want)
	})

	// Staff reports (issue #11): the reports' index, the catalogue and the
	// transformation register.
	staffReportsAccess(t, func(ev events.APIGatewayV2HTTPRequest, want int) events.APIGatewayV2HTTPResponse {
		return invoke(registry.StaffReports, ev, want)
	})

	// The outbox sender: a stream record, then a sweep of the rest.
	send, err := wire.MustGet(registry.OutboxSender).Build(ctx, build(registry.OutboxSender))
	if err != nil {
		t.Fatal(err)
	}
	stream, _ := json.Marshal(streamEvent(t, created.Booking.ID+"-0-confirmation-person"))
	for _, payload := range [][]byte{stream, []byte("{}")} {
		if out, err := send.Invoke(ctx, payload); err != nil || strings.Contains(string(out), "ItemIdentifier") {
			t.Fatalf("outbox sender: got %s, %v, want no failures", out, err)
		}
	}

	// Survey invitations: the day after the consultation held above, and
	// the day after the event at which people were checked in; a week
	// after each, the reminder, which reads the booking, the registration
	// and the event again.
	seedEvaluationSurveys(t, env)
	invite, err := wire.MustGet(registry.SurveyInvitations).Build(ctx, build(registry.SurveyInvitations))
	if err != nil {
		t.Fatal(err)
	}
	for _, step := range []struct {
		day  cz.Date
		want string
	}{
		{apptest.Wednesday, `"invited":1,"reminded":0`},
		{apptest.Wednesday.AddDays(7), `"invited":0,"reminded":1`},
		{cz.Date{Year: 2026, Month: 12, Day: 11}, `"reminded":0`},
		{cz.Date{Year: 2026, Month: 12, Day: 18}, `"invited":0`},
	} {
		env.Clock.Set(step.day.At(10 * 60))
		if out, err := invite.Invoke(ctx, []byte("{}")); err != nil || !strings.Contains(string(out), step.want) || strings.Contains(string(out), `"invited":0,"reminded":0`) {
			t.Fatalf("survey invitations on %s: got %s, %v, want %s and something done", step.day, out, err, step.want)
		}
	}

	// Report compile: November's report (reportcompile_access_test.go).
	reportCompileAccess(t, build)

	// Retention: more than a year later, the consultations above are
	// erased (their e-mail copies deleted).
	env.Clock.Set(apptest.Thursday.AddDays(400).Start())
	keep, err := wire.MustGet(registry.Retention).Build(ctx, build(registry.Retention))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := keep.Invoke(ctx, []byte("{}")); err != nil || !strings.Contains(string(out), `"erased":3`) {
		t.Fatalf("retention: got %s, %v, want 3 erased (the first, second and fourth; the third was erased by an admin)", out, err)
	}

	// Workshop retention: a registration (with its e-mail item, limit hold,
	// e-mail copy and idempotency record) for an event that ended more than
	// a year ago is erased.
	seedPastRegistration(t, env.Deps.EnvFor(registry.WorkshopRetention), apptest.Thursday)
	wkeep, err := wire.MustGet(registry.WorkshopRetention).Build(ctx, build(registry.WorkshopRetention))
	if err != nil {
		t.Fatal(err)
	}
	// Every registration above is past by now: the seeded one and the
	// events' own, but the one an admin erased in the staff-events step.
	out, err := wkeep.Invoke(ctx, []byte("{}"))
	var run workshops.RetentionRun
	if err != nil || json.Unmarshal(out, &run) != nil || run.Erased == 0 || run.Erased != run.Checked-1 || run.Skipped != 0 {
		t.Fatalf("workshop retention: got %s, %v, want every registration checked erased", out, err)
	}

	// Mail events: the sample SES bounce through SNS.
	events, err := wire.MustGet(registry.MailEvents).Build(ctx, build(registry.MailEvents))
	if err != nil {
		t.Fatal(err)
	}
	bounce, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "ses-bounce.json"))
	if err != nil {
		t.Fatal(err)
	}
	if out, err := events.Invoke(ctx, bounce); err != nil || !strings.Contains(string(out), `"suppressed":1`) {
		t.Fatalf("mail events: got %s, %v, want 1 suppressed", out, err)
	}

	for _, f := range registry.Functions() {
		t.Run(f.Name, func(t *testing.T) {
			allowed := declared(f)
			var seen []string
			for k := range rec[f.Name].seen {
				seen = append(seen, k)
			}
			slices.Sort(seen)
			for _, k := range seen {
				if !allowed[k] {
					t.Errorf("did %q, which the registry does not allow", k)
				}
			}
			// Each action, key prefix and index declared is used.
			var unused []string
			for _, a := range f.Table.Actions {
				if !slices.ContainsFunc(seen, func(s string) bool { return strings.HasPrefix(s, string(a)+" ") }) {
					unused = append(unused, string(a))
				}
			}
			for _, k := range append(slices.Clone(f.Table.Keys), f.Table.ReadKeys...) {
				if !slices.ContainsFunc(seen, func(s string) bool { return strings.HasSuffix(s, " "+k) }) {
					unused = append(unused, k)
				}
			}
			for _, ix := range f.Table.Indexes {
				if !slices.Contains(seen, "index "+ix.Name) {
					unused = append(unused, "index "+ix.Name)
				}
			}
			if len(unused) > 0 {
				t.Errorf("declared but not used: %v (did %v)", unused, seen)
			}
		})
	}
}

// seedEvaluationSurveys creates and publishes the demo evaluation surveys
// of consultations and events, straight through the storage adapter.
func seedEvaluationSurveys(t *testing.T, env *apptest.Env) {
	t.Helper()
	ctx := context.Background()
	store := surveydb.New(dynamo.New(env.Client, env.Table))
	now := env.Clock.Now()
	for id, def := range map[string]surveys.Definition{"eval-consultations": demo.EvaluationConsultation(), "eval-events": demo.EvaluationEvent()} {
		sv, _, err := store.Create(ctx, surveys.Survey{ID: id, Kind: def.Kind, Audience: def.Audience, Title: def.Title, CreatedAt: now, CreatedBy: "evaluator-1"}, def)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := store.Publish(ctx, id, sv.Rev, 1, now); err != nil {
			t.Fatal(err)
		}
	}
}

// seedWorkshop writes a published event on day with one confirmed
// registration, straight through the storage adapter.
func seedWorkshop(t *testing.T, env *apptest.Env, day cz.Date) {
	t.Helper()
	ctx := context.Background()
	store := workshopdb.New(dynamo.New(env.Client, env.Table))
	now := env.Clock.Now()
	start := day.At(10 * 60).UTC()
	e := workshops.Event{
		ID: "ev-access", Kind: workshops.KindWorkshop, Title: workshops.Text{CS: "Workshop"},
		Sessions: []workshops.Session{{Start: start, End: start.Add(2 * time.Hour)}},
		Mode:     workshops.ModeInPerson, Venue: workshops.Venue{Name: "Sál", Address: "Na Poříčním právu 1, Praha"},
		Capacity: workshops.Capacity{InPerson: 5}, RegistrationOpens: now.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventPublished, Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := store.PutEvent(ctx, e, 0); err != nil {
		t.Fatal(err)
	}
	r := workshops.Registration{
		ID: "reg-access", EventID: e.ID, Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
		Contact: workshops.Contact{Name: "Jana Nováková", Email: "jana.novakova@example.cz"}, Lang: "cs",
		EmailHash: "access", Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	if err := store.WriteRegistrations(ctx, workshops.RegistrationWrite{
		EventID: e.ID, Seat: r.Seat, SeatDelta: 1, Capacity: 5, Changes: []workshops.Change{{Reg: r}},
	}); err != nil {
		t.Fatal(err)
	}
}

// accessEvent stores the event the sample events name: one seat, on 10
// December 2026 in Brno, with the questions the sample registration answers.
func accessEvent(t *testing.T, env *apptest.Env) {
	t.Helper()
	d := cz.Date{Year: 2026, Month: 12, Day: 10}
	start := d.At(9 * 60).UTC()
	e := workshops.Event{
		ID: "EVENT_ID", Kind: workshops.KindWorkshop, Title: workshops.Text{CS: "Workshop"},
		Region: "CZ064", Sessions: []workshops.Session{{Start: start, End: start.Add(3 * time.Hour)}},
		Mode: workshops.ModeInPerson, Venue: workshops.Venue{Name: "Krajský úřad", Address: "Brno"},
		Capacity: workshops.Capacity{InPerson: 1},
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionShortText, Label: workshops.Text{CS: "Téma"}},
			{ID: "q2", Kind: workshops.QuestionSingle, Label: workshops.Text{CS: "Zkušenost"}, Options: []workshops.Text{{CS: "ne"}, {CS: "ano"}}},
		},
		RegistrationOpens: apptest.DefaultNow.Add(-time.Hour), RegistrationCloses: start.Add(-24 * time.Hour),
		Status: workshops.EventPublished, Version: 1, CreatedAt: apptest.DefaultNow, UpdatedAt: apptest.DefaultNow,
	}
	if err := workshopdb.New(dynamo.New(env.Client, env.Table)).PutEvent(context.Background(), e, 0); err != nil {
		t.Fatal(err)
	}
}

// eventSample loads a sample event of the events function, for a
// registration id and token when given (the event id is the samples' own).
func eventSample(t *testing.T, name, id string, token ...string) events.APIGatewayV2HTTPRequest {
	ev := apptest.Event(t, name)
	if id != "" {
		ev.PathParameters = map[string]string{"registrationId": id}
		ev.RawPath = strings.ReplaceAll(ev.RawPath, "REGISTRATION_ID", id)
		ev.RequestContext.HTTP.Path = ev.RawPath
	}
	if len(token) > 0 {
		ev = apptest.WithHeader(ev, "registration-token", token[0])
	}
	return ev
}

func withEmail(t *testing.T, ev events.APIGatewayV2HTTPRequest, email string) events.APIGatewayV2HTTPRequest {
	var body map[string]any
	if err := json.Unmarshal([]byte(ev.Body), &body); err != nil {
		t.Fatal(err)
	}
	body["contact"].(map[string]any)["email"] = email
	return apptest.WithBody(ev, body)
}
