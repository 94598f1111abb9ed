package workshopmail

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"rsc.io/qr"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/ics"
	"github.com/mpsv/brana/internal/mail"
)

// Templates returns the workshop e-mails, one template per kind, for
// mail.NewRegistry. Every one goes to an address typed by whoever
// registered, so each counts towards the recipient's daily cap.
func Templates() []mail.Template {
	out := make([]mail.Template, 0, len(Kinds))
	for _, k := range Kinds {
		out = append(out, mail.Template{Name: TemplateName(k), Render: renderer(k), Capped: true})
	}
	return out
}

// calendarMethod is the iTIP method of the calendar object an e-mail
// carries, or "" for none. Only a person with a seat has the event in the
// calendar: a confirmation and a change add or update it (REQUEST), a
// cancellation of a seat removes it (CANCEL). The waiting list, offers, the
// reminder (the calendar has the event already; resending the REQUEST would
// ask some clients to accept it again) and the certificate carry none.
func calendarMethod(kind Kind, d Data) ics.Method {
	switch kind {
	case KindConfirmation, KindEventChanged:
		if seated(d.Registration) {
			return ics.MethodRequest
		}
	case KindCancelled, KindEventCancelled:
		if d.Registration.HadSeat {
			return ics.MethodCancel
		}
	}
	return ""
}

// seated says the person has a confirmed seat.
func seated(r Registration) bool { return r.Status == "confirmed" }

func renderer(kind Kind) func(mail.Input) (mail.Content, error) {
	return func(in mail.Input) (mail.Content, error) {
		var d Data
		if err := json.Unmarshal(in.Data, &d); err != nil {
			return mail.Content{}, fmt.Errorf("decode registration data: %w", err)
		}
		if err := validate(kind, d); err != nil {
			return mail.Content{}, err
		}
		// The templates keep the link rule themselves too, whatever the
		// item carries.
		if !mayCarryLink(kind, d.Registration) {
			d.Event.OnlineLink = ""
		}
		c := catalogues[in.Lang]
		method := calendarMethod(kind, d)
		qrCode := showQR(kind, d)
		t := compose(kind, d, in, c, method, qrCode)
		out := mail.Content{Subject: t.subject, Text: t.body}
		if method != "" {
			obj, err := Calendar(d, method, in.Lang, in.To, in.From, in.CreatedAt)
			if err != nil {
				return mail.Content{}, err
			}
			name := c.attachRequest
			if method == ics.MethodCancel {
				name = c.attachCancel
			}
			out.Calendar = &mail.Calendar{Method: string(method), Object: obj, Filename: name}
		}
		if qrCode {
			png, err := QRCode(d.Registration.CheckIn)
			if err != nil {
				return mail.Content{}, fmt.Errorf("registration %s: %w", d.Registration.ID, err)
			}
			out.Files = []mail.File{{Filename: c.qrFile, ContentType: "image/png", Inline: true, Data: png}}
		}
		if kind == KindCertificate && len(d.Certificate.PDF) > 0 {
			name := mail.Line(d.Certificate.Filename)
			if name == "" {
				name = c.certFile
			}
			out.Files = append(out.Files, mail.File{Filename: name, ContentType: "application/pdf", Data: d.Certificate.PDF})
		}
		return out, nil
	}
}

// showQR says whether the e-mail carries the check-in QR code: the
// confirmation and the reminder of a confirmed in-person seat.
func showQR(kind Kind, d Data) bool {
	return (kind == KindConfirmation || kind == KindReminder) &&
		seated(d.Registration) && d.Registration.Seat == "in_person" && d.Registration.CheckIn != ""
}

// QRCode returns the check-in code as a PNG QR code: error correction level
// M (15 % of the symbol may be damaged), 6 pixels a module with the quiet
// zone of 4 modules, so an 80-byte code is a 270-pixel square that a phone
// screen shows and a scanner reads at arm's length.
func QRCode(code string) ([]byte, error) {
	if code == "" {
		return nil, errors.New("empty check-in code")
	}
	c, err := qr.Encode(code, qr.M)
	if err != nil {
		return nil, fmt.Errorf("check-in QR code: %w", err)
	}
	c.Scale = 6
	return c.PNG(), nil
}

func validate(kind Kind, d Data) error {
	r, e := d.Registration, d.Event
	if !mail.ValidID(r.ID) {
		return fmt.Errorf("invalid registration id %q", r.ID)
	}
	if !mail.ValidID(e.ID) {
		return fmt.Errorf("registration %s: invalid event id %q", r.ID, e.ID)
	}
	if e.Sequence < 0 {
		return fmt.Errorf("registration %s: negative sequence", r.ID)
	}
	if len(e.Sessions) == 0 {
		return fmt.Errorf("registration %s: event without sessions", r.ID)
	}
	for i, s := range e.Sessions {
		if s.Start.IsZero() || !s.End.After(s.Start) {
			return fmt.Errorf("registration %s: session %d ends %s, not after its start %s", r.ID, i+1, s.End, s.Start)
		}
	}
	if mail.Line(e.Title.CS) == "" {
		return fmt.Errorf("registration %s: event without a title", r.ID)
	}
	switch kind {
	case KindOffer:
		if r.OfferExpires.IsZero() {
			return fmt.Errorf("registration %s: offer without an expiry", r.ID)
		}
	case KindCertificate:
		if d.Certificate == nil || mail.Line(d.Certificate.Code) == "" {
			return fmt.Errorf("registration %s: certificate without a code", r.ID)
		}
	}
	return nil
}

// text is what an e-mail says, before MIME encoding.
type text struct {
	subject string
	body    string
}

func compose(kind Kind, d Data, in mail.Input, c *catalogue, method ics.Method, qrCode bool) text {
	e, r := d.Event, d.Registration
	title := mail.Line(e.Title.In(c.lang))
	var t text
	switch kind {
	case KindOffer:
		t.subject = fmt.Sprintf(c.subjects[kind], title, cz.FormatDateTime(r.OfferExpires, c.lang))
	case KindReminder:
		t.subject = fmt.Sprintf(c.subjects[kind], title, cz.FormatDate(e.Sessions[0].Start, c.lang))
	default:
		t.subject = fmt.Sprintf(c.subjects[kind], title)
	}

	var b strings.Builder
	para := func(lines ...string) {
		var kept []string
		for _, l := range lines {
			if l != "" {
				kept = append(kept, l)
			}
		}
		if len(kept) > 0 {
			b.WriteString(strings.Join(kept, "\n") + "\n\n")
		}
	}
	greeting := c.greeting
	name := mail.Typed(in.To.Name)
	if name == "" {
		name = mail.Typed(r.Name)
	}
	if name != "" && c.greetingNamed != "" {
		greeting = fmt.Sprintf(c.greetingNamed, name)
	}
	para(greeting)
	para(c.intros[kind])

	switch kind {
	case KindWaitlisted:
		if r.Position > 0 {
			para(fmt.Sprintf(c.position, r.Position), c.waitlistHow)
		} else {
			para(c.waitlistHow)
		}
	case KindOffer:
		para(fmt.Sprintf(c.offerUntil, cz.FormatDateTime(r.OfferExpires, c.lang)), c.offerNext)
	case KindOfferExpired:
		if r.Status == "waitlisted" && r.Position > 0 {
			para(fmt.Sprintf(c.stillWaitlist, r.Position))
		} else if r.Status != "waitlisted" {
			para(c.expiredEnded)
		}
	}

	full := kind != KindCancelled && kind != KindEventCancelled && kind != KindOfferExpired
	para(c.details(e, r, full))
	if kind == KindEventChanged && d.Previous != nil {
		if prev := c.changed(*d.Previous, e); prev != "" {
			para(c.labelPrevious, prev)
		}
	}
	if note := mail.TypedParagraph(d.Note, "  "); note != "" && (kind == KindEventChanged || kind == KindEventCancelled) {
		para(c.note, "  "+note)
	}

	if full && kind != KindCertificate && kind != KindWaitlisted && kind != KindOffer {
		if seated(r) {
			para(c.access(e, r, in.From))
		}
		if kind == KindConfirmation {
			para(c.needsList(r.Needs))
		}
		if qrCode {
			para(c.checkIn)
		}
	}
	if kind == KindEventChanged && !seated(r) && r.Status == "waitlisted" {
		para(c.changedNoSeat)
	}

	manageURL := in.Secret
	switch kind {
	case KindConfirmation, KindWaitlisted:
		para(c.manageText(manageURL))
	case KindEventChanged:
		para(c.changedDecline)
		para(c.manageText(manageURL))
	case KindReminder:
		para(c.cantCome)
		para(c.manageText(manageURL))
	case KindOffer:
		if manageURL != "" {
			para(c.offerAccept, manageURL)
		} else {
			para(c.offerNoLink)
		}
	case KindCertificate:
		if len(d.Certificate.PDF) > 0 {
			para(c.certAttached)
		} else if manageURL != "" {
			para(c.certificate, manageURL)
		} else {
			para(c.certNoLink)
		}
		cert := d.Certificate
		verify := ""
		if u := mail.Line(cert.VerifyURL); u != "" {
			verify = fmt.Sprintf(c.certVerify, u)
		}
		para(fmt.Sprintf(c.certCode, mail.Line(cert.Code)), verify)
	}

	switch method {
	case ics.MethodRequest:
		para(c.calendarRequest)
	case ics.MethodCancel:
		para(c.calendarCancel)
	}
	b.WriteString(c.closing + "\n" + c.signature + "\n\n-- \n" + c.footer + "\n")
	t.body = b.String()
	return t
}

func (c *catalogue) manageText(url string) string {
	if url == "" {
		return c.manageNoLink
	}
	return c.manage + "\n" + url
}

// details is what, when, where and how. full adds the place's details and
// the link to join (when the e-mail may carry it); a cancellation names the
// event and its dates only.
func (c *catalogue) details(e Event, r Registration, full bool) string {
	var d strings.Builder
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&d, "%s: %s\n", label, value)
		}
	}
	field(c.labelEvent, mail.Line(e.Title.In(c.lang)))
	field(c.labelKind, c.kinds[e.Kind])
	d.WriteString(c.when(e.Sessions))
	if !full {
		return strings.TrimSpace(d.String())
	}
	field(c.labelSeat, c.seats[r.Seat])
	if r.Seat != "online" {
		field(c.labelPlace, place(e.Venue))
	}
	if r.Seat == "online" && seated(r) {
		if e.OnlineLink != "" {
			field(c.labelLink, mail.Line(e.OnlineLink))
		}
	}
	field(c.labelOrganiser, mail.Line(e.Organiser))
	if r.Seat == "online" && seated(r) && e.OnlineLink == "" {
		d.WriteString(c.linkLater + "\n")
	}
	return strings.TrimSpace(d.String())
}

// when is the event's date and time: one line for one session, a numbered
// line per session for several, and the total length.
func (c *catalogue) when(sessions []Session) string {
	var b strings.Builder
	if len(sessions) == 1 {
		b.WriteString(c.labelWhen + ": " + c.span(sessions[0]) + "\n")
	} else {
		b.WriteString(c.labelSessions + ":\n")
		for i, s := range sessions {
			fmt.Fprintf(&b, "  %d. %s\n", i+1, c.span(s))
		}
	}
	var total time.Duration
	for _, s := range sessions {
		total += s.End.Sub(s.Start)
	}
	b.WriteString(c.labelLength + ": " + c.hours(total) + "\n")
	return b.String()
}

// span is one session in Europe/Prague with its weekday and zone:
// cs "středa 10. 3. 2027, 9:00–16:00 SEČ",
// en "Wednesday 10 March 2027, 9:00–16:00 CET, Prague time".
func (c *catalogue) span(s Session) string {
	start := s.Start.In(cz.Prague)
	zone, _ := start.Zone()
	if z, ok := c.zones[zone]; ok {
		zone = z
	}
	return fmt.Sprintf("%s %s, %s–%s %s%s", cz.WeekdayName(start.Weekday(), c.lang), cz.FormatDate(start, c.lang),
		cz.FormatTime(s.Start, c.lang), cz.FormatTime(s.End, c.lang), zone, c.zoneSuffix)
}

// hours is a length in hours, to the quarter hour: cs "1 hodina",
// "2,5 hodiny", "7 hodin"; en "1 hour", "2.5 hours".
func (c *catalogue) hours(d time.Duration) string {
	q := int((d + 7*time.Minute + 30*time.Second) / (15 * time.Minute)) // quarter hours, rounded
	whole, frac := q/4, q%4
	num := strconv.Itoa(whole)
	if frac != 0 {
		num = strings.TrimRight(strconv.FormatFloat(float64(q)/4, 'f', 2, 64), "0")
		if c.lang == mail.LangCzech {
			num = strings.ReplaceAll(num, ".", ",")
		}
	}
	if c.lang == mail.LangEnglish {
		if q == 4 {
			return "1 hour"
		}
		return num + " hours"
	}
	switch {
	case frac != 0:
		return num + " hodiny" // a decimal takes the genitive singular
	case whole == 1:
		return "1 hodina"
	case whole >= 2 && whole <= 4:
		return num + " hodiny"
	}
	return num + " hodin"
}

// changed is the previous time and place, when they differ from now.
func (c *catalogue) changed(prev, now Event) string {
	var lines []string
	if !sameSessions(prev.Sessions, now.Sessions) && len(prev.Sessions) > 0 {
		lines = append(lines, strings.TrimSpace(c.when(prev.Sessions)))
	}
	if p := place(prev.Venue); p != "" && p != place(now.Venue) {
		lines = append(lines, c.labelPlace+": "+p)
	}
	return strings.Join(lines, "\n")
}

func sameSessions(a, b []Session) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !a[i].Start.Equal(b[i].Start) || !a[i].End.Equal(b[i].End) {
			return false
		}
	}
	return true
}

// place is the venue's name and address on one line.
func place(v Venue) string {
	var parts []string
	for _, s := range []string{v.Name, v.Address} {
		if s = mail.Line(s); s != "" {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, ", ")
}

// access is how to get there and whom to ask about accessibility: the
// venue's facts for an in-person seat, and the contact for anyone.
func (c *catalogue) access(e Event, r Registration, from mail.Address) string {
	var b strings.Builder
	if r.Seat != "online" && place(e.Venue) != "" {
		v := e.Venue
		b.WriteString(c.accessHeading + "\n")
		items := []string{c.stepFree[btoi(v.StepFree)], c.loop[btoi(v.InductionLoop)]}
		if p := mail.Line(v.Parking); p != "" {
			items = append(items, fmt.Sprintf(c.parking, p))
		}
		if s := mail.Line(v.NearestStop); s != "" {
			items = append(items, fmt.Sprintf(c.nearestStop, s))
		}
		for _, it := range items {
			b.WriteString("– " + it + "\n")
		}
		b.WriteString("\n" + c.askAccess + "\n")
	} else {
		b.WriteString(c.askOnline + "\n")
	}
	b.WriteString(c.contact(e.Contact, from))
	return strings.TrimSpace(b.String())
}

// contact is the event's contact, or the programme's address when the
// event names none.
func (c *catalogue) contact(k Contact, from mail.Address) string {
	var parts []string
	if n := mail.Line(k.Name); n != "" {
		parts = append(parts, n)
	}
	email := mail.Line(k.Email)
	if email == "" && mail.Line(k.Name) == "" && mail.Line(k.Phone) == "" {
		email = from.Email
	}
	if email != "" {
		parts = append(parts, c.labelEmail+" "+email)
	}
	if p := mail.Line(k.Phone); p != "" {
		parts = append(parts, c.labelPhone+" "+p)
	}
	return "  " + strings.Join(parts, ", ")
}

func (c *catalogue) needsList(n Needs) string {
	var items []string
	for _, x := range []struct {
		on  bool
		key string
	}{
		{n.Wheelchair, "wheelchair"}, {n.SignLanguage, "sign_language"}, {n.InductionLoop, "induction_loop"},
		{n.EasyRead, "easy_read"}, {n.Assistant, "assistant"},
	} {
		if x.on {
			items = append(items, c.needs[x.key])
		}
	}
	if o := mail.TypedParagraph(n.Other, "  "); o != "" {
		items = append(items, fmt.Sprintf(c.needsOther, o))
	}
	if len(items) == 0 {
		return ""
	}
	return c.needsHeading + "\n– " + strings.Join(items, "\n– ") + "\n" + c.needsChange
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	for i, r := range s {
		return strings.ToUpper(string(r)) + s[i+len(string(r)):]
	}
	return s
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// Calendar returns the registration's calendar object with the method
// given (REQUEST in e-mails, PUBLISH for a download, CANCEL): one VEVENT per
// session, UID "ws-<registrationID>-<n>@brana.mpsv.cz", SEQUENCE
// Event.Sequence, organised by the programme's sender address (from), the
// person (to) the one attendee. Like the e-mails' calendars it never
// carries the manage link or the check-in code; the meeting link only for a
// confirmed online seat (the caller passes the data; NewMessage and the
// templates strip it otherwise). stamp is the DTSTAMP.
func Calendar(d Data, method ics.Method, lang string, to, from mail.Address, stamp time.Time) ([]byte, error) {
	lang = mail.NormLang(lang)
	c := catalogues[lang]
	e, r := d.Event, d.Registration
	if !(seated(r) && r.Seat == "online") {
		e.OnlineLink = ""
	}
	if err := mail.CheckEmail(from.Email); err != nil {
		return nil, fmt.Errorf("registration %s: sender: %w", r.ID, err)
	}
	summary := mail.Line(e.Title.In(lang))
	if k := c.kinds[e.Kind]; k != "" {
		summary = capitalize(k) + ": " + summary
	}
	desc := c.details(e, r, method != ics.MethodCancel)
	location := place(e.Venue)
	if r.Seat == "online" {
		location = "Online"
		if e.OnlineLink != "" {
			location = mail.Line(e.OnlineLink)
		}
	}
	var attendees []ics.Participant
	if to.Email != "" {
		attendees = append(attendees, ics.Participant{Name: mail.Typed(to.Name), Email: to.Email})
	}
	var events []ics.EventInput
	for i, s := range e.Sessions {
		sum := summary
		if len(e.Sessions) > 1 {
			sum += " (" + strconv.Itoa(i+1) + "/" + strconv.Itoa(len(e.Sessions)) + ")"
		}
		events = append(events, ics.EventInput{
			Method:      method,
			UID:         UID(r.ID, i),
			Sequence:    e.Sequence,
			Stamp:       stamp,
			Start:       s.Start,
			End:         s.End,
			Summary:     sum,
			Description: desc,
			Location:    location,
			Organizer:   ics.Participant{Name: mail.Line(from.Name), Email: from.Email},
			Attendees:   attendees,
		})
	}
	return ics.Events(events)
}

// UID is the calendar UID of the i-th session (from 0) of a registration.
func UID(registrationID string, i int) string {
	return "ws-" + registrationID + "-" + strconv.Itoa(i+1) + "@" + mail.Domain
}
