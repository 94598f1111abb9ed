package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/workshopretention"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// seedPastRegistration stores, through the workshops storage, an event
// held on day d and one registration for it as the registration
// transaction leaves it (the e-mail's uniqueness item, a limit hold, an
// e-mail copy and an idempotency record pointing at it), with ESF+ answers.
// It returns the registration.
func seedPastRegistration(t *testing.T, env *boot.Env, d cz.Date) workshops.Registration {
	t.Helper()
	ctx := context.Background()
	store := workshopdb.New(dynamo.New(env.DB, env.Config.TableName))
	start := d.At(9 * 60).UTC()
	e := workshops.Event{
		ID: "past-workshop", Kind: workshops.KindWorkshop, Title: workshops.Text{CS: "Dílna"}, Region: "CZ064",
		Sessions: []workshops.Session{{Start: start, End: start.Add(3 * time.Hour)}}, Mode: workshops.ModeInPerson,
		Capacity: workshops.Capacity{InPerson: 10}, RegistrationOpens: start.AddDate(0, -1, 0), RegistrationCloses: start.Add(-24 * time.Hour),
		Organiser: "MPSV", Owner: "organiser-1", Status: workshops.EventHeld, Version: 1, CreatedAt: start.AddDate(0, -1, 0), UpdatedAt: start,
	}
	if err := store.PutEvent(ctx, e, 0); err != nil {
		t.Fatal(err)
	}
	hash := workshops.EmailHash([]byte("seed key"), "vera@example.cz")
	r := workshops.Registration{
		ID: "past-registration", EventID: e.ID, Seat: workshops.SeatInPerson, Status: workshops.RegAttended,
		Contact: workshops.Contact{Name: "Věra Malá", Email: "vera@example.cz"}, Region: "CZ064",
		TargetGroup: programme.TargetProvider, Org: workshops.Organisation{Name: "Domov", ICO: "00551023"},
		ConsentAt: e.CreatedAt, ConsentVer: "2026-11", Lang: i18n.CS, TokenHash: []byte("hash"), EmailHash: hash,
		CheckedInAt: start, Mail: []string{"past-registration-1-confirmed"}, IdempotencyKeys: []string{"seed-idempotency"},
		Version: 1, CreatedAt: e.CreatedAt, UpdatedAt: start,
	}
	if err := store.WriteRegistrations(ctx, workshops.RegistrationWrite{EventID: e.ID, Changes: []workshops.Change{{Reg: r, ClaimEmail: true}}}); err != nil {
		t.Fatal(err)
	}
	hold, err := store.HoldPut(workshops.Hold{Identity: hash, N: 1}, r.ID, e.End(), e.CreatedAt)
	if err != nil {
		t.Fatal(err)
	}
	if err := store.Transact(ctx, "seed hold", []dynamo.TxItem{hold}); err != nil {
		t.Fatal(err)
	}
	svc := workshops.EsfService{Store: store, Registration: store.GetRegistration, Event: store.GetEvent,
		NoticeVersion: "2026-11", Now: func() time.Time { return start }}
	if _, err := svc.Submit(ctx, r, workshops.EsfInput{Consent: true, Gender: "woman", Disability: "no"}); err != nil {
		t.Fatal(err)
	}
	r, err = store.GetRegistration(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWorkshopRetention runs the function "workshop-retention", built by
// its constructor as its cold start would, on the sample scheduled event:
// nothing is due before the retention period has passed; then the
// registration is erased (the counted facts and the ESF+ answers stay, the
// answers joined to nobody), and a second run changes nothing.
func TestWorkshopRetention(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	r := seedPastRegistration(t, env.Deps.EnvFor(registry.WorkshopRetention), apptest.Thursday)
	payload, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "scheduled-workshop-retention.json"))
	if err != nil {
		t.Fatal(err)
	}
	run := func() workshops.RetentionRun {
		t.Helper()
		h, err := workshopretention.New(context.Background(), env.Deps.EnvFor(registry.WorkshopRetention))
		if err != nil {
			t.Fatal(err)
		}
		out, err := h(context.Background(), payload)
		if err != nil {
			t.Fatalf("workshop retention: %v", err)
		}
		return out
	}
	env.Clock.Set(apptest.Thursday.AddDays(300).Start())
	if got := run(); got.Erased != 0 {
		t.Fatalf("before the period: %+v", got)
	}
	env.Clock.Set(apptest.Thursday.AddDays(400).Start())
	if got := run(); got.Erased != 1 || got.Events != 1 {
		t.Fatalf("after the period: %+v", got)
	}
	item := rawItem(t, env, "REGISTRATION#"+r.ID, "REGISTRATION")
	for _, gone := range []string{"contactName", "contactEmail", "tokenHash", "emailHash", "esfKey", "mail", "idempotencyKeys", "lang"} {
		if _, ok := item[gone]; ok {
			t.Errorf("the erased registration keeps %s", gone)
		}
	}
	for _, kept := range []string{"eventId", "status", "checkedInAt", "organisationIco", "region", "targetGroup", "erasedAt"} {
		if _, ok := item[kept]; !ok {
			t.Errorf("the erased registration lost %s", kept)
		}
	}
	if it := rawItem(t, env, workshopdb.EsfKey(r.EsfKey).PK, "ESF"); it == nil {
		t.Error("the ESF+ answers are gone; they should stay for the statistics")
	}
	if it := rawItem(t, env, "EVENT#past-workshop", "EMAIL#"+r.EmailHash); it != nil {
		t.Error("the e-mail's uniqueness item is still there")
	}
	if got := run(); got.Erased != 0 || got.Checked != 1 {
		t.Errorf("second run: %+v", got)
	}
	t.Setenv(workshops.EnvRetentionMonths, "1")
	if _, err := workshopretention.New(context.Background(), env.Deps.EnvFor(registry.WorkshopRetention)); err == nil || !strings.Contains(err.Error(), workshops.EnvRetentionMonths) {
		t.Errorf("a retention below the minimum: %v", err)
	}
}
