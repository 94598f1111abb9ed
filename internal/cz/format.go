package cz

import (
	"fmt"
	"strings"
	"time"
)

// Language codes accepted by the formatting functions. Any language other
// than English is formatted in Czech, the language of the service.
const (
	LangCS = "cs"
	LangEN = "en"
)

// isEnglish reports whether lang selects English output.
func isEnglish(lang string) bool {
	return strings.EqualFold(lang, LangEN)
}

var weekdaysCS = [...]string{
	time.Sunday:    "neděle",
	time.Monday:    "pondělí",
	time.Tuesday:   "úterý",
	time.Wednesday: "středa",
	time.Thursday:  "čtvrtek",
	time.Friday:    "pátek",
	time.Saturday:  "sobota",
}

// WeekdayName returns the lower-case Czech name of wd ("pondělí"), or the
// English name ("Monday") if lang is "en".
func WeekdayName(wd time.Weekday, lang string) string {
	if isEnglish(lang) || wd < time.Sunday || wd > time.Saturday {
		return wd.String()
	}
	return weekdaysCS[wd]
}

// FormatDate returns the date of t in Europe/Prague, in Czech as
// "1. 12. 2026" or in English (lang "en") as "1 December 2026".
func FormatDate(t time.Time, lang string) string {
	t = t.In(Prague)
	if isEnglish(lang) {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d. %d. %d", t.Day(), t.Month(), t.Year())
}

// FormatTime returns the time of day of t in Europe/Prague on a 24-hour
// clock without a leading zero on the hour, as "9:30" or "14:05", in both
// Czech and English.
func FormatTime(t time.Time, lang string) string {
	t = t.In(Prague)
	return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
}

// FormatDateTime returns the date and time of t in Europe/Prague, in Czech
// as "1. 12. 2026 9:30" or in English (lang "en") as
// "1 December 2026, 9:30".
func FormatDateTime(t time.Time, lang string) string {
	sep := " "
	if isEnglish(lang) {
		sep = ", "
	}
	return FormatDate(t, lang) + sep + FormatTime(t, lang)
}
