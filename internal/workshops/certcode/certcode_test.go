package certcode_test

import (
	"errors"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/ids"
	"github.com/mpsv/brana/internal/workshops/certcode"
)

var key = certcode.Key([]byte(strings.Repeat("k", 32)))

func TestCodeRoundTrip(t *testing.T) {
	eventID := ids.Random{}.NewID()
	regID := ids.Random{}.NewID()
	code := certcode.New(key, eventID, regID)

	t.Run("is short groups of the Crockford alphabet", func(t *testing.T) {
		if !regexp.MustCompile(`^([0-9A-HJKMNP-TV-Z]{4}-){11}[0-9A-HJKMNP-TV-Z]{4}$`).MatchString(code) {
			t.Errorf("got %q, want 12 groups of 4", code)
		}
	})
	t.Run("names the event and the registration, not the person", func(t *testing.T) {
		got, err := certcode.Parse(key, code)
		if err != nil || got.EventID != eventID || !got.Matches(regID) || got.RegistrationRef != certcode.Ref(regID) {
			t.Errorf("got %+v %v, want event %s and the registration's reference", got, err, eventID)
		}
		if got.Matches(ids.Random{}.NewID()) {
			t.Error("matches another registration")
		}
	})
	t.Run("is the same for the same registration", func(t *testing.T) {
		if again := certcode.New(key, eventID, regID); again != code {
			t.Errorf("got %q, want %q", again, code)
		}
	})
	t.Run("differs between registrations of one event", func(t *testing.T) {
		if other := certcode.New(key, eventID, ids.Random{}.NewID()); other == code {
			t.Error("two registrations share a code")
		}
	})
	t.Run("reads back as people type it", func(t *testing.T) {
		typed := strings.ToLower(strings.ReplaceAll(code, "-", " "))
		typed = strings.ReplaceAll(typed, "0", "o")
		typed = strings.ReplaceAll(typed, "1", "l")
		if got, err := certcode.Parse(key, "  "+typed+"\t"); err != nil || got.EventID != eventID {
			t.Errorf("typed %q: got %+v %v", typed, got, err)
		}
	})
	t.Run("carries any other event id as it is", func(t *testing.T) {
		for _, id := range []string{"ev-000001", "a", strings.Repeat("x", certcode.MaxEventID), "0123456789ABCDEFGHJKMNPQRS"} {
			got, err := certcode.Parse(key, certcode.New(key, id, "r-1"))
			if err != nil || got.EventID != id || !got.Matches("r-1") {
				t.Errorf("%q: got %+v %v", id, got, err)
			}
		}
	})
}

func TestCodeRefusesTampering(t *testing.T) {
	eventID := ids.Random{}.NewID()
	code := certcode.New(key, eventID, ids.Random{}.NewID())
	flat := strings.ReplaceAll(code, "-", "")
	const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
	cases := map[string]string{
		"empty":              "",
		"garbage":            "hello world",
		"non-ASCII":          code + "é",
		"truncated":          flat[:len(flat)-1],
		"one group short":    code[:len(code)-5],
		"a character added":  flat + "0",
		"very long":          strings.Repeat("A", 10000),
		"another key":        certcode.New(certcode.Key([]byte("another secret")), eventID, "r"),
		"U not in alphabet":  "U" + flat[1:],
		"the event swapped":  swapEvent(t, code, ids.Random{}.NewID()),
		"a raw id truncated": certcode.New(key, "ev-000001", "r")[:20],
	}
	// Every single-character change anywhere in the code.
	for i := range flat {
		for _, c := range alphabet {
			if byte(c) != flat[i] {
				mod := flat[:i] + string(c) + flat[i+1:]
				cases["character "+strconv.Itoa(i)+" changed"] = mod
				break
			}
		}
	}
	for name, c := range cases {
		if got, err := certcode.Parse(key, c); !errors.Is(err, certcode.ErrInvalid) {
			t.Errorf("%s (%q): got %+v %v, want ErrInvalid", name, c, got, err)
		}
	}
}

// swapEvent builds a code for another event with the original's tag: what
// someone would try to make a code for an event they did not attend.
func swapEvent(t *testing.T, code, otherEvent string) string {
	t.Helper()
	forged := strings.ReplaceAll(certcode.New(key, otherEvent, "r"), "-", "")
	orig := strings.ReplaceAll(code, "-", "")
	// The last 13 characters hold the tag (64 bits) and the bits before it.
	return forged[:len(forged)-13] + orig[len(orig)-13:]
}

func TestNewRefusesMissingIDs(t *testing.T) {
	for name, ids := range map[string][2]string{
		"no event":        {"", "r"},
		"no registration": {"e", ""},
		"event too long":  {strings.Repeat("x", certcode.MaxEventID+1), "r"},
	} {
		t.Run(name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("got a code, want a panic")
				}
			}()
			certcode.New(key, ids[0], ids[1])
		})
	}
}

// FuzzParse: whatever is typed, Parse answers a genuine code or
// ErrInvalid, never a panic; and what it accepts was made with the key.
func FuzzParse(f *testing.F) {
	for _, s := range []string{"", "-", "0000", certcode.New(key, ids.Random{}.NewID(), "r"), certcode.New(key, "ev-1", "r"), "ŽŽŽ", "oOiIlL-", strings.Repeat("Z", 200)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c, err := certcode.Parse(key, s)
		if err != nil {
			if !errors.Is(err, certcode.ErrInvalid) {
				t.Fatalf("%q: got %v, want ErrInvalid", s, err)
			}
			return
		}
		if c.EventID == "" || len(c.RegistrationRef) != 8 {
			t.Fatalf("%q: accepted %+v", s, c)
		}
	})
}

func TestVerifyURL(t *testing.T) {
	for _, base := range []string{"https://brana.mpsv.cz", "https://brana.mpsv.cz/"} {
		if got := certcode.VerifyURL(base, "ABCD-EFGH"); got != "https://brana.mpsv.cz/certificates/ABCD-EFGH" {
			t.Errorf("%q: got %q", base, got)
		}
	}
}
