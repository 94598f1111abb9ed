// Package staffevents builds the function "staff-events": the staff routes
// of events (workshops, forums, seminars, study visits, webinars). It reads
// the outbox key, from which the check-in codes' key is derived, and links
// the CSV, XLSX and PDF writers of internal/workshops/docs, which is why
// these routes are not in the lean staff function.
package staffevents

import (
	"bytes"
	"context"
	"time"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/boot/awssecret"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/outbox"
	"github.com/mpsv/brana/internal/wire/consult"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/checkin"
	"github.com/mpsv/brana/internal/workshops/docs"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// New returns the staff-events function's HTTP handler.
func New(ctx context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	key, err := awssecret.OutboxKey(ctx, env)
	if err != nil {
		return nil, err
	}
	sealer, err := outbox.NewSealer(key)
	if err != nil {
		return nil, err
	}
	db := dynamo.New(env.DB, env.Config.TableName)
	signer := checkin.NewSigner(key)
	// The core service offers the seats a raised capacity frees to the
	// waiting list, with its offer e-mails (a sealed accept link), and
	// gives a seat to whom an organiser moves from the waiting list.
	core := &workshops.Service{
		Store: workshopdb.New(db), Clock: env.Clock, IDs: env.IDs, BaseURL: env.Config.PublicBaseURL,
		Mail: workshops.TemplateMailer{Sealer: sealer, CheckIn: signer},
	}
	staff := &workshops.Staff{
		Store: workshopdb.NewStaff(db), Clock: env.Clock, IDs: env.IDs,
		Mail: workshops.StaffMailer{
			Sealer: sealer, CertKey: certcode.Key(key), BaseURL: env.Config.PublicBaseURL,
			CertificatePDF: CertificatePDF,
		}, Codes: workshops.SignedCodes{Signer: signer}, Fill: core.Fill,
		GiveSeat: core.Promote,
	}
	// The erasure of a registration (internal/workshops/erasure.go): one
	// still active for an event to come is cancelled first, as the
	// person's own cancel is, so the seat is offered with its e-mail.
	regs := workshopdb.New(db)
	a, err := api.NewStaffEvents(api.StaffEventsDeps{
		Staff: staff, Docs: Documents{Now: consult.Now(env)}, Logger: env.Log, NewID: env.IDs.NewID, Now: consult.Now(env),
		Eraser: workshops.Eraser{Store: regs, Cancel: core.CancelForErasure, Now: consult.Now(env)},
	})
	if err != nil {
		return nil, err
	}
	return consult.Guard(env, a.Handle)
}

// SheetBlankRows is how many empty rows an attendance sheet has for people
// who come without registering.
const SheetBlankRows = 5

// Documents writes the staff's files with internal/workshops/docs.
type Documents struct{ Now func() time.Time }

var _ api.EventDocuments = Documents{}

// RegistrationsCSV is the registrations as CSV for Czech Excel.
func (d Documents) RegistrationsCSV(e workshops.Event, regs []workshops.Registration, lang i18n.Lang) ([]byte, error) {
	head, rows := workshops.ExportTable(e, regs, lang)
	var b bytes.Buffer
	err := docs.ExportCSV(&b, docs.Columns(head...), rows)
	return b.Bytes(), err
}

// RegistrationsXLSX is the registrations as an Excel workbook.
func (d Documents) RegistrationsXLSX(e workshops.Event, regs []workshops.Registration, lang i18n.Lang) ([]byte, error) {
	head, rows := workshops.ExportTable(e, regs, lang)
	var b bytes.Buffer
	err := docs.ExportXLSX(&b, e.Title.In(lang), docs.Columns(head...), rows)
	return b.Bytes(), err
}

// AttendanceSheet is the attendance sheet to print, in Czech (the
// language of the programme's records).
func (d Documents) AttendanceSheet(e workshops.Event, regs []workshops.Registration, _ i18n.Lang) ([]byte, error) {
	var b bytes.Buffer
	err := docs.WriteAttendanceSheet(&b, docs.SheetOf(e, regs, SheetBlankRows, d.Now()))
	return b.Bytes(), err
}

// CertificatePDF renders the certificate a held event's e-mail attaches,
// issued on the event's last day like every download of it.
func CertificatePDF(e workshops.Event, r workshops.Registration, code, verifyURL string) ([]byte, string, error) {
	var b bytes.Buffer
	if err := docs.WriteCertificate(&b, docs.CertificateOf(e, r, code, verifyURL, e.End())); err != nil {
		return nil, "", err
	}
	return b.Bytes(), docs.CertificateFilename(r.Lang), nil
}
