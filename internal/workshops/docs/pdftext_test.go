package docs_test

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/types"
)

func init() { model.ConfigPath = "disable" } // pdfcpu: no configuration file on disk

// keep writes a document to $DOCS_KEEP, when set, to look at it.
func keep(t *testing.T, name string, b []byte) {
	if dir := os.Getenv("DOCS_KEEP"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// pdfDoc is a PDF read back with pdfcpu: validated, its metadata, and the
// text of each page as a reader would get it: every string shown by Tj or
// TJ decoded through its font's ToUnicode CMap, text objects on lines.
type pdfDoc struct {
	ctx   *model.Context
	pages []string
	fonts []string // the fonts of each page, as their embedded file's font name
}

func (d pdfDoc) text() string { return strings.Join(d.pages, "\n") }

func readPDF(t *testing.T, b []byte) pdfDoc {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Fatalf("not a PDF: %.20q", b)
	}
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	ctx, err := api.ReadAndValidate(bytes.NewReader(b), conf)
	if err != nil {
		t.Fatalf("pdfcpu does not read it back: %v", err)
	}
	doc := pdfDoc{ctx: ctx}
	for p := 1; p <= ctx.PageCount; p++ {
		page, _, inh, err := ctx.PageDict(p, false)
		if err != nil {
			t.Fatalf("page %d: %v", p, err)
		}
		content, err := ctx.PageContent(page, p)
		if err != nil {
			t.Fatalf("page %d content: %v", p, err)
		}
		fonts := map[string]cmap{}
		fontDict, err := ctx.DereferenceDict(inh.Resources["Font"])
		if err != nil || fontDict == nil {
			t.Fatalf("page %d: no fonts: %v", p, err)
		}
		for name, ref := range fontDict {
			f, err := ctx.DereferenceDict(ref)
			if err != nil {
				t.Fatal(err)
			}
			doc.fonts = append(doc.fonts, embedded(t, ctx, name, f))
			sd, _, err := ctx.DereferenceStreamDict(f["ToUnicode"])
			if err != nil || sd == nil {
				t.Fatalf("font %s has no ToUnicode map: %v", name, err)
			}
			if err := sd.Decode(); err != nil {
				t.Fatal(err)
			}
			fonts[name] = parseCMap(t, sd.Content)
		}
		doc.pages = append(doc.pages, showText(t, content, fonts))
	}
	return doc
}

// cmap maps 2-byte character codes to text (a ToUnicode CMap's bfchar and
// bfrange entries).
type cmap struct {
	chars  map[uint16]string
	ranges []cmapRange
}

type cmapRange struct {
	lo, hi uint16
	dst    []uint16 // UTF-16 of lo's text; the last unit grows with the code
}

var (
	bfchar  = regexp.MustCompile(`(?s)beginbfchar(.*?)endbfchar`)
	bfrange = regexp.MustCompile(`(?s)beginbfrange(.*?)endbfrange`)
	hexTok  = regexp.MustCompile(`<([0-9A-Fa-f]*)>`)
)

func parseCMap(t *testing.T, b []byte) cmap {
	t.Helper()
	m := cmap{chars: map[uint16]string{}}
	units := func(h string) []uint16 {
		raw, err := hex.DecodeString(h)
		if err != nil || len(raw)%2 != 0 {
			t.Fatalf("cmap: bad hex %q", h)
		}
		var u []uint16
		for i := 0; i < len(raw); i += 2 {
			u = append(u, uint16(raw[i])<<8|uint16(raw[i+1]))
		}
		return u
	}
	for _, sec := range bfchar.FindAllSubmatch(b, -1) {
		toks := hexTok.FindAllStringSubmatch(string(sec[1]), -1)
		for i := 0; i+1 < len(toks); i += 2 {
			m.chars[units(toks[i][1])[0]] = string(utf16.Decode(units(toks[i+1][1])))
		}
	}
	for _, sec := range bfrange.FindAllSubmatch(b, -1) {
		if bytes.Contains(sec[1], []byte("[")) {
			t.Fatal("cmap: bfrange with arrays is not read by this test")
		}
		toks := hexTok.FindAllStringSubmatch(string(sec[1]), -1)
		for i := 0; i+2 < len(toks); i += 3 {
			m.ranges = append(m.ranges, cmapRange{lo: units(toks[i][1])[0], hi: units(toks[i+1][1])[0], dst: units(toks[i+2][1])})
		}
	}
	if len(m.chars) == 0 && len(m.ranges) == 0 {
		t.Fatalf("cmap: no mappings in %q", b)
	}
	return m
}

func (m cmap) decode(t *testing.T, s []byte) string {
	t.Helper()
	if len(s)%2 != 0 {
		t.Fatalf("odd-length string %q for a 2-byte font", s)
	}
	var out strings.Builder
	for i := 0; i < len(s); i += 2 {
		code := uint16(s[i])<<8 | uint16(s[i+1])
		if txt, ok := m.chars[code]; ok {
			out.WriteString(txt)
			continue
		}
		found := false
		for _, r := range m.ranges {
			if code >= r.lo && code <= r.hi {
				dst := append([]uint16(nil), r.dst...)
				dst[len(dst)-1] += code - r.lo
				out.WriteString(string(utf16.Decode(dst)))
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("code %04x is not in the font's ToUnicode map", code)
		}
	}
	return out.String()
}

// showText runs a content stream's text operators: BT/ET, Tf, Tj, TJ, ' and
// ". Each text object becomes a line.
func showText(t *testing.T, content []byte, fonts map[string]cmap) string {
	t.Helper()
	var (
		out      strings.Builder
		operands []any
		font     cmap
		hasFont  bool
		arr      []any
		inArr    bool
	)
	show := func(s []byte) {
		if !hasFont {
			t.Fatal("text shown without a font")
		}
		out.WriteString(font.decode(t, s))
	}
	push := func(v any) {
		if inArr {
			arr = append(arr, v)
		} else {
			operands = append(operands, v)
		}
	}
	for i := 0; i < len(content); {
		c := content[i]
		switch {
		case c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == 0:
			i++
		case c == '%':
			for i < len(content) && content[i] != '\n' && content[i] != '\r' {
				i++
			}
		case c == '(':
			s, n := literalString(t, content[i:])
			push(s)
			i += n
		case c == '<' && i+1 < len(content) && content[i+1] == '<':
			t.Fatal("dictionaries in a content stream are not read by this test")
		case c == '<':
			end := bytes.IndexByte(content[i:], '>')
			raw := strings.Map(func(r rune) rune {
				if strings.ContainsRune(" \n\r\t", r) {
					return -1
				}
				return r
			}, string(content[i+1:i+end]))
			if len(raw)%2 == 1 {
				raw += "0"
			}
			b, err := hex.DecodeString(raw)
			if err != nil {
				t.Fatal(err)
			}
			push(b)
			i += end + 1
		case c == '[':
			inArr, arr = true, nil
			i++
		case c == ']':
			inArr = false
			operands = append(operands, arr)
			i++
		case c == '/':
			j := i + 1
			for j < len(content) && !strings.ContainsRune(" \n\r\t/[]()<>", rune(content[j])) {
				j++
			}
			push(string(content[i+1 : j]))
			i = j
		default:
			j := i
			for j < len(content) && !strings.ContainsRune(" \n\r\t/[]()<>%", rune(content[j])) {
				j++
			}
			tok := string(content[i:j])
			i = j
			if _, err := strconv.ParseFloat(tok, 64); err == nil {
				push(tok)
				continue
			}
			switch tok {
			case "Tf":
				name, _ := operands[0].(string)
				font, hasFont = fonts[name]
				if !hasFont {
					t.Fatalf("font %q is not in the page's resources", name)
				}
			case "Tj", "'":
				show(operands[len(operands)-1].([]byte))
			case "\"":
				show(operands[2].([]byte))
			case "TJ":
				for _, e := range operands[0].([]any) {
					if s, ok := e.([]byte); ok {
						show(s)
					}
				}
			case "ET":
				out.WriteString("\n")
			}
			operands = nil
		}
	}
	return out.String()
}

// literalString reads a PDF literal string at the start of b and returns
// its bytes and the length read.
func literalString(t *testing.T, b []byte) ([]byte, int) {
	t.Helper()
	var out []byte
	depth := 0
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '(':
			if depth > 0 {
				out = append(out, c)
			}
			depth++
		case ')':
			depth--
			if depth == 0 {
				return out, i + 1
			}
			out = append(out, c)
		case '\\':
			i++
			switch e := b[i]; e {
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case '\r', '\n':
				// a line continuation
			default:
				if e >= '0' && e <= '7' {
					j := i
					for j < len(b) && j < i+3 && b[j] >= '0' && b[j] <= '7' {
						j++
					}
					v, _ := strconv.ParseUint(string(b[i:j]), 8, 8)
					out = append(out, byte(v))
					i = j - 1
				} else {
					out = append(out, e)
				}
			}
		default:
			out = append(out, c)
		}
	}
	t.Fatalf("unterminated string %.40q", b)
	return nil, 0
}

// infoString returns an Info dictionary entry as a string.
func (d pdfDoc) info(key string) string {
	info, err := d.ctx.DereferenceDict(*d.ctx.Info)
	if err != nil || info == nil {
		return ""
	}
	o, err := d.ctx.Dereference(info[key])
	if err != nil {
		return ""
	}
	switch v := o.(type) {
	case types.StringLiteral:
		s, err := types.StringLiteralToString(v)
		if err != nil {
			return fmt.Sprint(err)
		}
		return s
	case types.HexLiteral:
		s, err := types.HexLiteralToString(v)
		if err != nil {
			return fmt.Sprint(err)
		}
		return s
	}
	return fmt.Sprint(o)
}

// lang returns the catalogue's /Lang.
func (d pdfDoc) lang() string {
	o, err := d.ctx.Dereference(d.ctx.RootDict["Lang"])
	if err != nil || o == nil {
		return ""
	}
	switch v := o.(type) {
	case types.StringLiteral:
		s, _ := types.StringLiteralToString(v)
		return s
	case types.HexLiteral:
		s, _ := types.HexLiteralToString(v)
		return s
	}
	return fmt.Sprint(o)
}

// embedded checks a font is a Type0 font whose descendant carries its
// TrueType file (FontFile2), and returns the PostScript name in the file.
func embedded(t *testing.T, ctx *model.Context, name string, f types.Dict) string {
	t.Helper()
	if st := f.NameEntry("Subtype"); st == nil || *st != "Type0" {
		t.Fatalf("font %s: subtype %v, want Type0 (Unicode)", name, st)
	}
	desc, err := ctx.DereferenceArray(f["DescendantFonts"])
	if err != nil || len(desc) != 1 {
		t.Fatalf("font %s: descendants %v %v", name, desc, err)
	}
	cid, err := ctx.DereferenceDict(desc[0])
	if err != nil {
		t.Fatal(err)
	}
	fd, err := ctx.DereferenceDict(cid["FontDescriptor"])
	if err != nil || fd == nil {
		t.Fatalf("font %s: no descriptor: %v", name, err)
	}
	file, _, err := ctx.DereferenceStreamDict(fd["FontFile2"])
	if err != nil || file == nil {
		t.Fatalf("font %s is not embedded: %v", name, err)
	}
	if err := file.Decode(); err != nil {
		t.Fatal(err)
	}
	if len(file.Content) < 1000 {
		t.Fatalf("font %s: embedded file of %d bytes", name, len(file.Content))
	}
	// The name table of a Go font says "Go".
	if !bytes.Contains(file.Content, []byte("Go")) && !bytes.Contains(file.Content, []byte("G\x00o")) {
		return "unknown"
	}
	return "Go"
}
