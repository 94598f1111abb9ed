package app

import (
	"time"

	"github.com/mpsv/brana/internal/cz"
)

// DemoReportMonths are the two Prague months the demo report data of
// `make run` spans (SeedReportData): past consultations, events with
// registrations, check-ins, walk-ins and ESF+ answers, and survey
// responses in each, so that `make report MONTH=2026-10` and
// `MONTH=2026-11` have something to count and compare.
func DemoReportMonths() []cz.Month {
	return []cz.Month{{Year: 2026, Month: time.October}, {Year: 2026, Month: time.November}}
}
