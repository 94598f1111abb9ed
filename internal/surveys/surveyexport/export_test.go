package surveyexport

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/surveys"
)

func f64(x float64) *float64 { return &x }

func version() surveys.Version {
	scale := make([]surveys.ScaleLabel, 5)
	for i := range scale {
		scale[i] = surveys.ScaleLabel{Label: surveys.Text{Cs: fmt.Sprintf("stupeň %d", i+1), En: fmt.Sprintf("level %d", i+1)}}
	}
	return surveys.Version{Survey: "s1", Number: 3, Definition: surveys.Definition{
		Kind: surveys.KindEvaluation, Title: surveys.Text{Cs: "Hodnocení konzultace", En: "Consultation evaluation"}, Intro: surveys.Text{Cs: "Úvod"},
		Questions: []surveys.Question{
			{Var: "q1_help", Type: surveys.SingleChoice, Text: surveys.Text{Cs: "Pomohla vám konzultace?", En: "Did it help?"}, Options: []surveys.Option{
				{Code: 1, Label: surveys.Text{Cs: "Ano; velmi", En: "Yes; a lot"}}, {Code: 2, Label: surveys.Text{Cs: "Ne", En: "No"}}}},
			{Var: "q2_topics", Type: surveys.MultipleChoice, Text: surveys.Text{Cs: "Témata", En: "Topics"}, Options: []surveys.Option{
				{Code: 1, Label: surveys.Text{Cs: "Bydlení", En: "Housing"}}, {Code: 4, Label: surveys.Text{Cs: "Práce", En: "Work"}}}},
			{Var: "q3_sat", Type: surveys.Likert, Text: surveys.Text{Cs: "Spokojenost", En: "Satisfaction"}, Scale: scale},
			{Var: "q4", Type: surveys.LikertMatrix, Text: surveys.Text{Cs: "Hodnocení", En: "Rating"}, Scale: scale, Items: []surveys.Item{
				{Var: "q4_clear", Text: surveys.Text{Cs: "Srozumitelnost", En: "Clarity"}}}},
			{Var: "q5_nps", Type: surveys.NPS, Text: surveys.Text{Cs: "Doporučil(a) byste nás?", En: "Would you recommend us?"}},
			{Var: "q6_hours", Type: surveys.Number, Text: surveys.Text{Cs: "Počet hodin", En: "Hours"}, Min: f64(0), Max: f64(40)},
			{Var: "q7_note", Type: surveys.LongText, Text: surveys.Text{Cs: "Vzkaz", En: "Message"}},
			{Var: "q8_again", Type: surveys.YesNo, Text: surveys.Text{Cs: "Znovu?", En: "Again?"}},
		},
	}}
}

func responses() []surveys.Response {
	return []surveys.Response{
		{ID: "secret-id-1", Survey: "s1", Version: 3, Month: "2026-11", EasyRead: true,
			Context: surveys.Context{Source: surveys.SourceConsultation, Form: "online", Topic: "housing", Region: "CZ010", TargetGroup: "seniors"},
			Values: map[string]surveys.Value{
				"q1_help": {Codes: []int{1}}, "q2_topics": {Codes: []int{4}}, "q3_sat": {Codes: []int{5}}, "q4_clear": {Codes: []int{3}},
				"q5_nps": {Codes: []int{10}}, "q6_hours": {Number: f64(1.5)}, "q7_note": {Text: "=HYPERLINK(\"x\";\"y\")\r\nřádek; \"dva\""},
				"q8_again": {Codes: []int{0}},
			}},
		{ID: "secret-id-2", Survey: "s1", Version: 2, Month: "2026-12",
			Context: surveys.Context{Source: surveys.SourcePublic, Wave: "baseline"},
			Values:  map[string]surveys.Value{"q3_sat": {Codes: []int{2}}}},
	}
}

var wantHeader = []string{"row", "version", "month", "source", "form", "topic", "region", "target_group", "wave", "easy_read",
	"q1_help", "q2_topics_1", "q2_topics_4", "q3_sat", "q4_clear", "q5_nps", "q6_hours", "q7_note", "q8_again"}

var wantRows = [][]string{
	{"1", "3", "2026-11", "consultation", "online", "housing", "CZ010", "seniors", "", "1",
		"1", "0", "1", "5", "3", "10", "1.5", "'=HYPERLINK(\"x\";\"y\")\r\nřádek; \"dva\"", "0"},
	{"2", "2", "2026-12", "public", "", "", "", "", "baseline", "0",
		"", "", "", "2", "", "", "", "", ""},
}

func writeCSV(t *testing.T) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := NewCSV(&b, version())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range responses() {
		if err := w.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCSVReadsBack(t *testing.T) {
	b := writeCSV(t)
	if !bytes.HasPrefix(b, []byte("\xef\xbb\xbfrow;")) {
		t.Fatalf("starts %q, want the BOM and the header", b[:min(10, len(b))])
	}
	if !bytes.Contains(b, []byte("q8_again\r\n")) {
		t.Errorf("the header does not end with CRLF")
	}
	if bytes.Contains(b, []byte("secret-id")) {
		t.Errorf("a response id in the export")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], wantHeader) {
		t.Errorf("header: got %q, want %q", recs[0], wantHeader)
	}
	// encoding/csv reads a quoted CRLF inside a field as LF.
	want := [][]string{slices.Clone(wantRows[0]), wantRows[1]}
	want[0][17] = strings.ReplaceAll(want[0][17], "\r\n", "\n")
	if !reflect.DeepEqual(recs[1:], want) {
		t.Errorf("rows:\n got %q\nwant %q", recs[1:], want)
	}
}

func TestXLSXReadsBack(t *testing.T) {
	var b bytes.Buffer
	w, err := NewXLSX(&b, version())
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range responses() {
		if err := w.Add(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if got := f.GetSheetList(); !slices.Equal(got, []string{SheetData, SheetCodebook}) {
		t.Fatalf("sheets: got %v, want data and codebook", got)
	}
	t.Run("data sheet holds the CSV's rows", func(t *testing.T) {
		rows, err := f.GetRows(SheetData, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], wantHeader) {
			t.Errorf("header: got %q", rows[0])
		}
		want := slices.Clone(wantRows[0])
		want[17] = "=HYPERLINK(\"x\";\"y\")\r\nřádek; \"dva\"" // text cells need no apostrophe: never a formula
		if !slices.Equal(rows[1], want) {
			t.Errorf("row 1:\n got %q\nwant %q", rows[1], want)
		}
		// GetRows drops trailing empty cells.
		if got := rows[2]; !slices.Equal(got, wantRows[1][:14]) {
			t.Errorf("row 2: got %q, want %q", got, wantRows[1][:14])
		}
		for _, cell := range []string{"R2", "A2", "N2"} {
			if formula, err := f.GetCellFormula(SheetData, cell); err != nil || formula != "" {
				t.Errorf("%s holds a formula %q %v", cell, formula, err)
			}
		}
		if typ, _ := f.GetCellType(SheetData, "P2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("the NPS code is a text cell, want a number")
		}
	})
	t.Run("codebook sheet holds codes and labels", func(t *testing.T) {
		rows, err := f.GetRows(SheetCodebook)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(rows[0], CodebookHeader) {
			t.Errorf("header: got %q", rows[0])
		}
		want := [][]string{
			{"q1_help", "Pomohla vám konzultace?", "Did it help?", "single_choice", "1", "Ano; velmi", "Yes; a lot"},
			{"q1_help", "Pomohla vám konzultace?", "Did it help?", "single_choice", "2", "Ne", "No"},
			{"q3_sat", "Spokojenost", "Satisfaction", "likert", "5", "stupeň 5", "level 5"},
			{"q4_clear", "Hodnocení – Srozumitelnost", "Rating – Clarity", "likert_matrix", "1", "stupeň 1", "level 1"},
			{"q5_nps", "Doporučil(a) byste nás?", "Would you recommend us?", "nps", "10", "10 – určitě ano", "10 – extremely likely"},
			{"q6_hours", "Počet hodin", "Hours", "number"},
			{"q7_note", "Vzkaz", "Message", "long_text"},
			{"q8_again", "Znovu?", "Again?", "yes_no", "0", "ne", "no"},
			{"month", "Měsíc odpovědi", "Month of the response", "gYearMonth"},
		}
		for _, w := range want {
			if !slices.ContainsFunc(rows, func(r []string) bool { return slices.Equal(r, w) }) {
				t.Errorf("no codebook row %q", w)
			}
		}
	})
}

func TestCSVWMetadataDescribesTheCSV(t *testing.T) {
	b, err := json.Marshal(CSVW(version(), "export.csv?version=3"))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m["@context"] != "http://www.w3.org/ns/csvw" || m["url"] != "export.csv?version=3" {
		t.Errorf("context and url: got %v %v", m["@context"], m["url"])
	}
	dialect := m["dialect"].(map[string]any)
	if dialect["delimiter"] != ";" || dialect["encoding"] != "utf-8" || dialect["header"] != true {
		t.Errorf("dialect: got %v", dialect)
	}
	cols := m["tableSchema"].(map[string]any)["columns"].([]any)
	// The columns are the CSV's header, in order.
	r := csv.NewReader(bytes.NewReader(writeCSV(t)[3:]))
	r.Comma = ';'
	header, err := r.Read()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	byName := map[string]map[string]any{}
	for _, c := range cols {
		col := c.(map[string]any)
		name := col["name"].(string)
		names = append(names, name)
		byName[name] = col
		titles := col["titles"].(map[string]any)
		if und := titles["und"].([]any); len(und) != 1 || und[0] != name {
			t.Errorf("%s: titles.und %v, want the header cell", name, und)
		}
		if _, ok := titles["cs"]; !ok {
			t.Errorf("%s: no Czech title", name)
		}
		if col["datatype"].(map[string]any)["base"] == "" {
			t.Errorf("%s: no datatype", name)
		}
	}
	if !slices.Equal(names, header) {
		t.Errorf("columns:\n got %q\nwant the CSV header %q", names, header)
	}
	tests := []struct {
		col, base string
		min, max  any
		labels    map[string]string // notation → Czech label
		titleEn   string
	}{
		{"q1_help", "integer", nil, nil, map[string]string{"1": "Ano; velmi", "2": "Ne"}, "Did it help?"},
		{"q2_topics_4", "integer", 0.0, 1.0, map[string]string{"1": "zvoleno", "0": "nezvoleno"}, "Topics – Work"},
		{"q3_sat", "integer", 1.0, 5.0, map[string]string{"1": "stupeň 1", "5": "stupeň 5"}, "Satisfaction"},
		{"q5_nps", "integer", 0.0, 10.0, map[string]string{"0": "0 – určitě ne", "7": "7"}, "Would you recommend us?"},
		{"q6_hours", "decimal", 0.0, 40.0, nil, "Hours"},
		{"q7_note", "string", nil, nil, nil, "Message"},
		{"q8_again", "integer", 0.0, 1.0, map[string]string{"1": "ano", "0": "ne"}, "Again?"},
		{"month", "gYearMonth", nil, nil, nil, "Month of the response"},
	}
	for _, tt := range tests {
		t.Run(tt.col, func(t *testing.T) {
			col := byName[tt.col]
			dt := col["datatype"].(map[string]any)
			if dt["base"] != tt.base || dt["minimum"] != tt.min || dt["maximum"] != tt.max {
				t.Errorf("datatype: got %v, want %s %v..%v", dt, tt.base, tt.min, tt.max)
			}
			if en := col["titles"].(map[string]any)["en"].([]any); en[0] != tt.titleEn {
				t.Errorf("English title: got %v, want %s", en, tt.titleEn)
			}
			got := map[string]string{}
			concepts, _ := col["skos:hasTopConcept"].([]any)
			for _, c := range concepts {
				c := c.(map[string]any)
				if c["@type"] != "skos:Concept" {
					t.Errorf("concept type %v", c["@type"])
				}
				for _, l := range c["skos:prefLabel"].([]any) {
					if l := l.(map[string]any); l["@language"] == "cs" {
						got[c["skos:notation"].(string)] = l["@value"].(string)
					}
				}
			}
			for code, label := range tt.labels {
				if got[code] != label {
					t.Errorf("code %s: got %q, want %q", code, got[code], label)
				}
			}
			if tt.labels == nil && len(got) != 0 {
				t.Errorf("labels on an uncoded column: %v", got)
			}
		})
	}
}

func TestNeutraliseFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "＋1": "'＋1", "": "", "Jana": "Jana", "1-1": "1-1",
	} {
		if got := NeutraliseFormula(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
