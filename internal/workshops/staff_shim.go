package workshops

import "github.com/mpsv/brana/internal/apperr"

// The capability's reasons the staff side uses, until the core's store.go
// (branch wcore) declares them; this file goes when it is merged.
const (
	ReasonEventNotFound        apperr.Reason = "event_not_found"
	ReasonEventChanged         apperr.Reason = "event_changed"
	ReasonRegistrationNotFound apperr.Reason = "registration_not_found"
)
