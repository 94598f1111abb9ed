package api_test

import (
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mpsv/brana/internal/api"
	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/contract"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/routes"
)

// dateRoute is a query route that takes a from/to date range.
type dateRoute struct {
	name  string
	fn    string
	event string
	// query parameters kept from the sample event besides from and to
	keep   []string
	claims bool
}

// dateRoutes are every query route that takes dates; TestDateRoutesListed
// keeps the list complete.
var dateRoutes = []dateRoute{
	{name: "slots", fn: routes.FnCatalog, event: "list-slots", keep: []string{"expertId", "form"}},
	{name: "slots of all experts", fn: routes.FnCatalog, event: "list-slots"},
	{name: "staff bookings", fn: routes.FnStaff, event: "staff-list-bookings", claims: true},
	{name: "staff events", fn: routes.FnStaffEvents, event: "staff-list-events", claims: true},
}

// dateSeeds are the dates every date test tries, as from and as to.
var dateSeeds = []string{
	"", "2026-12-01", "2026-11-30", "9999-12-31", "0000-01-01", "0001-01-01", "2019-12-31", "2020-01-01",
	"2100-12-31", "2101-01-01", "2099-12-25", "2020-01-10", "1970-01-01", "2026-02-30", "2026-13-01",
	"26-12-01", "2026-12-1", "+2026-12-01", "-2026-12-01", "2026-12-01T00:00:00Z", "20261201", "dnes",
	"２０２６-12-01", "2026-12-01\x00", " 2026-12-01 ", "99999-01-01", "2027-11-30", "2028-01-01",
}

// queryDates asks a date route for the range from–to (empty: left out)
// and checks what every answer must be: never a 5xx, valid against
// docs/openapi.yaml (Invoke checks), and a 400 names its fields.
func queryDates(t *testing.T, env *apptest.Env, r dateRoute, from, to string) (int, httpapi.ProblemDoc) {
	t.Helper()
	ev := apptest.Event(t, r.event)
	q := url.Values{}
	params := map[string]string{}
	for _, k := range r.keep {
		q.Set(k, ev.QueryStringParameters[k])
		params[k] = ev.QueryStringParameters[k]
	}
	for k, v := range map[string]string{"from": from, "to": to} {
		if v != "" {
			q.Set(k, v)
			params[k] = v
		}
	}
	ev.QueryStringParameters, ev.RawQueryString = params, q.Encode()
	if r.claims {
		ev = apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin)
	}
	resp := env.Invoke(r.fn, ev)
	if resp.StatusCode >= 500 {
		t.Fatalf("%s from=%q to=%q: got %d %s, want no 5xx", r.name, from, to, resp.StatusCode, resp.Body)
	}
	var p httpapi.ProblemDoc
	switch resp.StatusCode {
	case http.StatusOK:
	case http.StatusBadRequest:
		p = apptest.Body[httpapi.ProblemDoc](t, resp)
		if len(p.Errors) == 0 {
			t.Errorf("%s from=%q to=%q: got a 400 without field errors: %s", r.name, from, to, resp.Body)
		}
		for _, f := range p.Errors {
			if f.Field != "from" && f.Field != "to" || f.Message == "" {
				t.Errorf("%s from=%q to=%q: got field error %+v, want one on from or to with a message", r.name, from, to, f)
			}
		}
	default:
		t.Errorf("%s from=%q to=%q: got %d %s, want 200 or 400", r.name, from, to, resp.StatusCode, resp.Body)
	}
	return resp.StatusCode, p
}

func hasField(p httpapi.ProblemDoc, field, rule string) bool {
	for _, f := range p.Errors {
		if f.Field == field && f.Rule == rule {
			return true
		}
	}
	return false
}

func TestQueryDatesOutsideBounds(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	for _, r := range dateRoutes {
		t.Run(r.name, func(t *testing.T) {
			for _, tc := range []struct {
				from, to    string
				field, rule string // "" for 200
			}{
				{"9999-12-31", "", "from", "date_bounds"},
				{"", "9999-12-31", "to", "date_bounds"},
				{"2019-12-31", "2020-01-05", "from", "date_bounds"},
				{"0001-01-01", "", "from", "date_bounds"},
				{"2101-01-01", "", "from", "date_bounds"},
				{"2026-02-30", "", "from", "date"},
				{"2026-12-10", "2026-12-01", "to", "range"},
				{"2026-12-01", "2027-12-01", "to", "max_days"},
				{"2020-01-01", "2020-01-10", "", ""}, // wholly in the past
				{"2100-12-25", "", "", ""},           // the default range ends at 2100-12-31
				{"2100-12-01", "2100-12-31", "", ""}, // far beyond every horizon
				{"2026-12-01", "2026-12-07", "", ""},
			} {
				status, p := queryDates(t, env, r, tc.from, tc.to)
				if tc.field == "" {
					if status != http.StatusOK {
						t.Errorf("from=%q to=%q: got %d %+v, want 200", tc.from, tc.to, status, p)
					}
					continue
				}
				if status != http.StatusBadRequest || !hasField(p, tc.field, tc.rule) {
					t.Errorf("from=%q to=%q: got %d %+v, want 400 with %s/%s", tc.from, tc.to, status, p.Errors, tc.field, tc.rule)
				}
			}
		})
	}
}

func TestSlotsOutsideHorizonAreEmpty(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	r := dateRoutes[0]
	for _, rg := range [][2]string{{"2020-01-01", "2020-01-31"}, {"2026-11-01", "2026-11-29"}, {"2027-12-01", "2027-12-31"}, {"2100-12-01", "2100-12-31"}} {
		ev := apptest.Event(t, r.event)
		ev.QueryStringParameters = map[string]string{"expertId": apptest.DemoExpertID, "from": rg[0], "to": rg[1]}
		ev.RawQueryString = "expertId=" + apptest.DemoExpertID + "&from=" + rg[0] + "&to=" + rg[1]
		resp := env.Invoke(r.fn, ev)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("%v: got %d %s, want 200", rg, resp.StatusCode, resp.Body)
		}
		if got := apptest.Body[api.List[api.SlotGroupView]](t, resp); len(got.Items) != 0 {
			t.Errorf("%v: got %d groups, want none", rg, len(got.Items))
		}
	}
	// An unknown expert is still not found out there.
	ev := apptest.Event(t, r.event)
	ev.QueryStringParameters = map[string]string{"expertId": "nobody", "from": "2100-12-01"}
	ev.RawQueryString = "expertId=nobody&from=2100-12-01"
	if resp := env.Invoke(r.fn, ev); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown expert beyond the horizon: got %d %s, want 404", resp.StatusCode, resp.Body)
	}
}

// TestQueryDatesProperty asks every date route for many random ranges:
// dates near the bounds, anywhere in years 0–99999, and garbage.
func TestQueryDatesProperty(t *testing.T) {
	env := apptest.New(t, apptest.Options{Quiet: true})
	rng := rand.New(rand.NewPCG(8, 4))
	date := func() string {
		switch rng.IntN(6) {
		case 0:
			return ""
		case 1: // anywhere
			return fmt.Sprintf("%04d-%02d-%02d", rng.IntN(100000), rng.IntN(14), rng.IntN(33))
		case 2: // near the lower bound
			return fmt.Sprintf("%04d-%02d-%02d", 2019+rng.IntN(2), 1+rng.IntN(12), 1+rng.IntN(31))
		case 3: // near the upper bound
			return fmt.Sprintf("%04d-%02d-%02d", 2099+rng.IntN(3), 1+rng.IntN(12), 1+rng.IntN(31))
		case 4: // near today
			return fmt.Sprintf("2026-%02d-%02d", 10+rng.IntN(4), 1+rng.IntN(31))
		default:
			return dateSeeds[rng.IntN(len(dateSeeds))]
		}
	}
	n := 150
	if testing.Short() {
		n = 30
	}
	for _, r := range dateRoutes {
		for range n {
			queryDates(t, env, r, date(), date())
		}
	}
}

// FuzzQueryDates runs the date routes on arbitrary from/to values; as a
// normal test it runs the seeds.
func FuzzQueryDates(f *testing.F) {
	for i, from := range dateSeeds {
		f.Add(from, dateSeeds[(i*7+3)%len(dateSeeds)])
	}
	env := apptest.New(f, apptest.Options{Quiet: true})
	f.Fuzz(func(t *testing.T, from, to string) {
		e := *env
		e.TB = t // report to this input's test, not to the fuzz target
		for _, r := range dateRoutes {
			queryDates(t, &e, r, from, to)
		}
	})
}

// TestDateRoutesListed keeps dateRoutes complete: every route whose
// OpenAPI operation takes a date query parameter is in it, and each such
// parameter is a QueryDate (with the bounds documented).
func TestDateRoutesListed(t *testing.T) {
	raw, err := os.ReadFile(contract.OpenAPIPath())
	if err != nil {
		t.Fatal(err)
	}
	type param struct {
		Ref    string `yaml:"$ref"`
		Name   string `yaml:"name"`
		In     string `yaml:"in"`
		Schema struct {
			Ref    string `yaml:"$ref"`
			Format string `yaml:"format"`
		} `yaml:"schema"`
	}
	var doc struct {
		Paths      map[string]map[string]struct{ Parameters []param } `yaml:"paths"`
		Components struct {
			Parameters map[string]param `yaml:"parameters"`
		} `yaml:"components"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	listed := map[string]bool{}
	for _, r := range dateRoutes {
		listed[apptest.Event(t, r.event).RouteKey] = true
	}
	found := 0
	for _, r := range routes.Table {
		for _, p := range doc.Paths[r.Path][strings.ToLower(r.Method)].Parameters {
			if p.Ref != "" {
				p = doc.Components.Parameters[strings.TrimPrefix(p.Ref, "#/components/parameters/")]
			}
			isDate := p.Schema.Format == "date" || strings.HasSuffix(p.Schema.Ref, "Date")
			if p.In != "query" || !isDate {
				continue
			}
			found++
			if !listed[r.Key()] {
				t.Errorf("%s takes the date %q but is not in dateRoutes", r.Key(), p.Name)
			}
			if p.Schema.Ref != "#/components/schemas/QueryDate" {
				t.Errorf("%s: the date %q is %q, want a QueryDate", r.Key(), p.Name, p.Schema.Ref)
			}
		}
	}
	if found < 4 {
		t.Errorf("found %d date query parameters in docs/openapi.yaml, want at least 4", found)
	}
	// The horizon the slot list gives up beyond is the longest one an
	// expert may set.
	f, _ := reflect.TypeFor[consultations.AvailabilityInput]().FieldByName("HorizonDays")
	if tag := f.Tag.Get("validate"); !strings.Contains(tag, fmt.Sprintf("max=%d", api.MaxHorizonDays)) {
		t.Errorf("HorizonDays is %q, want max=%d (api.MaxHorizonDays)", tag, api.MaxHorizonDays)
	}
}
