package workshopdb_test

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/dynamotest"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// now: Monday 30 November 2026, 9:00 Prague.
var now = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// testCore stores registrations the simplest way (the JSON of the struct
// in one attribute, with a version), standing in for wcore's registration
// storage behind workshopdb.Core: the ESF+, limit and erasure items under
// test are the real ones on DynamoDB Local.
type testCore struct {
	db     *dynamo.Store
	mu     sync.Mutex
	events map[string]workshops.Event
}

type regItem struct {
	PK, SK  string
	Type    string `dynamodbav:"type"`
	Version int    `dynamodbav:"version"`
	Body    string `dynamodbav:"body"`
}

func (c *testCore) RegistrationKey(id string) dynamo.Key {
	return dynamo.Key{PK: "TESTREG#" + id, SK: "REG"}
}

func (c *testCore) UniquenessKey(eventID, email string) dynamo.Key {
	return dynamo.Key{PK: "TESTUNIQ#" + eventID, SK: strings.ToLower(email)}
}

func (c *testCore) RegistrationPut(r workshops.Registration, prev int) (dynamo.TxItem, error) {
	b, err := json.Marshal(r)
	if err != nil {
		return dynamo.TxItem{}, err
	}
	k := c.RegistrationKey(r.ID)
	return c.db.PutIfVersion(regItem{PK: k.PK, SK: k.SK, Type: "test-registration", Version: r.Version, Body: string(b)}, prev, workshops.ReasonErasureRace)
}

func (c *testCore) GetRegistration(ctx context.Context, id string) (workshops.Registration, error) {
	it, found, err := dynamo.Get[regItem](ctx, c.db, c.RegistrationKey(id), dynamo.Consistent)
	if err != nil {
		return workshops.Registration{}, err
	}
	if !found {
		return workshops.Registration{}, apperr.New(apperr.NotFound, "registration_not_found")
	}
	var r workshops.Registration
	err = json.Unmarshal([]byte(it.Body), &r)
	return r, err
}

func (c *testCore) GetEvent(_ context.Context, id string) (workshops.Event, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.events[id]
	if !ok {
		return workshops.Event{}, apperr.New(apperr.NotFound, "event_not_found")
	}
	return e, nil
}

type fixture struct {
	t       *testing.T
	client  *dynamodb.Client
	table   string
	core    *testCore
	privacy *workshopdb.Privacy
	clock   time.Time
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	client := dynamotest.Client(t)
	table := dynamotest.NewTable(t, func(ctx context.Context, c *dynamodb.Client, name string) error {
		return dynamo.EnsureTable(ctx, c, name)
	})
	db := dynamo.New(client, table)
	core := &testCore{db: db, events: map[string]workshops.Event{}}
	f := &fixture{t: t, client: client, table: table, core: core, clock: now,
		privacy: workshopdb.NewPrivacy(db, core, []byte("test identity key"))}
	return f
}

func (f *fixture) now() time.Time { return f.clock }

// event is a published in-person workshop on Wednesday 16 December 2026.
func (f *fixture) event(id string) workshops.Event {
	start := time.Date(2026, 12, 16, 8, 0, 0, 0, time.UTC)
	e := workshops.Event{ID: id, Kind: workshops.KindWorkshop, Title: workshops.Text{CS: "Dílna"}, Region: "CZ064",
		Sessions: []workshops.Session{{Start: start, End: start.Add(4 * time.Hour)}}, Mode: workshops.ModeInPerson,
		Capacity: workshops.Capacity{InPerson: 30}, Status: workshops.EventPublished, Version: 1}
	f.core.mu.Lock()
	f.core.events[id] = e
	f.core.mu.Unlock()
	return e
}

// register stores a confirmed registration as a registration transaction
// would: the registration, the e-mail's uniqueness item and a limit hold.
func (f *fixture) register(id string, e workshops.Event, email string, g programme.TargetGroup) workshops.Registration {
	f.t.Helper()
	r := workshops.Registration{
		ID: id, EventID: e.ID, Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
		Contact: workshops.Contact{Name: "Marie Procházková", Email: email, Phone: "+420603123456"},
		Org:     workshops.Organisation{Name: "Domov Slunečnice", ICO: "00551023"}, JobRole: "sociální pracovnice",
		Region: "CZ064", TargetGroup: g, Answers: map[string][]string{"q1": {"Marie ráda peče"}},
		Needs:     workshops.Needs{Wheelchair: true, Other: "vodicí pes"},
		ConsentAt: now, ConsentVer: "2026-11", Lang: "cs", TokenHash: []byte("hash-of-token"),
		Queue: "000001", Version: 1, CreatedAt: now, UpdatedAt: now,
	}
	ctx := context.Background()
	put, err := f.core.RegistrationPut(r, 0)
	if err != nil {
		f.t.Fatal(err)
	}
	uk := f.core.UniquenessKey(e.ID, email)
	uniq, err := f.privacy.PutIfAbsent(map[string]types.AttributeValue{"PK": dynamo.S(uk.PK), "SK": dynamo.S(uk.SK), "type": dynamo.S("test-uniqueness")}, "already_registered")
	if err != nil {
		f.t.Fatal(err)
	}
	identity := workshops.EmailIdentity(f.privacy.IdentityKey, email)
	states, err := f.privacy.Holds(ctx, identity)
	if err != nil {
		f.t.Fatal(err)
	}
	h, err := workshops.PickHold(identity, states, workshops.DefaultLimits(), f.now())
	if err != nil {
		f.t.Fatal(err)
	}
	hold, err := f.privacy.HoldPut(h, r.ID, e.End(), f.now())
	if err != nil {
		f.t.Fatal(err)
	}
	if err := f.privacy.Transact(ctx, "register", []dynamo.TxItem{put, uniq, hold}); err != nil {
		f.t.Fatalf("register %s: %v", id, err)
	}
	return r
}

func (f *fixture) esf() workshops.EsfService {
	return workshops.EsfService{Store: f.privacy, Registration: f.core.GetRegistration, Event: f.core.GetEvent,
		NoticeVersion: "2026-11", Now: f.now}
}

func (f *fixture) scan() []map[string]types.AttributeValue {
	f.t.Helper()
	var items []map[string]types.AttributeValue
	in := &dynamodb.ScanInput{TableName: aws.String(f.table), ConsistentRead: aws.Bool(true)}
	for {
		out, err := f.client.Scan(context.Background(), in)
		if err != nil {
			f.t.Fatalf("scan: %v", err)
		}
		items = append(items, out.Items...)
		if len(out.LastEvaluatedKey) == 0 {
			return items
		}
		in.ExclusiveStartKey = out.LastEvaluatedKey
	}
}

// strings lists every string anywhere in an item (names, values, nested).
func allStrings(av types.AttributeValue) []string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return []string{v.Value}
	case *types.AttributeValueMemberN:
		return []string{v.Value}
	case *types.AttributeValueMemberSS:
		return v.Value
	case *types.AttributeValueMemberL:
		var out []string
		for _, x := range v.Value {
			out = append(out, allStrings(x)...)
		}
		return out
	case *types.AttributeValueMemberM:
		var out []string
		for k, x := range v.Value {
			out = append(out, k)
			out = append(out, allStrings(x)...)
		}
		return out
	}
	return nil
}

func itemText(it map[string]types.AttributeValue) string {
	var parts []string
	for k, v := range it {
		parts = append(parts, k)
		parts = append(parts, allStrings(v)...)
	}
	return strings.Join(parts, "\x00")
}

func sval(it map[string]types.AttributeValue, name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func describe(err error) string {
	if err == nil {
		return "<nil>"
	}
	if e, ok := apperr.As(err); ok {
		return e.Code.String() + " " + e.Reason
	}
	return "internal: " + err.Error()
}

var answers = workshops.EsfInput{Consent: true, Gender: "woman", AgeBand: "30_54", Disability: "yes"}

// TestErasureLeavesTheEsfAnswersJoinedToNobody is the privacy promise of
// issue #9: after the registration's erasure the ESF+ answers still count,
// and nothing in the table joins them to the person any more.
func TestErasureLeavesTheEsfAnswersJoinedToNobody(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.event("ev1")
	r := f.register("reg1", e, "Marie@Example.cz", programme.TargetProvider)
	if _, err := f.esf().Submit(ctx, r, answers); err != nil {
		t.Fatalf("submit: %v", err)
	}
	r, err := f.core.GetRegistration(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := r.EsfKey
	if key == "" {
		t.Fatal("the registration has no EsfKey after the submission")
	}

	t.Run("the ESF+ item holds no personal data besides the answers", func(t *testing.T) {
		it := f.scanOne(workshopdb.KeyEsfPrefix + key)
		text := itemText(it)
		for _, banned := range []string{"reg1", "Marie", "marie@example.cz", "Marie@Example.cz", "+420603123456", "00551023", "Domov"} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(banned)) {
				t.Errorf("ESF+ item holds %q: %v", banned, it)
			}
		}
		if got := sval(it, "consentDay"); got != "2026-11-30" {
			t.Errorf("consentDay %q, want the Prague day only", got)
		}
		if got := sval(it, "eventId"); got != "ev1" {
			t.Errorf("eventId %q", got)
		}
	})

	eraser := workshops.Eraser{Store: f.privacy, Now: f.now}
	f.clock = e.End().Add(24 * time.Hour) // after the event: nothing to cancel
	// The person attended first, so the statistics have something to keep.
	attend, err := f.privacy.AttendEsf(ctx, key, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.privacy.Transact(ctx, "check in", []dynamo.TxItem{attend}); err != nil {
		t.Fatal(err)
	}
	erased, err := eraser.Erase(ctx, auth.Principal{Subject: "admin", Groups: []string{auth.GroupAdmin}}, r.ID)
	if err != nil {
		t.Fatalf("erase: %v", err)
	}
	if erased.EsfKey != "" || erased.Contact != (workshops.Contact{}) || erased.TokenHash != nil || erased.Answers != nil || erased.Needs != (workshops.Needs{}) || erased.JobRole != "" || erased.Org.Name != "" {
		t.Errorf("erased registration keeps personal data: %+v", erased)
	}

	t.Run("the kept record holds the counted facts and nothing else", func(t *testing.T) {
		got, err := f.core.GetRegistration(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := workshops.Registration{ID: r.ID, EventID: "ev1", Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
			Region: "CZ064", TargetGroup: programme.TargetProvider, Org: workshops.Organisation{ICO: "00551023"},
			ConsentAt: now, ConsentVer: "2026-11", Queue: "000001", Version: 3, CreatedAt: now, UpdatedAt: f.clock, ErasedAt: f.clock}
		if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
			t.Errorf("kept:\n got %s\nwant %s", g, w)
		}
	})

	t.Run("nothing in the table joins the ESF+ item to the person", func(t *testing.T) {
		for _, it := range f.scan() {
			pk := sval(it, "PK")
			text := strings.ToLower(itemText(it))
			if pk == workshopdb.KeyEsfPrefix+key {
				continue
			}
			if strings.Contains(itemText(it), key) {
				t.Errorf("item %s still holds the ESF+ key", pk)
			}
			for _, banned := range []string{"marie", "+420603123456", "peče", "vodicí", "hash-of-token"} {
				if strings.Contains(text, banned) {
					t.Errorf("item %s %s still holds %q", pk, sval(it, "SK"), banned)
				}
			}
		}
		if it := f.scanOne(f.core.UniquenessKey("ev1", "Marie@Example.cz").PK); it != nil {
			t.Errorf("the uniqueness item is still there: %v", it)
		}
		identity := workshops.EmailIdentity(f.privacy.IdentityKey, "marie@example.cz")
		if holds, err := f.privacy.Holds(ctx, identity); err != nil || len(holds) != 0 {
			t.Errorf("holds after erasure: %v %v", holds, err)
		}
	})

	t.Run("the answers still count", func(t *testing.T) {
		m, err := f.privacy.CountEsf(ctx, "2026-12")
		if err != nil {
			t.Fatal(err)
		}
		if m.Registered.Total != 1 || m.Registered.Gender["woman"] != 1 || m.Registered.Disability["yes"] != 1 || m.Registered.AgeBand["30_54"] != 1 {
			t.Errorf("registered %+v", m.Registered)
		}
		if m.Attended.Total != 1 || m.Attended.Gender["woman"] != 1 {
			t.Errorf("attended %+v", m.Attended)
		}
	})

	t.Run("a second erasure is refused and changes nothing", func(t *testing.T) {
		_, err := eraser.Erase(ctx, auth.Principal{Subject: "admin", Groups: []string{auth.GroupAdmin}}, r.ID)
		if got := describe(err); got != "conflict already_erased" {
			t.Errorf("second erasure: %s", got)
		}
	})
}

// scanOne returns the item with partition key pk (nil when none).
func (f *fixture) scanOne(pk string) map[string]types.AttributeValue {
	for _, it := range f.scan() {
		if sval(it, "PK") == pk {
			return it
		}
	}
	return nil
}

func TestErasureKeepsTheIcoOnlyForOrganisations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.event("ev1")
	r := f.register("reg1", e, "jan@example.cz", programme.TargetClient)
	f.clock = e.End().Add(time.Hour)
	erased, err := workshops.Eraser{Store: f.privacy, Now: f.now}.Erase(ctx, auth.Principal{Groups: []string{auth.GroupAdmin}}, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	if erased.Org.ICO != "" {
		t.Errorf("a client's erased registration keeps the IČO %q", erased.Org.ICO)
	}
	if _, err := (workshops.Eraser{Store: f.privacy, Now: f.now}).Erase(ctx, auth.Principal{Groups: []string{auth.GroupOrganiser}}, r.ID); describe(err) != "forbidden forbidden" {
		t.Errorf("an organiser erases: %s", describe(err))
	}
}

func TestEsfSubmission(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.event("ev1")
	r := f.register("reg1", e, "marie@example.cz", programme.TargetProvider)
	svc := f.esf()

	t.Run("the same body twice changes nothing", func(t *testing.T) {
		for range 2 {
			got, err := svc.Submit(ctx, r, answers)
			if err != nil {
				t.Fatal(err)
			}
			if got != (workshops.EsfReply{Gender: "woman", AgeBand: "30_54", Disability: "yes"}) {
				t.Errorf("reply %+v", got)
			}
			if r, err = f.core.GetRegistration(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		n := 0
		for _, it := range f.scan() {
			if strings.HasPrefix(sval(it, "PK"), workshopdb.KeyEsfPrefix) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d ESF+ items, want 1", n)
		}
	})
	t.Run("other answers replace the earlier ones; prefer not to say is no answer", func(t *testing.T) {
		if _, err := svc.Submit(ctx, r, workshops.EsfInput{Consent: true, Gender: "prefer_not_to_say", AgeBand: "55_plus"}); err != nil {
			t.Fatal(err)
		}
		rec, err := f.privacy.GetEsf(ctx, r.EsfKey)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Answers.Gender != "" || rec.Answers.AgeBand != "55_plus" || rec.Answers.Disability != "" {
			t.Errorf("answers %+v", rec.Answers)
		}
	})
	t.Run("without consent or with unknown answers nothing is stored", func(t *testing.T) {
		r2 := f.register("reg2", e, "petr@example.cz", programme.TargetProvider)
		_, err := svc.Submit(ctx, r2, workshops.EsfInput{Gender: "woman", AgeBand: "99"})
		ae, ok := apperr.As(err)
		if !ok || ae.Code != apperr.Invalid {
			t.Fatalf("got %v", err)
		}
		var fields []string
		for _, fe := range ae.Fields {
			fields = append(fields, fe.Field+":"+fe.Rule)
		}
		if !slices.Equal(fields, []string{"consent:esf_consent", "ageBand:oneof"}) {
			t.Errorf("fields %v", fields)
		}
		got, _ := f.core.GetRegistration(ctx, r2.ID)
		if got.EsfKey != "" || got.Version != r2.Version {
			t.Errorf("registration changed: %+v", got)
		}
	})
	t.Run("a cancelled registration takes none", func(t *testing.T) {
		r3 := f.register("reg3", e, "eva@example.cz", programme.TargetProvider)
		r3.Status, r3.Version = workshops.RegCancelled, r3.Version+1
		put, _ := f.core.RegistrationPut(r3, r3.Version-1)
		if err := f.privacy.Transact(ctx, "cancel", []dynamo.TxItem{put}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, r3, answers); describe(err) != "conflict esf_closed" {
			t.Errorf("got %s", describe(err))
		}
	})
	t.Run("a submission racing a change of the registration reads it again", func(t *testing.T) {
		r4 := f.register("reg4", e, "ota@example.cz", programme.TargetProvider)
		stale := r4
		r4.Status, r4.Version, r4.CheckedInAt = workshops.RegAttended, r4.Version+1, now
		put, _ := f.core.RegistrationPut(r4, r4.Version-1)
		if err := f.privacy.Transact(ctx, "check in", []dynamo.TxItem{put}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, stale, answers); err != nil {
			t.Fatal(err)
		}
		got, _ := f.core.GetRegistration(ctx, r4.ID)
		if got.Status != workshops.RegAttended || got.EsfKey == "" {
			t.Fatalf("registration %+v", got)
		}
		rec, _ := f.privacy.GetEsf(ctx, got.EsfKey)
		if !rec.Attended || rec.Month != "2026-12" {
			t.Errorf("record %+v", rec)
		}
	})
}

// TestEsfSubmissionsAtOnce: the same registration's submission sent many
// times at once makes one item and one key.
func TestEsfSubmissionsAtOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.event("ev1")
	r := f.register("reg1", e, "marie@example.cz", programme.TargetProvider)
	svc := f.esf()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = svc.Submit(ctx, r, answers) }()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if describe(err) != "conflict registration_changed" {
			t.Errorf("unexpected %s", describe(err))
		}
	}
	if ok == 0 {
		t.Error("no submission succeeded")
	}
	n := 0
	for _, it := range f.scan() {
		if strings.HasPrefix(sval(it, "PK"), workshopdb.KeyEsfPrefix) {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d ESF+ items, want 1 (a key per registration)", n)
	}
}

// TestPerPersonLimit: concurrent registrations of one address never hold
// more than the limit, however they race.
func TestPerPersonLimit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	limits := workshops.Limits{PerPerson: 3}
	identity := workshops.EmailIdentity(f.privacy.IdentityKey, "marie@example.cz")
	if workshops.EmailIdentity(f.privacy.IdentityKey, " MARIE@example.cz ") != identity {
		t.Fatal("the identity is not normalised")
	}
	const n = 12
	var wg sync.WaitGroup
	results := make([]string, n)
	for i := range n {
		e := f.event(fmt.Sprintf("ev%02d", i))
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("reg%02d", i)
			for attempt := 1; ; attempt++ {
				states, err := f.privacy.Holds(ctx, identity)
				if err != nil {
					results[i] = err.Error()
					return
				}
				h, err := workshops.PickHold(identity, states, limits, now)
				if err != nil {
					results[i] = describe(err)
					return
				}
				item, err := f.privacy.HoldPut(h, id, e.End(), now)
				if err != nil {
					results[i] = err.Error()
					return
				}
				err = f.privacy.Transact(ctx, "register", []dynamo.TxItem{item})
				if apperr.Is(err, apperr.Conflict, workshops.ReasonLimitHoldTaken) && attempt < limits.HoldAttempts() {
					continue
				}
				results[i] = describe(err)
				return
			}
		}()
	}
	wg.Wait()
	count := map[string]int{}
	for _, r := range results {
		count[r]++
	}
	if count["<nil>"] != 3 || count["conflict registration_limit"] != n-3 {
		t.Errorf("results %v, want 3 registered and the rest registration_limit", count)
	}
	holds, err := f.privacy.Holds(ctx, identity)
	if err != nil || len(holds) != 3 {
		t.Fatalf("holds %v %v", holds, err)
	}

	t.Run("a released hold is free again, another's is not released", func(t *testing.T) {
		h := workshops.Hold{Identity: identity, N: holds[0].N}
		if err := f.privacy.Transact(ctx, "cancel", []dynamo.TxItem{f.privacy.HoldRelease(h, "someone-else")}); describe(err) != "conflict registration_hold_taken" {
			t.Errorf("release of another's hold: %s", describe(err))
		}
		if err := f.privacy.Transact(ctx, "cancel", []dynamo.TxItem{f.privacy.HoldRelease(h, holds[0].RegistrationID)}); err != nil {
			t.Fatal(err)
		}
		states, _ := f.privacy.Holds(ctx, identity)
		if _, err := workshops.PickHold(identity, states, limits, now); err != nil {
			t.Errorf("after a release: %s", describe(err))
		}
	})
	t.Run("a hold whose event has ended counts no more", func(t *testing.T) {
		states, _ := f.privacy.Holds(ctx, identity)
		later := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
		h, err := workshops.PickHold(identity, append(states, workshops.HoldState{N: 1, RegistrationID: "x", Until: now}), limits, later)
		if err != nil {
			t.Fatal(err)
		}
		item, _ := f.privacy.HoldPut(h, "reg-later", later.Add(time.Hour), later)
		if err := f.privacy.Transact(ctx, "register", []dynamo.TxItem{item}); err != nil {
			t.Errorf("claiming an ended hold: %s", describe(err))
		}
	})
}

func TestRetentionErasesPastRegistrations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.event("ev1")
	r := f.register("reg1", e, "marie@example.cz", programme.TargetProvider)
	if _, err := f.esf().Submit(ctx, r, answers); err != nil {
		t.Fatal(err)
	}
	store := retentionStore{Privacy: f.privacy, core: f.core, regs: map[string][]string{"ev1": {"reg1"}}}
	x := workshops.Eraser{Store: f.privacy, Now: f.now}

	f.clock = e.End().AddDate(0, 11, 0) // not yet due
	run, err := workshops.EraseExpired(ctx, store, x, 12)
	if err != nil || run.Erased != 0 {
		t.Fatalf("before due: %+v %v", run, err)
	}
	f.clock = e.End().AddDate(0, 13, 0)
	run, err = workshops.EraseExpired(ctx, store, x, 12)
	if err != nil || run.Erased != 1 {
		t.Fatalf("due: %+v %v", run, err)
	}
	got, _ := f.core.GetRegistration(ctx, "reg1")
	if got.ErasedAt.IsZero() || got.EsfKey != "" || got.Contact.Email != "" {
		t.Errorf("after retention %+v", got)
	}
	run, err = workshops.EraseExpired(ctx, store, x, 12)
	if err != nil || run.Erased != 0 || run.Checked != 1 {
		t.Errorf("second run %+v %v", run, err)
	}
	if m, _ := f.privacy.CountEsf(ctx, "2026-12"); m.Registered.Total != 1 {
		t.Errorf("the answers no longer count: %+v", m)
	}
}

// retentionStore lists the fixture's events and registrations (wcore's
// store lists them by index).
type retentionStore struct {
	*workshopdb.Privacy
	core *testCore
	regs map[string][]string
}

func (s retentionStore) EventsEndedBetween(_ context.Context, from, to time.Time) ([]workshops.Event, error) {
	var out []workshops.Event
	for _, e := range s.core.events {
		if !e.End().Before(from) && e.End().Before(to) {
			out = append(out, e)
		}
	}
	return out, nil
}

func (s retentionStore) Registrations(ctx context.Context, eventID string) ([]workshops.Registration, error) {
	var out []workshops.Registration
	for _, id := range s.regs[eventID] {
		r, err := s.core.GetRegistration(ctx, id)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
