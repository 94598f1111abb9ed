package workshops

import (
	"strconv"
	"strings"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
)

// exportHeadings are the fixed columns of a registrations export, per
// language; the custom questions follow, then the walk-in flag and times.
var exportHeadings = map[i18n.Lang][]string{
	i18n.CS: {"Jméno", "E-mail", "Telefon", "Organizace", "IČO", "Pracovní pozice", "Kraj", "Cílová skupina",
		"Účast", "Stav", "Bezbariérový přístup", "Tlumočník do znakového jazyka", "Indukční smyčka",
		"Materiály ve snadném čtení", "S asistentem", "Jiné potřeby"},
	i18n.EN: {"Name", "E-mail", "Phone", "Organisation", "IČO", "Job role", "Region", "Target group",
		"Seat", "Status", "Step-free access", "Sign-language interpreter", "Induction loop",
		"Easy-read materials", "With an assistant", "Other needs"},
}

var exportTail = map[i18n.Lang][]string{
	i18n.CS: {"Přidán na místě", "Odbaven", "Registrován"},
	i18n.EN: {"Walk-in", "Checked in", "Registered"},
}

var exportWords = map[i18n.Lang]map[string]string{
	i18n.CS: {
		"yes": "ano", "no": "ne",
		"in_person": "prezenčně", "online": "online",
		"confirmed": "potvrzeno", "waitlisted": "čeká na místo", "offered": "nabídnuto místo",
		"cancelled": "zrušeno", "expired": "nabídka propadla", "attended": "zúčastnil(a) se", "no_show": "nedostavil(a) se",
	},
	i18n.EN: {
		"yes": "yes", "no": "no",
		"in_person": "in person", "online": "online",
		"confirmed": "confirmed", "waitlisted": "waiting list", "offered": "seat offered",
		"cancelled": "cancelled", "expired": "offer expired", "attended": "attended", "no_show": "no-show",
	},
}

// ExportTable is an event's registrations as a table for a CSV or XLSX
// export, headings in lang: one row per registration that still has its
// personal data (erased ones are left out), in the order they were
// accepted. Never the ESF+ participant data: a Registration does not hold
// it, and its joining key is not a column.
func ExportTable(e Event, regs []Registration, lang i18n.Lang) (headings []string, rows [][]string) {
	if lang != i18n.EN {
		lang = i18n.CS
	}
	words := exportWords[lang]
	yes := func(b bool) string {
		if b {
			return words["yes"]
		}
		return words["no"]
	}
	headings = append(headings, exportHeadings[lang]...)
	for _, q := range e.Questions {
		headings = append(headings, q.Label.In(lang))
	}
	headings = append(headings, exportTail[lang]...)
	for _, r := range regs {
		if !r.ErasedAt.IsZero() {
			continue
		}
		region := ""
		if r.Region != "" {
			region = cz.RegionName(r.Region, string(lang))
		}
		group := ""
		if r.TargetGroup != "" {
			group = i18n.T(lang, "vocab.target_group."+string(r.TargetGroup))
		}
		row := []string{
			r.Contact.Name, r.Contact.Email, r.Contact.Phone, r.Org.Name, r.Org.ICO, r.JobRole, region, group,
			words[string(r.Seat)], words[string(r.Status)],
			yes(r.Needs.Wheelchair), yes(r.Needs.SignLanguage), yes(r.Needs.InductionLoop),
			yes(r.Needs.EasyRead), yes(r.Needs.Assistant), r.Needs.Other,
		}
		for _, q := range e.Questions {
			row = append(row, answerText(q, r.Answers[q.ID], lang, words))
		}
		checked := ""
		if !r.CheckedInAt.IsZero() {
			checked = cz.FormatDateTime(r.CheckedInAt, string(lang))
		}
		row = append(row, yes(r.WalkIn), checked, cz.FormatDateTime(r.CreatedAt, string(lang)))
		rows = append(rows, row)
	}
	return headings, rows
}

// answerText is an answer as a person reads it: the chosen options' texts,
// yes or no, or the text typed.
func answerText(q Question, values []string, lang i18n.Lang, words map[string]string) string {
	switch q.Kind {
	case QuestionSingle, QuestionMultiple:
		var out []string
		for _, v := range values {
			if i, err := strconv.Atoi(v); err == nil && i >= 0 && i < len(q.Options) {
				out = append(out, q.Options[i].In(lang))
			}
		}
		return strings.Join(out, "; ")
	case QuestionYesNo:
		if len(values) == 1 {
			if w, ok := words[values[0]]; ok {
				return w
			}
		}
	}
	return strings.Join(values, " ")
}
