// Package surveyexport writes a survey's responses for analysts: a CSV
// (UTF-8 with a byte-order mark, semicolons, CRLF, RFC 4180 quoting), an
// XLSX workbook (a data sheet and a codebook sheet) and the CSV's W3C CSV on
// the Web (CSVW) metadata, the machine-readable codebook R, SPSS and Python
// users load labelled data with. All three come from one list of columns
// (Columns), so their variables always agree.
//
// The writers stream: a response is written when it is added, and nothing
// of it is kept (the XLSX stream writer spills rows to a temporary file
// beyond its buffer). A row holds no response id and no time finer than the
// month: its first column is the row's number in the file.
//
// It links excelize, so only the survey-results function imports it.
package surveyexport

import (
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/surveys"
)

// Datatypes of columns (CSVW built-in datatype names).
const (
	TypeInteger    = "integer"
	TypeDecimal    = "decimal"
	TypeString     = "string"
	TypeGYearMonth = "gYearMonth"
)

// Column is one column of the export.
type Column struct {
	Name     string          // the header cell and CSVW name: a variable, or <var>_<code> for a multiple choice's option
	Title    surveys.Text    // the question (with the option or item for a one-of-several column)
	Datatype string          // TypeInteger, TypeDecimal, TypeString, TypeGYearMonth
	Min, Max *float64        // bounds of a number or a code, when known
	Var      *surveys.VarDef // the variable; nil for the fixed columns
	Option   *surveys.Option // a multiple choice's option column (0/1)
	Required bool            // never empty

	fixed func(row int, r surveys.Response) any
}

// Type is the question type of a variable's column ("" for the fixed ones).
func (c Column) Type() surveys.QuestionType {
	if c.Var == nil {
		return ""
	}
	return c.Var.Type()
}

func num(x float64) *float64 { return &x }

// fixedColumns come first in every export: the row's number, the version,
// the month and the response's context.
var fixedColumns = []Column{
	{Name: "row", Title: surveys.Text{Cs: "Pořadí řádku", En: "Row number"}, Datatype: TypeInteger, Min: num(1), Required: true,
		fixed: func(row int, _ surveys.Response) any { return row }},
	{Name: "version", Title: surveys.Text{Cs: "Verze dotazníku", En: "Questionnaire version"}, Datatype: TypeInteger, Min: num(1), Required: true,
		fixed: func(_ int, r surveys.Response) any { return r.Version }},
	{Name: "month", Title: surveys.Text{Cs: "Měsíc odpovědi", En: "Month of the response"}, Datatype: TypeGYearMonth, Required: true,
		fixed: func(_ int, r surveys.Response) any { return str(r.Month) }},
	{Name: "source", Title: surveys.Text{Cs: "Zdroj odpovědi", En: "Source of the response"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(string(r.Context.Source)) }},
	{Name: "form", Title: surveys.Text{Cs: "Forma konzultace nebo druh akce", En: "Consultation form or event kind"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(r.Context.Form) }},
	{Name: "topic", Title: surveys.Text{Cs: "Téma", En: "Topic"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(r.Context.Topic) }},
	{Name: "region", Title: surveys.Text{Cs: "Kraj", En: "Region"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(r.Context.Region) }},
	{Name: "target_group", Title: surveys.Text{Cs: "Cílová skupina", En: "Target group"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(r.Context.TargetGroup) }},
	{Name: "wave", Title: surveys.Text{Cs: "Vlna šetření", En: "Survey wave"}, Datatype: TypeString,
		fixed: func(_ int, r surveys.Response) any { return str(r.Context.Wave) }},
	{Name: "easy_read", Title: surveys.Text{Cs: "Vyplněno ve snadném čtení (1 ano, 0 ne)", En: "Answered in easy-read mode (1 yes, 0 no)"},
		Datatype: TypeInteger, Min: num(0), Max: num(1), Required: true,
		fixed: func(_ int, r surveys.Response) any {
			if r.EasyRead {
				return 1
			}
			return 0
		}},
}

// str is a string cell: nil (empty) for "".
func str(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// Columns lists the export's columns for version v: the fixed columns, then
// one per variable in the order of the questions (a Likert matrix: one per
// item), a multiple choice as one 0/1 column per option, <var>_<code>.
func Columns(v surveys.Version) []Column {
	out := append([]Column(nil), fixedColumns...)
	for _, vd := range surveys.Variables(v.Definition) {
		q := vd.Question
		title := q.Text
		if vd.Item != nil {
			title = join(q.Text, vd.Item.Text)
		}
		c := Column{Name: vd.Var, Title: title, Var: &vd}
		switch q.Type {
		case surveys.MultipleChoice:
			for i := range q.Options {
				o := &q.Options[i]
				out = append(out, Column{
					Name: vd.Var + "_" + strconv.Itoa(o.Code), Title: join(q.Text, o.Label), Datatype: TypeInteger,
					Min: num(0), Max: num(1), Var: &vd, Option: o,
				})
			}
			continue
		case surveys.Number:
			c.Datatype, c.Min, c.Max = TypeDecimal, q.Min, q.Max
			if q.Integer {
				c.Datatype = TypeInteger
			}
		case surveys.ShortText, surveys.LongText:
			c.Datatype = TypeString
		default:
			c.Datatype = TypeInteger
			if len(vd.Codes) > 0 {
				lo, hi := vd.Codes[0], vd.Codes[0]
				for _, k := range vd.Codes {
					lo, hi = min(lo, k), max(hi, k)
				}
				if q.Type != surveys.SingleChoice { // a choice keeps codes of earlier versions
					c.Min, c.Max = num(float64(lo)), num(float64(hi))
				}
			}
		}
		out = append(out, c)
	}
	return out
}

// join is "question – part" in both languages (English only when both
// have it).
func join(a, b surveys.Text) surveys.Text {
	t := surveys.Text{Cs: a.Cs + " – " + b.Cs}
	if a.En != "" && b.En != "" {
		t.En = a.En + " – " + b.En
	}
	return t
}

// Row is a response's cells under columns: nil (empty) for a variable not
// answered (or not in the response's version), an int for a code, a count
// or a 0/1, a float64 for a number, a string for a text or a context value.
func Row(columns []Column, row int, r surveys.Response) []any {
	out := make([]any, len(columns))
	for i, c := range columns {
		if c.fixed != nil {
			out[i] = c.fixed(row, r)
			continue
		}
		val, ok := r.Values[c.Var.Var]
		if !ok {
			continue
		}
		switch c.Type() {
		case surveys.MultipleChoice:
			if val.Codes == nil {
				continue
			}
			chosen := 0
			for _, k := range val.Codes {
				if k == c.Option.Code {
					chosen = 1
				}
			}
			out[i] = chosen
		case surveys.Number:
			if val.Number != nil {
				out[i] = *val.Number
			}
		case surveys.ShortText, surveys.LongText:
			out[i] = str(val.Text)
		default:
			if len(val.Codes) == 1 {
				out[i] = val.Codes[0]
			}
		}
	}
	return out
}

// Text is a cell as CSV text: "" for nil, decimal numbers with a dot.
func Text(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case int:
		return strconv.Itoa(x)
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case string:
		return x
	}
	panic(fmt.Sprintf("surveyexport: cell of type %T", v))
}

// NeutraliseFormula puts an apostrophe before a text that a spreadsheet
// would take for a formula: one starting with =, +, -, @ (or their
// full-width forms), a tab or a carriage return (OWASP, CSV injection).
// Only free-text answers can start so.
func NeutraliseFormula(v string) string {
	r, _ := utf8.DecodeRuneInString(v)
	switch r {
	case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
		return "'" + v
	}
	return v
}

// Code is one value code with its labels.
type Code struct {
	Code  int
	Label surveys.Text
}

// CodebookEntry is one variable of the codebook.
type CodebookEntry struct {
	Var      string
	Question surveys.Text // for a matrix item: "matrix: item"
	Type     surveys.QuestionType
	Codes    []Code // a coded variable's values (NPS: 0–10 without labels but the ends)
}

// Codebook lists version v's variables with their value codes and labels.
func Codebook(v surveys.Version) []CodebookEntry {
	var out []CodebookEntry
	for _, vd := range surveys.Variables(v.Definition) {
		q := vd.Question
		e := CodebookEntry{Var: vd.Var, Question: q.Text, Type: q.Type}
		if vd.Item != nil {
			e.Question = join(q.Text, vd.Item.Text)
		}
		switch q.Type {
		case surveys.SingleChoice, surveys.MultipleChoice:
			for _, o := range q.Options {
				e.Codes = append(e.Codes, Code{o.Code, o.Label})
			}
		case surveys.Likert, surveys.LikertMatrix:
			for i, s := range q.Scale {
				e.Codes = append(e.Codes, Code{i + 1, s.Label})
			}
		case surveys.NPS:
			for k := surveys.NPSMin; k <= surveys.NPSMax; k++ {
				e.Codes = append(e.Codes, Code{k, npsLabel(k)})
			}
		case surveys.YesNo:
			e.Codes = []Code{{surveys.YesCode, surveys.Text{Cs: "ano", En: "yes"}}, {surveys.NoCode, surveys.Text{Cs: "ne", En: "no"}}}
		}
		out = append(out, e)
	}
	return out
}

func npsLabel(k int) surveys.Text {
	switch k {
	case surveys.NPSMin:
		return surveys.Text{Cs: "0 – určitě ne", En: "0 – not at all likely"}
	case surveys.NPSMax:
		return surveys.Text{Cs: "10 – určitě ano", En: "10 – extremely likely"}
	}
	s := strconv.Itoa(k)
	return surveys.Text{Cs: s, En: s}
}
