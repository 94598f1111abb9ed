package workshops

import (
	"strconv"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// TemplateMailer queues the workshopmail templates: the person's manage
// (or offer) link sealed, the check-in code of an in-person seat signed.
type TemplateMailer struct {
	Sealer  *outbox.Sealer
	CheckIn *checkin.Signer // nil: no check-in code (the QR code is left out)
	// Contact is whom the e-mails name for questions about accessibility.
	Contact workshopmail.Contact
}

var mailKinds = map[MailKind]workshopmail.Kind{
	MailConfirmed:    workshopmail.KindConfirmation,
	MailWaitlisted:   workshopmail.KindWaitlisted,
	MailOffer:        workshopmail.KindOffer,
	MailOfferExpired: workshopmail.KindOfferExpired,
	MailCancelled:    workshopmail.KindCancelled,
}

// Items makes the one outbox item of an e-mail to the registered person.
func (t TemplateMailer) Items(m Mail) []outbox.Item {
	kind, ok := mailKinds[m.Kind]
	if !ok || m.Reg.Contact.Email == "" {
		return nil
	}
	var extra []string
	if kind == workshopmail.KindOffer {
		extra = append(extra, strconv.FormatInt(m.Reg.OfferExpires.Unix(), 10))
	}
	id := workshopmail.MailID(m.Reg.ID, m.Event.Sequence, kind, extra...)
	data := workshopmail.Data{Event: MailEvent(m.Event, t.Contact), Registration: MailRegistration(m.Reg, m.HadSeat)}
	if kind == workshopmail.KindConfirmation && m.Reg.Seat == SeatInPerson && t.CheckIn != nil {
		if code, err := t.CheckIn.Make(m.Event.ID, m.Reg.ID); err == nil {
			data.Registration.CheckIn = code
		}
	}
	lang := mail.LangCzech
	if m.Reg.Lang == "en" {
		lang = mail.LangEnglish
	}
	msg := workshopmail.NewMessage(id, kind, lang, mail.Address{Name: m.Reg.Contact.Name, Email: m.Reg.Contact.Email}, data, m.Link, m.Now)
	return []outbox.Item{t.Sealer.NewItem(msg, m.Reg.ID, m.Now)}
}

// MailEvent is the snapshot of an event the workshop e-mails carry.
func MailEvent(e Event, contact workshopmail.Contact) workshopmail.Event {
	out := workshopmail.Event{
		ID: e.ID, Sequence: e.Sequence, Kind: string(e.Kind),
		Title: workshopmail.Text{CS: e.Title.CS, EN: e.Title.EN}, Mode: string(e.Mode),
		Venue: workshopmail.Venue{
			Name: e.Venue.Name, Address: e.Venue.Address, StepFree: e.Venue.StepFree,
			InductionLoop: e.Venue.InductionLoop, Parking: e.Venue.Parking, NearestStop: e.Venue.NearestStop,
		},
		OnlineLink: e.OnlineLink, Organiser: e.Organiser, Contact: contact,
	}
	for _, s := range e.Sessions {
		out.Sessions = append(out.Sessions, workshopmail.Session{Start: s.Start, End: s.End})
	}
	return out
}

// MailRegistration is the snapshot of a registration the e-mails carry.
func MailRegistration(r Registration, hadSeat bool) workshopmail.Registration {
	return workshopmail.Registration{
		ID: r.ID, Status: string(r.Status), Seat: string(r.Seat), Name: r.Contact.Name,
		Position: r.Position, OfferExpires: r.OfferExpires, HadSeat: hadSeat,
		Needs: workshopmail.Needs{
			Wheelchair: r.Needs.Wheelchair, SignLanguage: r.Needs.SignLanguage, InductionLoop: r.Needs.InductionLoop,
			EasyRead: r.Needs.EasyRead, Assistant: r.Needs.Assistant, Other: r.Needs.Other,
		},
	}
}
