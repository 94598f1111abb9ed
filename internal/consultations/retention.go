package consultations

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
)

// ---- Scheduled: retention ----

// RetentionFirstMonth is the first Prague month that can hold bookings: the
// month of the first privacy notice (PrivacyNoticeVersion 2026-11), before
// which nobody could book. The retention job reads from here.
var RetentionFirstMonth = cz.Date{Year: 2026, Month: time.November, Day: 1}

// RetentionRun is what one run of the retention job did: counts only.
type RetentionRun struct {
	Cutoff  cz.Date `json:"cutoff"`  // consultations that ended before this Prague date's start were due
	Months  int     `json:"months"`  // month buckets read
	Checked int     `json:"checked"` // bookings read
	Erased  int     `json:"erased"`  // bookings erased by this run
	Skipped int     `json:"skipped"` // due, but changed meanwhile: the next run erases them
}

// EraseExpired erases the personal data of every consultation that ended
// more than months months (Prague calendar) ago, through the erase path of
// the admin's erasure, so the counted facts stay. It pages through the
// bookings month by month (GSI2) from RetentionFirstMonth to the cut-off.
// It holds no state of its own: what is erased is marked on the booking,
// so a second run changes nothing, and a run stopped half-way (a timeout,
// an error) is finished by the next. A booking changed while the job reads
// it (a concurrent erasure or outcome) is left to the next run.
func (s *Service) EraseExpired(ctx context.Context, months int) (RetentionRun, error) {
	if months < MinRetentionMonths {
		return RetentionRun{}, fmt.Errorf("retention of %d months: want at least %d", months, MinRetentionMonths)
	}
	now := s.Clock.Now()
	cutoff := cz.DateOf(now.In(cz.Prague).AddDate(0, -months, 0))
	run := RetentionRun{Cutoff: cutoff}
	end := cutoff.Start()
	for m := RetentionFirstMonth; m.Start().Before(end); m = nextMonth(m) {
		if err := ctx.Err(); err != nil {
			return run, err
		}
		to := nextMonth(m).Start()
		if end.Before(to) {
			to = end
		}
		list, err := s.Store.ListBookingsByTime(ctx, m.Start(), to)
		if err != nil {
			return run, err
		}
		run.Months++
		run.Checked += len(list)
		for _, b := range list {
			if b.Erased() || !b.End.Before(end) {
				continue
			}
			if _, err := s.erase(ctx, b, now); err != nil {
				if apperr.Is(err, apperr.Conflict, ReasonBookingChanged) || apperr.Is(err, apperr.Conflict, ReasonAlreadyErased) {
					run.Skipped++
					continue
				}
				return run, fmt.Errorf("erase booking %s: %w", b.ID, err)
			}
			run.Erased++
		}
	}
	return run, nil
}

// nextMonth is the first day of the month after d's.
func nextMonth(d cz.Date) cz.Date {
	if d.Month == time.December {
		return cz.Date{Year: d.Year + 1, Month: time.January, Day: 1}
	}
	return cz.Date{Year: d.Year, Month: d.Month + 1, Day: 1}
}
