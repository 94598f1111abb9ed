package render

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"sort"
)

// contentDefault is one <Default> of [Content_Types].xml.
var contentDefault = regexp.MustCompile(`<Default [^>]*?(?:/>|></Default>)`)

// canonicalXLSX rewrites excelize's package so that the same workbook is
// always the same bytes: excelize v2.11.1 adds the image types' <Default>
// entries of [Content_Types].xml in map order (workbook.go,
// setContentTypePartImageExtensions), so they are sorted here. Every other
// part is copied as it is, in the same order, with the same (zero) times.
func canonicalXLSX(b []byte) ([]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		return nil, err
	}
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return nil, err
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return nil, err
		}
		if f.Name == "[Content_Types].xml" {
			body = sortDefaults(body)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate})
		if err != nil {
			return nil, err
		}
		if _, err := w.Write(body); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// sortDefaults sorts the <Default> elements in place (they are adjacent
// in excelize's output; the sorted run replaces them where they were).
func sortDefaults(body []byte) []byte {
	locs := contentDefault.FindAllIndex(body, -1)
	if len(locs) < 2 {
		return body
	}
	items := make([]string, len(locs))
	for i, l := range locs {
		items[i] = string(body[l[0]:l[1]])
	}
	sort.Strings(items)
	var out bytes.Buffer
	prev := 0
	for i, l := range locs {
		out.Write(body[prev:l[0]])
		out.WriteString(items[i])
		prev = l[1]
	}
	out.Write(body[prev:])
	return out.Bytes()
}
