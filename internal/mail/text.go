package mail

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

func itoa(n int) string { return strconv.Itoa(n) }

// dateTime is the short form used in subjects:
// cs "1. 12. 2026 9:30", en "1 December 2026, 9:30".
func (c *catalogue) dateTime(t time.Time) string {
	t = t.In(prague)
	if c.lang == LangCzech {
		return fmt.Sprintf("%d. %d. %d %d:%02d", t.Day(), t.Month(), t.Year(), t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%d %s %d, %d:%02d", t.Day(), c.months[t.Month()-1], t.Year(), t.Hour(), t.Minute())
}

// when is the long form used in bodies, with weekday, time range, zone and
// duration: cs "úterý 1. 12. 2026, 9:30–10:30 SEČ (60 minut)",
// en "Tuesday 1 December 2026, 9:30–10:30 CET, Prague time (60 minutes)".
func (c *catalogue) when(start, end time.Time) string {
	s, e := start.In(prague), end.In(prague)
	zone, _ := s.Zone()
	if z, ok := c.zone[zone]; ok {
		zone = z
	}
	span := fmt.Sprintf("%d:%02d–%d:%02d", s.Hour(), s.Minute(), e.Hour(), e.Minute())
	minutes := c.minutes(int(end.Sub(start).Round(time.Minute) / time.Minute))
	if c.lang == LangCzech {
		return fmt.Sprintf("%s %d. %d. %d, %s %s (%s)",
			c.weekdays[s.Weekday()], s.Day(), s.Month(), s.Year(), span, zone, minutes)
	}
	return fmt.Sprintf("%s %d %s %d, %s %s, Prague time (%s)",
		c.weekdays[s.Weekday()], s.Day(), c.months[s.Month()-1], s.Year(), span, zone, minutes)
}

// isTomorrow reports whether start falls on the Prague calendar day after now.
func isTomorrow(now, start time.Time) bool {
	n, s := now.In(prague), start.In(prague)
	y, m, d := n.Date()
	ty, tm, td := time.Date(y, m, d+1, 12, 0, 0, 0, prague).Date()
	sy, sm, sd := s.Date()
	return ty == sy && tm == sm && td == sd
}

func (c *catalogue) topic(code string) string {
	if name, ok := c.topics[code]; ok {
		return name
	}
	return code
}

func (c *catalogue) region(code string) string {
	if name, ok := c.regions[code]; ok {
		return name
	}
	return code
}

// line returns s on one line, without control characters.
func line(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029'
	}), " ")
}

// paragraph keeps the line breaks of s but indents every line after the first
// by indent, and drops other control characters.
func paragraph(s, indent string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		lines = append(lines, line(l))
	}
	return strings.Join(lines, "\n"+indent)
}

// text is what an e-mail says, before MIME encoding.
type text struct {
	subject string
	body    string
	// details is the part of the body worth keeping in the calendar event.
	details  string
	summary  string
	location string
}

func compose(m Message, c *catalogue, calendar bool) text {
	b := m.Booking
	r := 0
	if m.Role == RoleExpert {
		r = 1
	}
	var t text
	t.subject = fmt.Sprintf(c.subjects[m.Kind][r], c.dateTime(b.Start))

	// What, when, where.
	var d strings.Builder
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&d, "%s: %s\n", label, value)
		}
	}
	field(c.labelWhen, c.when(b.Start, b.End))
	field(c.labelForm, c.forms[b.Form])
	if b.Form == FormOnsite {
		field(c.labelPlace, line(b.Address))
	}
	field(c.labelTopic, c.topic(b.Topic))
	if m.Role == RolePerson {
		field(c.labelExpert, line(b.ExpertName))
	}

	if m.Kind != KindCancellation {
		if how := c.how(m.Role, b); how != "" {
			d.WriteString("\n" + how + "\n")
		}
	}

	if m.Role == RoleExpert {
		d.WriteString("\n" + c.contactHeading + "\n")
		field(c.labelOrganisation, line(b.OrganisationName))
		if b.Region != "" {
			field(c.labelRegion, c.region(b.Region))
		}
		field(c.labelContact, line(b.ContactName))
		field(c.labelEmail, line(b.ContactEmail))
		field(c.labelPhone, line(b.ContactPhone))
		field(c.labelNote, paragraph(b.Note, "  "))
	}

	if m.Kind != KindCancellation {
		d.WriteString("\n" + c.free + "\n")
	}

	if m.Role == RolePerson {
		d.WriteString("\n")
		switch {
		case m.Kind == KindCancellation && m.ManageURL != "":
			d.WriteString(c.rebook + "\n" + c.cancelledManage + "\n" + m.ManageURL + "\n")
		case m.Kind == KindCancellation:
			d.WriteString(c.rebook + "\n")
		case m.ManageURL != "":
			d.WriteString(c.manage + "\n" + m.ManageURL + "\n")
		default:
			d.WriteString(c.manageNoLink + "\n")
		}
	}
	t.details = strings.TrimSpace(d.String())

	var body strings.Builder
	greeting := c.greeting
	if name := line(m.To.Name); name != "" && c.greetingNamed != "" {
		greeting = fmt.Sprintf(c.greetingNamed, name)
	}
	intro := c.intros[m.Kind][r]
	if m.Kind == KindReminder && isTomorrow(m.CreatedAt, b.Start) {
		intro = c.reminderTomorrow[r]
	}
	body.WriteString(greeting + "\n\n" + intro + "\n\n" + t.details + "\n")
	if calendar {
		if m.Kind == KindCancellation {
			body.WriteString("\n" + c.calendarCancel + "\n")
		} else {
			body.WriteString("\n" + c.calendarRequest + "\n")
		}
	}
	body.WriteString("\n" + c.closing + "\n" + c.signature + "\n\n-- \n" + c.footer + "\n")
	t.body = body.String()

	other := line(b.ExpertName)
	if m.Role == RoleExpert {
		other = line(b.OrganisationName)
		if other == "" {
			other = line(b.ContactName)
		}
	}
	t.summary = c.consultation
	if other != "" {
		t.summary += " – " + other
	}

	switch b.Form {
	case FormOnsite:
		t.location = line(b.Address)
	case FormPhone:
		t.location = c.phoneLocation
		if m.Role == RoleExpert && b.ContactPhone != "" {
			t.location += " " + line(b.ContactPhone)
		}
	case FormOnline:
		t.location = c.onlineLocation
	}
	return t
}

// how tells the recipient how a phone or online consultation will be held.
func (c *catalogue) how(role Role, b Booking) string {
	if b.Form == FormOnsite {
		return ""
	}
	if role == RoleExpert {
		arg := line(b.ContactPhone)
		if b.Form == FormOnline {
			arg = line(b.ContactEmail)
		}
		if arg == "" && b.Form == FormPhone {
			return c.howPersonNoPhone
		}
		return fmt.Sprintf(c.howExpert[b.Form], arg)
	}
	if b.Form == FormPhone {
		if b.ContactPhone == "" {
			return c.howPersonNoPhone
		}
		return fmt.Sprintf(c.howPerson[FormPhone], line(b.ContactPhone))
	}
	return c.howPerson[b.Form]
}
