package consultations

import (
	"time"

	"github.com/mpsv/brana/internal/cz"
)

// What the privacy notice promises about a booking's personal data, in one
// place: how long the manage link works, what an erasure keeps, and how
// long personal data is kept at most. The notice (web/src/public/content/
// privacy.ts) states these from web/src/generated/privacy.json, which
// privacy_test.go writes from here and checks.

// ManageTokenDays is how long after the consultation's end its manage link
// still opens it: time enough to see what was booked, never for ever.
const ManageTokenDays = 30

// ManageTokenExpires is when b's manage token stops opening it:
// ManageTokenDays Prague calendar days after the consultation's end (after
// a reschedule, the new end's).
func ManageTokenExpires(b Booking) time.Time {
	if b.End.IsZero() {
		return time.Time{}
	}
	return b.End.In(cz.Prague).AddDate(0, 0, ManageTokenDays).UTC()
}
