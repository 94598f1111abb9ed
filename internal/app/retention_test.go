package app_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/wire/retention"
)

// retain runs the retention function, built by its constructor as its cold
// start would, on the sample scheduled event.
func retain(t *testing.T, env *apptest.Env) consultations.RetentionRun {
	t.Helper()
	h, err := retention.New(context.Background(), env.Deps.EnvFor(registry.Retention))
	if err != nil {
		t.Fatal(err)
	}
	payload, err := os.ReadFile(filepath.Join(apptest.RepoRoot(), "events", "scheduled-retention.json"))
	if err != nil {
		t.Fatal(err)
	}
	run, err := h(context.Background(), payload)
	if err != nil {
		t.Fatalf("retention: %v", err)
	}
	return run
}

// TestRetentionErasesPastConsultations: a consultation that ended more than
// the retention period ago is erased (as the admin's erasure does: the
// kept facts stay, its e-mail copies go), a newer one is not, and a second
// run changes nothing.
func TestRetentionErasesPastConsultations(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	booking := func(id string) map[string]types.AttributeValue {
		return rawItem(t, env, "BOOKING#"+id, "BOOKING")
	}
	// Booked on 30 November 2026: two in December (one of them cancelled
	// by the person), one in late January 2027, and one in December whose
	// data an admin erased already.
	old := env.Book(env.FreeSlots(apptest.Tuesday)[0])
	cancelled := env.Book(env.FreeSlots(apptest.Wednesday)[0])
	env.Cancel(cancelled.Booking.ID, cancelled.ManageToken)
	erasedBefore := env.Book(env.FreeSlots(apptest.Thursday)[0])
	late := cz.Date{Year: 2027, Month: time.January, Day: 20}
	newer := env.Book(env.FreeSlots(late)[0])
	admin := apptest.WithClaims(apptest.WithBooking(apptest.Event(t, "staff-erase"), erasedBefore.Booking.ID, ""), "dev-admin", auth.GroupAdmin)
	if resp := env.Invoke(routes.FnStaff, admin); resp.StatusCode != 200 {
		t.Fatalf("erase: %d %s", resp.StatusCode, resp.Body)
	}
	env.SendOutbox()
	oldMail := strings.Split(strings.Join(stringsOf(booking(old.Booking.ID)["mail"]), ","), ",")
	if len(oldMail) < 2 || rawItem(t, env, "OUTBOX#"+oldMail[0], "OUTBOX") == nil {
		t.Fatalf("the old booking's e-mail copies: %v, want them stored before the run", oldMail)
	}
	erasedItem := booking(erasedBefore.Booking.ID)

	t.Run("nothing is due within the period", func(t *testing.T) {
		env.Clock.Set(time.Date(2027, 11, 30, 12, 0, 0, 0, time.UTC))
		if run := retain(t, env); run.Erased != 0 || run.Checked != 0 {
			t.Errorf("11 months on: got %+v, want nothing read before the cut-off, none erased", run)
		}
	})

	// 10 December 2027: December 2026 is past the 12 months, January 2027
	// not. The run reads November and December 2026 up to the cut-off: the
	// three December bookings.
	env.Clock.Set(time.Date(2027, 12, 10, 3, 30, 0, 0, time.UTC))
	run := retain(t, env)
	if want := (consultations.RetentionRun{Cutoff: cz.Date{Year: 2026, Month: time.December, Day: 10}, Months: 2, Checked: 3, Erased: 2}); run != want {
		t.Errorf("run: got %+v, want %+v", run, want)
	}
	for _, b := range []string{old.Booking.ID, cancelled.Booking.ID} {
		it := booking(b)
		if sval(it, "erasedAt") == "" || sval(it, "contactEmail") != "" || sval(it, "contactName") != "" || sval(it, "organisationName") != "" {
			t.Errorf("%s after the run: erasedAt %q, contact %q, want erased", b, sval(it, "erasedAt"), sval(it, "contactEmail"))
		}
		if sval(it, "form") == "" || sval(it, "topic") == "" || sval(it, "region") == "" || sval(it, "targetGroup") == "" || sval(it, "start") == "" {
			t.Errorf("%s after the run: the counted facts are gone: %v", b, it)
		}
	}
	if sval(booking(old.Booking.ID), "status") != "confirmed" || sval(booking(cancelled.Booking.ID), "status") != "cancelled" {
		t.Errorf("statuses changed: a past consultation is not cancelled by its erasure")
	}
	for _, id := range oldMail {
		if rawItem(t, env, "OUTBOX#"+id, "OUTBOX") != nil {
			t.Errorf("e-mail copy %s is still stored", id)
		}
	}
	if it := booking(newer.Booking.ID); sval(it, "erasedAt") != "" || sval(it, "contactEmail") == "" {
		t.Errorf("the January 2027 booking was erased: %v", it)
	}
	if got := booking(erasedBefore.Booking.ID); !reflect.DeepEqual(got, erasedItem) {
		t.Errorf("the booking erased before was written again")
	}

	t.Run("a second run changes nothing", func(t *testing.T) {
		before := scan(t, env)
		if run := retain(t, env); run.Erased != 0 || run.Checked != 3 {
			t.Errorf("second run: got %+v, want 3 checked, none erased", run)
		}
		if after := scan(t, env); !reflect.DeepEqual(after, before) {
			t.Errorf("the second run changed the table")
		}
	})
	t.Run("the result is counts only", func(t *testing.T) {
		b, _ := json.Marshal(run)
		for _, id := range []string{old.Booking.ID, cancelled.Booking.ID} {
			if strings.Contains(string(b), id) {
				t.Errorf("the result %s names a booking", b)
			}
		}
	})
}

// TestRetentionMonths: RETENTION_MONTHS sets the period; a period shorter
// than the manage link's life and the outcome's, or not a whole number of
// months, fails the cold start.
func TestRetentionMonths(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	env.Book(env.FreeSlots(apptest.Tuesday)[0])
	env.Clock.Set(time.Date(2027, 12, 10, 3, 30, 0, 0, time.UTC))
	t.Setenv(retention.MonthsEnv, "13")
	if run := retain(t, env); run.Erased != 0 {
		t.Errorf("13 months: got %+v, want nothing erased", run)
	}
	t.Setenv(retention.MonthsEnv, "")
	if run := retain(t, env); run.Erased != 1 {
		t.Errorf("the default %d months: got %+v, want 1 erased", consultations.DefaultRetentionMonths, run)
	}
	for _, bad := range []string{"1", "0", "-3", "12m", "1.5", "121"} {
		t.Setenv(retention.MonthsEnv, bad)
		if _, err := retention.New(context.Background(), env.Deps.EnvFor(registry.Retention)); err == nil {
			t.Errorf("RETENTION_MONTHS=%q: the cold start succeeded", bad)
		}
	}
}

func stringsOf(v types.AttributeValue) []string {
	switch v := v.(type) {
	case *types.AttributeValueMemberL:
		var out []string
		for _, e := range v.Value {
			if s, ok := e.(*types.AttributeValueMemberS); ok {
				out = append(out, s.Value)
			}
		}
		return out
	case *types.AttributeValueMemberSS:
		return v.Value
	}
	return nil
}
