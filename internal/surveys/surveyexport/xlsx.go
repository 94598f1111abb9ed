package surveyexport

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/mpsv/brana/internal/surveys"
)

// Sheet names of the workbook.
const (
	SheetData     = "data"
	SheetCodebook = "codebook"
)

// CodebookHeader is the codebook sheet's header: one row per value code of
// a variable (one row for a variable without codes), the fixed columns
// first.
var CodebookHeader = []string{"variable", "question_cs", "question_en", "type", "code", "label_cs", "label_en"}

// XLSX writes responses to a workbook: the sheet "data" with the CSV's
// columns (codes and numbers as numbers, texts as text, never a formula)
// and the sheet "codebook" (CodebookHeader). Rows stream to the workbook's
// writer; Close adds the codebook and writes the file to w.
type XLSX struct {
	w       io.Writer
	f       *excelize.File
	sw      *excelize.StreamWriter
	version surveys.Version
	columns []Column
	cells   []any
	rows    int
	text    int
}

// NewXLSX starts a workbook of version v's responses.
func NewXLSX(w io.Writer, v surveys.Version) (*XLSX, error) {
	x := &XLSX{w: w, f: excelize.NewFile(), version: v, columns: Columns(v)}
	if err := x.start(); err != nil {
		x.f.Close()
		return nil, fmt.Errorf("export xlsx: %w", err)
	}
	return x, nil
}

func (x *XLSX) start() error {
	if err := x.f.SetSheetName(x.f.GetSheetName(0), SheetData); err != nil {
		return err
	}
	if err := x.f.SetDocProps(&excelize.DocProperties{Title: xmlText(x.version.Definition.Title.Cs), Creator: "Brána", Language: "cs-CZ"}); err != nil {
		return err
	}
	head, err := x.f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	if x.text, err = x.f.NewStyle(&excelize.Style{NumFmt: 49}); err != nil { // 49: "@", text
		return err
	}
	if x.sw, err = x.f.NewStreamWriter(SheetData); err != nil {
		return err
	}
	if err := x.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	x.cells = make([]any, len(x.columns))
	for i, c := range x.columns {
		x.cells[i] = excelize.Cell{StyleID: head, Value: c.Name}
	}
	return x.sw.SetRow("A1", x.cells)
}

// Add writes one response's row.
func (x *XLSX) Add(r surveys.Response) error {
	x.rows++
	for i, v := range Row(x.columns, x.rows, r) {
		if s, ok := v.(string); ok {
			v = excelize.Cell{StyleID: x.text, Value: xmlText(s)}
		}
		x.cells[i] = v
	}
	ref, err := excelize.CoordinatesToCellName(1, x.rows+1)
	if err == nil {
		err = x.sw.SetRow(ref, x.cells)
	}
	if err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

// Close adds the codebook sheet and writes the workbook.
func (x *XLSX) Close() error {
	defer x.f.Close()
	if err := x.finish(); err != nil {
		return fmt.Errorf("export xlsx: %w", err)
	}
	return nil
}

func (x *XLSX) finish() error {
	if err := x.sw.Flush(); err != nil {
		return err
	}
	if _, err := x.f.NewSheet(SheetCodebook); err != nil {
		return err
	}
	sw, err := x.f.NewStreamWriter(SheetCodebook)
	if err != nil {
		return err
	}
	row := 1
	put := func(cells ...any) error {
		ref, err := excelize.CoordinatesToCellName(1, row)
		if err != nil {
			return err
		}
		row++
		return sw.SetRow(ref, cells)
	}
	head := make([]any, len(CodebookHeader))
	for i, h := range CodebookHeader {
		head[i] = h
	}
	if err := put(head...); err != nil {
		return err
	}
	for _, c := range fixedColumns {
		if err := put(c.Name, c.Title.Cs, c.Title.En, c.Datatype); err != nil {
			return err
		}
	}
	for _, e := range Codebook(x.version) {
		q := []any{e.Var, xmlText(e.Question.Cs), xmlText(e.Question.En), string(e.Type)}
		if len(e.Codes) == 0 {
			if err := put(q...); err != nil {
				return err
			}
		}
		for _, k := range e.Codes {
			if err := put(append(q, k.Code, xmlText(k.Label.Cs), xmlText(k.Label.En))...); err != nil {
				return err
			}
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.w)
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
