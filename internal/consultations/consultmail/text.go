package consultmail

import (
	"fmt"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/programme"
)

// message is one e-mail to write.
type message struct {
	kind      Kind
	role      Role
	to        mail.Address
	booking   Booking
	manageURL string // for the person only
	createdAt time.Time
}

// name is the display name of a vocabulary code in the catalogue's language.
func (c *catalogue) name(kind, code string) string {
	return i18n.Name(i18n.Lang(c.lang), kind, code)
}

// isTomorrow reports whether start falls on the Prague calendar day after now.
func isTomorrow(now, start time.Time) bool {
	return cz.DateOf(now).AddDays(1) == cz.DateOf(start)
}

// text is what an e-mail says, before MIME encoding.
type text struct {
	subject string
	body    string
	// details is what, when, where and how, and the manage link.
	details string
	// calendar is details without the manage link: the calendar event's
	// description.
	calendar string
	summary  string
	location string
}

func compose(m message, c *catalogue, calendar bool) text {
	b := m.booking
	r := 0
	if m.role == RoleExpert {
		r = 1
	}
	var t text
	t.subject = fmt.Sprintf(c.subjects[m.kind][r], cz.FormatDateTime(b.Start, c.lang))

	// What, when, where.
	var d strings.Builder
	field := func(label, value string) {
		if value != "" {
			fmt.Fprintf(&d, "%s: %s\n", label, value)
		}
	}
	field(c.labelWhen, mail.When(b.Start, b.End, c.lang))
	field(c.labelForm, c.name("form", string(b.Form)))
	if b.Form == programme.FormOnsite {
		field(c.labelPlace, mail.Typed(b.Address))
	}
	field(c.labelTopic, c.name("topic", b.Topic))
	if m.role == RolePerson {
		field(c.labelExpert, mail.Line(b.ExpertName))
	}

	if m.kind != KindCancellation {
		if how := c.how(m.role, b); how != "" {
			d.WriteString("\n" + how + "\n")
		}
	}

	if m.role == RoleExpert {
		d.WriteString("\n" + c.contactHeading + "\n")
		field(c.labelOrganisation, mail.Typed(b.OrganisationName))
		if b.Region != "" {
			field(c.labelRegion, c.name("region", b.Region))
		}
		field(c.labelContact, mail.Typed(b.ContactName))
		field(c.labelEmail, mail.Line(b.ContactEmail))
		field(c.labelPhone, mail.Line(b.ContactPhone))
		field(c.labelNote, mail.TypedParagraph(b.Note, "  "))
	}

	if m.kind != KindCancellation {
		d.WriteString("\n" + c.free + "\n")
	}

	t.calendar = strings.TrimSpace(d.String())
	if m.role == RolePerson && m.kind != KindCancellation {
		t.calendar += "\n\n" + c.manageNoLink
	}
	if m.role == RolePerson {
		d.WriteString("\n")
		switch {
		case m.kind == KindCancellation && m.manageURL != "":
			d.WriteString(c.rebook + "\n" + c.cancelledManage + "\n" + m.manageURL + "\n")
		case m.kind == KindCancellation:
			d.WriteString(c.rebook + "\n")
		case m.manageURL != "":
			d.WriteString(c.manage + "\n" + m.manageURL + "\n")
		default:
			d.WriteString(c.manageNoLink + "\n")
		}
	}
	t.details = strings.TrimSpace(d.String())

	var body strings.Builder
	greeting := c.greeting
	if name := mail.Typed(m.to.Name); name != "" && c.greetingNamed != "" {
		greeting = fmt.Sprintf(c.greetingNamed, name)
	}
	intro := c.intros[m.kind][r]
	if m.kind == KindReminder && isTomorrow(m.createdAt, b.Start) {
		intro = c.reminderTomorrow[r]
	}
	body.WriteString(greeting + "\n\n" + intro + "\n\n" + t.details + "\n")
	if calendar {
		if m.kind == KindCancellation {
			body.WriteString("\n" + c.calendarCancel + "\n")
		} else {
			body.WriteString("\n" + c.calendarRequest + "\n")
		}
	}
	body.WriteString("\n" + c.closing + "\n" + c.signature + "\n\n-- \n" + c.footer + "\n")
	t.body = body.String()

	other := mail.Line(b.ExpertName)
	if m.role == RoleExpert {
		other = mail.Typed(b.OrganisationName)
		if other == "" {
			other = mail.Typed(b.ContactName)
		}
	}
	t.summary = c.consultation
	if other != "" {
		t.summary += " – " + other
	}

	switch b.Form {
	case programme.FormOnsite:
		t.location = mail.Typed(b.Address)
	case programme.FormPhone:
		t.location = c.phoneLocation
		if m.role == RoleExpert && b.ContactPhone != "" {
			t.location += " " + mail.Line(b.ContactPhone)
		}
	case programme.FormOnline:
		t.location = c.onlineLocation
	}
	return t
}

// how tells the recipient how a phone or online consultation will be held.
func (c *catalogue) how(role Role, b Booking) string {
	if b.Form == programme.FormOnsite {
		return ""
	}
	if role == RoleExpert {
		arg := mail.Line(b.ContactPhone)
		if b.Form == programme.FormOnline {
			arg = mail.Line(b.ContactEmail)
		}
		if arg == "" && b.Form == programme.FormPhone {
			return c.howPersonNoPhone
		}
		return fmt.Sprintf(c.howExpert[b.Form], arg)
	}
	if b.Form == programme.FormPhone {
		if b.ContactPhone == "" {
			return c.howPersonNoPhone
		}
		return fmt.Sprintf(c.howPerson[programme.FormPhone], mail.Line(b.ContactPhone))
	}
	return c.howPerson[b.Form]
}
