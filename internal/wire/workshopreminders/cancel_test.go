package workshopreminders_test

import (
	"context"
	"testing"

	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops"
)

// tokenOf is the manage token of the fixture's registration id.
func tokenOf(id string) string { return "token-of-" + id + "-0123456789abcdef" }

// A reminder already queued is deleted in the same transaction when the
// person cancels, and when the registration is erased (its cancel first):
// it never goes out after the cancellation.
func TestCancelAndErasureDeleteTheQueuedReminder(t *testing.T) {
	f := newFixture(t)
	day := cz.DateOf(now).AddDays(2)
	e := f.event("ev-a", day, workshops.ModeInPerson)
	for _, id := range []string{"r-cancel", "r-erase", "r-stay"} {
		f.register(e, id, workshops.RegConfirmed, workshops.SeatInPerson)
	}
	if got := f.run(); got != 3 {
		t.Fatalf("queued %d reminders, want 3", got)
	}
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		t.Fatal(err)
	}
	svc := &workshops.Service{
		Store: f.store, Clock: f.clock, IDs: ids.Random{Now: f.clock.Now}, BaseURL: "https://brana.example.cz",
		Mail: workshops.TemplateMailer{Sealer: sealer},
	}
	ctx := context.Background()
	if _, err := svc.Cancel(ctx, "r-cancel", tokenOf("r-cancel"), nil); err != nil {
		t.Fatalf("cancel: %v", err)
	}
	x := workshops.Eraser{Store: f.store, Cancel: svc.CancelForErasure, Now: f.clock.Now}
	if _, err := x.Erase(ctx, auth.Principal{Subject: "admin", Groups: []string{auth.GroupAdmin}}, "r-erase"); err != nil {
		t.Fatalf("erase: %v", err)
	}
	for id, want := range map[string]bool{"r-cancel": false, "r-erase": false, "r-stay": true} {
		if got := f.hasOutbox(reminderID(id, 0)); got != want {
			t.Errorf("%s: reminder queued %v, want %v", id, got, want)
		}
	}
	if !f.hasOutbox(workshops.QueuedReminders(workshops.Registration{Mail: []string{reminderID("r-stay", 0)}})[0]) {
		t.Error("QueuedReminders does not name the reminder")
	}
	if got := f.run(); got != 0 {
		t.Errorf("a later run queued %d reminders, want 0", got)
	}
}
