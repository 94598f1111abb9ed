package register

import (
	"fmt"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/reports"
)

// DemoBy is the subject the demo services' changes are recorded by.
const DemoBy = "demo-admin"

// demoService is one demo service: its details and the days of its phase
// changes, the first joining.
type demoService struct {
	name, ico, region, registryID string
	days                          []string
}

var demoServices = []demoService{
	{"Domov pro osoby se zdravotním postižením Jinonice", "70889015", "CZ010", "1726354", []string{"2026-10-01", "2026-10-12", "2026-10-26", "2026-11-09", "2026-11-24"}},
	{"Domov Na Zámku Kostelec", "00709948", "CZ020", "4837261", []string{"2026-10-01", "2026-10-20", "2026-11-10", "2026-11-18"}},
	{"Centrum sociálních služeb Týn", "70891222", "CZ031", "2938475", []string{"2026-10-05", "2026-10-29", "2026-11-16"}},
	{"Chráněné bydlení Slunečnice", "26620146", "CZ032", "5647382", []string{"2026-10-07", "2026-11-03"}},
	{"Domov sociálních služeb Horizont", "44985011", "CZ042", "6172839", []string{"2026-10-14"}},
	{"Denní stacionář Úsměv", "70892113", "CZ052", "3827164", []string{"2026-10-19", "2026-11-05", "2026-11-20"}},
	{"Domov Ráček", "00564222", "CZ063", "7364519", []string{"2026-10-21", "2026-11-12"}},
	{"Podpora samostatného bydlení Brno-sever", "75478374", "CZ064", "8192736", []string{"2026-11-02"}},
	{"Domov Větrník Šumperk", "60815191", "CZ071", "9283746", []string{"2026-10-02", "2026-10-16", "2026-11-02", "2026-11-17", "2026-11-26"}},
	{"Sociální služby Ostrava – Domov Čtyřlístek", "70934461", "CZ080", "1928374", []string{"2026-11-04", "2026-11-19"}},
}

// Demo returns the transformation register's demo services (the local
// stack stores them with reportdb's Services.Create): ten services in
// every phase, with phase changes in October and November 2026, so that a
// report of either month has a burn-up. Their ids are demo-service-01 to
// demo-service-10.
func Demo() []reports.Service {
	out := make([]reports.Service, 0, len(demoServices))
	for i, d := range demoServices {
		s := reports.Service{
			ID: fmt.Sprintf("demo-service-%02d", i+1), Name: d.name, Ico: d.ico, Region: d.region, RegistryID: d.registryID,
		}
		for j, day := range d.days {
			date, err := cz.ParseDate(day)
			if err != nil {
				panic("register: demo date " + day)
			}
			s.History = append(s.History, reports.PhaseChange{Phase: reports.Phases[j], Date: date, At: date.At(10 * 60).UTC(), By: DemoBy})
		}
		s.Phase = s.History[len(s.History)-1].Phase
		s.Version = len(s.History)
		out = append(out, s)
	}
	return out
}
