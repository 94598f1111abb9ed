package surveyexport

import (
	"encoding/csv"
	"fmt"
	"io"

	"github.com/mpsv/brana/internal/surveys"
)

// bom is UTF-8's byte-order mark: Czech Excel reads a CSV with it as UTF-8.
const bom = "\ufeff"

// CSV writes responses as CSV, one row per response: UTF-8 with a
// byte-order mark, semicolons between values, CRLF line ends, quoting per
// RFC 4180, a header of column names (Columns) first. Numbers have a
// decimal dot (CSVW's default for decimal); an empty value is an answer
// not given. A text answer a spreadsheet would run as a formula gets an
// apostrophe in front (NeutraliseFormula).
type CSV struct {
	cw      *csv.Writer
	columns []Column
	rec     []string
	rows    int
}

// NewCSV writes the byte-order mark and the header of version v's columns.
func NewCSV(w io.Writer, v surveys.Version) (*CSV, error) {
	c := &CSV{cw: csv.NewWriter(w), columns: Columns(v)}
	c.cw.Comma = ';'
	c.cw.UseCRLF = true
	c.rec = make([]string, len(c.columns))
	if _, err := io.WriteString(w, bom); err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	for i, col := range c.columns {
		c.rec[i] = col.Name
	}
	if err := c.cw.Write(c.rec); err != nil {
		return nil, fmt.Errorf("export csv: %w", err)
	}
	return c, nil
}

// Add writes one response's row.
func (c *CSV) Add(r surveys.Response) error {
	c.rows++
	for i, v := range Row(c.columns, c.rows, r) {
		s := Text(v)
		if c.columns[i].Datatype == TypeString {
			s = NeutraliseFormula(s)
		}
		c.rec[i] = s
	}
	if err := c.cw.Write(c.rec); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}

// Close flushes the rows.
func (c *CSV) Close() error {
	c.cw.Flush()
	if err := c.cw.Error(); err != nil {
		return fmt.Errorf("export csv: %w", err)
	}
	return nil
}
