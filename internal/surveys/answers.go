package surveys

import (
	"encoding/json"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/validation"
)

// Validate checks a respondent's answers against a version's definition
// and returns them as the values to store, or the field errors
// ("answers.<var>", one per variable at most). It is pure.
//
// The rules: a variable the version does not have is refused; a question
// the conditions hide (its condition's question unanswered or answered
// otherwise) takes no answer and is never required; a required visible
// question (a matrix: each of its items) must be answered; a code must be
// one of the question's codes and a whole JSON number; a multiple choice
// has unique codes within MinChoices..MaxChoices; a Likert answer is 1..5
// (also in easy-read mode, whose faces record 1, 3 and 5), an NPS rating
// 0..10, yes/no 1 or 0; a number lies within Min..Max (whole if Integer);
// a text is clean (no control or bidirectional formatting characters; a
// short text one line), is stored trimmed and has at most MaxShortText or
// MaxLongText characters. A null, an empty string or an empty list is
// "unanswered".
//
// easyRead tells that the answers were given in easy-read mode; it changes
// no rule today (the 3-face scale records Likert codes the 5-point rule
// accepts) and is part of the signature so that a rule of that mode has
// one place to live.
func Validate(v Version, a Answers, easyRead bool) (map[string]Value, []apperr.FieldError) {
	_ = easyRead
	qs := v.Definition.Questions
	values := map[string]Value{}
	var errs []apperr.FieldError
	known := map[string]bool{}
	// undecided holds the vars whose answer was refused: a question
	// conditioned on one of them is neither shown nor hidden for sure, and
	// gets no error of its own.
	undecided := map[string]bool{}
	for _, q := range qs {
		for _, name := range q.Vars() {
			known[name] = true
		}
		shown, sure := true, true
		if q.ShowIf != nil {
			if undecided[q.ShowIf.Var] {
				sure = false
			}
			shown = conditionHolds(*q.ShowIf, values)
		}
		for _, name := range q.Vars() {
			raw, present := a[name]
			if present && blank(raw) {
				present = false
			}
			field := "answers." + name
			switch {
			case !sure:
				undecided[name] = true
				continue
			case !shown && present:
				errs = append(errs, apperr.Field(field, RuleHidden))
				undecided[name] = true
				continue
			case !shown:
				continue
			case !present:
				if q.Required {
					errs = append(errs, apperr.Field(field, "required"))
				}
				continue
			}
			val, fe := answer(q, raw)
			if fe != nil {
				fe.Field = field
				errs = append(errs, *fe)
				undecided[name] = true
				continue
			}
			values[name] = val
		}
	}
	var unknown []string
	for name := range a {
		if !known[name] {
			unknown = append(unknown, name)
		}
	}
	sort.Strings(unknown)
	for _, name := range unknown {
		errs = append(errs, apperr.Field("answers."+name, "unknown"))
	}
	if len(errs) > apperr.MaxFieldErrors {
		errs = errs[:apperr.MaxFieldErrors]
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return values, nil
}

// conditionHolds reports whether the answer stored for cond.Var has one of
// cond.AnyOf's codes.
func conditionHolds(cond Condition, values map[string]Value) bool {
	val, ok := values[cond.Var]
	if !ok {
		return false
	}
	for _, c := range val.Codes {
		if slices.Contains(cond.AnyOf, c) {
			return true
		}
	}
	return false
}

// Visible reports which questions (by Var) the given stored values show:
// the rule Validate applies, for a client or an export that needs it.
func Visible(d Definition, values map[string]Value) map[string]bool {
	out := map[string]bool{}
	for _, q := range d.Questions {
		out[q.Var] = q.ShowIf == nil || conditionHolds(*q.ShowIf, values) && out[q.ShowIf.Var]
	}
	return out
}

func blank(raw any) bool {
	switch x := raw.(type) {
	case nil:
		return true
	case string:
		return strings.TrimSpace(x) == ""
	case []any:
		return len(x) == 0
	}
	return false
}

// answer checks one answered variable of q.
func answer(q Question, raw any) (Value, *apperr.FieldError) {
	bad := func(rule string, param ...string) (Value, *apperr.FieldError) {
		fe := apperr.Field("", rule, param...)
		return Value{}, &fe
	}
	switch q.Type {
	case SingleChoice, Likert, LikertMatrix, NPS, YesNo:
		code, ok := intOf(raw)
		if !ok {
			return bad("type", "integer")
		}
		codes := q.Codes()
		if !slices.Contains(codes, code) {
			return bad("oneof", joinInts(codes))
		}
		return Value{Codes: []int{code}}, nil
	case MultipleChoice:
		list, ok := raw.([]any)
		if !ok {
			return bad("type", "array")
		}
		codes := q.Codes()
		chosen := make([]int, 0, len(list))
		for _, item := range list {
			code, ok := intOf(item)
			if !ok {
				return bad("type", "integer")
			}
			if !slices.Contains(codes, code) {
				return bad("oneof", joinInts(codes))
			}
			if slices.Contains(chosen, code) {
				return bad("unique")
			}
			chosen = append(chosen, code)
		}
		if len(chosen) < q.MinChoices {
			return bad(RuleMinChosen, strconv.Itoa(q.MinChoices))
		}
		if q.MaxChoices > 0 && len(chosen) > q.MaxChoices {
			return bad(RuleMaxChosen, strconv.Itoa(q.MaxChoices))
		}
		slices.Sort(chosen)
		return Value{Codes: chosen}, nil
	case Number:
		n, ok := floatOf(raw)
		if !ok {
			return bad("type", "number")
		}
		if q.Integer && n != math.Trunc(n) {
			return bad(RuleInteger)
		}
		if q.Min != nil && n < *q.Min {
			return bad("gte", formatNumber(*q.Min))
		}
		if q.Max != nil && n > *q.Max {
			return bad("lte", formatNumber(*q.Max))
		}
		return Value{Number: &n}, nil
	case ShortText, LongText:
		s, ok := raw.(string)
		if !ok {
			return bad("type", "string")
		}
		s = strings.TrimSpace(s)
		max := MaxShortText
		if q.Type == LongText {
			max = MaxLongText
			if !validation.IsText(s) {
				return bad("text")
			}
		} else if !validation.IsLine(s) {
			return bad("line")
		}
		if utf8.RuneCountInString(s) > max {
			return bad("max", strconv.Itoa(max))
		}
		return Value{Text: s}, nil
	}
	return bad("invalid")
}

// intOf reads a whole JSON number (as encoding/json decodes one into any:
// a float64, or a json.Number with UseNumber).
func intOf(raw any) (int, bool) {
	f, ok := floatOf(raw)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return 0, false
	}
	return int(f), true
}

func floatOf(raw any) (float64, bool) {
	switch x := raw.(type) {
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case json.Number:
		f, err := x.Float64()
		return f, err == nil && !math.IsNaN(f) && !math.IsInf(f, 0)
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func joinInts(codes []int) string {
	s := make([]string, len(codes))
	for i, c := range codes {
		s[i] = strconv.Itoa(c)
	}
	return strings.Join(s, " ")
}

func formatNumber(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
