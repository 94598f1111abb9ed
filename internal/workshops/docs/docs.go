// Package docs makes the events' documents: the certificate of attendance
// and the attendance sheet (prezenční listina) as PDF, and exports of
// registrations as CSV and XLSX. Each generator takes its own small input
// and writes to an io.Writer; none reads storage.
//
// The PDFs embed the Go fonts, which carry every letter of Czech, with a
// real text layer, their title, author, subject and language
// (internal/workshops/docs/certpdf). The exports put a byte-order mark and
// semicolons in the CSV, as Czech Excel expects, and neutralise cells that
// a spreadsheet would take for a formula.
//
// The package links the PDF and spreadsheet libraries, so only the staff
// function imports it. A function that only hands out certificates imports
// certpdf (no spreadsheets); verifying a certificate code needs only
// internal/workshops/certcode.
package docs

import (
	"io"
	"time"

	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/docs/certpdf"
)

// ProjectNumber is the programme's registration number.
const ProjectNumber = certpdf.ProjectNumber

// FundingLine is the programme's funding statement in a language.
func FundingLine(lang i18n.Lang) string { return certpdf.FundingLine(lang) }

// EULogoText is the EU emblem's statement ("Spolufinancováno Evropskou
// unií").
func EULogoText(lang i18n.Lang) string { return certpdf.EULogoText(lang) }

// KindName returns a kind's name in a language ("seminář", "seminar").
func KindName(k workshops.Kind, lang i18n.Lang) string { return certpdf.KindName(k, lang) }

// FormatSessions returns an event's dates and times, one line per day.
func FormatSessions(s []workshops.Session, lang i18n.Lang) []string {
	return certpdf.FormatSessions(s, lang)
}

// FormatHours returns a duration as hours in words ("3,5 hodiny").
func FormatHours(d time.Duration, lang i18n.Lang) string { return certpdf.FormatHours(d, lang) }

// Certificate is what a certificate of attendance shows.
type Certificate = certpdf.Certificate

// CertificateOf fills a certificate from an event and a registration.
func CertificateOf(e workshops.Event, r workshops.Registration, code, verifyURL string, issued time.Time) Certificate {
	return certpdf.Of(e, r, code, verifyURL, issued)
}

// WriteCertificate writes the certificate as a one-page A4 PDF.
func WriteCertificate(w io.Writer, c Certificate) error { return certpdf.Write(w, c) }

// CertificateFilename is the file name to offer for a certificate.
func CertificateFilename(lang i18n.Lang) string { return certpdf.Filename(lang) }
