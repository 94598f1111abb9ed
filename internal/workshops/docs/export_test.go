package docs_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/workshops/docs"
)

var (
	exportColumns = []docs.Column{{Title: "Jméno a příjmení"}, {Title: "Organizace", Width: 40}, {Title: "Poznámka"}}
	exportRows    = [][]string{
		{"Řehoř Šťastný", "Domov Žirovnice; příspěvková organizace", "píše \"uvozovky\""},
		{"=HYPERLINK(\"http://evil\";\"klik\")", "+420 601 123 456", "-2+3"},
		{"@SUM(A1:A2)", "\tTab", "\rCR"},
		{"＝1+1", "řádek 1\nřádek 2", ""},
		{"Běžná hodnota - s pomlčkou", "a=b", "e-mail@example.cz"},
	}
)

func TestExportCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := docs.ExportCSV(&buf, exportColumns, exportRows); err != nil {
		t.Fatal(err)
	}
	keep(t, "export.csv", buf.Bytes())
	b := buf.Bytes()
	t.Run("starts with the UTF-8 byte-order mark", func(t *testing.T) {
		if !bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}) {
			t.Errorf("starts %q, want the BOM", b[:min(6, len(b))])
		}
	})
	t.Run("separates with semicolons and ends lines with CRLF", func(t *testing.T) {
		first, _, _ := strings.Cut(string(b[3:]), "\r\n")
		if first != "Jméno a příjmení;Organizace;Poznámka" {
			t.Errorf("heading line %q", first)
		}
		if n := strings.Count(string(b), "\r\n"); n != 1+len(exportRows)+1 { // a line break inside a quoted value is CRLF too
			t.Errorf("got %d CRLFs, want %d", n, len(exportRows)+2)
		}
		if strings.Contains(strings.ReplaceAll(string(b), "\r\n", ""), "\n") {
			t.Error("a bare LF")
		}
	})
	t.Run("reads back per RFC 4180, formulas neutralised", func(t *testing.T) {
		r := csv.NewReader(bytes.NewReader(b[3:]))
		r.Comma = ';'
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{
			{"Jméno a příjmení", "Organizace", "Poznámka"},
			{"Řehoř Šťastný", "Domov Žirovnice; příspěvková organizace", "píše \"uvozovky\""},
			{"'=HYPERLINK(\"http://evil\";\"klik\")", "'+420 601 123 456", "'-2+3"},
			{"'@SUM(A1:A2)", "'\tTab", "'CR"}, // with CRLF line ends, encoding/csv drops a lone CR
			{"'＝1+1", "řádek 1\nřádek 2", ""},
			{"Běžná hodnota - s pomlčkou", "a=b", "e-mail@example.cz"},
		}
		if len(recs) != len(want) {
			t.Fatalf("got %d records, want %d: %q", len(recs), len(want), recs)
		}
		for i := range want {
			for j := range want[i] {
				if got := recs[i][j]; got != want[i][j] {
					t.Errorf("record %d, value %d: got %q, want %q", i, j, got, want[i][j])
				}
			}
		}
	})
	t.Run("refuses rows that do not fit the columns", func(t *testing.T) {
		if err := docs.ExportCSV(&bytes.Buffer{}, exportColumns, [][]string{{"a", "b"}}); err == nil {
			t.Error("got a CSV")
		}
	})
}

func TestNeutraliseFormula(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "＋1": "'＋1",
		"": "", "Jana": "Jana", " =1": " =1", "1-1": "1-1", "'=1": "'=1",
	} {
		if got := docs.NeutraliseFormula(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}

func TestExportXLSX(t *testing.T) {
	var buf bytes.Buffer
	rows := append(exportRows, []string{"řídicí\x01znak\x00", "x", strings.Repeat("dlouhé ", 30)})
	if err := docs.ExportXLSX(&buf, "Registrace: Seminář [duben]", exportColumns, rows); err != nil {
		t.Fatal(err)
	}
	keep(t, "export.xlsx", buf.Bytes())
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("excelize does not read it back: %v", err)
	}
	defer f.Close()
	const sheet = "Registrace Seminář duben"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("sheets %q, want [%q]", got, sheet)
	}
	t.Run("holds the heading and every value as it was, as text", func(t *testing.T) {
		got, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"Jméno a příjmení", "Organizace", "Poznámka"}}
		want = append(want, exportRows...)
		want = append(want, []string{"řídicíznak", "x", strings.Repeat("dlouhé ", 30)})
		if len(got) != len(want) {
			t.Fatalf("got %d rows, want %d", len(got), len(want))
		}
		for i := range want {
			for j := range want[i] {
				var v string
				if j < len(got[i]) {
					v = got[i][j]
				}
				if v != want[i][j] {
					t.Errorf("row %d, column %d: got %q, want %q", i+1, j+1, v, want[i][j])
				}
			}
		}
		for _, cell := range []string{"A3", "B3", "C3", "A4", "A5"} {
			if formula, err := f.GetCellFormula(sheet, cell); err != nil || formula != "" {
				t.Errorf("%s holds a formula %q %v", cell, formula, err)
			}
			if typ, err := f.GetCellType(sheet, cell); err != nil || (typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString) {
				t.Errorf("%s is of type %v %v, want a string", cell, typ, err)
			}
		}
	})
	t.Run("freezes the heading row", func(t *testing.T) {
		p, err := f.GetPanes(sheet)
		if err != nil || !p.Freeze || p.YSplit != 1 || p.XSplit != 0 || p.TopLeftCell != "A2" {
			t.Errorf("panes %+v %v, want the first row frozen", p, err)
		}
	})
	t.Run("sets column widths", func(t *testing.T) {
		for col, want := range map[string]func(float64) bool{
			"A": func(w float64) bool { return w >= 30 && w <= 40 }, // the HYPERLINK value
			"B": func(w float64) bool { return w == 40 },            // given
			"C": func(w float64) bool { return w == 60 },            // capped
		} {
			if w, err := f.GetColWidth(sheet, col); err != nil || !want(w) {
				t.Errorf("column %s: width %v %v", col, w, err)
			}
		}
	})
	t.Run("styles the heading bold", func(t *testing.T) {
		id, err := f.GetCellStyle(sheet, "A1")
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil || st.Font == nil || !st.Font.Bold {
			t.Errorf("heading style %+v %v, want bold", st, err)
		}
	})
	t.Run("refuses rows that do not fit the columns", func(t *testing.T) {
		if err := docs.ExportXLSX(&bytes.Buffer{}, "x", exportColumns, [][]string{{"a"}}); err == nil {
			t.Error("got a workbook")
		}
	})
}

func TestSheetName(t *testing.T) {
	for in, want := range map[string]string{
		"Registrace":                      "Registrace",
		"a/b\\c?d*e[f]g:h":                "a b c d e f g h",
		"'quoted'":                        "quoted",
		"":                                "Export",
		"[]":                              "Export",
		strings.Repeat("Ž", 40):           strings.Repeat("Ž", 31),
		"Registrace semináře o bydlení X": "Registrace semináře o bydlení X",
	} {
		if got := docs.SheetName(in); got != want {
			t.Errorf("%q: got %q, want %q", in, got, want)
		}
	}
}
