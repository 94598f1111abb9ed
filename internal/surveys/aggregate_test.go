package surveys

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func f64(x float64) *float64 { return &x }

// testVersion is a version with a question of every type.
func testVersion() Version {
	scale := make([]ScaleLabel, 5)
	for i := range scale {
		scale[i] = ScaleLabel{Label: Text{Cs: fmt.Sprintf("bod %d", i+1), En: fmt.Sprintf("point %d", i+1)}}
	}
	return Version{Survey: "s1", Number: 2, Definition: Definition{
		Kind: KindAwareness, Title: Text{Cs: "Průzkum"}, Intro: Text{Cs: "Úvod"},
		Questions: []Question{
			{Var: "q1_choice", Type: SingleChoice, Text: Text{Cs: "Volba", En: "Choice"}, Options: []Option{
				{Code: 1, Label: Text{Cs: "Ano, určitě", En: "Yes, surely"}}, {Code: 2, Label: Text{Cs: "Spíše ne", En: "Rather not"}}}},
			{Var: "q2_multi", Type: MultipleChoice, Text: Text{Cs: "Více", En: "Several"}, Options: []Option{
				{Code: 1, Label: Text{Cs: "Jedna"}}, {Code: 2, Label: Text{Cs: "Dvě"}}, {Code: 3, Label: Text{Cs: "Tři"}}}},
			{Var: "q3_likert", Type: Likert, Text: Text{Cs: "Spokojenost"}, Scale: scale},
			{Var: "q4_matrix", Type: LikertMatrix, Text: Text{Cs: "Matice"}, Scale: scale, Items: []Item{
				{Var: "q4_a", Text: Text{Cs: "Položka A"}}, {Var: "q4_b", Text: Text{Cs: "Položka B"}}}},
			{Var: "q5_nps", Type: NPS, Text: Text{Cs: "Doporučení"}},
			{Var: "q6_age", Type: Number, Text: Text{Cs: "Věk"}, Min: f64(15), Max: f64(99), Integer: true},
			{Var: "q7_note", Type: LongText, Text: Text{Cs: "Poznámka"}},
			{Var: "q8_yes", Type: YesNo, Text: Text{Cs: "Ano/ne"}},
		},
	}}
}

func codes(c ...int) Value { return Value{Codes: c} }

// resp makes a response of version 2 in group tg.
func resp(tg string, vals map[string]Value) Response {
	return Response{ID: "x", Survey: "s1", Version: 2, Month: "2026-11", Context: Context{Source: SourcePublic, TargetGroup: tg}, Values: vals}
}

func findVar(t *testing.T, c Cell, name string) Variable {
	t.Helper()
	for _, v := range c.Questions {
		if v.Var == name {
			return v
		}
	}
	t.Fatalf("no variable %s in %+v", name, c)
	return Variable{}
}

func TestAggregateFigures(t *testing.T) {
	a, err := NewAggregator(testVersion(), ByNone)
	if err != nil {
		t.Fatal(err)
	}
	// Ten responses: NPS 10,10,9,8,7,6,5,0,10,9 → promoters 5, detractors 3 → +20.
	nps := []int{10, 10, 9, 8, 7, 6, 5, 0, 10, 9}
	ages := []float64{20, 30, 40, 50, 60, 70, 80, 90, 25, 35} // sorted: 20 25 30 35 40 50 60 70 80 90 → median 45
	for i := range 10 {
		vals := map[string]Value{
			"q1_choice": codes(1 + i%2),
			"q3_likert": codes(1 + i%5),
			"q4_a":      codes(5),
			"q5_nps":    codes(nps[i]),
			"q6_age":    {Number: f64(ages[i])},
			"q8_yes":    codes(YesCode),
		}
		if i < 6 {
			vals["q2_multi"] = codes(1, 3)
			vals["q7_note"] = Value{Text: "něco"}
		}
		if i == 9 {
			vals["q8_yes"] = codes(NoCode)
		}
		a.Add(resp("", vals))
	}
	res := a.Results()
	total := res.Total
	if total.Suppressed || total.Responses == nil || *total.Responses != 10 {
		t.Fatalf("total: got %+v, want 10 responses shown", total)
	}
	tests := []struct {
		name  string
		check func(t *testing.T)
	}{
		{"single choice counts and percentages", func(t *testing.T) {
			v := findVar(t, total, "q1_choice")
			want := []ValueCount{{1, 5, 50}, {2, 5, 50}}
			if !reflect.DeepEqual(v.Values, want) || *v.Answered != 10 {
				t.Errorf("got %+v answered %d, want %+v of 10", v.Values, *v.Answered, want)
			}
			if v.Mean != nil || v.Median != nil {
				t.Errorf("a single choice has no mean or median: %+v", v)
			}
		}},
		{"multiple choice counts respondents per option", func(t *testing.T) {
			v := findVar(t, total, "q2_multi")
			want := []ValueCount{{1, 6, 100}, {2, 0, 0}, {3, 6, 100}}
			if !reflect.DeepEqual(v.Values, want) || *v.Answered != 6 {
				t.Errorf("got %+v answered %d, want %+v of 6", v.Values, *v.Answered, want)
			}
		}},
		{"likert mean and median", func(t *testing.T) {
			v := findVar(t, total, "q3_likert") // 1,2,3,4,5,1,2,3,4,5
			if *v.Mean != 3 || *v.Median != 3 || len(v.Values) != 5 || v.Values[0] != (ValueCount{1, 2, 20}) {
				t.Errorf("got mean %v median %v values %+v, want 3, 3, 20 %% each", *v.Mean, *v.Median, v.Values)
			}
		}},
		{"matrix item is its own variable", func(t *testing.T) {
			v := findVar(t, total, "q4_a")
			if v.Question != "q4_matrix" || *v.Mean != 5 || v.Values[4] != (ValueCount{5, 10, 100}) {
				t.Errorf("got %+v", v)
			}
			if b := findVar(t, total, "q4_b"); !b.Suppressed {
				t.Errorf("an item nobody answered: got %+v, want withheld (0 answers < 5)", b)
			}
		}},
		{"NPS score is promoters minus detractors", func(t *testing.T) {
			v := findVar(t, total, "q5_nps")
			if v.NPS == nil || *v.NPS != 20 || *v.Median != 8.5 || *v.Mean != 7.4 {
				t.Errorf("got NPS %v median %v mean %v, want 20, 8.5, 7.4", v.NPS, *v.Median, *v.Mean)
			}
		}},
		{"number mean and median from the histogram", func(t *testing.T) {
			v := findVar(t, total, "q6_age")
			if *v.Mean != 50 || *v.Median != 45 || v.Values != nil {
				t.Errorf("got mean %v median %v values %v, want 50, 45, none", *v.Mean, *v.Median, v.Values)
			}
		}},
		{"text counts only the answers", func(t *testing.T) {
			v := findVar(t, total, "q7_note")
			if *v.Answered != 6 || v.Values != nil || v.Mean != nil {
				t.Errorf("got %+v, want answered 6 and nothing else", v)
			}
			b, _ := json.Marshal(res)
			if json.Valid(b) && strings.Contains(string(b), "něco") {
				t.Errorf("the results carry a text answer: %s", b)
			}
		}},
		{"yes/no shares", func(t *testing.T) {
			v := findVar(t, total, "q8_yes")
			want := []ValueCount{{YesCode, 9, 90}, {NoCode, 1, 10}}
			if !reflect.DeepEqual(v.Values, want) {
				t.Errorf("got %+v, want %+v", v.Values, want)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, tt.check)
	}
}

func TestMedian(t *testing.T) {
	tests := []struct {
		name string
		hist map[float64]int
		want float64
	}{
		{"one value", map[float64]int{3: 1}, 3},
		{"odd count", map[float64]int{1: 1, 2: 1, 9: 1}, 2},
		{"even count averages the middle two", map[float64]int{1: 1, 2: 1, 4: 1, 9: 1}, 3},
		{"middle inside a heavy bin", map[float64]int{1: 1, 5: 10, 9: 1}, 5},
		{"middle across two bins", map[float64]int{1: 2, 3: 2}, 2},
		{"fractions", map[float64]int{0.5: 1, 1.25: 1}, 0.88},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for _, k := range tt.hist {
				n += k
			}
			if got := median(tt.hist, n); got != tt.want {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

func TestSuppress(t *testing.T) {
	tests := []struct {
		name       string
		counts     []int
		totalShown bool
		want       []bool
	}{
		{"all large: all shown", []int{5, 9, 20}, true, []bool{true, true, true}},
		{"one small: it and the next smallest withheld", []int{3, 9, 20}, true, []bool{false, false, true}},
		{"two small but together below 5: a third withheld", []int{1, 2, 9, 20}, true, []bool{false, false, false, true}},
		{"two small together 5 or more: only they are withheld", []int{2, 4, 9, 20}, true, []bool{false, false, true, true}},
		{"one small of two groups: both withheld", []int{4, 30}, true, []bool{false, false}},
		{"total withheld: every group withheld", []int{2, 2}, false, []bool{false, false}},
		{"a single large group", []int{12}, true, []bool{true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := suppress(tt.counts, tt.totalShown); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
		})
	}
}

// TestSuppressionCannotBeUndone checks, over many breakdowns, that what is
// withheld can never be recovered by subtracting the shown groups from the
// total: the withheld groups are none, or two or more holding 5 or more.
func TestSuppressionCannotBeUndone(t *testing.T) {
	for seed := range 400 {
		counts := make([]int, 2+seed%5)
		x := uint32(seed*2654435761 + 1)
		total := 0
		for i := range counts {
			x = x*1664525 + 1013904223
			counts[i] = 1 + int(x>>24)%12
			total += counts[i]
		}
		shown := suppress(counts, total >= SuppressBelow)
		withheld, sum := 0, 0
		for i, s := range shown {
			if !s {
				withheld++
				sum += counts[i]
			} else if counts[i] < SuppressBelow {
				t.Fatalf("%v: a small group shown: %v", counts, shown)
			}
		}
		if withheld == 1 || (withheld > 0 && sum < SuppressBelow && total >= SuppressBelow && withheld < len(counts)) {
			t.Fatalf("%v: withheld %d groups holding %d (shown %v): recoverable from the total", counts, withheld, sum, shown)
		}
	}
}

func TestAggregateSuppressesSmallCells(t *testing.T) {
	v := testVersion()
	add := func(a *Aggregator, tg string, n int, likert int) {
		for range n {
			a.Add(resp(tg, map[string]Value{"q3_likert": codes(likert), "q8_yes": codes(YesCode)}))
		}
	}
	t.Run("a total below 5 shows nothing", func(t *testing.T) {
		a, _ := NewAggregator(v, ByTargetGroup)
		add(a, "seniors", 4, 5)
		res := a.Results()
		if !res.Total.Suppressed || res.Total.Responses != nil || res.Total.Questions != nil {
			t.Errorf("total: got %+v, want withheld", res.Total)
		}
		if len(res.Groups) != 1 || !res.Groups[0].Suppressed || res.Groups[0].Responses != nil {
			t.Errorf("groups: got %+v, want withheld", res.Groups)
		}
		b, _ := json.Marshal(res)
		if strings.Contains(string(b), `"count"`) || strings.Contains(string(b), `"responses"`) {
			t.Errorf("withheld figures in the JSON: %s", b)
		}
	})
	t.Run("one small group takes the next smallest with it", func(t *testing.T) {
		a, _ := NewAggregator(v, ByTargetGroup)
		add(a, "seniors", 2, 1)
		add(a, "families", 6, 3)
		add(a, "youth", 20, 5)
		res := a.Results()
		got := map[string]bool{}
		for _, g := range res.Groups {
			got[g.Key] = g.Suppressed
			if g.Suppressed && (g.Responses != nil || g.Questions != nil) {
				t.Errorf("%s withheld but carries figures: %+v", g.Key, g.Cell)
			}
		}
		if want := map[string]bool{"seniors": true, "families": true, "youth": false}; !reflect.DeepEqual(got, want) {
			t.Errorf("withheld: got %v, want %v", got, want)
		}
		if *res.Total.Responses != 28 {
			t.Errorf("total: got %d, want 28", *res.Total.Responses)
		}
	})
	t.Run("not stated is a group of its own, listed last", func(t *testing.T) {
		a, _ := NewAggregator(v, ByTargetGroup)
		add(a, "", 7, 2)
		add(a, "youth", 5, 4)
		res := a.Results()
		if len(res.Groups) != 2 || res.Groups[1].Key != NotStated || !res.Groups[1].NotStated || *res.Groups[1].Responses != 7 {
			t.Errorf("got %+v", res.Groups)
		}
	})
	t.Run("a question answered by fewer than 5 in a shown group is withheld there, with its complement", func(t *testing.T) {
		a, _ := NewAggregator(v, ByTargetGroup)
		add(a, "seniors", 6, 1)
		add(a, "families", 6, 3)
		add(a, "youth", 6, 5)
		// q1 answered by 3 seniors, 5 families, 9 youth.
		for _, tg := range []string{"seniors", "seniors", "seniors", "families", "families", "families", "families", "families"} {
			a.Add(resp(tg, map[string]Value{"q1_choice": codes(1)}))
		}
		for range 9 {
			a.Add(resp("youth", map[string]Value{"q1_choice": codes(2)}))
		}
		res := a.Results()
		for _, g := range res.Groups {
			if g.Suppressed {
				t.Fatalf("%s withheld: %+v", g.Key, g)
			}
			q1 := findVar(t, g.Cell, "q1_choice")
			want := g.Key == "seniors" || g.Key == "families" // seniors small, families the complement
			if q1.Suppressed != want || (q1.Suppressed && (q1.Answered != nil || q1.Values != nil)) {
				t.Errorf("%s q1: got %+v, want withheld %v", g.Key, q1, want)
			}
			if q3 := findVar(t, g.Cell, "q3_likert"); q3.Suppressed {
				t.Errorf("%s q3 withheld: %+v", g.Key, q3)
			}
		}
	})
}

func TestAggregateAcrossVersions(t *testing.T) {
	a, _ := NewAggregator(testVersion(), ByNone)
	for range 5 {
		a.Add(resp("", map[string]Value{"q3_likert": codes(4)}))
	}
	for range 5 {
		r := resp("", map[string]Value{
			"q3_likert": codes(2),          // shared: counted
			"q1_choice": codes(7),          // shared, a code this version no longer offers: counted, no label
			"q6_age":    {Codes: []int{3}}, // another shape under the same name: not counted
			"q9_old":    codes(1),          // not in this version: not counted
		})
		r.Version = 1
		a.Add(r)
	}
	res := a.Results()
	if *res.Total.Responses != 10 {
		t.Errorf("responses: got %d, want 10", *res.Total.Responses)
	}
	if q3 := findVar(t, res.Total, "q3_likert"); *q3.Answered != 10 || *q3.Mean != 3 {
		t.Errorf("q3: got %+v, want 10 answers, mean 3", q3)
	}
	q1 := findVar(t, res.Total, "q1_choice")
	if want := []ValueCount{{1, 0, 0}, {2, 0, 0}, {7, 5, 100}}; !reflect.DeepEqual(q1.Values, want) {
		t.Errorf("q1: got %+v, want %+v", q1.Values, want)
	}
	if q6 := findVar(t, res.Total, "q6_age"); !q6.Suppressed {
		t.Errorf("q6: got %+v, want no answers counted (withheld)", q6)
	}
	for _, v := range res.Total.Questions {
		if v.Var == "q9_old" {
			t.Errorf("a variable of another version shown: %+v", v)
		}
	}
}

func TestNewAggregatorRefusesAnUnknownBreakdown(t *testing.T) {
	if _, err := NewAggregator(testVersion(), Breakdown("topic")); err == nil {
		t.Error("got nil, want an error")
	}
}

// TestAggregatorStateDoesNotGrow: the counters are as many after 10,000
// responses as after 1,000 (the same values repeated).
func TestAggregatorStateDoesNotGrow(t *testing.T) {
	size := func(n int) int {
		a, _ := NewAggregator(testVersion(), ByRegion)
		for i := range n {
			r := resp("", map[string]Value{"q5_nps": codes(i % 11), "q6_age": {Number: f64(float64(15 + i%85))}, "q7_note": {Text: "text"}})
			r.Context.Region = []string{"CZ010", "CZ020", ""}[i%3]
			a.Add(r)
		}
		k := 0
		for _, c := range append([]*cell{a.total}, mapValues(a.groups)...) {
			for _, v := range c.vars {
				k += len(v.counts) + len(v.hist)
			}
		}
		return k
	}
	if small, large := size(1000), size(10000); small != large {
		t.Errorf("counters: %d after 1,000 responses, %d after 10,000", small, large)
	}
}

func mapValues(m map[string]*cell) []*cell {
	var out []*cell
	for _, v := range m {
		out = append(out, v)
	}
	return out
}
