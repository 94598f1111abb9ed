package mail

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text that someone typed into a public form (a name, an organisation, an
// address, a note) reaches e-mails and calendars. Mail clients turn
// anything that looks like a link into one, so such text could make an
// e-mail from the ministry carry an attacker's link ("URGENT… log in at
// https://evil.example/…"). Typed and TypedParagraph neutralise it the way
// security notices write indicators: schemes lose their "tt" or their colon
// (https://… becomes hxxps://…) and every dot of something that looks like
// a domain name is bracketed (evil.example/login becomes evil[.]example/login),
// so no client autolinks it and a reader still sees what was typed.

// Typed is Line for text typed by the public, with links neutralised.
func Typed(s string) string { return Defang(Line(s)) }

// TypedParagraph is Paragraph for text typed by the public, with links
// neutralised.
func TypedParagraph(s, indent string) string { return Defang(Paragraph(s, indent)) }

var (
	schemePattern = regexp.MustCompile(`(?i)\b([a-z][a-z0-9+.-]*):(//|\\\\)`)
	// A host name: labels with dots, ending in a top-level domain of
	// letters (two or more).
	hostPattern = regexp.MustCompile(`(?i)\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z]{2,63}\b`)
)

// Defang neutralises every URL and domain-like word in s (see Typed).
func Defang(s string) string {
	s = schemePattern.ReplaceAllStringFunc(s, func(m string) string {
		i := strings.IndexByte(m, ':')
		scheme := m[:i]
		switch strings.ToLower(scheme) {
		case "http", "https":
			return scheme[:1] + "xx" + scheme[3:] + m[i:]
		}
		return scheme + "[:]" + m[i+1:]
	})
	var b strings.Builder
	last := 0
	for _, loc := range hostPattern.FindAllStringIndex(s, -1) {
		// "ul.Nová": the ASCII match ends inside a word; not a host name.
		if r, _ := utf8.DecodeRuneInString(s[loc[1]:]); loc[1] < len(s) && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			continue
		}
		b.WriteString(s[last:loc[0]])
		b.WriteString(strings.ReplaceAll(s[loc[0]:loc[1]], ".", "[.]"))
		last = loc[1]
	}
	b.WriteString(s[last:])
	return b.String()
}
