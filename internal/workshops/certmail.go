package workshops

import (
	"context"
	"errors"
	"time"

	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/workshopmail"
)

// CertificatePDF renders the certificate of attendance of r at e with its
// verification code and address (internal/workshops/docs/certpdf, which
// this package cannot import), returning the PDF and its file name.
type CertificatePDF func(e Event, r Registration, code, verifyURL string) (pdf []byte, filename string, err error)

// MaxCertificateAttachment is the largest PDF an outbox item carries as
// an attachment (base64 in the item's data, under DynamoDB's 400 kB item
// limit with room to spare); a larger one is left out and the e-mail
// points to the manage page's download instead. A certificate measures
// some 30 kB (TestCertificateMailSize).
const MaxCertificateAttachment = 200 << 10

// Certificate is the e-mail that brings an attendee of a held event the
// certificate of attendance: the PDF attached, its verification code and
// the public page that checks it. Its id is derived from the registration
// and the kind only, so marking the event held again queues nothing new.
//
// attach false leaves the PDF out (the e-mail points to the manage page's
// download): SendCertificates does so for a large event.
func (m StaffMailer) Certificate(e Event, r Registration, attach bool, now time.Time) (outbox.Item, error) {
	code := r.Certificate
	if code == "" {
		code = certcode.New(m.CertKey, e.ID, r.ID)
	}
	verify := certcode.VerifyURL(m.BaseURL, code)
	cert := &workshopmail.Certificate{Code: code, VerifyURL: verify}
	if attach && m.CertificatePDF != nil {
		pdf, name, err := m.CertificatePDF(e, r, code, verify)
		if err != nil {
			return outbox.Item{}, err
		}
		if len(pdf) <= MaxCertificateAttachment {
			cert.PDF, cert.Filename = pdf, name
		}
	}
	d := workshopmail.Data{
		Event: staffMailEvent(e),
		Registration: workshopmail.Registration{
			ID: r.ID, Status: string(r.Status), Seat: string(r.Seat), Name: r.Contact.Name,
		},
		Certificate: cert,
	}
	to := mail.Address{Name: r.Contact.Name, Email: r.Contact.Email}
	msg := workshopmail.NewMessage(CertificateMailID(r.ID), workshopmail.KindCertificate, string(r.Lang), to, d, "", now)
	return m.Sealer.NewItem(msg, r.ID, now), nil
}

// CertificateFile renders r's certificate of attendance at e, with its
// verification code and address: the document Certificate attaches.
func (m StaffMailer) CertificateFile(e Event, r Registration) ([]byte, string, error) {
	if m.CertificatePDF == nil {
		return nil, "", errNoCertificatePDF
	}
	code := r.Certificate
	if code == "" {
		code = certcode.New(m.CertKey, e.ID, r.ID)
	}
	return m.CertificatePDF(e, r, code, certcode.VerifyURL(m.BaseURL, code))
}

var errNoCertificatePDF = errors.New("workshops: no certificate renderer")

// CertificateMailID is the outbox id of a registration's certificate
// e-mail: one per registration, whatever the event's sequence.
func CertificateMailID(registrationID string) string {
	return workshopmail.MailID(registrationID, 0, workshopmail.KindCertificate)
}

// MaxAttachedCertificates is how many attendees of one event get the
// certificate attached to the e-mail. Rendering one takes some 10-30 ms, so
// a larger event (a webinar may have thousands) would not finish within
// the staff request; its attendees get the e-mail with the code and the
// link to the manage page's download instead.
const MaxAttachedCertificates = 300

// SendCertificates queues the certificate e-mail of every attendee of a
// held event (checked in, walk-ins too, not erased); no-shows get none.
// Items already queued (an earlier call) are skipped.
func (s *Staff) SendCertificates(ctx context.Context, e Event, now time.Time) error {
	if e.Status != EventHeld {
		return nil
	}
	regs, err := s.Store.Registrations(ctx, e.ID)
	if err != nil {
		return err
	}
	var attendees []Registration
	for _, r := range regs {
		if r.Certified() {
			attendees = append(attendees, r)
		}
	}
	attach := len(attendees) <= MaxAttachedCertificates
	var mails []outbox.Item
	for _, r := range attendees {
		it, err := s.Mail.Certificate(e, r, attach, now)
		if err != nil {
			return err
		}
		mails = append(mails, it)
	}
	return s.Store.QueueMail(ctx, mails)
}
