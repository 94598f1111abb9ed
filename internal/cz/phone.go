package cz

import "github.com/nyaruka/phonenumbers"

// phoneRegion is the region assumed for numbers written without an
// international prefix.
const phoneRegion = "CZ"

// maxPhoneInput bounds the length of input NormalizePhone will parse.
const maxPhoneInput = 40

// NormalizePhone parses a telephone number as people write it and returns
// it in E.164 form ("+420603123456"). Numbers without an international
// prefix are taken as Czech, so "603 123 456", "+420 603 123 456" and
// "00420603123456" all give "+420603123456". Foreign numbers are accepted
// with "+" or "00" and their country code.
//
// It reports false for input that is not a valid number according to the
// phone number metadata (too short, wrong length or prefix for the
// country) and for input containing anything other than digits, spaces
// and the separators + - / . ( ) — in particular letters, which the
// underlying parser would otherwise read as keypad digits.
func NormalizePhone(s string) (string, bool) {
	if len(s) > maxPhoneInput || !onlyPhoneChars(s) {
		return "", false
	}
	num, err := phonenumbers.Parse(s, phoneRegion)
	if err != nil || !phonenumbers.IsValidNumber(num) {
		return "", false
	}
	return phonenumbers.Format(num, phonenumbers.E164), true
}

// onlyPhoneChars reports whether s contains at least one digit and
// nothing but digits, spaces and common separators.
func onlyPhoneChars(s string) bool {
	digits := 0
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			digits++
		case c == ' ', c == '\t', c == '\u00a0',
			c == '+', c == '-', c == '/', c == '.', c == '(', c == ')':
		default:
			return false
		}
	}
	return digits > 0
}
