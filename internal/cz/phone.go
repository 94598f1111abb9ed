package cz

import (
	"slices"
	"strings"
)

// maxPhoneInput bounds the length of input NormalizePhone will parse.
const maxPhoneInput = 40

// NormalizePhone parses a telephone number as people write it and returns
// it in E.164 form ("+420603123456"). Numbers without an international
// prefix are taken as Czech, so "603 123 456", "+420 603 123 456",
// "00420603123456" and "420 603 123 456" all give "+420603123456".
// Foreign numbers are accepted with "+" or "00" and their country code.
//
// Czech numbers (+420) are checked against the Czech numbering plan
// (validCzech): nine digits with a prefix that is in use (fixed line,
// mobile, free, shared-cost, premium, personal, VoIP and UAN services),
// and the longer voicemail numbers. A foreign number is checked for its
// form only: a country calling code in use, and a national number of a
// length that country uses (callingCodes); a leading 0 after the country
// code is taken as the national trunk prefix and dropped where the country
// has one ("+49 (0)30 123456" gives "+4930123456"), and so is a national
// prefix 1 or 8 that makes a number one digit too long ("+1 1 212 …").
//
// It reports false for anything else, and for input containing anything
// other than digits, spaces and the separators + - / . ( ); a "+" may
// only come before the first digit.
func NormalizePhone(s string) (string, bool) {
	if len(s) > maxPhoneInput {
		return "", false
	}
	digits, plus, ok := phoneDigits(s)
	if !ok {
		return "", false
	}
	switch {
	case plus:
		return international(digits)
	case strings.HasPrefix(digits, "00"):
		return international(digits[2:])
	case validCzech(digits):
		return "+420" + digits, true
	case strings.HasPrefix(digits, "420") && validCzech(digits[3:]):
		// The Czech country code written without its "+".
		return "+" + digits, true
	}
	return "", false
}

// phoneDigits returns the digits of s and whether a "+" came before them.
// It fails on any other character than digits, spaces and the separators
// - / . ( ), on a "+" after the first digit, and on input without digits.
// A tab is taken only before the number, as pasting may leave one there.
func phoneDigits(s string) (digits string, plus, ok bool) {
	var b strings.Builder
	b.Grow(len(s))
	started := false // a digit or "+" seen
	for _, c := range s {
		switch {
		case c >= '0' && c <= '9':
			b.WriteRune(c)
			started = true
		case c == '+':
			if b.Len() > 0 {
				return "", false, false
			}
			plus, started = true, true
		case c == '\t':
			if started {
				return "", false, false
			}
		case c == ' ', c == '\u00a0',
			c == '-', c == '/', c == '.', c == '(', c == ')':
		default:
			return "", false, false
		}
	}
	if b.Len() == 0 {
		return "", false, false
	}
	return b.String(), plus, true
}

// international checks a number given with its country code (after "+" or
// "00") and returns it in E.164.
func international(digits string) (string, bool) {
	cc, ok := callingCodeOf(digits)
	if !ok {
		return "", false
	}
	national := digits[len(cc.digits()):]
	if cc.code == 420 {
		if !validCzech(national) {
			return "", false
		}
		return "+" + digits, true
	}
	// The national prefix written after the country code, as in
	// "+49 (0)30 …" or "+1 1 212 …": a trunk 0 always goes (no national
	// number starts with the prefix it is dialled with); another prefix
	// goes when the number is too long with it and of a right length
	// without it.
	if cc.prefix != 0 && len(national) > 0 && national[0] == cc.prefix &&
		(cc.prefix == '0' || (!cc.hasLength(len(national)) && cc.hasLength(len(national)-1))) {
		national = national[1:]
	}
	if !cc.hasLength(len(national)) || len(cc.digits())+len(national) > 15 {
		return "", false
	}
	if cc.prefix == '0' && national[0] == '0' {
		return "", false
	}
	return "+" + cc.digits() + national, true
}

// validCzech reports whether n (digits only) is a Czech national number in
// use: the patterns of libphonenumber's metadata for CZ (v8, as
// github.com/nyaruka/phonenumbers v1.8.1 carried it), written out so that
// no metadata or regular expression is loaded at start-up:
//
//	fixed line   (?:2\d|3[1257-9]|4[16-9]|5[13-9])\d{7}
//	mobile       7060\d{5}|(?:60[1-8]|7(?:0[2-5]|19|[2379]\d))\d{6}
//	free         800\d{6}
//	premium      9(?:0[05689]|76)\d{6}
//	shared cost  8[134]\d{7}
//	personal     70[01]\d{6}
//	VoIP         9[17]0\d{6}
//	UAN          9(?:5\d|7[2-4])\d{6}
//	voicemail    9(?:3\d{9}|6\d{7,10})
func validCzech(n string) bool {
	for i := 0; i < len(n); i++ {
		if n[i] < '0' || n[i] > '9' {
			return false
		}
	}
	switch {
	case len(n) == 9:
	case len(n) >= 10 && len(n) <= 12:
		// Only voicemail numbers are longer than nine digits.
		return n[0] == '9' && (n[1] == '6' || (n[1] == '3' && len(n) == 11))
	default:
		return false
	}
	in := func(c byte, set string) bool { return strings.IndexByte(set, c) >= 0 }
	a, b, c := n[0], n[1], n[2]
	switch a {
	case '2':
		return true
	case '3':
		return in(b, "125789")
	case '4':
		return in(b, "16789")
	case '5':
		return in(b, "13456789")
	case '6':
		return b == '0' && in(c, "12345678")
	case '7':
		switch b {
		case '0':
			return in(c, "012345") || (c == '6' && n[3] == '0')
		case '1':
			return c == '9'
		case '2', '3', '7', '9':
			return true
		}
	case '8':
		return (b == '0' && c == '0') || in(b, "134")
	case '9':
		switch b {
		case '0':
			return in(c, "05689")
		case '1':
			return c == '0'
		case '5', '6':
			return true
		case '7':
			return in(c, "02346")
		}
	}
	return false
}

// callingCode is a country calling code in use, the lengths its national
// numbers have, and the national (trunk) prefix its countries dial before
// a national number, when that is one digit.
type callingCode struct {
	code    uint16
	lengths uint32 // bit n set: national numbers of n digits exist
	prefix  byte   // '0', '1', '8' or 0 for none
}

func (c callingCode) digits() string {
	switch {
	case c.code < 10:
		return string([]byte{byte('0' + c.code)})
	case c.code < 100:
		return string([]byte{byte('0' + c.code/10), byte('0' + c.code%10)})
	}
	return string([]byte{byte('0' + c.code/100), byte('0' + c.code/10%10), byte('0' + c.code%10)})
}

func (c callingCode) hasLength(n int) bool { return n < 32 && c.lengths&(1<<uint(n)) != 0 }

// callingCodeOf finds the calling code digits start with; calling codes
// are a prefix code, so at most one of the first one, two or three digits
// is one.
func callingCodeOf(digits string) (callingCode, bool) {
	code := 0
	for i := 0; i < 3 && i < len(digits); i++ {
		code = code*10 + int(digits[i]-'0')
		if code == 0 {
			return callingCode{}, false
		}
		if j, found := slices.BinarySearchFunc(callingCodes[:], code, func(c callingCode, code int) int {
			return int(c.code) - code
		}); found {
			return callingCodes[j], true
		}
	}
	return callingCode{}, false
}

// callingCodes lists every country calling code in libphonenumber's
// metadata (as github.com/nyaruka/phonenumbers v1.8.1 carried it), sorted:
// the possible lengths of national numbers in the regions that share it
// (the comment names them and lists the lengths), and their national
// prefix when they all have the same one-digit prefix. An array of
// constants: it costs nothing at start-up.
var callingCodes = [...]callingCode{
	{1, 0x480, '1'},    // AG AI AS BB BM BS CA DM DO GD GU JM KN KY LC MP MS PR SX TC TT US VC VG VI: 7,10
	{7, 0x4400, '8'},   // KZ RU: 10,14
	{20, 0x700, '0'},   // EG: 8,9,10
	{27, 0x7e0, '0'},   // ZA: 5,6,7,8,9,10
	{30, 0x1c00, 0},    // GR: 10,11,12
	{31, 0xfe0, '0'},   // NL: 5,6,7,8,9,10,11
	{32, 0x300, '0'},   // BE: 8,9
	{33, 0x200, '0'},   // FR: 9
	{34, 0x200, 0},     // ES: 9
	{36, 0x300, 0},     // HU: 8,9
	{39, 0x1fc0, 0},    // IT VA: 6,7,8,9,10,11,12
	{40, 0x240, '0'},   // RO: 6,9
	{41, 0x1200, '0'},  // CH: 9,12
	{43, 0x3ff0, '0'},  // AT: 4,5,6,7,8,9,10,11,12,13
	{44, 0x680, '0'},   // GB GG IM JE: 7,9,10
	{45, 0x100, 0},     // DK: 8
	{46, 0x17c0, '0'},  // SE: 6,7,8,9,10,12
	{47, 0x120, 0},     // NO SJ: 5,8
	{48, 0x7c0, 0},     // PL: 6,7,8,9,10
	{49, 0xfff0, '0'},  // DE: 4,5,6,7,8,9,10,11,12,13,14,15
	{51, 0x300, '0'},   // PE: 8,9
	{52, 0x400, 0},     // MX: 10
	{53, 0x5c0, '0'},   // CU: 6,7,8,10
	{54, 0xc00, '0'},   // AR: 10,11
	{55, 0xf00, '0'},   // BR: 8,9,10,11
	{56, 0xe00, 0},     // CL: 9,10,11
	{57, 0xd00, '0'},   // CO: 8,10,11
	{58, 0x400, '0'},   // VE: 10
	{60, 0x700, '0'},   // MY: 8,9,10
	{61, 0x17e0, '0'},  // AU CC CX: 5,6,7,8,9,10,12
	{62, 0x3ff80, '0'}, // ID: 7,8,9,10,11,12,13,14,15,16,17
	{63, 0x3f40, '0'},  // PH: 6,8,9,10,11,12,13
	{64, 0x7e0, '0'},   // NZ: 5,6,7,8,9,10
	{65, 0xd00, 0},     // SG: 8,10,11
	{66, 0x2700, '0'},  // TH: 8,9,10,13
	{81, 0x3ff00, '0'}, // JP: 8,9,10,11,12,13,14,15,16,17
	{82, 0x7f60, '0'},  // KR: 5,6,8,9,10,11,12,13,14
	{84, 0x780, '0'},   // VN: 7,8,9,10
	{86, 0x1f80, '0'},  // CN: 7,8,9,10,11,12
	{90, 0x3480, '0'},  // TR: 7,10,12,13
	{91, 0x3f00, '0'},  // IN: 8,9,10,11,12,13
	{92, 0x1f00, '0'},  // PK: 8,9,10,11,12
	{93, 0x200, '0'},   // AF: 9
	{94, 0x200, '0'},   // LK: 9
	{95, 0x7c0, '0'},   // MM: 6,7,8,9,10
	{98, 0x4f0, '0'},   // IR: 4,5,6,7,10
	{211, 0x200, '0'},  // SS: 9
	{212, 0x200, '0'},  // EH MA: 9
	{213, 0x300, '0'},  // DZ: 8,9
	{216, 0x100, 0},    // TN: 8
	{218, 0x200, '0'},  // LY: 9
	{220, 0x80, 0},     // GM: 7
	{221, 0x200, 0},    // SN: 9
	{222, 0x100, 0},    // MR: 8
	{223, 0x100, 0},    // ML: 8
	{224, 0x300, 0},    // GN: 8,9
	{225, 0x400, 0},    // CI: 10
	{226, 0x100, 0},    // BF: 8
	{227, 0x100, 0},    // NE: 8
	{228, 0x100, 0},    // TG: 8
	{229, 0x500, 0},    // BJ: 8,10
	{230, 0x580, 0},    // MU: 7,8,10
	{231, 0x380, '0'},  // LR: 7,8,9
	{232, 0x100, '0'},  // SL: 8
	{233, 0x300, '0'},  // GH: 8,9
	{234, 0x7c00, '0'}, // NG: 10,11,12,13,14
	{235, 0x100, 0},    // TD: 8
	{236, 0x100, 0},    // CF: 8
	{237, 0x300, 0},    // CM: 8,9
	{238, 0x80, 0},     // CV: 7
	{239, 0x80, 0},     // ST: 7
	{240, 0x200, 0},    // GQ: 9
	{241, 0x180, 0},    // GA: 7,8
	{242, 0x200, 0},    // CG: 9
	{243, 0x780, '0'},  // CD: 7,8,9,10
	{244, 0x200, 0},    // AO: 9
	{245, 0x280, 0},    // GW: 7,9
	{246, 0x80, 0},     // IO: 7
	{247, 0x60, 0},     // AC: 5,6
	{248, 0x80, 0},     // SC: 7
	{249, 0x200, '0'},  // SD: 9
	{250, 0x300, '0'},  // RW: 8,9
	{251, 0x200, '0'},  // ET: 9
	{252, 0x3c0, '0'},  // SO: 6,7,8,9
	{253, 0x100, 0},    // DJ: 8
	{254, 0x780, '0'},  // KE: 7,8,9,10
	{255, 0x200, '0'},  // TZ: 9
	{256, 0x200, '0'},  // UG: 9
	{257, 0x100, 0},    // BI: 8
	{258, 0x300, 0},    // MZ: 8,9
	{260, 0x200, '0'},  // ZM: 9
	{261, 0x200, '0'},  // MG: 9
	{262, 0x200, '0'},  // RE YT: 9
	{263, 0x7e0, '0'},  // ZW: 5,6,7,8,9,10
	{264, 0x300, '0'},  // NA: 8,9
	{265, 0x280, '0'},  // MW: 7,9
	{266, 0x100, 0},    // LS: 8
	{267, 0x580, 0},    // BW: 7,8,10
	{268, 0x300, 0},    // SZ: 8,9
	{269, 0x80, 0},     // KM: 7
	{290, 0x30, 0},     // SH TA: 4,5
	{291, 0x80, '0'},   // ER: 7
	{297, 0x80, 0},     // AW: 7
	{298, 0x40, 0},     // FO: 6
	{299, 0x40, 0},     // GL: 6
	{350, 0x100, 0},    // GI: 8
	{351, 0x200, 0},    // PT: 9
	{352, 0xff0, 0},    // LU: 4,5,6,7,8,9,10,11
	{353, 0x780, '0'},  // IE: 7,8,9,10
	{354, 0x280, 0},    // IS: 7,9
	{355, 0x3c0, '0'},  // AL: 6,7,8,9
	{356, 0x100, 0},    // MT: 8
	{357, 0x100, 0},    // CY: 8
	{358, 0x1fe0, '0'}, // AX FI: 5,6,7,8,9,10,11,12
	{359, 0x13c0, '0'}, // BG: 6,7,8,9,12
	{370, 0x100, '0'},  // LT: 8
	{371, 0x100, 0},    // LV: 8
	{372, 0x580, 0},    // EE: 7,8,10
	{373, 0x100, '0'},  // MD: 8
	{374, 0x100, '0'},  // AM: 8
	{375, 0xfc0, '8'},  // BY: 6,7,8,9,10,11
	{376, 0x340, 0},    // AD: 6,8,9
	{377, 0x300, '0'},  // MC: 8,9
	{378, 0x500, 0},    // SM: 8,10
	{380, 0x600, '0'},  // UA: 9,10
	{381, 0x1fc0, '0'}, // RS: 6,7,8,9,10,11,12
	{382, 0x300, '0'},  // ME: 8,9
	{383, 0x1f00, '0'}, // XK: 8,9,10,11,12
	{385, 0x380, '0'},  // HR: 7,8,9
	{386, 0x1e0, '0'},  // SI: 5,6,7,8
	{387, 0x300, '0'},  // BA: 8,9
	{389, 0x100, '0'},  // MK: 8
	{420, 0x1e00, 0},   // CZ: 9,10,11,12
	{421, 0x2c0, '0'},  // SK: 6,7,9
	{423, 0x280, '0'},  // LI: 7,9
	{500, 0x20, 0},     // FK: 5
	{501, 0x880, 0},    // BZ: 7,11
	{502, 0x900, 0},    // GT: 8,11
	{503, 0x980, 0},    // SV: 7,8,11
	{504, 0x900, 0},    // HN: 8,11
	{505, 0x100, 0},    // NI: 8
	{506, 0x500, 0},    // CR: 8,10
	{507, 0xd80, 0},    // PA: 7,8,10,11
	{508, 0x240, '0'},  // PM: 6,9
	{509, 0x100, 0},    // HT: 8
	{590, 0x200, '0'},  // BL GP MF: 9
	{591, 0x300, '0'},  // BO: 8,9
	{592, 0x80, 0},     // GY: 7
	{593, 0xf00, '0'},  // EC: 8,9,10,11
	{594, 0x200, '0'},  // GF: 9
	{595, 0xfc0, '0'},  // PY: 6,7,8,9,10,11
	{596, 0x200, '0'},  // MQ: 9
	{597, 0xc0, 0},     // SR: 6,7
	{598, 0x3ff0, '0'}, // UY: 4,5,6,7,8,9,10,11,12,13
	{599, 0x180, 0},    // BQ CW: 7,8
	{670, 0x180, 0},    // TL: 7,8
	{672, 0x40, 0},     // NF: 6
	{673, 0x80, 0},     // BN: 7
	{674, 0x80, 0},     // NR: 7
	{675, 0x180, 0},    // PG: 7,8
	{676, 0xa0, 0},     // TO: 5,7
	{677, 0xa0, 0},     // SB: 5,7
	{678, 0xa0, 0},     // VU: 5,7
	{679, 0x880, 0},    // FJ: 7,11
	{680, 0x80, 0},     // PW: 7
	{681, 0x240, 0},    // WF: 6,9
	{682, 0x20, 0},     // CK: 5
	{683, 0x90, 0},     // NU: 4,7
	{685, 0x4e0, 0},    // WS: 5,6,7,10
	{686, 0x120, '0'},  // KI: 5,8
	{687, 0x40, 0},     // NC: 6
	{688, 0xe0, 0},     // TV: 5,6,7
	{689, 0x340, 0},    // PF: 6,8,9
	{690, 0xf0, 0},     // TK: 4,5,6,7
	{691, 0x80, 0},     // FM: 7
	{692, 0x80, '1'},   // MH: 7
	{800, 0x100, 0},    // non-geographic: 8
	{808, 0x100, 0},    // non-geographic: 8
	{850, 0x500, '0'},  // KP: 8,10
	{852, 0xbe0, 0},    // HK: 5,6,7,8,9,11
	{853, 0x180, 0},    // MO: 7,8
	{855, 0x700, '0'},  // KH: 8,9,10
	{856, 0x700, '0'},  // LA: 8,9,10
	{870, 0x1200, 0},   // non-geographic: 9,12
	{878, 0x1000, 0},   // non-geographic: 12
	{880, 0x7c0, '0'},  // BD: 6,7,8,9,10
	{881, 0x600, 0},    // non-geographic: 9,10
	{882, 0x1f80, 0},   // non-geographic: 7,8,9,10,11,12
	{883, 0x1f00, 0},   // non-geographic: 8,9,10,11,12
	{886, 0xf80, '0'},  // TW: 7,8,9,10,11
	{888, 0x800, 0},    // non-geographic: 11
	{960, 0x480, 0},    // MV: 7,10
	{961, 0x180, '0'},  // LB: 7,8
	{962, 0x300, '0'},  // JO: 8,9
	{963, 0x300, '0'},  // SY: 8,9
	{964, 0x700, '0'},  // IQ: 8,9,10
	{965, 0x180, 0},    // KW: 7,8
	{966, 0x600, '0'},  // SA: 9,10
	{967, 0x380, '0'},  // YE: 7,8,9
	{968, 0x380, 0},    // OM: 7,8,9
	{970, 0x700, '0'},  // PS: 8,9,10
	{971, 0x1fe0, '0'}, // AE: 5,6,7,8,9,10,11,12
	{972, 0x1f80, '0'}, // IL: 7,8,9,10,11,12
	{973, 0x100, 0},    // BH: 8
	{974, 0xb80, 0},    // QA: 7,8,9,11
	{975, 0x180, 0},    // BT: 7,8
	{976, 0x700, '0'},  // MN: 8,9,10
	{977, 0xd00, '0'},  // NP: 8,10,11
	{979, 0x200, 0},    // non-geographic: 9
	{992, 0x200, 0},    // TJ: 9
	{993, 0x100, '8'},  // TM: 8
	{994, 0x200, '0'},  // AZ: 9
	{995, 0x200, '0'},  // GE: 9
	{996, 0x600, '0'},  // KG: 9,10
	{998, 0x200, 0},    // UZ: 9
}
