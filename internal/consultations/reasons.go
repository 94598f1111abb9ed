package consultations

import "github.com/mpsv/brana/internal/apperr"

// Reasons the consultation capability raises. The storage adapter maps a
// failed condition of a booking transaction to the first five.
const (
	ReasonSlotTaken      apperr.Reason = "slot_taken"      // a granule of the slot is claimed (Conflict)
	ReasonDayFull        apperr.Reason = "day_full"        // the expert's cap for the day is reached (Conflict)
	ReasonBookingChanged apperr.Reason = "booking_changed" // the booking's version moved on (Conflict)
	ReasonExpertNotFound apperr.Reason = "expert_not_found"
	ReasonExpertExists   apperr.Reason = "expert_exists"
	ReasonExpertChanged  apperr.Reason = "expert_changed"

	ReasonBookingNotFound  apperr.Reason = "booking_not_found"
	ReasonBookingNotActive apperr.Reason = "booking_not_active" // cancelled (or held): nothing to change
	ReasonBookingTooLate   apperr.Reason = "booking_too_late"   // it has started
	ReasonSlotUnavailable  apperr.Reason = "slot_unavailable"   // not a slot of the expert
	ReasonOutcomeTooEarly  apperr.Reason = "outcome_too_early"
	ReasonAlreadyErased    apperr.Reason = "already_erased"
)
