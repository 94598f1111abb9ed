package cz

// ValidICO reports whether s is a well-formed IČO (identifikační číslo
// osoby), the identification number of a Czech organisation: exactly eight
// ASCII digits, the last of which is a mod-11 check digit.
//
// The check digit is computed from the first seven digits weighted
// 8, 7, 6, 5, 4, 3, 2: with r the weighted sum modulo 11, the check digit
// is (11 - r) mod 10, so r = 0 gives 1, r = 1 gives 0 and any other r
// gives 11 - r.
//
// ValidICO does not trim or otherwise normalise s; callers that accept
// user input with spaces should remove them first.
func ValidICO(s string) bool {
	if len(s) != 8 {
		return false
	}
	sum := 0
	for i := range 8 {
		c := s[i]
		if c < '0' || c > '9' {
			return false
		}
		if i < 7 {
			sum += int(c-'0') * (8 - i)
		}
	}
	check := (11 - sum%11) % 10
	return int(s[7]-'0') == check
}
