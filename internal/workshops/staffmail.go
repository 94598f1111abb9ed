package workshops

import (
	"time"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// StaffMailer builds the e-mails of a change or a cancellation of an event
// (workshopmail's templates). They carry no manage link (staff never hold
// a registration's token), so nothing is sealed; Sealer only makes the
// items.
type StaffMailer struct {
	Sealer *outbox.Sealer
	// CertKey signs certificate codes (certcode.Key of the stored
	// secret), BaseURL is the front door the verification page is under,
	// and CertificatePDF renders the attached certificate (nil: the
	// e-mail points to the manage page's download).
	CertKey        []byte
	BaseURL        string
	CertificatePDF CertificatePDF
}

var _ StaffMail = StaffMailer{}

// EventChanged is the e-mail telling r about a new time or place of e
// (e.Sequence is already the new one).
func (m StaffMailer) EventChanged(e Event, r Registration, now time.Time) (outbox.Item, error) {
	return m.item(workshopmail.KindEventChanged, e, r, r.Status, now), nil
}

// EventCancelled is the e-mail telling r that e was cancelled.
func (m StaffMailer) EventCancelled(e Event, r Registration, now time.Time) (outbox.Item, error) {
	return m.item(workshopmail.KindEventCancelled, e, r, RegCancelled, now), nil
}

func (m StaffMailer) item(kind workshopmail.Kind, e Event, r Registration, status RegistrationStatus, now time.Time) outbox.Item {
	d := workshopmail.Data{
		Event: staffMailEvent(e),
		Registration: workshopmail.Registration{
			ID: r.ID, Status: string(status), Seat: string(r.Seat), Name: r.Contact.Name,
			HadSeat: r.Status == RegConfirmed,
		},
	}
	to := mail.Address{Name: r.Contact.Name, Email: r.Contact.Email}
	msg := workshopmail.NewMessage(workshopmail.MailID(r.ID, e.Sequence, kind), kind, string(r.Lang), to, d, "", now)
	return m.Sealer.NewItem(msg, r.ID, now)
}

// staffMailEvent is the snapshot of an event an e-mail carries.
func staffMailEvent(e Event) workshopmail.Event {
	out := workshopmail.Event{
		ID: e.ID, Sequence: e.Sequence, Kind: string(e.Kind),
		Title: workshopmail.Text{CS: e.Title.CS, EN: e.Title.EN}, Mode: string(e.Mode),
		Venue: workshopmail.Venue{
			Name: e.Venue.Name, Address: e.Venue.Address, StepFree: e.Venue.StepFree,
			InductionLoop: e.Venue.InductionLoop, Parking: e.Venue.Parking, NearestStop: e.Venue.NearestStop,
		},
		OnlineLink: e.OnlineLink, Organiser: e.Organiser,
	}
	for _, s := range e.Sessions {
		out.Sessions = append(out.Sessions, workshopmail.Session{Start: s.Start, End: s.End})
	}
	return out
}

// SignedCodes opens check-in codes with the check-in signer.
type SignedCodes struct{ Signer *checkin.Signer }

var _ CheckinCodes = SignedCodes{}

// Open returns what a code names, or false for one not made by the signer.
func (c SignedCodes) Open(code string) (eventID, regID string, ok bool) {
	k, err := c.Signer.Verify(code)
	if err != nil {
		return "", "", false
	}
	return k.EventID, k.RegistrationID, true
}
