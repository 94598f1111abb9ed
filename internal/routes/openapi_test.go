package routes_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/mpsv/brana/internal/routes"
)

// openAPIPath is docs/openapi.yaml, from this package's directory.
var openAPIPath = filepath.Join("..", "..", "docs", "openapi.yaml")

// created lists the operations whose success is 201 Created; every other
// operation answers 200.
var created = map[string]bool{"createBooking": true, "staffCreateExpert": true,
	"staffCreateEvent": true, "staffAddWalkIn": true, "createRegistration": true, "staffCreateSurvey": true, "staffCreateService": true}

// accepted lists the operations whose success is 202 Accepted (work
// started asynchronously).
var accepted = map[string]bool{"staffRunReport": true}

// openAPIDoc is docs/openapi.yaml decoded generically: mappings are
// map[string]any, sequences []any.
type openAPIDoc map[string]any

func loadOpenAPI(t *testing.T) openAPIDoc {
	t.Helper()
	raw, err := os.ReadFile(openAPIPath)
	if err != nil {
		t.Fatalf("read the OpenAPI document: %v", err)
	}
	// Decode into a plain map: yaml.v3 gives nested mappings the type of
	// the outer one, and the walkers below expect map[string]any.
	var doc map[string]any
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("parse %s: %v", openAPIPath, err)
	}
	return openAPIDoc(doc)
}

// operations returns the document's operations by route key ("GET /v1/slots").
func (d openAPIDoc) operations(t *testing.T) map[string]map[string]any {
	t.Helper()
	paths, ok := d["paths"].(map[string]any)
	if !ok {
		t.Fatalf("paths: got %T, want a mapping", d["paths"])
	}
	methods := []string{"get", "put", "post", "delete", "options", "head", "patch", "trace"}
	out := map[string]map[string]any{}
	for path, item := range paths {
		ops, ok := item.(map[string]any)
		if !ok {
			t.Fatalf("paths[%q]: got %T, want a mapping", path, item)
		}
		for method, op := range ops {
			if !slices.Contains(methods, method) {
				continue // path-level parameters, summary, description
			}
			m, ok := op.(map[string]any)
			if !ok {
				t.Fatalf("paths[%q].%s: got %T, want a mapping", path, method, op)
			}
			out[strings.ToUpper(method)+" "+path] = m
		}
	}
	return out
}

// resolve follows a local reference ("#/components/responses/BadRequest")
// to what it points at.
func (d openAPIDoc) resolve(ref string) (any, error) {
	if !strings.HasPrefix(ref, "#/") {
		return nil, fmt.Errorf("%q is not a local reference", ref)
	}
	var node any = map[string]any(d)
	for _, tok := range strings.Split(strings.TrimPrefix(ref, "#/"), "/") {
		tok = strings.ReplaceAll(strings.ReplaceAll(tok, "~1", "/"), "~0", "~")
		switch n := node.(type) {
		case map[string]any:
			next, ok := n[tok]
			if !ok {
				return nil, fmt.Errorf("%q: no %q", ref, tok)
			}
			node = next
		case []any:
			i, err := strconv.Atoi(tok)
			if err != nil || i < 0 || i >= len(n) {
				return nil, fmt.Errorf("%q: no index %q", ref, tok)
			}
			node = n[i]
		default:
			return nil, fmt.Errorf("%q: %q is inside a %T", ref, tok, node)
		}
	}
	return node, nil
}

// deref resolves node if it is a reference object, repeatedly.
func (d openAPIDoc) deref(node any) (map[string]any, error) {
	for range 10 {
		m, ok := node.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("got %T, want a mapping", node)
		}
		ref, ok := m["$ref"].(string)
		if !ok {
			return m, nil
		}
		if node, ok = d.mustResolve(ref); !ok {
			return nil, fmt.Errorf("unresolvable %q", ref)
		}
	}
	return nil, fmt.Errorf("reference chain too long")
}

func (d openAPIDoc) mustResolve(ref string) (any, bool) {
	n, err := d.resolve(ref)
	return n, err == nil
}

// refs lists every "$ref" in the document by where it is (a JSON pointer).
func refs(node any, at string, out map[string]string) {
	switch n := node.(type) {
	case map[string]any:
		for k, v := range n {
			if s, ok := v.(string); ok && k == "$ref" {
				out[at] = s
				continue
			}
			refs(v, at+"/"+strings.NewReplacer("~", "~0", "/", "~1").Replace(k), out)
		}
	case []any:
		for i, v := range n {
			refs(v, at+"/"+strconv.Itoa(i), out)
		}
	}
}

func TestOpenAPIDocument(t *testing.T) {
	doc := loadOpenAPI(t)
	ops := doc.operations(t)

	t.Run("declares OpenAPI 3.1", func(t *testing.T) {
		v, _ := doc["openapi"].(string)
		if !regexp.MustCompile(`^3\.1\.\d+$`).MatchString(v) {
			t.Errorf("openapi: got %q, want 3.1.x", v)
		}
	})

	t.Run("lists exactly the routes of the route table", func(t *testing.T) {
		table := map[string]bool{}
		for _, r := range routes.Table {
			table[r.Key()] = true
		}
		var missing, extra []string
		for k := range table {
			if _, ok := ops[k]; !ok {
				missing = append(missing, k)
			}
		}
		for k := range ops {
			if !table[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(missing)
		sort.Strings(extra)
		if len(missing) > 0 || len(extra) > 0 {
			t.Errorf("got %d operations, want the %d routes of the table:\n  in the table, not in docs/openapi.yaml: %v\n  in docs/openapi.yaml, not in the table: %v",
				len(ops), len(table), missing, extra)
		}
	})

	t.Run("resolves every $ref to an existing component", func(t *testing.T) {
		all := map[string]string{}
		refs(map[string]any(doc), "#", all)
		if len(all) == 0 {
			t.Fatal("got no $ref at all, want the document to use components")
		}
		keys := make([]string, 0, len(all))
		for at := range all {
			keys = append(keys, at)
		}
		sort.Strings(keys)
		component := regexp.MustCompile(`^#/components/(schemas|responses|parameters|examples|requestBodies|headers|securitySchemes|links|callbacks|pathItems)/[^/]+(/.*)?$`)
		for _, at := range keys {
			ref := all[at]
			if !component.MatchString(ref) {
				t.Errorf("%s: got $ref %q, want a reference to a component (#/components/<kind>/<name>)", at, ref)
				continue
			}
			if _, err := doc.resolve(ref); err != nil {
				t.Errorf("%s: got $ref %q that does not resolve (%v), want an existing component", at, ref, err)
			}
		}
	})

	for _, r := range routes.Table {
		op, ok := ops[r.Key()]
		if !ok {
			continue // reported above
		}
		t.Run(r.Key()+" is documented as the route table says", func(t *testing.T) {
			checkOperation(t, doc, r, op)
		})
	}
}

func checkOperation(t *testing.T, doc openAPIDoc, r routes.Route, op map[string]any) {
	if got, _ := op["operationId"].(string); got != r.Operation {
		t.Errorf("operationId: got %q, want %q", got, r.Operation)
	}

	sec, hasSec := op["security"].([]any)
	groups := stringList(op["x-brana-groups"])
	if r.Public() {
		if !hasSec || len(sec) != 0 {
			t.Errorf("security: got %v, want [] (a public route)", op["security"])
		}
		if _, ok := op["x-brana-groups"]; ok {
			t.Errorf("x-brana-groups: got %v, want none on a public route", op["x-brana-groups"])
		}
	} else {
		if !hasSec || len(sec) == 0 {
			t.Errorf("security: got %v, want a staff security requirement (groups %v)", op["security"], r.Groups)
		}
		for i, req := range sec {
			m, _ := req.(map[string]any)
			for scheme := range m {
				if _, err := doc.resolve("#/components/securitySchemes/" + scheme); err != nil {
					t.Errorf("security[%d]: got scheme %q, want one of components.securitySchemes", i, scheme)
				}
			}
		}
		if !slices.Equal(groups, r.Groups) {
			t.Errorf("x-brana-groups: got %v, want %v", groups, r.Groups)
		}
	}

	responses, ok := op["responses"].(map[string]any)
	if !ok {
		t.Fatalf("responses: got %T, want a mapping", op["responses"])
	}
	want := http.StatusOK
	if created[r.Operation] {
		want = http.StatusCreated
	}
	if accepted[r.Operation] {
		want = http.StatusAccepted
	}
	var success []string
	for code := range responses {
		if strings.HasPrefix(code, "2") {
			success = append(success, code)
		}
	}
	sort.Strings(success)
	if !slices.Equal(success, []string{strconv.Itoa(want)}) {
		t.Errorf("success responses: got %v, want [%d]", success, want)
	}
	if want == http.StatusCreated {
		if resp, err := doc.deref(responses["201"]); err == nil {
			if h, _ := resp["headers"].(map[string]any); h["Location"] == nil {
				t.Errorf("201 headers: got %v, want Location", keys(h))
			}
		}
	}

	var problems []string
	for _, code := range []string{"400", "404"} {
		raw, ok := responses[code]
		if !ok {
			continue
		}
		resp, err := doc.deref(raw)
		if err != nil {
			t.Errorf("response %s: %v", code, err)
			continue
		}
		content, _ := resp["content"].(map[string]any)
		if _, ok := content["application/problem+json"]; ok {
			problems = append(problems, code)
		} else {
			t.Errorf("response %s content: got %v, want application/problem+json", code, keys(content))
		}
	}
	if len(problems) == 0 {
		t.Errorf("problem responses: got none for 400 or 404, want application/problem+json for at least one")
	}

	// Every {param} of the path template is a declared path parameter.
	declared := map[string]bool{}
	params, _ := op["parameters"].([]any)
	for i, p := range params {
		m, err := doc.deref(p)
		if err != nil {
			t.Errorf("parameters[%d]: %v", i, err)
			continue
		}
		if m["in"] == "path" {
			name, _ := m["name"].(string)
			declared[name] = true
		}
	}
	for _, m := range regexp.MustCompile(`\{([^}]+)\}`).FindAllStringSubmatch(r.Path, -1) {
		if !declared[m[1]] {
			t.Errorf("path parameter %q: got none declared, want one (in: path)", m[1])
		}
	}
}

func stringList(v any) []string {
	list, _ := v.([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		out = append(out, fmt.Sprint(x))
	}
	return out
}

func keys(m map[string]any) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
