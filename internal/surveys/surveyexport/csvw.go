package surveyexport

import (
	"strconv"

	"github.com/mpsv/brana/internal/surveys"
)

// The CSVW metadata (W3C "Metadata Vocabulary for Tabular Data", the
// JSON-LD form with @context http://www.w3.org/ns/csvw) describes the CSV
// of Columns: its dialect (UTF-8, ';', a header row, CRLF), and per column
// its name (the header cell), titles (the header cell in "und", the
// question in "cs" and "en"), datatype (a CSVW built-in, with minimum and
// maximum where the definition bounds the values) and dc:description.
//
// Value labels: CSVW has no term of its own for a code list. Its common
// properties (§5.8: any prefixed name of the RDFa initial context on any
// description object, carried through by every conforming processor) can
// hold one, so a coded column carries its codes as a SKOS concept scheme
// in the common property "skos:hasTopConcept": a list of skos:Concept with
// skos:notation (the code, as it appears in the CSV) and skos:prefLabel in
// Czech and English. The XLSX codebook sheet holds the same labels. We did
// not make the codebook a second table of a TableGroup: a foreign key from
// a data column into it would need the variable's name in every row.

// CSVWContext is the metadata's @context.
const CSVWContext = "http://www.w3.org/ns/csvw"

// Metadata is a CSVW table description.
type Metadata struct {
	Context     string      `json:"@context"`
	URL         string      `json:"url"`
	Title       []LangValue `json:"dc:title"`
	Description []LangValue `json:"dc:description,omitempty"`
	Dialect     Dialect     `json:"dialect"`
	TableSchema TableSchema `json:"tableSchema"`
}

// LangValue is a JSON-LD value with a language.
type LangValue struct {
	Value    string `json:"@value"`
	Language string `json:"@language"`
}

// Dialect is how the CSV is written.
type Dialect struct {
	Encoding        string   `json:"encoding"`
	Delimiter       string   `json:"delimiter"`
	Header          bool     `json:"header"`
	LineTerminators []string `json:"lineTerminators"`
}

// TableSchema lists the columns.
type TableSchema struct {
	Columns []MetaColumn `json:"columns"`
}

// MetaColumn is one column description.
type MetaColumn struct {
	Name        string              `json:"name"`
	Titles      map[string][]string `json:"titles"`
	Datatype    Datatype            `json:"datatype"`
	Required    bool                `json:"required,omitempty"`
	Description []LangValue         `json:"dc:description,omitempty"`
	Concepts    []Concept           `json:"skos:hasTopConcept,omitempty"`
}

// Datatype is a column's datatype.
type Datatype struct {
	Base    string   `json:"base"`
	Minimum *float64 `json:"minimum,omitempty"`
	Maximum *float64 `json:"maximum,omitempty"`
}

// Concept is one value code and its labels.
type Concept struct {
	Type      string      `json:"@type"` // "skos:Concept"
	Notation  string      `json:"skos:notation"`
	PrefLabel []LangValue `json:"skos:prefLabel"`
}

// CSVW returns the CSVW metadata of version v's CSV, found at url (relative
// to the metadata's own address).
func CSVW(v surveys.Version, url string) Metadata {
	d := v.Definition
	m := Metadata{
		Context: CSVWContext, URL: url, Title: langs(d.Title),
		Dialect: Dialect{Encoding: "utf-8", Delimiter: ";", Header: true, LineTerminators: []string{"\r\n"}},
	}
	m.Description = []LangValue{
		{Value: "Anonymní odpovědi průzkumu „" + d.Title.Cs + "“, verze dotazníku " + strconv.Itoa(v.Number) + ". Prázdná hodnota znamená, že otázka nebyla zodpovězena.", Language: "cs"},
		{Value: "Anonymous responses to the survey “" + or(d.Title.En, d.Title.Cs) + "”, questionnaire version " + strconv.Itoa(v.Number) + ". An empty value means the question was not answered.", Language: "en"},
	}
	labels := map[string][]Code{}
	for _, e := range Codebook(v) {
		labels[e.Var] = e.Codes
	}
	for _, c := range Columns(v) {
		mc := MetaColumn{
			Name:        c.Name,
			Titles:      map[string][]string{"und": {c.Name}, "cs": {c.Title.Cs}},
			Datatype:    Datatype{Base: c.Datatype, Minimum: c.Min, Maximum: c.Max},
			Required:    c.Required,
			Description: langs(c.Title),
		}
		if c.Title.En != "" {
			mc.Titles["en"] = []string{c.Title.En}
		}
		switch {
		case c.Option != nil:
			mc.Concepts = []Concept{
				concept(1, surveys.Text{Cs: "zvoleno", En: "chosen"}),
				concept(0, surveys.Text{Cs: "nezvoleno", En: "not chosen"}),
			}
		case c.Var != nil:
			for _, k := range labels[c.Var.Var] {
				mc.Concepts = append(mc.Concepts, concept(k.Code, k.Label))
			}
		case c.Name == "easy_read":
			mc.Concepts = []Concept{concept(1, surveys.Text{Cs: "ano", En: "yes"}), concept(0, surveys.Text{Cs: "ne", En: "no"})}
		}
		m.TableSchema.Columns = append(m.TableSchema.Columns, mc)
	}
	return m
}

func concept(code int, label surveys.Text) Concept {
	return Concept{Type: "skos:Concept", Notation: strconv.Itoa(code), PrefLabel: langs(label)}
}

// langs is a text as JSON-LD language values (English only when present).
func langs(t surveys.Text) []LangValue {
	out := []LangValue{{Value: t.Cs, Language: "cs"}}
	if t.En != "" {
		out = append(out, LangValue{Value: t.En, Language: "en"})
	}
	return out
}

func or(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
