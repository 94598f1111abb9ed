package consultations

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

// decideNow is Monday 30 November 2026, 9:00 Prague.
var decideNow = time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)

// confirmed is a confirmed 60-minute booking (15-minute buffer) on
// Wednesday 2 December 2026 at 10:00 Prague, with its e-mails recorded.
func confirmed() Booking {
	start := cz.Date{Year: 2026, Month: 12, Day: 2}.At(10 * 60).UTC()
	claim := slots.ClaimInterval(start, time.Hour, 15*time.Minute)
	return Booking{
		ID: "b1", ExpertID: "jana", Start: start, End: start.Add(time.Hour), ClaimEnd: claim.End,
		Form: programme.FormOnsite, Topic: programme.TopicTransformationPlan,
		TargetGroup: programme.TargetProvider, Region: "CZ064",
		Organisation: Organisation{Name: "Domov Slunečnice", ICO: "00551023"},
		Contact:      Contact{Name: "Marie Procházková", Email: "marie@example.cz", Phone: "+420603123456"},
		Address:      "Lipová 1, Brno", Note: "poznámka",
		Consent: Consent{NoticeVersion: PrivacyNoticeVersion, At: decideNow},
		Status:  StatusConfirmed, Version: 3, Sequence: 1, TokenHash: []byte("hash"),
		Mail:      []string{"b1-0-confirmation-person", "b1-0-confirmation-expert"},
		CreatedAt: decideNow, UpdatedAt: decideNow,
	}
}

func reasonOf(err error) string {
	if err == nil {
		return "<nil>"
	}
	e, _ := apperr.As(err)
	return e.Code.String() + " " + e.Reason
}

func TestCanChange(t *testing.T) {
	b := confirmed()
	cancelled, held := b, b
	cancelled.Status, held.Status = StatusCancelled, StatusHeld
	for _, c := range []struct {
		name string
		b    Booking
		now  time.Time
		want string
	}{
		{"a confirmed booking to come may change", b, decideNow, "<nil>"},
		{"a second before the start it still may", b, b.Start.Add(-time.Second), "<nil>"},
		{"at the start it may not", b, b.Start, "conflict booking_too_late"},
		{"a cancelled booking may not", cancelled, decideNow, "conflict booking_not_active"},
		{"a held booking may not", held, decideNow, "conflict booking_not_active"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := reasonOf(CanChange(c.b, c.now)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestCanRecordOutcome(t *testing.T) {
	b := confirmed()
	cancelled, noShow := b, b
	cancelled.Status, noShow.Status = StatusCancelled, StatusNoShow
	for _, c := range []struct {
		name string
		b    Booking
		now  time.Time
		want string
	}{
		{"before the start is too early", b, b.Start.Add(-time.Minute), "conflict outcome_too_early"},
		{"from the start it may be recorded", b, b.Start, "<nil>"},
		{"a recorded outcome may be corrected", noShow, b.End, "<nil>"},
		{"a cancelled booking has none", cancelled, b.End, "conflict booking_not_active"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := reasonOf(CanRecordOutcome(c.b, c.now)); got != c.want {
				t.Errorf("got %s, want %s", got, c.want)
			}
		})
	}
}

func TestReminderDue(t *testing.T) {
	b := confirmed()
	reminded, moved, cancelled, erased := b, b, b, b
	reminded.ReminderFor = b.Start
	moved.ReminderFor = b.Start.Add(-24 * time.Hour)
	cancelled.Status = StatusCancelled
	erased.ErasedAt = decideNow
	for _, c := range []struct {
		name string
		b    Booking
		now  time.Time
		want bool
	}{
		{"a confirmed booking to come without a reminder is due", b, decideNow, true},
		{"one reminded for its start is not", reminded, decideNow, false},
		{"one reminded for a start it was moved from is due again", moved, decideNow, true},
		{"a cancelled one is not", cancelled, decideNow, false},
		{"an erased one is not", erased, decideNow, false},
		{"one that has started is not", b, b.Start, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := ReminderDue(c.b, c.now); got != c.want {
				t.Errorf("got %v, want %v", got, c.want)
			}
		})
	}
}

func times(ts []time.Time) string {
	var out []string
	for _, t := range ts {
		out = append(out, cz.DateOf(t).String()+" "+t.In(cz.Prague).Format("15:04"))
	}
	return fmt.Sprint(out)
}

func TestPlanReschedule(t *testing.T) {
	e := Expert{ID: "jana", Availability: DefaultAvailability()}
	e.Availability.MaxPerDay = 2
	t.Run("an overlapping move claims and releases only the difference", func(t *testing.T) {
		b := confirmed()
		w := PlanReschedule(b, e, b.Start.Add(30*time.Minute), decideNow)
		if got, want := times(w.Claim), "[2026-12-02 11:15 2026-12-02 11:30]"; got != want {
			t.Errorf("claim: got %s, want %s", got, want)
		}
		if got, want := times(w.Release), "[2026-12-02 10:00 2026-12-02 10:15]"; got != want {
			t.Errorf("release: got %s, want %s", got, want)
		}
		if w.CountDay != nil || w.UncountDay != nil {
			t.Errorf("day counters: got %v %v, want none on the same day", w.CountDay, w.UncountDay)
		}
		nb := w.Booking
		if !nb.Start.Equal(b.Start.Add(30*time.Minute)) || !nb.End.Equal(nb.Start.Add(time.Hour)) || nb.Sequence != 2 || nb.Version != 4 || w.PrevVersion != 3 || !nb.UpdatedAt.Equal(decideNow) || !w.ExpertMustBeActive {
			t.Errorf("got %+v, want moved by 30 min, sequence 2, version 4 after 3, expert active", w)
		}
	})
	t.Run("a move to another day moves the day counters, the new day under the cap", func(t *testing.T) {
		b := confirmed()
		w := PlanReschedule(b, e, b.Start.Add(24*time.Hour), decideNow)
		if w.CountDay == nil || w.CountDay.Date.String() != "2026-12-03" || w.CountDay.Max != 2 || w.UncountDay == nil || w.UncountDay.String() != "2026-12-02" {
			t.Errorf("got count %v uncount %v, want 2026-12-03 (max 2) and 2026-12-02", w.CountDay, w.UncountDay)
		}
		if len(w.Claim) != 5 || len(w.Release) != 5 {
			t.Errorf("got %d claimed and %d released granules, want 5 and 5", len(w.Claim), len(w.Release))
		}
	})
	t.Run("a reminder queued for the old start is withdrawn and forgotten", func(t *testing.T) {
		b := confirmed()
		b.ReminderFor = b.Start
		w := PlanReschedule(b, e, b.Start.Add(24*time.Hour), decideNow)
		if want := []string{"b1-1-reminder-person", "b1-1-reminder-expert"}; !slices.Equal(w.DeleteMail, want) {
			t.Errorf("delete mail: got %v, want %v", w.DeleteMail, want)
		}
		if !w.Booking.ReminderFor.IsZero() {
			t.Errorf("reminder for: got %v, want zero", w.Booking.ReminderFor)
		}
	})
}

func TestPlanCancel(t *testing.T) {
	b := confirmed()
	b.ReminderFor = b.Start
	w := PlanCancel(b, decideNow)
	nb := w.Booking
	if nb.Status != StatusCancelled || !nb.CancelledAt.Equal(decideNow) || nb.Sequence != 2 || nb.Version != 4 || w.PrevVersion != 3 {
		t.Errorf("got %+v, want cancelled now, sequence 2, version 4 after 3", nb)
	}
	if got, want := times(w.Release), "[2026-12-02 10:00 2026-12-02 10:15 2026-12-02 10:30 2026-12-02 10:45 2026-12-02 11:00]"; got != want {
		t.Errorf("release: got %s, want %s", got, want)
	}
	if w.UncountDay == nil || w.UncountDay.String() != "2026-12-02" || w.CountDay != nil || len(w.Claim) != 0 {
		t.Errorf("got uncount %v count %v claim %v, want the day uncounted only", w.UncountDay, w.CountDay, w.Claim)
	}
	if len(w.DeleteMail) != 2 {
		t.Errorf("delete mail: got %v, want the two queued reminders", w.DeleteMail)
	}
}

func TestPlanErasure(t *testing.T) {
	t.Run("deletes the personal data and keeps the statistical facts", func(t *testing.T) {
		b := confirmed()
		b.Status = StatusHeld
		p, err := PlanErasure(b, b.End)
		if err != nil {
			t.Fatal(err)
		}
		nb := p.Write.Booking
		if nb.Contact != (Contact{}) || nb.Note != "" || nb.Address != "" || nb.TokenHash != nil || nb.Mail != nil || nb.Organisation.Name != "" || nb.Lang != "" {
			t.Errorf("personal data left: %+v", nb)
		}
		if !nb.Start.Equal(b.Start) || nb.Form != b.Form || nb.Topic != b.Topic || nb.TargetGroup != b.TargetGroup ||
			nb.Region != b.Region || nb.Organisation.ICO != b.Organisation.ICO || nb.Status != StatusHeld || nb.Consent.NoticeVersion != b.Consent.NoticeVersion {
			t.Errorf("statistical facts changed: got %+v", nb)
		}
		if !nb.ErasedAt.Equal(b.End) || nb.Version != 4 || p.Write.PrevVersion != 3 {
			t.Errorf("got erased at %v version %d after %d, want now, 4 after 3", nb.ErasedAt, nb.Version, p.Write.PrevVersion)
		}
		if !slices.Equal(p.Write.DeleteMail, b.Mail) {
			t.Errorf("delete mail: got %v, want %v", p.Write.DeleteMail, b.Mail)
		}
		if p.Cancels || len(p.Write.Release) != 0 || p.Write.UncountDay != nil {
			t.Errorf("a past consultation is not cancelled: got %+v", p)
		}
	})
	t.Run("the IČO goes too, where the target group has no organisation (a sole trader's identifies a person)", func(t *testing.T) {
		for _, g := range []programme.TargetGroup{programme.TargetClient, programme.TargetCommunity} {
			b := confirmed()
			b.TargetGroup = g
			p, _ := PlanErasure(b, decideNow)
			if got := p.Write.Booking.Organisation; got != (Organisation{}) {
				t.Errorf("%s: organisation %+v, want the name and the IČO gone", g, got)
			}
		}
	})
	t.Run("a consultation still to come is cancelled with it", func(t *testing.T) {
		b := confirmed()
		p, err := PlanErasure(b, decideNow)
		if err != nil {
			t.Fatal(err)
		}
		nb := p.Write.Booking
		if !p.Cancels || nb.Status != StatusCancelled || !nb.CancelledAt.Equal(decideNow) || nb.Sequence != 2 {
			t.Errorf("got cancels %v status %s sequence %d, want cancelled now, sequence 2", p.Cancels, nb.Status, nb.Sequence)
		}
		if len(p.Write.Release) != 5 || p.Write.UncountDay == nil || p.Write.UncountDay.String() != "2026-12-02" {
			t.Errorf("got release %d uncount %v, want 5 granules and 2026-12-02", len(p.Write.Release), p.Write.UncountDay)
		}
	})
	t.Run("a cancelled consultation to come is not cancelled again", func(t *testing.T) {
		b := confirmed()
		b.Status = StatusCancelled
		p, _ := PlanErasure(b, decideNow)
		if p.Cancels || len(p.Write.Release) != 0 || p.Write.Booking.Sequence != 1 {
			t.Errorf("got %+v, want no cancellation", p)
		}
	})
	t.Run("an erased booking is refused", func(t *testing.T) {
		b := confirmed()
		b.ErasedAt = decideNow
		if _, err := PlanErasure(b, decideNow); reasonOf(err) != "conflict already_erased" {
			t.Errorf("got %s, want conflict already_erased", reasonOf(err))
		}
	})
}
