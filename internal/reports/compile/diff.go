package compile

import (
	"sort"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// Diff lists the published figures of after that differ from before's
// (a version n+1 against version n): every total and breakdown cell whose
// value, N or suppression changed, appeared or went, sorted by indicator
// code, breakdown ("" for the total first) and key.
func Diff(before, after reports.Report) []reports.Change {
	type at struct {
		code string
		by   catalogue.Breakdown
		key  string
	}
	cells := func(r reports.Report) map[at]reports.Cell {
		out := map[at]reports.Cell{}
		for _, v := range r.Indicators {
			out[at{code: v.Code}] = v.Total
			for _, b := range v.Breakdowns {
				for _, c := range b.Cells {
					out[at{v.Code, b.By, c.Key}] = c
				}
			}
		}
		return out
	}
	was, is := cells(before), cells(after)
	var changes []reports.Change
	for k, b := range was {
		a, ok := is[k]
		switch {
		case !ok:
			b := b
			changes = append(changes, reports.Change{Code: k.code, Breakdown: k.by, Key: k.key, Before: &b})
		case !sameCell(a, b):
			a, b := a, b
			changes = append(changes, reports.Change{Code: k.code, Breakdown: k.by, Key: k.key, Before: &b, After: &a})
		}
	}
	for k, a := range is {
		if _, ok := was[k]; !ok {
			a := a
			changes = append(changes, reports.Change{Code: k.code, Breakdown: k.by, Key: k.key, After: &a})
		}
	}
	sort.Slice(changes, func(i, j int) bool {
		x, y := changes[i], changes[j]
		if x.Code != y.Code {
			return x.Code < y.Code
		}
		if x.Breakdown != y.Breakdown {
			return x.Breakdown < y.Breakdown
		}
		return x.Key < y.Key
	})
	return changes
}

func sameCell(a, b reports.Cell) bool {
	return a.Suppressed == b.Suppressed && samePtr(a.Value, b.Value) && samePtr(a.N, b.N)
}

func samePtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}
