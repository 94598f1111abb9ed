package registry_test

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/routes"
)

func TestRegistry(t *testing.T) {
	fns := registry.Functions()
	t.Run("names are unique and the HTTP functions are the route table's", func(t *testing.T) {
		names := registry.Names()
		if s := slices.Compact(slices.Sorted(slices.Values(names))); len(s) != len(names) {
			t.Errorf("duplicate names in %v", names)
		}
		var http []string
		for _, f := range fns {
			if f.HTTP() {
				http = append(http, f.Name)
			}
		}
		slices.Sort(http)
		if want := routes.Functions(); !slices.Equal(http, want) {
			t.Errorf("HTTP functions: got %v, want the route table's %v", http, want)
		}
	})
	t.Run("every function has a trigger", func(t *testing.T) {
		for _, f := range fns {
			if !f.HTTP() && f.Stream == nil && !f.Scheduled() && f.Topic == nil {
				t.Errorf("%s: no routes, stream, schedule or topic", f.Name)
			}
		}
	})
	cron := regexp.MustCompile(`^cron\(\S+ \S+ \S+ \S+ \S+ \S+\)$`)
	t.Run("schedules", func(t *testing.T) {
		for _, f := range fns {
			var ids []string
			for _, s := range f.Schedules {
				// A monthly schedule has no local timer (make report runs
				// it); every other has one, and no monthly one has.
				if !cron.MatchString(s.Cron) || s.What == "" || (s.LocalEvery <= 0) != s.Monthly || s.ID == "" || slices.Contains(ids, s.ID) {
					t.Errorf("%s: schedule %+v: want a six-field cron, a description, a local period unless monthly and a unique id", f.Name, s)
				}
				// A monthly cron names a day of the month.
				if s.Monthly && !regexp.MustCompile(`^cron\(\S+ \S+ [0-9]+ \* \? \*\)$`).MatchString(s.Cron) {
					t.Errorf("%s: monthly schedule %s does not fire on one day of every month", f.Name, s.Cron)
				}
				ids = append(ids, s.ID)
			}
		}
	})
	t.Run("keys, indexes and the stream are the table's", func(t *testing.T) {
		var indexes []string
		for _, ix := range dynamo.Spec.Indexes {
			indexes = append(indexes, ix.Name)
		}
		for _, f := range fns {
			for _, ix := range f.Table.Indexes {
				if !slices.Contains(indexes, ix.Name) || ix.Reads == "" {
					t.Errorf("%s: index %+v, want one of %v and what it reads", f.Name, ix, indexes)
				}
			}
			for _, k := range append(slices.Clone(f.Table.Keys), f.Table.ReadKeys...) {
				if !strings.HasSuffix(k, "#") {
					t.Errorf("%s: key prefix %q, want an entity prefix ending in #", f.Name, k)
				}
			}
			if len(f.Table.Actions) > 0 && len(f.Table.Keys) == 0 {
				t.Errorf("%s: table actions on no key prefix", f.Name)
			}
			if f.Stream != nil && f.Stream.KeyPrefix != dynamo.OutboxKeyPrefix {
				t.Errorf("%s: stream prefix %q, want the outbox's %q", f.Name, f.Stream.KeyPrefix, dynamo.OutboxKeyPrefix)
			}
		}
		if registry.KeyOutbox != dynamo.OutboxKeyPrefix {
			t.Errorf("KeyOutbox %q, dynamo's %q", registry.KeyOutbox, dynamo.OutboxKeyPrefix)
		}
	})
	t.Run("sized with reasons", func(t *testing.T) {
		for _, f := range fns {
			if f.MemoryMB < 128 || f.TimeoutS <= 0 || f.MemoryWhy == "" || f.TimeoutWhy == "" {
				t.Errorf("%s: memory %d MB (%q), timeout %d s (%q)", f.Name, f.MemoryMB, f.MemoryWhy, f.TimeoutS, f.TimeoutWhy)
			}
			if f.HTTP() && f.TimeoutS >= 30 {
				t.Errorf("%s: timeout %d s, want below API Gateway's 30 s", f.Name, f.TimeoutS)
			}
		}
		if why := registry.MustGet(registry.OutboxSender).TimeoutWhy; !strings.Contains(why, strconv.Itoa(registry.OutboxSweepLimit)) {
			t.Errorf("outbox sender's timeout reason %q does not name the sweep limit %d", why, registry.OutboxSweepLimit)
		}
	})
	t.Run("the outbox key only where sealed or opened, SES only for the sender", func(t *testing.T) {
		var key, ses []string
		for _, f := range fns {
			if f.Uses(registry.OutboxKey) {
				key = append(key, f.Name)
			}
			if f.SendsMail {
				ses = append(ses, f.Name)
			}
		}
		// staff-events opens check-in codes, whose key is derived from it;
		// events and workshop-offers seal the manage and offer links;
		// staff-events and workshop-reminders sign or open check-in codes;
		// surveys derives its proof-of-work, idempotency and browser-marker
		// keys from it; survey-invitations seals the survey links and keys
		// the "already invited" markers.
		if want := []string{registry.Bookings, registry.Events, registry.Surveys, registry.StaffEvents, registry.OutboxSender, registry.WorkshopReminders, registry.WorkshopOffers, registry.MailEvents, registry.SurveyInvitations}; !slices.Equal(key, want) {
			t.Errorf("outbox key: got %v, want %v", key, want)
		}
		if want := []string{registry.OutboxSender}; !slices.Equal(ses, want) {
			t.Errorf("SES: got %v, want %v", ses, want)
		}
	})
	t.Run("every HTTP function and no other reads the origin secret", func(t *testing.T) {
		for _, f := range fns {
			if f.Uses(registry.OriginSecret) != f.HTTP() {
				t.Errorf("%s: origin secret %v, HTTP %v: every API function checks the origin header", f.Name, f.Uses(registry.OriginSecret), f.HTTP())
			}
		}
	})
}
