package workshopdb_test

import (
	"context"
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
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

var esfAdmin = auth.Principal{Subject: "admin", Groups: []string{auth.GroupAdmin}}

// registration is a provider's registration body with personal data in
// every field, so that a test can look for each after erasure.
func registrationInput(email string, g programme.TargetGroup) workshops.RegistrationInput {
	return workshops.RegistrationInput{
		Contact:      workshops.ContactInput{Name: "Marie Procházková", Email: email, Phone: "+420603123456"},
		Organisation: workshops.OrganisationInput{Name: "Domov Slunečnice", ICO: "00551023"},
		TargetGroup:  string(g), JobRole: "sociální pracovnice", Region: "CZ064",
		Needs:   workshops.NeedsInput{Wheelchair: true, Other: "vodicí pes"},
		Consent: workshops.ConsentInput{Accepted: true, NoticeVersion: "2026-11"},
	}
}

func (f *fixture) registerPerson(eventID, email string, g programme.TargetGroup) workshops.Registration {
	f.t.Helper()
	reg, err := f.svc.Register(context.Background(), eventID, registrationInput(email, g), nil)
	if err != nil {
		f.t.Fatalf("register %s: %v", email, err)
	}
	return reg.Registration
}

func (f *fixture) esf() workshops.EsfService {
	return workshops.EsfService{Store: f.store, Registration: f.store.GetRegistration, Event: f.store.GetEvent,
		NoticeVersion: "2026-11", Now: f.clock.Now}
}

func (f *fixture) eraser() workshops.Eraser {
	return workshops.Eraser{Store: f.store, Cancel: f.svc.CancelForErasure, Now: f.clock.Now}
}

func (f *fixture) scanAll() []map[string]types.AttributeValue {
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

// esfItems counts the ESF+ items.
func (f *fixture) esfItems() int {
	n := 0
	for _, it := range f.scanAll() {
		if strings.HasPrefix(esfStr(it, "PK"), workshopdb.KeyEsfPrefix) {
			n++
		}
	}
	return n
}

// allStrings lists every string in an attribute value, names of map keys
// included.
func allStrings(av types.AttributeValue) []string {
	switch v := av.(type) {
	case *types.AttributeValueMemberS:
		return []string{v.Value}
	case *types.AttributeValueMemberN:
		return []string{v.Value}
	case *types.AttributeValueMemberB:
		return []string{string(v.Value)}
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

func esfStr(it map[string]types.AttributeValue, name string) string {
	if v, ok := it[name].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

func esfOutcome(err error) string {
	if err == nil {
		return "<nil>"
	}
	if e, ok := apperr.As(err); ok {
		return e.Code.String() + " " + e.Reason
	}
	return "internal: " + err.Error()
}

var esfAnswers = workshops.EsfInput{Consent: true, Gender: "woman", AgeBand: "30_54", Disability: "yes"}

// TestErasureLeavesTheEsfAnswersJoinedToNobody is the privacy promise of
// issue #9: after the registration's erasure the ESF+ answers still count,
// and nothing in the table joins them to the person any more.
func TestErasureLeavesTheEsfAnswersJoinedToNobody(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("ev1", 30))
	r := f.registerPerson(e.ID, "Marie@Example.cz", programme.TargetProvider)
	if _, err := f.esf().Submit(ctx, r, esfAnswers); err != nil {
		t.Fatalf("submit: %v", err)
	}
	r, err := f.store.GetRegistration(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	key := r.EsfKey
	if key == "" {
		t.Fatal("the registration has no EsfKey after the submission")
	}
	personal := []string{r.ID, "Marie", "marie@example.cz", "+420603123456", "Domov", "pracovnice", "vodicí", r.EmailHash}

	t.Run("the ESF+ item holds nothing of the person but the answers", func(t *testing.T) {
		it := f.rawItem(workshopdb.EsfKey(key))
		text := strings.ToLower(itemText(it))
		for _, p := range append(personal, "00551023") {
			if strings.Contains(text, strings.ToLower(p)) {
				t.Errorf("ESF+ item holds %q: %v", p, it)
			}
		}
		if got := esfStr(it, "consentDay"); got != "2026-11-30" {
			t.Errorf("consentDay %q, want the Prague day only", got)
		}
		if esfStr(it, "eventId") != "ev1" || esfStr(it, "gender") != "woman" || esfStr(it, "disability") != "yes" {
			t.Errorf("item %v", it)
		}
	})

	// The person attends (check-in adds AttendEsf to its transaction).
	f.clock.Set(e.Start().Add(10 * time.Minute))
	attend, err := f.store.AttendEsf(ctx, key, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.Transact(ctx, "check in", []dynamo.TxItem{attend}); err != nil {
		t.Fatal(err)
	}

	f.clock.Set(e.End().Add(24 * time.Hour))
	erased, err := f.eraser().Erase(ctx, esfAdmin, r.ID)
	if err != nil {
		t.Fatalf("erase: %v", err)
	}

	t.Run("the kept record holds the counted facts and nothing else", func(t *testing.T) {
		got, err := f.store.GetRegistration(ctx, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		at := f.clock.Now()
		want := workshops.Registration{ID: r.ID, EventID: "ev1", Seat: workshops.SeatInPerson, Status: workshops.RegConfirmed,
			Region: "CZ064", TargetGroup: programme.TargetProvider, Org: workshops.Organisation{ICO: "00551023"},
			ConsentAt: r.ConsentAt, ConsentVer: "2026-11", Version: r.Version + 1, CreatedAt: r.CreatedAt, UpdatedAt: at, ErasedAt: at}
		if g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want); g != w {
			t.Errorf("kept:\n got %s\nwant %s", g, w)
		}
		if g, w := fmt.Sprintf("%+v", erased), fmt.Sprintf("%+v", want); g != w {
			t.Errorf("answered:\n got %s\nwant %s", g, w)
		}
	})

	t.Run("nothing in the table joins the ESF+ item to the person", func(t *testing.T) {
		for _, it := range f.scanAll() {
			pk, sk := esfStr(it, "PK"), esfStr(it, "SK")
			if pk == workshopdb.EsfKey(key).PK {
				continue
			}
			text := itemText(it)
			if strings.Contains(text, key) {
				t.Errorf("item %s %s still holds the ESF+ key", pk, sk)
			}
			if pk == "REGISTRATION#"+r.ID {
				continue // its id is the kept record's own
			}
			if strings.Contains(text, r.ID) {
				t.Errorf("item %s %s still points at the registration", pk, sk)
			}
		}
		for _, it := range f.scanAll() {
			text := strings.ToLower(itemText(it))
			for _, p := range personal[1:] {
				if strings.Contains(text, strings.ToLower(p)) {
					t.Errorf("item %s %s still holds %q", esfStr(it, "PK"), esfStr(it, "SK"), p)
				}
			}
		}
	})

	t.Run("the answers still count", func(t *testing.T) {
		m, err := f.store.CountEsf(ctx, "2026-12")
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
		if _, err := f.eraser().Erase(ctx, esfAdmin, r.ID); esfOutcome(err) != "conflict registration_already_erased" {
			t.Errorf("second erasure: %s", esfOutcome(err))
		}
	})
}

func (f *fixture) rawItem(k dynamo.Key) map[string]types.AttributeValue {
	f.t.Helper()
	out, err := f.client.GetItem(context.Background(), &dynamodb.GetItemInput{
		TableName: aws.String(f.table), ConsistentRead: aws.Bool(true), Key: k.AV(),
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return out.Item
}

// TestErasureOfAFutureRegistration: a registration for an event to come is
// cancelled first (its seat goes to the first person waiting), then erased;
// the person may register again.
func TestErasureOfAFutureRegistration(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("ev1", 1))
	first := f.registerPerson(e.ID, "jan@example.cz", programme.TargetClient)
	second := f.registerPerson(e.ID, "eva@example.cz", programme.TargetClient)
	if first.Status != workshops.RegConfirmed || second.Status != workshops.RegWaitlisted {
		t.Fatalf("statuses %s %s", first.Status, second.Status)
	}
	erased, err := f.eraser().Erase(ctx, esfAdmin, first.ID)
	if err != nil {
		t.Fatalf("erase: %v", err)
	}
	if erased.Status != workshops.RegCancelled || erased.Org.ICO != "" || erased.Contact.Email != "" || erased.EmailHash != "" {
		t.Errorf("erased %+v", erased)
	}
	if got, _ := f.store.GetRegistration(ctx, second.ID); got.Status != workshops.RegOffered {
		t.Errorf("the freed seat was not offered on: %s", got.Status)
	}
	if got := f.counter("EVENT#ev1", "SEATS#in_person"); got != 1 {
		t.Errorf("seats taken %d, want 1 (held for the offer)", got)
	}
	for _, it := range f.scanAll() {
		if strings.Contains(strings.ToLower(itemText(it)), "jan@example.cz") {
			t.Errorf("item %s %s still holds the address", esfStr(it, "PK"), esfStr(it, "SK"))
		}
	}
	if _, err := f.svc.Register(ctx, e.ID, registrationInput("jan@example.cz", programme.TargetClient), nil); err != nil {
		t.Errorf("registering again after erasure: %v", err)
	}
	if _, err := (workshops.Eraser{Store: f.store, Now: f.clock.Now}).Erase(ctx, auth.Principal{Subject: "o", Groups: []string{auth.GroupOrganiser}}, second.ID); esfOutcome(err) != "forbidden forbidden" {
		t.Errorf("an organiser erases: %s", esfOutcome(err))
	}
}

func TestEsfSubmission(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("ev1", 30))
	r := f.registerPerson(e.ID, "marie@example.cz", programme.TargetProvider)
	svc := f.esf()

	t.Run("the same body twice changes nothing", func(t *testing.T) {
		for range 2 {
			got, err := svc.Submit(ctx, r, esfAnswers)
			if err != nil {
				t.Fatal(err)
			}
			if got != (workshops.EsfReply{Gender: "woman", AgeBand: "30_54", Disability: "yes"}) {
				t.Errorf("reply %+v", got)
			}
			if r, err = f.store.GetRegistration(ctx, r.ID); err != nil {
				t.Fatal(err)
			}
		}
		if n := f.esfItems(); n != 1 {
			t.Errorf("%d ESF+ items, want 1", n)
		}
	})
	t.Run("other answers replace the earlier ones; prefer not to say is no answer", func(t *testing.T) {
		if _, err := svc.Submit(ctx, r, workshops.EsfInput{Consent: true, Gender: "prefer_not_to_say", AgeBand: "55_plus"}); err != nil {
			t.Fatal(err)
		}
		rec, err := f.store.GetEsf(ctx, r.EsfKey)
		if err != nil {
			t.Fatal(err)
		}
		if rec.Answers.Gender != "" || rec.Answers.AgeBand != "55_plus" || rec.Answers.Disability != "" {
			t.Errorf("answers %+v", rec.Answers)
		}
	})
	t.Run("without consent or with unknown answers nothing is stored", func(t *testing.T) {
		r2 := f.registerPerson(e.ID, "petr@example.cz", programme.TargetProvider)
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
		got, _ := f.store.GetRegistration(ctx, r2.ID)
		if got.EsfKey != "" || got.Version != r2.Version {
			t.Errorf("registration changed: %+v", got)
		}
	})
	t.Run("a cancelled registration takes none", func(t *testing.T) {
		r3 := f.registerPerson(e.ID, "eva@example.cz", programme.TargetProvider)
		r3, err := f.svc.CancelForErasure(ctx, r3)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, r3, esfAnswers); esfOutcome(err) != "conflict esf_closed" {
			t.Errorf("got %s", esfOutcome(err))
		}
	})
	t.Run("a submission racing a change of the registration reads it again", func(t *testing.T) {
		r4 := f.registerPerson(e.ID, "ota@example.cz", programme.TargetProvider)
		stale := r4
		r4.Status, r4.CheckedInAt = workshops.RegAttended, now
		r4.Version++
		if err := f.store.WriteRegistrations(ctx, workshops.RegistrationWrite{EventID: e.ID, Changes: []workshops.Change{{Reg: r4, PrevVersion: stale.Version}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := svc.Submit(ctx, stale, esfAnswers); err != nil {
			t.Fatal(err)
		}
		got, _ := f.store.GetRegistration(ctx, r4.ID)
		if got.Status != workshops.RegAttended || got.EsfKey == "" {
			t.Fatalf("registration %+v", got)
		}
		rec, _ := f.store.GetEsf(ctx, got.EsfKey)
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
	e := f.putEvent(event("ev1", 30))
	r := f.registerPerson(e.ID, "marie@example.cz", programme.TargetProvider)
	svc := f.esf()
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Add(1)
		go func() { defer wg.Done(); _, errs[i] = svc.Submit(ctx, r, esfAnswers) }()
	}
	wg.Wait()
	ok := 0
	for _, err := range errs {
		if err == nil {
			ok++
		} else if esfOutcome(err) != "conflict registration_changed" {
			t.Errorf("unexpected %s", esfOutcome(err))
		}
	}
	if ok == 0 {
		t.Error("no submission succeeded")
	}
	if n := f.esfItems(); n != 1 {
		t.Errorf("%d ESF+ items, want 1 (one key per registration)", n)
	}
	got, _ := f.store.GetRegistration(ctx, r.ID)
	if _, err := f.store.GetEsf(ctx, got.EsfKey); err != nil {
		t.Errorf("the registration's key finds no item: %v", err)
	}
}

// TestPerPersonLimit: concurrent registrations of one address never hold
// more than the limit, however they race.
func TestPerPersonLimit(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	limits := workshops.Limits{PerPerson: 3}
	identity := workshops.EmailHash(f.svc.EmailKey, "marie@example.cz")
	const n = 12
	end := event("x", 1).End()
	var wg sync.WaitGroup
	results := make([]string, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			id := fmt.Sprintf("reg%02d", i)
			for attempt := 1; ; attempt++ {
				states, err := f.store.Holds(ctx, identity)
				if err != nil {
					results[i] = err.Error()
					return
				}
				h, err := workshops.PickHold(identity, states, limits, now)
				if err != nil {
					results[i] = esfOutcome(err)
					return
				}
				item, err := f.store.HoldPut(h, id, end, now)
				if err != nil {
					results[i] = err.Error()
					return
				}
				err = f.store.Transact(ctx, "register", []dynamo.TxItem{item})
				if apperr.Is(err, apperr.Conflict, workshops.ReasonLimitHoldTaken) && attempt < limits.HoldAttempts() {
					continue
				}
				results[i] = esfOutcome(err)
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
	holds, err := f.store.Holds(ctx, identity)
	if err != nil || len(holds) != 3 {
		t.Fatalf("holds %v %v", holds, err)
	}

	t.Run("a released hold is free again; another's is not released", func(t *testing.T) {
		h := workshops.Hold{Identity: identity, N: holds[0].N}
		if err := f.store.Transact(ctx, "cancel", []dynamo.TxItem{f.store.HoldRelease(h, "someone-else")}); esfOutcome(err) != "conflict registration_hold_taken" {
			t.Errorf("release of another's hold: %s", esfOutcome(err))
		}
		rel, err := f.store.ReleaseHoldOf(ctx, workshops.Registration{ID: holds[0].RegistrationID, EmailHash: identity})
		if err != nil || len(rel) != 1 {
			t.Fatalf("release %v %v", rel, err)
		}
		if err := f.store.Transact(ctx, "cancel", rel); err != nil {
			t.Fatal(err)
		}
		states, _ := f.store.Holds(ctx, identity)
		if _, err := workshops.PickHold(identity, states, limits, now); err != nil {
			t.Errorf("after a release: %s", esfOutcome(err))
		}
	})
	t.Run("a hold whose event has ended counts no more", func(t *testing.T) {
		later := end.Add(time.Hour)
		states, _ := f.store.Holds(ctx, identity)
		if len(states) != 2 {
			t.Fatalf("holds %v", states)
		}
		for range 3 { // the two left ended: all three are free again
			states, _ := f.store.Holds(ctx, identity)
			h, err := workshops.PickHold(identity, states, limits, later)
			if err != nil {
				t.Fatal(esfOutcome(err))
			}
			item, _ := f.store.HoldPut(h, fmt.Sprintf("later-%d", h.N), later.Add(time.Hour), later)
			if err := f.store.Transact(ctx, "register", []dynamo.TxItem{item}); err != nil {
				t.Errorf("claiming a free or ended hold: %s", esfOutcome(err))
			}
		}
	})
}

func TestRetentionErasesPastRegistrations(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("ev1", 30))
	r := f.registerPerson(e.ID, "marie@example.cz", programme.TargetProvider)
	if _, err := f.esf().Submit(ctx, r, esfAnswers); err != nil {
		t.Fatal(err)
	}
	f.clock.Set(e.End().AddDate(0, 11, 0)) // not yet due
	run, err := workshops.EraseExpired(ctx, f.store, f.eraser(), 12)
	if err != nil || run.Erased != 0 {
		t.Fatalf("before due: %+v %v", run, err)
	}
	f.clock.Set(e.End().AddDate(0, 13, 0))
	run, err = workshops.EraseExpired(ctx, f.store, f.eraser(), 12)
	if err != nil || run.Erased != 1 || run.Events != 1 {
		t.Fatalf("due: %+v %v", run, err)
	}
	got, _ := f.store.GetRegistration(ctx, r.ID)
	if got.ErasedAt.IsZero() || got.EsfKey != "" || got.Contact.Email != "" {
		t.Errorf("after retention %+v", got)
	}
	run, err = workshops.EraseExpired(ctx, f.store, f.eraser(), 12)
	if err != nil || run.Erased != 0 || run.Checked != 1 {
		t.Errorf("second run %+v %v", run, err)
	}
	if m, _ := f.store.CountEsf(ctx, "2026-12"); m.Registered.Total != 1 {
		t.Errorf("the answers no longer count: %+v", m)
	}
	if _, err := workshops.EraseExpired(ctx, f.store, f.eraser(), 1); err == nil {
		t.Error("a retention shorter than the minimum was accepted")
	}
}

// TestCheckInRecordsEsfAttendance: checking a registration in (a write of
// its attended state, as staff check-in does) records the attendance on
// its ESF+ answers in the same transaction; a registration without answers
// touches no ESF+ item; checking in again changes nothing.
func TestCheckInRecordsEsfAttendance(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	e := f.putEvent(event("ev1", 30))
	r := f.registerPerson(e.ID, "marie@example.cz", programme.TargetProvider)
	plain := f.registerPerson(e.ID, "petr@example.cz", programme.TargetProvider)
	if _, err := f.esf().Submit(ctx, r, esfAnswers); err != nil {
		t.Fatal(err)
	}
	checkIn := func(id string) {
		t.Helper()
		cur, err := f.store.GetRegistration(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		next := cur
		next.Status, next.CheckedInAt, next.Version = workshops.RegAttended, e.Start(), cur.Version+1
		if err := f.store.WriteRegistrations(ctx, workshops.RegistrationWrite{EventID: e.ID, Changes: []workshops.Change{{Reg: next, PrevVersion: cur.Version}}}); err != nil {
			t.Fatalf("check in %s: %v", id, err)
		}
	}
	checkIn(r.ID)
	checkIn(plain.ID)
	checkIn(r.ID) // again
	m, err := f.store.CountEsf(ctx, "2026-12")
	if err != nil {
		t.Fatal(err)
	}
	if m.Registered.Total != 1 || m.Attended.Total != 1 || m.Attended.Gender["woman"] != 1 {
		t.Errorf("counts %+v", m)
	}
	if n := f.esfItems(); n != 1 {
		t.Errorf("%d ESF+ items, want 1", n)
	}
}

// TestRegistrationLimitThroughTheService: one address may hold at most
// Limits.PerPerson active registrations for events to come, however many
// it sends at once; a cancel gives its place back; an event that has
// ended stops counting.
func TestRegistrationLimitThroughTheService(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.svc.Limits = workshops.Limits{PerPerson: 3}
	const n = 10
	for i := range n {
		f.putEvent(event(fmt.Sprintf("ev%02d", i), 5))
	}
	var wg sync.WaitGroup
	results := make([]string, n)
	regs := make([]workshops.Registration, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			reg, err := f.svc.Register(ctx, fmt.Sprintf("ev%02d", i), registrationInput("marie@example.cz", programme.TargetProvider), nil)
			results[i], regs[i] = esfOutcome(err), reg.Registration
		}()
	}
	wg.Wait()
	count := map[string]int{}
	var ok []workshops.Registration
	for i, r := range results {
		count[r]++
		if r == "<nil>" {
			ok = append(ok, regs[i])
		}
	}
	if count["<nil>"] != 3 || count["conflict registration_limit"] != n-3 {
		t.Fatalf("results %v, want 3 registered and the rest registration_limit", count)
	}
	var free string // an event marie has not registered for
	for i, r := range results {
		if r != "<nil>" {
			free = fmt.Sprintf("ev%02d", i)
		}
	}
	_, err := f.svc.Register(ctx, free, registrationInput("MARIE@example.cz ", programme.TargetProvider), nil)
	if ae, _ := apperr.As(err); esfOutcome(err) != "conflict registration_limit" || len(ae.Fields) != 1 || ae.Fields[0].Field != "contact.email" || ae.Fields[0].Param != "3" {
		t.Errorf("one more: %v", err)
	}
	// Another address is not limited by this one.
	if _, err := f.svc.Register(ctx, "ev09", registrationInput("petr@example.cz", programme.TargetProvider), nil); err != nil {
		t.Errorf("another address: %v", err)
	}

	// A cancel gives the place back.
	var token string
	{
		reg, err := f.svc.Register(ctx, "ev08", registrationInput("eva@example.cz", programme.TargetProvider), nil)
		if err != nil {
			t.Fatal(err)
		}
		token = reg.Token
		if _, err := f.svc.Cancel(ctx, reg.Registration.ID, token, nil); err != nil {
			t.Fatalf("cancel: %v", err)
		}
		holds, _ := f.store.Holds(ctx, reg.Registration.EmailHash)
		if len(holds) != 0 {
			t.Errorf("holds after the cancel: %v", holds)
		}
	}
	if _, err := f.svc.CancelForErasure(ctx, ok[0]); err != nil {
		t.Fatal(err)
	}
	f.putEvent(event("ev10", 5))
	f.putEvent(event("ev11", 5))
	if _, err := f.svc.Register(ctx, "ev10", registrationInput("marie@example.cz", programme.TargetProvider), nil); err != nil {
		t.Errorf("after a cancel: %v", err)
	}
	if _, err := f.svc.Register(ctx, "ev11", registrationInput("marie@example.cz", programme.TargetProvider), nil); esfOutcome(err) != "conflict registration_limit" {
		t.Errorf("at the limit again: %s", esfOutcome(err))
	}
}
