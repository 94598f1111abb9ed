package mail

import "strings"

// The one address rule of Brána. The API's `email` validation tag
// (internal/validation) and the mailer (CheckEmail) both use ValidAddress,
// so an address the API accepts is one the mailer sends to.
//
// It accepts the plain addr-spec that mature mail services accept and SES
// delivers to, and nothing of RFC 5322's rarer syntax:
//
//   - a local part that is a dot-atom of ASCII atext (letters, digits and
//     !#$%&'*+-/=?^_`{|}~), 1–64 bytes, no leading, trailing or double dot;
//     no quoted local parts ("john doe"@…), no comments, no spaces;
//   - a domain name of at least two labels (a dot), each 1–63 letters,
//     digits and inner hyphens, at most 253 bytes, the last label not all
//     digits; no IP literals ([192.0.2.1]) and no bare IP addresses;
//   - ASCII only: an internationalised domain must be written in its
//     punycode form (xn--…), since SES does not send to UTF-8 addresses;
//   - at most 254 bytes in all (RFC 5321's path limit less the brackets).
const (
	maxAddress = 254
	maxLocal   = 64
	maxDomain  = 253
	maxLabel   = 63
)

// ValidAddress reports whether s is a bare e-mail address by Brána's one
// rule (see above).
func ValidAddress(s string) bool {
	if len(s) > maxAddress {
		return false
	}
	at := strings.IndexByte(s, '@')
	if at < 0 || strings.IndexByte(s[at+1:], '@') >= 0 {
		return false
	}
	return validLocal(s[:at]) && validDomain(s[at+1:])
}

func validLocal(l string) bool {
	if l == "" || len(l) > maxLocal || l[0] == '.' || l[len(l)-1] == '.' || strings.Contains(l, "..") {
		return false
	}
	for i := 0; i < len(l); i++ {
		if c := l[i]; c != '.' && !isAtext(c) {
			return false
		}
	}
	return true
}

func isAtext(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		strings.IndexByte("!#$%&'*+-/=?^_`{|}~", c) >= 0
}

func validDomain(d string) bool {
	if d == "" || len(d) > maxDomain {
		return false
	}
	labels := strings.Split(d, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > maxLabel || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for i := 0; i < len(l); i++ {
			c := l[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	return strings.Trim(tld, "0123456789") != ""
}
