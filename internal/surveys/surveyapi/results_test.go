package surveyapi_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/routes"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/demo"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
)

// surveyID is the survey of the sample events.
const surveyID = "povedomi-o-transformaci"

// seedSurvey stores the demo awareness survey with version 1 published.
func seedSurvey(t testing.TB, env *apptest.Env) surveys.Version {
	t.Helper()
	ctx := context.Background()
	st := surveydb.New(dynamo.New(env.Client, env.Table))
	def := demo.Awareness()
	now := env.Clock.Now()
	sv, v, err := st.Create(ctx, surveys.Survey{ID: surveyID, Kind: def.Kind, Title: def.Title, CreatedAt: now, CreatedBy: "dev-admin"}, def)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.Publish(ctx, surveyID, sv.Rev, 1, now); err != nil {
		t.Fatal(err)
	}
	v.PublishedAt = now
	return v
}

// putResponses stores responses as the surveys function does
// (surveydb.ResponsePut), in batches of 25, four batches at a time.
func putResponses(t testing.TB, env *apptest.Env, rs []surveys.Response) {
	t.Helper()
	st := surveydb.New(dynamo.New(env.Client, env.Table))
	var batches [][]types.WriteRequest
	var batch []types.WriteRequest
	for _, r := range rs {
		if r.ID == "" {
			r.ID = surveydb.NewResponseID()
		}
		tx, err := st.ResponsePut(r)
		if err != nil {
			t.Fatal(err)
		}
		batch = append(batch, types.WriteRequest{PutRequest: &types.PutRequest{Item: tx.Write().Put.Item}})
		if len(batch) == 25 {
			batches, batch = append(batches, batch), nil
		}
	}
	if len(batch) > 0 {
		batches = append(batches, batch)
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(batches))
	sem := make(chan struct{}, 4)
	for _, b := range batches {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			req := map[string][]types.WriteRequest{env.Table: b}
			for len(req) > 0 {
				out, err := env.Client.BatchWriteItem(context.Background(), &dynamodb.BatchWriteItemInput{RequestItems: req})
				if err != nil {
					errs <- err
					return
				}
				req = out.UnprocessedItems
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
}

// response is an answer to the demo awareness survey.
func response(month, region string, likert int) surveys.Response {
	return surveys.Response{
		Survey: surveyID, Version: 1, Month: month,
		Context: surveys.Context{Source: surveys.SourcePublic, Region: region, TargetGroup: "public", Wave: "baseline"},
		Values: map[string]surveys.Value{
			"q1_heard":     {Codes: []int{surveys.YesCode}},
			"q2_source":    {Codes: []int{1, 4}},
			"q3_meaning":   {Codes: []int{1}},
			"q4_support":   {Codes: []int{likert}},
			"q6_recommend": {Codes: []int{likert * 2}},
			"q9_comment":   {Text: "=1+1 a dost"},
		},
	}
}

// event is a sample event of the survey-results routes with query
// parameters replaced.
func event(t *testing.T, name string, query map[string]string) events.APIGatewayV2HTTPRequest {
	ev := apptest.Event(t, name)
	if query != nil {
		ev.QueryStringParameters = query
		var parts []string
		for k, v := range query {
			parts = append(parts, k+"="+v)
		}
		ev.RawQueryString = strings.Join(parts, "&")
	}
	return ev
}

func problemOf(t *testing.T, resp events.APIGatewayV2HTTPResponse) map[string]any {
	t.Helper()
	var p map[string]any
	if err := json.Unmarshal([]byte(resp.Body), &p); err != nil {
		t.Fatalf("problem: %v in %s", err, resp.Body)
	}
	return p
}

func seedRegions(t *testing.T, env *apptest.Env) {
	t.Helper()
	var rs []surveys.Response
	add := func(n int, month, region string, likert int) {
		for range n {
			rs = append(rs, response(month, region, likert))
		}
	}
	add(7, "2026-11", "CZ010", 5)
	add(3, "2026-10", "CZ010", 5)
	add(6, "2026-11", "CZ020", 3)
	add(2, "2026-11", "CZ064", 1)
	add(5, "2026-11", "", 4)
	add(4, "2025-12", "CZ010", 1) // before the range
	putResponses(t, env, rs)
}

func TestSurveyResults(t *testing.T) {
	env := apptest.New(t, apptest.Options{})
	seedSurvey(t, env)
	seedRegions(t, env)

	t.Run("aggregates by region, small groups suppressed with their complement", func(t *testing.T) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-results", nil))
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %s", resp.StatusCode, resp.Body)
		}
		res := apptest.Body[surveyapi.ResultsView](t, resp)
		if res.From != "2026-01" || res.To != "2026-12" || res.Version != 1 || *res.Total.Responses != 23 {
			t.Fatalf("got %s–%s v%d with %v responses, want 2026-01–2026-12 v1 with 23", res.From, res.To, res.Version, res.Total.Responses)
		}
		got := map[string]string{}
		for _, g := range res.Groups {
			if g.Suppressed {
				got[g.Key] = "withheld"
				if g.Responses != nil || g.Questions != nil {
					t.Errorf("%q withheld with figures: %+v", g.Key, g.Cell)
				}
				continue
			}
			got[g.Key] = fmt.Sprint(*g.Responses)
		}
		// CZ064 (2) is small; not stated (5) is the next smallest.
		want := map[string]string{"CZ010": "10", "CZ020": "6", "CZ064": "withheld", "": "withheld"}
		if !maps(got, want) {
			t.Errorf("groups: got %v, want %v", got, want)
		}
		if res.Groups[len(res.Groups)-1].Key != "" || !res.Groups[len(res.Groups)-1].NotStated {
			t.Errorf("not stated is not the last group: %+v", res.Groups)
		}
		for _, v := range res.Total.Questions {
			switch v.Var {
			case "q4_support": // 10×5, 6×3, 2×1, 5×4 → mean 90/23
				if *v.Answered != 23 || *v.Mean != 3.91 || *v.Median != 4 {
					t.Errorf("q4: got %+v", v)
				}
			case "q6_recommend": // 10×10, 6×6, 2×2, 5×8 → promoters 10, detractors 8
				if *v.NPS != 8.7 {
					t.Errorf("q6 NPS: got %v, want 8.7", *v.NPS)
				}
			case "q9_comment":
				if *v.Answered != 23 || v.Values != nil {
					t.Errorf("q9: got %+v", v)
				}
			}
		}
		if strings.Contains(resp.Body, "dost") {
			t.Error("a text answer in the aggregates")
		}
	})

	t.Run("without a breakdown: the total only", func(t *testing.T) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-results", map[string]string{"from": "2025-12", "to": "2026-11"}))
		res := apptest.Body[surveyapi.ResultsView](t, resp)
		if resp.StatusCode != http.StatusOK || *res.Total.Responses != 27 || res.Groups != nil || res.By != "" {
			t.Errorf("got %d %+v, want 27 responses and no groups", resp.StatusCode, res)
		}
	})

	t.Run("a range with fewer than 5 responses shows nothing", func(t *testing.T) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-results", map[string]string{"from": "2025-12", "to": "2025-12", "by": "region"}))
		res := apptest.Body[surveyapi.ResultsView](t, resp)
		if resp.StatusCode != http.StatusOK || !res.Total.Suppressed || res.Total.Responses != nil || len(res.Groups) != 1 || !res.Groups[0].Suppressed {
			t.Errorf("got %d %s, want everything withheld", resp.StatusCode, resp.Body)
		}
	})

	t.Run("bad parameters are field errors in the caller's language", func(t *testing.T) {
		tests := []struct {
			name   string
			query  map[string]string
			fields []string // field/rule
		}{
			{"malformed months", map[string]string{"from": "2026-13", "to": "26-01"}, []string{"from/month", "to/month"}},
			{"to before from", map[string]string{"from": "2026-05", "to": "2026-04"}, []string{"to/month_order"}},
			{"more than 36 months", map[string]string{"from": "2023-01", "to": "2026-01"}, []string{"to/month_span"}},
			{"an unknown breakdown", map[string]string{"by": "topic"}, []string{"by/oneof"}},
			{"a version that is no number", map[string]string{"version": "0"}, []string{"version/survey_version"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				for _, lang := range []string{"cs", "en"} {
					ev := apptest.WithHeader(event(t, "staff-survey-results", tt.query), "accept-language", lang)
					resp := env.Invoke(routes.FnSurveyResults, ev)
					p := problemOf(t, resp)
					var got []string
					errs, _ := p["errors"].([]any)
					for _, e := range errs {
						e := e.(map[string]any)
						got = append(got, e["field"].(string)+"/"+e["rule"].(string))
						if msg := e["message"].(string); msg == "" || msg == "Hodnota není platná." || msg == "The value is not valid." {
							t.Errorf("%s: a generic message for %v: %q", lang, e["rule"], msg)
						}
					}
					if resp.StatusCode != http.StatusBadRequest || !slices.Equal(got, tt.fields) || resp.Headers["Content-Language"] != lang {
						t.Errorf("%s: got %d %v (%s), want 400 %v", lang, resp.StatusCode, got, resp.Headers["Content-Language"], tt.fields)
					}
				}
			})
		}
		ev := apptest.WithHeader(event(t, "staff-survey-results", map[string]string{"from": "2023-01", "to": "2026-01"}), "accept-language", "en")
		if p := problemOf(t, env.Invoke(routes.FnSurveyResults, ev)); !strings.Contains(fmt.Sprint(p["errors"]), "at most 36 months") {
			t.Errorf("English span message: got %v", p["errors"])
		}
	})

	t.Run("an unknown survey or version is 404", func(t *testing.T) {
		ev := event(t, "staff-survey-results", nil)
		ev.PathParameters = map[string]string{"surveyId": "nope"}
		if p := problemOf(t, env.Invoke(routes.FnSurveyResults, ev)); p["code"] != "survey_not_found" {
			t.Errorf("unknown survey: got %v", p)
		}
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-results", map[string]string{"version": "2"}))
		if p := problemOf(t, resp); resp.StatusCode != http.StatusNotFound || p["code"] != "survey_version_not_found" {
			t.Errorf("unpublished version: got %d %v", resp.StatusCode, p)
		}
	})

	t.Run("evaluators and admins only", func(t *testing.T) {
		for _, r := range routes.ForFunction(routes.FnSurveyResults) {
			name := map[string]string{
				"staffGetSurveyResults": "staff-survey-results", "staffExportSurveyCSV": "staff-survey-export-csv",
				"staffExportSurveyXLSX": "staff-survey-export-xlsx", "staffGetSurveyCodebook": "staff-survey-codebook",
			}[r.Operation]
			ev := event(t, name, nil)
			for _, c := range []struct {
				groups []string
				want   int
			}{
				{[]string{auth.GroupEvaluator}, http.StatusOK}, {[]string{auth.GroupAdmin}, http.StatusOK},
				{[]string{auth.GroupExpert}, http.StatusForbidden}, {[]string{auth.GroupOrganiser}, http.StatusForbidden},
			} {
				if resp := env.Invoke(r.Function, apptest.WithClaims(ev, "someone", c.groups...)); resp.StatusCode != c.want {
					t.Errorf("%s as %v: got %d, want %d", r.Key(), c.groups, resp.StatusCode, c.want)
				}
			}
			ev.RequestContext.Authorizer = nil
			if resp := env.Invoke(r.Function, ev); resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("%s without a token: got %d, want 401", r.Key(), resp.StatusCode)
			}
		}
	})

	csvHeader := func(t *testing.T) ([]string, [][]string) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-export-csv", nil))
		if resp.StatusCode != http.StatusOK || resp.Headers["Content-Disposition"] != `attachment; filename="pruzkum-povedomi-o-transformaci-v1-2026-01-2026-12.csv"` {
			t.Fatalf("got %d %v", resp.StatusCode, resp.Headers)
		}
		if !strings.HasPrefix(resp.Body, "\ufeffrow;version;month;") {
			t.Fatalf("starts %q", resp.Body[:min(30, len(resp.Body))])
		}
		r := csv.NewReader(strings.NewReader(strings.TrimPrefix(resp.Body, "\ufeff")))
		r.Comma = ';'
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[0], recs[1:]
	}

	t.Run("the CSV export reads back", func(t *testing.T) {
		header, rows := csvHeader(t)
		if len(rows) != 23 {
			t.Errorf("rows: got %d, want 23", len(rows))
		}
		col := func(name string) int { return slices.Index(header, name) }
		for _, name := range []string{"q2_source_1", "q2_source_99", "q5_own_home", "q9_comment"} {
			if col(name) < 0 {
				t.Errorf("no column %s in %v", name, header)
			}
		}
		for _, row := range rows {
			if row[col("q2_source_1")] != "1" || row[col("q2_source_2")] != "0" || row[col("q9_comment")] != "'=1+1 a dost" || row[col("q5_own_home")] != "" {
				t.Fatalf("row %v", row)
			}
		}
	})

	t.Run("the XLSX export reads back", func(t *testing.T) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-export-xlsx", nil))
		if resp.StatusCode != http.StatusOK || !resp.IsBase64Encoded {
			t.Fatalf("got %d base64 %v", resp.StatusCode, resp.IsBase64Encoded)
		}
		b, err := base64.StdEncoding.DecodeString(resp.Body)
		if err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(b))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		data, _ := f.GetRows("data")
		header, _ := csvHeader(t)
		if len(data) != 24 || !slices.Equal(data[0], header) {
			t.Errorf("data sheet: %d rows, header %v; want 24 and the CSV's", len(data), data[0])
		}
		book, _ := f.GetRows("codebook")
		if !slices.ContainsFunc(book, func(r []string) bool {
			return len(r) == 7 && r[0] == "q3_meaning" && r[4] == "9" && r[5] == "Nevím" && r[6] == "I don't know"
		}) {
			t.Errorf("codebook: no q3_meaning code 9 with its labels in %d rows", len(book))
		}
	})

	t.Run("the CSVW codebook describes the CSV", func(t *testing.T) {
		resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-codebook", nil))
		var m struct {
			Context     string `json:"@context"`
			URL         string `json:"url"`
			TableSchema struct {
				Columns []struct {
					Name string `json:"name"`
				} `json:"columns"`
			} `json:"tableSchema"`
		}
		if err := json.Unmarshal([]byte(resp.Body), &m); err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("got %d %v", resp.StatusCode, err)
		}
		if m.Context != "http://www.w3.org/ns/csvw" || m.URL != "export.csv?from=2026-01&to=2026-12&version=1" {
			t.Errorf("context and url: got %q %q", m.Context, m.URL)
		}
		var names []string
		for _, c := range m.TableSchema.Columns {
			names = append(names, c.Name)
		}
		if header, _ := csvHeader(t); !slices.Equal(names, header) {
			t.Errorf("columns:\n got %v\nwant %v", names, header)
		}
	})
}

func maps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// counter counts what a function reads: the items its Queries return, by
// partition.
type counter struct {
	dynamo.API
	mu    sync.Mutex
	items map[string]int
}

func (c *counter) Query(ctx context.Context, in *dynamodb.QueryInput, opts ...func(*dynamodb.Options)) (*dynamodb.QueryOutput, error) {
	out, err := c.API.Query(ctx, in, opts...)
	if err == nil {
		pk := ""
		for _, v := range in.ExpressionAttributeValues {
			if s, ok := v.(*types.AttributeValueMemberS); ok {
				pk = s.Value
			}
		}
		c.mu.Lock()
		c.items[pk] += len(out.Items)
		c.mu.Unlock()
	}
	return out, err
}

// TestAggregatesReadOnlyTheResponsesInRange: over 20,000 responses in
// five months, the aggregates of three months read exactly the responses
// of those months, one Query of each month's partition, and nothing else
// but the survey and its version.
func TestAggregatesReadOnlyTheResponsesInRange(t *testing.T) {
	c := &counter{items: map[string]int{}}
	env := apptest.New(t, apptest.Options{Wrap: func(api dynamo.API) dynamo.API { c.API = api; return c }, Quiet: true})
	seedSurvey(t, env)
	months := []string{"2026-07", "2026-08", "2026-09", "2026-10", "2026-11"}
	per := []int{1000, 6000, 5000, 4000, 4000} // 20,000
	var rs []surveys.Response
	for i, m := range months {
		for k := range per[i] {
			rs = append(rs, response(m, []string{"CZ010", "CZ020", "CZ064", ""}[k%4], 1+k%5))
		}
	}
	putResponses(t, env, rs)
	c.items = map[string]int{}

	resp := env.Invoke(routes.FnSurveyResults, event(t, "staff-survey-results", map[string]string{"from": "2026-08", "to": "2026-10", "by": "region"}))
	res := apptest.Body[surveyapi.ResultsView](t, resp)
	if resp.StatusCode != http.StatusOK || *res.Total.Responses != 15000 {
		t.Fatalf("got %d with %v responses, want 15,000", resp.StatusCode, res.Total.Responses)
	}
	read := 0
	for pk, n := range c.items {
		if !strings.HasPrefix(pk, surveydb.ResponsePrefix) {
			t.Errorf("a Query of %s", pk)
		}
		read += n
	}
	want := map[string]int{
		surveydb.ResponsePartition(surveyID, "2026-08"): 6000,
		surveydb.ResponsePartition(surveyID, "2026-09"): 5000,
		surveydb.ResponsePartition(surveyID, "2026-10"): 4000,
	}
	if read != 15000 || len(c.items) != 3 {
		t.Errorf("items read: got %d from %v, want 15,000 from %v", read, c.items, want)
	}
	for pk, n := range want {
		if c.items[pk] != n {
			t.Errorf("%s: read %d, want %d", pk, c.items[pk], n)
		}
	}
}
