package surveys

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/validation"
)

// Limits of a definition.
const (
	MaxQuestions   = 100
	MinOptions     = 2
	MaxOptions     = 50
	MinItems       = 2
	MaxItems       = 30
	MaxWaves       = 20
	MaxAnyOf       = 50
	MaxTitleLen    = 200  // a title, a wave's name (runes)
	MaxLabelLen    = 300  // an option's, a scale point's label, a matrix item's text
	MaxQuestionLen = 1000 // a question's text and help
	MaxIntroLen    = 5000 // an introduction
)

// Field rules a definition or answers break that the shared catalogue does
// not name; each has a "field.<rule>" message in internal/i18n
// (surveys_sdef.go).
const (
	RuleVar       = "survey_var"        // not ^[a-z][a-z0-9_]{0,39}$
	RuleWaveCode  = "survey_wave_code"  // not ^[a-z][a-z0-9_]{0,31}$
	RuleExcluded  = "survey_excluded"   // set where this kind or type has no such field
	RuleScale     = "survey_scale"      // a Likert scale without exactly 5 labels
	RuleCount     = "survey_count"      // a list's length out of its bounds ("2..50")
	RuleEarlier   = "survey_earlier"    // a condition on a question that is not earlier
	RuleCoded     = "survey_coded"      // a condition on a question without answer codes
	RuleNoCode    = "survey_no_code"    // a code the question does not have
	RuleHidden    = "survey_hidden"     // an answer to a question the conditions hide
	RuleInteger   = "survey_integer"    // a number that must be whole
	RuleMinChosen = "survey_min_chosen" // fewer choices than MinChoices
	RuleMaxChosen = "survey_max_chosen" // more choices than MaxChoices
	RuleTrimmed   = "survey_trimmed"    // leading or trailing white space
	RuleMinMax    = "survey_min_max"    // a maximum below its minimum
)

var (
	varPattern  = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
	wavePattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,31}$`)
)

// ValidVar reports whether s is a well-formed variable name.
func ValidVar(s string) bool { return varPattern.MatchString(s) }

// Coded reports whether a question of type t has value codes a condition
// can test: a choice, a Likert scale, an NPS rating or yes/no.
func Coded(t QuestionType) bool {
	switch t {
	case SingleChoice, MultipleChoice, Likert, NPS, YesNo:
		return true
	}
	return false
}

// Codes returns the value codes a coded question accepts, in order (nil
// for other types).
func (q Question) Codes() []int {
	switch q.Type {
	case SingleChoice, MultipleChoice:
		out := make([]int, len(q.Options))
		for i, o := range q.Options {
			out[i] = o.Code
		}
		return out
	case Likert, LikertMatrix:
		return []int{1, 2, 3, 4, 5}
	case NPS:
		out := make([]int, 0, NPSMax-NPSMin+1)
		for c := NPSMin; c <= NPSMax; c++ {
			out = append(out, c)
		}
		return out
	case YesNo:
		return []int{YesCode, NoCode}
	}
	return nil
}

// Vars returns the answer variables of a question: its own Var, or for a
// Likert matrix each item's Var.
func (q Question) Vars() []string {
	if q.Type == LikertMatrix {
		out := make([]string, len(q.Items))
		for i, it := range q.Items {
			out[i] = it.Var
		}
		return out
	}
	return []string{q.Var}
}

// checker collects field errors.
type checker struct{ errs []apperr.FieldError }

func (c *checker) add(field, rule string, param ...string) {
	c.errs = append(c.errs, apperr.Field(field, rule, param...))
}

// text checks a Text: Czech required unless optional and empty, both
// languages clean (one line unless multiline), trimmed and at most max runes.
func (c *checker) text(field string, t Text, max int, multiline bool) {
	c.str(field+".cs", t.Cs, max, multiline, true)
	c.str(field+".en", t.En, max, multiline, false)
}

// easy checks an optional easy-read Text.
func (c *checker) easy(field string, t *Text, max int, multiline bool) {
	if t != nil {
		c.text(field, *t, max, multiline)
	}
}

func (c *checker) str(field, s string, max int, multiline, required bool) {
	switch {
	case strings.TrimSpace(s) == "":
		if required {
			c.add(field, "required")
		} else if s != "" {
			c.add(field, RuleTrimmed)
		}
	case multiline && !validation.IsText(s):
		c.add(field, "text")
	case !multiline && !validation.IsLine(s):
		c.add(field, "line")
	case strings.TrimSpace(s) != s:
		c.add(field, RuleTrimmed)
	case utf8.RuneCountInString(s) > max:
		c.add(field, "max", strconv.Itoa(max))
	}
}

func (c *checker) count(field string, n, lo, hi int) bool {
	if n < lo || n > hi {
		if n == 0 && lo > 0 {
			c.add(field, "required")
		} else {
			c.add(field, RuleCount, fmt.Sprintf("%d–%d", lo, hi))
		}
		return false
	}
	return true
}

// Check checks a definition against every rule a version must keep and
// returns the broken ones, each pointing at its question and field
// ("questions[3].options[1].code", "questions[2].showIf.var"). An empty
// result means the definition is sound.
func Check(d Definition) []apperr.FieldError {
	c := &checker{}
	if !slices.Contains(Kinds, d.Kind) {
		c.add("kind", "oneof", joinCodes(Kinds))
	}
	c.text("title", d.Title, MaxTitleLen, false)
	c.text("intro", d.Intro, MaxIntroLen, true)
	c.easy("easyIntro", d.EasyIntro, MaxIntroLen, true)
	switch d.Kind {
	case KindEvaluation:
		if d.Audience == "" {
			c.add("audience", "required")
		} else if !slices.Contains(Audiences, d.Audience) {
			c.add("audience", "oneof", joinCodes(Audiences))
		}
		if len(d.Waves) > 0 {
			c.add("waves", RuleExcluded)
		}
	case KindAwareness:
		if d.Audience != "" {
			c.add("audience", RuleExcluded)
		}
		c.waves(d.Waves)
	}
	c.questions(d.Questions)
	return c.errs
}

func (c *checker) waves(waves []Wave) {
	if !c.count("waves", len(waves), 1, MaxWaves) {
		return
	}
	type span struct {
		i        int
		from, to time.Time
	}
	var spans []span
	codes := map[string]bool{}
	for i, w := range waves {
		f := fmt.Sprintf("waves[%d]", i)
		switch {
		case !wavePattern.MatchString(w.Code):
			c.add(f+".code", RuleWaveCode)
		case codes[w.Code]:
			c.add(f+".code", "unique")
		}
		codes[w.Code] = true
		c.text(f+".name", w.Name, MaxTitleLen, false)
		from, errF := time.Parse(time.DateOnly, w.From)
		if errF != nil {
			c.add(f+".from", "date")
		}
		to, errT := time.Parse(time.DateOnly, w.To)
		if errT != nil {
			c.add(f+".to", "date")
		}
		if errF != nil || errT != nil {
			continue
		}
		if to.Before(from) {
			c.add(f+".to", "range")
			continue
		}
		spans = append(spans, span{i, from, to})
	}
	slices.SortFunc(spans, func(a, b span) int { return a.from.Compare(b.from) })
	for k := 1; k < len(spans); k++ {
		if !spans[k].from.After(spans[k-1].to) {
			c.add(fmt.Sprintf("waves[%d].from", spans[k].i), "overlap")
		}
	}
}

func (c *checker) questions(qs []Question) {
	if !c.count("questions", len(qs), 1, MaxQuestions) {
		return
	}
	vars := map[string]bool{}
	seenVar := func(field, v string) {
		switch {
		case !ValidVar(v):
			c.add(field, RuleVar)
		case vars[v]:
			c.add(field, "unique")
		}
		vars[v] = true
	}
	byVar := map[string]int{} // question Var → index, for conditions
	for i, q := range qs {
		f := fmt.Sprintf("questions[%d]", i)
		seenVar(f+".var", q.Var)
		if _, dup := byVar[q.Var]; !dup {
			byVar[q.Var] = i
		}
		c.text(f+".text", q.Text, MaxQuestionLen, true)
		if q.Help != nil {
			c.text(f+".help", *q.Help, MaxQuestionLen, true)
		}
		c.easy(f+".easyRead", q.EasyRead, MaxQuestionLen, true)
		if !slices.Contains(QuestionTypes, q.Type) {
			c.add(f+".type", "oneof", joinCodes(QuestionTypes))
			continue
		}
		c.shape(f, q)
		for k, it := range q.Items {
			if q.Type != LikertMatrix {
				break
			}
			fi := fmt.Sprintf("%s.items[%d]", f, k)
			seenVar(fi+".var", it.Var)
			c.text(fi+".text", it.Text, MaxLabelLen, false)
			c.easy(fi+".easyRead", it.EasyRead, MaxLabelLen, false)
		}
		if q.ShowIf != nil {
			c.condition(f+".showIf", *q.ShowIf, i, qs, byVar)
		}
	}
}

// shape checks the fields that depend on a question's type.
func (c *checker) shape(f string, q Question) {
	choice := q.Type == SingleChoice || q.Type == MultipleChoice
	scaled := q.Type == Likert || q.Type == LikertMatrix
	if !choice && len(q.Options) > 0 {
		c.add(f+".options", RuleExcluded)
	}
	if q.Type != MultipleChoice {
		if q.MinChoices != 0 {
			c.add(f+".minChoices", RuleExcluded)
		}
		if q.MaxChoices != 0 {
			c.add(f+".maxChoices", RuleExcluded)
		}
	}
	if !scaled && len(q.Scale) > 0 {
		c.add(f+".scale", RuleExcluded)
	}
	if q.Type != LikertMatrix && len(q.Items) > 0 {
		c.add(f+".items", RuleExcluded)
	}
	if q.Type != Number {
		if q.Min != nil {
			c.add(f+".min", RuleExcluded)
		}
		if q.Max != nil {
			c.add(f+".max", RuleExcluded)
		}
		if q.Integer {
			c.add(f+".integer", RuleExcluded)
		}
	}
	switch {
	case choice:
		c.options(f, q.Options)
		if q.Type == MultipleChoice {
			n := len(q.Options)
			switch {
			case q.MinChoices < 0:
				c.add(f+".minChoices", "gte", "0")
			case q.MinChoices > n:
				c.add(f+".minChoices", "lte", strconv.Itoa(n))
			}
			switch {
			case q.MaxChoices < 0:
				c.add(f+".maxChoices", "gte", "0")
			case q.MaxChoices > n:
				c.add(f+".maxChoices", "lte", strconv.Itoa(n))
			case q.MaxChoices > 0 && q.MaxChoices < q.MinChoices:
				c.add(f+".maxChoices", RuleMinMax)
			}
		}
	case scaled:
		if len(q.Scale) != LikertPoints {
			c.add(f+".scale", RuleScale, strconv.Itoa(LikertPoints))
		}
		for k, s := range q.Scale {
			fs := fmt.Sprintf("%s.scale[%d]", f, k)
			c.text(fs+".label", s.Label, MaxLabelLen, false)
			c.easy(fs+".easyRead", s.EasyRead, MaxLabelLen, false)
		}
		if q.Type == LikertMatrix {
			c.count(f+".items", len(q.Items), MinItems, MaxItems)
		}
	case q.Type == Number:
		if q.Min == nil {
			c.add(f+".min", "required")
		}
		if q.Max == nil {
			c.add(f+".max", "required")
		}
		if q.Min != nil && q.Max != nil && *q.Min > *q.Max {
			c.add(f+".max", RuleMinMax)
		}
	}
}

func (c *checker) options(f string, opts []Option) {
	c.count(f+".options", len(opts), MinOptions, MaxOptions)
	codes := map[int]bool{}
	for k, o := range opts {
		fo := fmt.Sprintf("%s.options[%d]", f, k)
		switch {
		case o.Code < 0:
			c.add(fo+".code", "gte", "0")
		case codes[o.Code]:
			c.add(fo+".code", "unique")
		}
		codes[o.Code] = true
		c.text(fo+".label", o.Label, MaxLabelLen, false)
		c.easy(fo+".easyRead", o.EasyRead, MaxLabelLen, false)
	}
}

func (c *checker) condition(f string, cond Condition, i int, qs []Question, byVar map[string]int) {
	j, ok := byVar[cond.Var]
	switch {
	case !ok:
		c.add(f+".var", RuleEarlier)
		return
	case j >= i:
		c.add(f+".var", RuleEarlier)
		return
	case !Coded(qs[j].Type):
		c.add(f+".var", RuleCoded)
		return
	}
	if !c.count(f+".anyOf", len(cond.AnyOf), 1, MaxAnyOf) {
		return
	}
	codes := qs[j].Codes()
	for k, code := range cond.AnyOf {
		if !slices.Contains(codes, code) {
			c.add(fmt.Sprintf("%s.anyOf[%d]", f, k), RuleNoCode, strconv.Itoa(code))
		}
	}
}

func joinCodes[T ~string](values []T) string {
	s := make([]string, len(values))
	for i, v := range values {
		s[i] = string(v)
	}
	return strings.Join(s, " ")
}
