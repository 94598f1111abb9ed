package manage

import (
	"context"
	"errors"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/ids"
)

func TestURL(t *testing.T) {
	t.Run("a booking link is the one the web app reads", func(t *testing.T) {
		got := URL("https://brana.example.cz/", "booking", "b1", "tok+/=")
		if want := "https://brana.example.cz/manage#booking=b1&token=tok%2B%2F%3D"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	})
	t.Run("the kind comes first whatever its name, and the token stays in the fragment", func(t *testing.T) {
		got := URL("https://brana.example.cz", "workshop_registration", "r 1", "t")
		u, err := url.Parse(got)
		if err != nil {
			t.Fatal(err)
		}
		if u.RawQuery != "" || !strings.HasPrefix(u.Fragment, "workshop_registration=r+1&") {
			t.Errorf("got query %q fragment %q, want no query and the kind first", u.RawQuery, u.Fragment)
		}
		v, _ := url.ParseQuery(u.Fragment)
		if v.Get("workshop_registration") != "r 1" || v.Get("token") != "t" {
			t.Errorf("got %v, want the id and the token", v)
		}
	})
}

type thing struct {
	id   string
	hash []byte
}

func TestOpen(t *testing.T) {
	ctx := context.Background()
	stored := map[string]thing{"a": {"a", ids.HashToken("secret")}, "erased": {"erased", nil}}
	failing := errors.New("network")
	o := Opener[thing]{
		Get: func(_ context.Context, id string) (thing, error) {
			if id == "broken" {
				return thing{}, failing
			}
			th, ok := stored[id]
			if !ok {
				return thing{}, apperr.New(apperr.NotFound, "thing_not_found")
			}
			return th, nil
		},
		TokenHash: func(th thing) []byte { return th.hash },
		NotFound:  "thing_not_found",
	}
	got, err := o.Open(ctx, "a", "secret")
	if err != nil || got.id != "a" {
		t.Fatalf("the right token: got %v %v, want thing a", got, err)
	}
	var answers []string
	for _, c := range []struct{ name, id, token string }{
		{"an unknown id", "zzz", "secret"},
		{"a wrong token", "a", "guess"},
		{"a missing token", "a", ""},
		{"a record without a token", "erased", "secret"},
		{"a record without a token and no token", "erased", ""},
	} {
		t.Run(c.name+" is not found", func(t *testing.T) {
			_, err := o.Open(ctx, c.id, c.token)
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.NotFound || e.Reason != "thing_not_found" || e.Err != nil {
				t.Fatalf("got %#v, want the plain not found", err)
			}
			answers = append(answers, e.Error())
		})
	}
	for _, a := range answers[1:] {
		if a != answers[0] {
			t.Errorf("answers differ: %q and %q", a, answers[0])
		}
	}
	t.Run("an expired token is not found, like an unknown id", func(t *testing.T) {
		now := time.Date(2026, 12, 1, 10, 0, 0, 0, time.UTC)
		until := now.Add(time.Hour)
		exp := o
		exp.Expires = func(thing) time.Time { return until }
		exp.Now = func() time.Time { return now }
		if _, err := exp.Open(ctx, "a", "secret"); err != nil {
			t.Fatalf("an hour before it expires: %v", err)
		}
		now = until
		_, err := exp.Open(ctx, "a", "secret")
		e, ok := apperr.As(err)
		if !ok || e.Error() != answers[0] || e.Err != nil {
			t.Fatalf("when it expires: got %#v, want %q", err, answers[0])
		}
		exp.Expires = func(thing) time.Time { return time.Time{} }
		if _, err := exp.Open(ctx, "a", "secret"); err != nil {
			t.Errorf("a zero expiry never expires: %v", err)
		}
	})
	t.Run("a failed read is not hidden as not found", func(t *testing.T) {
		if _, err := o.Open(ctx, "broken", "secret"); !errors.Is(err, failing) {
			t.Errorf("got %v, want %v", err, failing)
		}
	})
}
