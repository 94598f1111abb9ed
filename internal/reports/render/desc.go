package render

import (
	"fmt"
	"strings"

	"github.com/mpsv/brana/internal/reports"
	"github.com/mpsv/brana/internal/reports/catalogue"
)

// chartDesc says a breakdown chart's numbers in Czech (the HTML's SVG
// <desc>, the XLSX chart's alternative text): "Uskutečněné konzultace
// podle kraje: Hlavní město Praha 6; Středočeský kraj 18; … Celkem 71."
func chartDesc(r reports.Report, in catalogue.Indicator, b catalogue.Breakdown, cells []reports.Cell) string {
	parts := make([]string, 0, len(cells))
	for _, c := range cells {
		parts = append(parts, keyLabel(r, b, c.Key)+" "+cellText(c))
	}
	s := fmt.Sprintf("%s (%s), členění: %s. %s.", in.Name.CS, UnitName(in.Unit), strings.ToLower(DimensionName(b)), strings.Join(parts, "; "))
	if v, ok := valueOf(r, in.Code); ok {
		s += " Celkem " + cellText(v.Total) + "."
	}
	return s
}

// burnUpDesc says the burn-up's numbers in Czech.
func burnUpDesc(r reports.Report) string {
	parts := make([]string, 0, len(r.Transformation.BurnUp))
	for _, m := range r.Transformation.BurnUp {
		parts = append(parts, fmt.Sprintf("%s %d", MonthName(m.Month), m.N))
	}
	return fmt.Sprintf("Počet transformovaných sociálních služeb na konci měsíce od začátku programu: %s. Cíl programu je %d služeb.",
		strings.Join(parts, "; "), r.Transformation.Target)
}
