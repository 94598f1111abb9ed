package docs

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// Column is one column of an export: its heading and, for XLSX, its width
// in characters (0: from the longest value, between 8 and 60).
type Column struct {
	Title string
	Width float64
}

// Columns makes columns from headings, with widths from the values.
func Columns(titles ...string) []Column {
	out := make([]Column, len(titles))
	for i, t := range titles {
		out[i] = Column{Title: t}
	}
	return out
}

// checkRows refuses rows whose length is not the columns'.
func checkRows(columns []Column, rows [][]string) error {
	if len(columns) == 0 {
		return fmt.Errorf("export: no columns")
	}
	for i, r := range rows {
		if len(r) != len(columns) {
			return fmt.Errorf("export: row %d has %d values for %d columns", i+1, len(r), len(columns))
		}
	}
	return nil
}

// bom is UTF-8's byte-order mark: Czech Excel reads a CSV with it as UTF-8,
// without it as Windows-1250.
const bom = "\ufeff"

// ExportCSV writes rows as CSV for Czech Excel: UTF-8 with a byte-order
// mark, semicolons between values (the comma is the Czech decimal mark),
// CRLF line ends, quoting per RFC 4180, a heading row first. A value that a
// spreadsheet would run as a formula (one starting with = + - @, a tab or a
// carriage return) gets an apostrophe in front (NeutraliseFormula).
func ExportCSV(w io.Writer, columns []Column, rows [][]string) error {
	if err := checkRows(columns, rows); err != nil {
		return err
	}
	if _, err := io.WriteString(w, bom); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	cw := csv.NewWriter(w)
	cw.Comma = ';'
	cw.UseCRLF = true
	head := make([]string, len(columns))
	for i, c := range columns {
		head[i] = NeutraliseFormula(c.Title)
	}
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	rec := make([]string, len(columns))
	for _, r := range rows {
		for i, v := range r {
			rec[i] = NeutraliseFormula(v)
		}
		if err := cw.Write(rec); err != nil {
			return fmt.Errorf("export csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// NeutraliseFormula puts an apostrophe before a value that a spreadsheet
// would take for a formula: one starting with =, +, -, @ (or their full-
// width forms), a tab or a carriage return (OWASP, CSV injection). Excel
// shows such a value as text.
func NeutraliseFormula(v string) string {
	r, _ := utf8.DecodeRuneInString(v)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + v
	}
	return v
}

// XLSX limits.
const (
	maxSheetName = 31
	minColWidth  = 8.0
	maxColWidth  = 60.0
)

// ExportXLSX writes rows as an XLSX workbook of one sheet named sheetTitle:
// a bold heading row, frozen so it stays in view, with a filter; column
// widths from the columns or the values. Every value is a text cell, never
// a formula, so nothing in it runs when the file is opened; characters XML
// cannot carry are dropped.
func ExportXLSX(w io.Writer, sheetTitle string, columns []Column, rows [][]string) error {
	if err := checkRows(columns, rows); err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	sheet := SheetName(sheetTitle)
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: xmlText(sheetTitle), Creator: "Brána", Language: "cs-CZ"}); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	head, err := f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E6EBF5"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "5A5A5A", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "center", WrapText: true},
	})
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	text, err := f.NewStyle(&excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}}) // 49: "@", text
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	for i, c := range columns {
		width := c.Width
		if width <= 0 {
			width = autoWidth(i, c.Title, rows)
		}
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
	}
	if err := sw.SetPanes(&excelize.Panes{
		Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
	}); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	cells := make([]any, len(columns))
	for i, c := range columns {
		cells[i] = excelize.Cell{StyleID: head, Value: xmlText(c.Title)}
	}
	if err := sw.SetRow("A1", cells, excelize.RowOpts{Height: 20}); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	for n, r := range rows {
		for i, v := range r {
			cells[i] = excelize.Cell{StyleID: text, Value: xmlText(v)}
		}
		ref, err := excelize.CoordinatesToCellName(1, n+2)
		if err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
		if err := sw.SetRow(ref, cells); err != nil {
			return fmt.Errorf("export xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	last, err := excelize.CoordinatesToCellName(len(columns), len(rows)+1)
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// SheetName makes a valid worksheet name of a title: without the
// characters Excel forbids (: \ / ? * [ ]), not starting or ending with an
// apostrophe, at most 31 characters; "Export" when nothing is left.
func SheetName(title string) string {
	s := strings.Map(func(r rune) rune {
		switch {
		case strings.ContainsRune(`:\/?*[]`, r):
			return ' '
		case r < 0x20 || r == 0x7f:
			return -1
		}
		return r
	}, xmlText(title))
	s = strings.Trim(strings.Join(strings.Fields(s), " "), "' ")
	if r := []rune(s); len(r) > maxSheetName {
		s = strings.TrimRight(string(r[:maxSheetName]), "' ")
	}
	if s == "" {
		return "Export"
	}
	return s
}

// autoWidth is a column's width from its longest line, within bounds.
func autoWidth(col int, title string, rows [][]string) float64 {
	longest := func(s string) int {
		n := 0
		for l := range strings.SplitSeq(s, "\n") {
			n = max(n, utf8.RuneCountInString(l))
		}
		return n
	}
	n := longest(title) + 2 // the filter's button
	for _, r := range rows {
		n = max(n, longest(r[col]))
	}
	return min(maxColWidth, max(minColWidth, float64(n)+1))
}

// xmlText drops what XML 1.0 cannot carry: C0 controls other than tab, line
// feed and carriage return, U+FFFE and U+FFFF, and invalid UTF-8.
func xmlText(s string) string {
	return strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, r == 0xFFFE, r == 0xFFFF:
			return -1
		case r < 0x20 && r != '\t' && r != '\n' && r != '\r':
			return -1
		}
		return r
	}, s)
}
