package mail

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/cz"
)

// Helpers for templates. Text e-mails need no escaping beyond keeping what a
// person typed from breaking the layout: Line and Paragraph. Dates and times
// are written with internal/cz's formatting, the Czech way (1. 12. 2026, 9:30).

var prague = cz.Prague

// Line returns s on one line, without control characters.
func Line(s string) string {
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool {
		return r == ' ' || r == '\t' || r < ' ' || r == 0x7f || r == '\u2028' || r == '\u2029'
	}), " ")
}

// Paragraph keeps the line breaks of s but indents every line after the
// first by indent, and drops other control characters.
func Paragraph(s, indent string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	var lines []string
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		lines = append(lines, Line(l))
	}
	return strings.Join(lines, "\n"+indent)
}

// zones names Prague's zone abbreviations in Czech.
var zonesCS = map[string]string{"CET": "SEČ", "CEST": "SELČ"}

// When is the long form of a time span in Europe/Prague, with weekday, time
// range, zone and duration:
// cs "úterý 1. 12. 2026, 9:30–10:30 SEČ (60 minut)",
// en "Tuesday 1 December 2026, 9:30–10:30 CET, Prague time (60 minutes)".
func When(start, end time.Time, lang string) string {
	lang = NormLang(lang)
	s := start.In(prague)
	zone, _ := s.Zone()
	span := cz.FormatTime(start, lang) + "–" + cz.FormatTime(end, lang)
	n := int(end.Sub(start).Round(time.Minute) / time.Minute)
	if lang == LangCzech {
		if z, ok := zonesCS[zone]; ok {
			zone = z
		}
		return fmt.Sprintf("%s %s, %s %s (%s)",
			cz.WeekdayName(s.Weekday(), lang), cz.FormatDate(start, lang), span, zone, minutesCS(n))
	}
	return fmt.Sprintf("%s %s, %s %s, Prague time (%s)",
		cz.WeekdayName(s.Weekday(), lang), cz.FormatDate(start, lang), span, zone, minutesEN(n))
}

func minutesCS(n int) string {
	switch {
	case n == 1:
		return "1 minuta"
	case n >= 2 && n <= 4:
		return strconv.Itoa(n) + " minuty"
	}
	return strconv.Itoa(n) + " minut"
}

func minutesEN(n int) string {
	if n == 1 {
		return "1 minute"
	}
	return strconv.Itoa(n) + " minutes"
}
