package app_test

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/routes"
)

// nineOn is 9:00 in Prague on a date: when a daily reminder run happens.
func nineOn(d cz.Date) time.Time { return d.At(9 * 60) }

func TestReminders(t *testing.T) {
	t.Run("a booking tomorrow gets one reminder per recipient however often the job runs", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		id := env.Book(env.FreeSlots(apptest.Tuesday)[0]).Booking.ID
		if got := []int{remind(t, env), remind(t, env)}; !reflect.DeepEqual(got, []int{1, 0}) {
			t.Errorf("queued by two runs: got %v, want [1 0]", got)
		}
		env.SendOutbox()
		if n := remind(t, env); n != 0 {
			t.Errorf("queued by a run after sending: got %d, want 0", n)
		}
		env.SendOutbox()
		if got, want := mailsLike(env, "-reminder-"), both(id, 0, "reminder"); !reflect.DeepEqual(got, want) {
			t.Errorf("reminders: got %v, want %v", got, want)
		}
		for _, mid := range both(id, 0, "reminder") {
			if n := env.Mailer.Sent()[mid]; n != 1 {
				t.Errorf("%s: got %d sends, want 1", mid, n)
			}
		}
	})

	t.Run("eight concurrent runs queue one reminder per recipient", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{Quiet: true})
		id := env.Book(env.FreeSlots(apptest.Tuesday)[0]).Booking.ID
		run := remindersHandler(t, env)
		var queued atomic.Int64
		var wg sync.WaitGroup
		for range 8 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				res, err := run(context.Background(), json.RawMessage(`{}`))
				if err != nil {
					t.Errorf("run: %v", err)
				}
				queued.Add(int64(res.Queued))
			}()
		}
		wg.Wait()
		if n := queued.Load(); n != 1 {
			t.Errorf("queued in all: got %d, want 1", n)
		}
		env.SendOutbox()
		if got, want := mailsLike(env, "-reminder-"), both(id, 0, "reminder"); !reflect.DeepEqual(got, want) {
			t.Errorf("reminders: got %v, want %v", got, want)
		}
	})

	t.Run("a booking the day after tomorrow gets none yet", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		env.Book(env.FreeSlots(apptest.Wednesday)[0])
		if n := remind(t, env); n != 0 {
			t.Errorf("queued: got %d, want 0", n)
		}
	})

	t.Run("a cancelled booking gets none", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		created := env.Book(env.FreeSlots(apptest.Tuesday)[0])
		env.Cancel(created.Booking.ID, created.ManageToken)
		if n := remind(t, env); n != 0 {
			t.Errorf("queued: got %d, want 0", n)
		}
		env.SendOutbox()
		if got := mailsLike(env, "-reminder-"); len(got) != 0 {
			t.Errorf("reminders: got %v, want none", got)
		}
	})

	t.Run("a booking moved to the day after tomorrow gets none now and one the day before", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		created := env.Book(env.FreeSlots(apptest.Tuesday)[0])
		id := created.Booking.ID
		env.Reschedule(id, created.ManageToken, env.FreeSlots(apptest.Wednesday)[0])
		if n := remind(t, env); n != 0 {
			t.Errorf("queued on Monday: got %d, want 0", n)
		}
		env.SendOutbox()
		if got := mailsLike(env, "-reminder-"); len(got) != 0 {
			t.Errorf("reminders on Monday: got %v, want none", got)
		}
		env.Clock.Set(nineOn(apptest.Tuesday))
		if got := []int{remind(t, env), remind(t, env)}; !reflect.DeepEqual(got, []int{1, 0}) {
			t.Errorf("queued by two runs on Tuesday: got %v, want [1 0]", got)
		}
		env.SendOutbox()
		if got, want := mailsLike(env, "-reminder-"), both(id, 1, "reminder"); !reflect.DeepEqual(got, want) {
			t.Errorf("reminders: got %v, want %v", got, want)
		}
	})

	t.Run("a reminded booking moved to a later day is reminded again the day before it", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		created := env.Book(env.FreeSlots(apptest.Tuesday)[0])
		id := created.Booking.ID
		if n := remind(t, env); n != 1 {
			t.Fatalf("queued: got %d, want 1", n)
		}
		env.SendOutbox()
		env.Reschedule(id, created.ManageToken, env.FreeSlots(apptest.Thursday)[0])
		if n := remind(t, env); n != 0 {
			t.Errorf("queued on Monday after the move: got %d, want 0", n)
		}
		env.Clock.Set(nineOn(apptest.Wednesday))
		if n := remind(t, env); n != 1 {
			t.Errorf("queued on Wednesday: got %d, want 1", n)
		}
		env.SendOutbox()
		want := append(both(id, 0, "reminder"), both(id, 1, "reminder")...)
		if got := mailsLike(env, "-reminder-"); !reflect.DeepEqual(got, want) {
			t.Errorf("reminders: got %v, want %v", got, want)
		}
	})

	t.Run("an erased booking gets none", func(t *testing.T) {
		env := apptest.New(t, apptest.Options{})
		id := env.Book(env.FreeSlots(apptest.Tuesday)[0]).Booking.ID
		if resp := env.Invoke(routes.FnStaff, apptest.WithBooking(apptest.Event(t, "staff-erase"), id, "")); resp.StatusCode != http.StatusOK {
			t.Fatalf("erase: got %d %s, want 200", resp.StatusCode, resp.Body)
		}
		if n := remind(t, env); n != 0 {
			t.Errorf("queued: got %d, want 0", n)
		}
	})
}

// A reminder waits in the outbox until the sender gets it out; if the
// person cancels or moves the consultation meanwhile (the mailer was down,
// the stream lagged), the old reminder must not follow the cancellation or
// the change: "a reminder the day before; none after a cancellation".
func TestStaleReminders(t *testing.T) {
	cases := []struct {
		name   string
		change func(t *testing.T, env *apptest.Env, id, token string)
		kind   string // what the change itself sends
		seq    int
	}{
		{"a reminder queued before a cancellation is not sent after it", func(t *testing.T, env *apptest.Env, id, token string) {
			env.Cancel(id, token)
		}, "cancellation", 1},
		{"a reminder of the old date is not sent after a reschedule", func(t *testing.T, env *apptest.Env, id, token string) {
			env.Reschedule(id, token, env.FreeSlots(apptest.Thursday)[0])
		}, "change", 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			env := apptest.New(t, apptest.Options{})
			created := env.Book(env.FreeSlots(apptest.Tuesday)[0])
			id := created.Booking.ID
			env.SendOutbox() // the confirmation
			if n := remind(t, env); n != 1 {
				t.Fatalf("queued: got %d, want 1", n)
			}
			env.Mailer.SetFail(true)
			env.SendOutbox() // the reminder fails and waits
			env.Mailer.SetFail(false)
			c.change(t, env, id, created.ManageToken)
			env.Clock.Advance(time.Hour)
			env.SendOutbox()
			env.SendOutbox()

			if got := mailsLike(env, "-reminder-"); len(got) != 0 {
				t.Errorf("reminders sent: got %v, want none", got)
			}
			sent := env.MailIDs()
			for _, mid := range both(id, c.seq, c.kind) {
				if !slices.Contains(sent, mid) {
					t.Errorf("e-mail %s: got not sent, want sent; sent %v", mid, sent)
				}
			}
		})
	}
}
