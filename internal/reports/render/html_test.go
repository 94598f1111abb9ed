package render_test

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
	"github.com/mpsv/brana/internal/reports/render"
	"github.com/mpsv/brana/internal/reports/render/rendertest"
)

func parseHTML(t *testing.T, body []byte) *html.Node {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func all(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if keep(d) {
			out = append(out, d)
		}
	}
	return out
}

func tag(name string) func(*html.Node) bool {
	return func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == name }
}

func text(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return strings.TrimSpace(b.String())
}

func firstElement(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func nextElement(n *html.Node) *html.Node {
	for c := n.NextSibling; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode {
			return c
		}
	}
	return nil
}

func TestHTMLStructure(t *testing.T) {
	body := renderFixture(t, at)[reports.FileHTML].Body
	doc := parseHTML(t, body)
	r := rendertest.Report()
	cat := catalogue.MustLoad()

	root := all(doc, tag("html"))[0]
	if attr(root, "lang") != "cs" {
		t.Errorf("lang %q", attr(root, "lang"))
	}
	if h1 := all(doc, tag("h1")); len(h1) != 1 || text(h1[0]) != "Měsíční zpráva o indikátorech — únor 2027" {
		t.Errorf("h1 %v", h1)
	}
	var h3 []string
	for _, n := range all(doc, tag("h3")) {
		h3 = append(h3, text(n))
	}
	for _, in := range cat.Indicators {
		found := false
		for _, h := range h3 {
			found = found || h == in.Name.CS
		}
		if !found {
			t.Errorf("no h3 for %s", in.Code)
		}
	}

	// Self-contained: no script, no link, nothing loaded from elsewhere.
	for _, name := range []string{"script", "link", "img", "iframe", "object", "embed"} {
		if n := all(doc, tag(name)); len(n) > 0 {
			t.Errorf("the page has a <%s>", name)
		}
	}
	for d := range doc.Descendants() {
		for _, a := range d.Attr {
			if (a.Key == "src" || a.Key == "href" && !strings.HasPrefix(a.Val, "#")) ||
				strings.HasPrefix(a.Key, "on") {
				t.Errorf("<%s %s=%q>", d.Data, a.Key, a.Val)
			}
		}
	}
	css := text(all(doc, tag("style"))[0])
	if !strings.Contains(css, "@page { size: A4;") || !strings.Contains(css, "@media print") {
		t.Error("no A4 page or print styles")
	}
	if regexp.MustCompile(`url\(\s*['"]?(https?:|//)|@import`).MatchString(css) {
		t.Error("the CSS loads something")
	}

	// IDs are unique.
	ids := map[string]bool{}
	for d := range doc.Descendants() {
		if id := attr(d, "id"); id != "" {
			if ids[id] {
				t.Errorf("id %q twice", id)
			}
			ids[id] = true
		}
	}

	// Tables: a caption first, scoped headers.
	tables := all(doc, tag("table"))
	for _, tb := range tables {
		if c := firstElement(tb); c == nil || c.DataAtom != atom.Caption || text(c) == "" {
			t.Errorf("a table without a caption first")
		}
		for _, th := range all(tb, tag("th")) {
			if s := attr(th, "scope"); s != "col" && s != "row" {
				t.Errorf("th %q without scope", text(th))
			}
		}
	}

	// Charts: an image with a title and a description that names each
	// figure, labelled by them, right before its table.
	svgs := all(doc, tag("svg"))
	if len(svgs) != len(tables)-2 {
		t.Errorf("%d charts for %d tables (all but the summary and the changes)", len(svgs), len(tables))
	}
	for _, s := range svgs {
		title, desc := firstElement(s), nextElement(firstElement(s))
		if attr(s, "role") != "img" || title == nil || title.Data != "title" || desc == nil || desc.Data != "desc" {
			t.Errorf("svg %q without role=img, title and desc", attr(s, "aria-labelledby"))
			continue
		}
		if attr(s, "aria-labelledby") != attr(title, "id")+" "+attr(desc, "id") {
			t.Errorf("svg %q is not labelled by its title and desc", text(title))
		}
		if !regexp.MustCompile(`\d`).MatchString(text(desc)) {
			t.Errorf("desc %q gives no numbers", text(desc))
		}
		if next := nextElement(s.Parent); s.Parent.Data != "figure" || next == nil || next.Data != "table" {
			t.Errorf("chart %q is not right before its table", text(title))
		}
	}

	// Every suppressed breakdown cell shows "<5" in its table, and no
	// other figure does.
	suppressed := 0
	for _, v := range r.Indicators {
		for _, b := range v.Breakdowns {
			for _, c := range b.Cells {
				if c.Suppressed {
					suppressed++
				}
			}
		}
	}
	shown := 0
	for _, tb := range tables {
		for _, td := range all(tb, tag("td")) {
			if text(td) == "<5" {
				shown++
			}
		}
	}
	if shown != suppressed {
		t.Errorf("%d table cells show <5, the report has %d suppressed cells", shown, suppressed)
	}

	page := text(doc)
	for _, want := range []string{
		"je spolufinancován Evropskou unií z Evropského sociálního fondu plus v rámci Operačního programu Zaměstnanost plus",
		render.ProjectNumber, "Verze zprávy2", "Katalog indikátorůverze 2026-11", "1. 2. 2027 – 28. 2. 2027",
		"Minulý měsíc: 48", "Změna oproti minulému měsíci: +15", "Minulý měsíc: <5", "nelze uvést",
		"Změny oproti verzi 1", "EECO18", "EECO19", "cíl 40", "Cíl programu: 40",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page does not say %q", want)
		}
	}
}

// A first version has no changes section; a report without the
// transformation's figures has no burn-up.
func TestHTMLOfAFirstVersion(t *testing.T) {
	r := rendertest.Report()
	r.Version, r.Changes = 1, nil
	body, err := render.HTML(r, catalogue.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(body, []byte("Změny oproti verzi")) {
		t.Error("version 1 shows changes")
	}
}

func TestCzechNumbers(t *testing.T) {
	r := rendertest.Report()
	body := string(renderFixture(t, at)[reports.FileHTML].Body)
	// 1 184,5 participant-hours: a no-break space between thousands, a
	// decimal comma.
	if !strings.Contains(body, "1\u00a0184,5") {
		t.Error("participant-hours are not written the Czech way")
	}
	if strings.Contains(body, ">1184.5<") {
		t.Error("a figure with a decimal point")
	}
	_ = r
}
