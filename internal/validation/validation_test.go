package validation

import (
	"slices"
	"testing"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/i18n"
	"github.com/mpsv/brana/internal/programme"
)

type org struct {
	Name string `json:"name" validate:"required,max=200"`
	ICO  string `json:"ico" validate:"required,ico"`
}

type sample struct {
	Organisation org    `json:"organisation"`
	Region       string `json:"region" validate:"required,region"`
	Phone        string `json:"phone" validate:"required,phone"`
	Form         string `json:"form" validate:"required,form"`
}

func TestStruct(t *testing.T) {
	valid := sample{Organisation: org{Name: "Domov Sluneční dvůr", ICO: "00551023"}, Region: "CZ064", Phone: "603 123 456", Form: "online"}
	tests := []struct {
		name   string
		mutate func(*sample)
		want   []apperr.FieldError // nil = valid
	}{
		{"accepts a valid request", func(*sample) {}, nil},
		{"rejects IČO with wrong check digit", func(s *sample) { s.Organisation.ICO = "00551024" },
			[]apperr.FieldError{{Field: "organisation.ico", Rule: "ico"}}},
		{"rejects IČO with seven digits", func(s *sample) { s.Organisation.ICO = "0055102" },
			[]apperr.FieldError{{Field: "organisation.ico", Rule: "ico"}}},
		{"rejects an unknown region code", func(s *sample) { s.Region = "CZ099" },
			[]apperr.FieldError{{Field: "region", Rule: "region"}}},
		{"rejects a region given by name", func(s *sample) { s.Region = "Jihomoravský kraj" },
			[]apperr.FieldError{{Field: "region", Rule: "region"}}},
		{"rejects a phone number that is too short", func(s *sample) { s.Phone = "603 12" },
			[]apperr.FieldError{{Field: "phone", Rule: "phone"}}},
		{"accepts a Czech number with +420", func(s *sample) { s.Phone = "+420 603 123 456" }, nil},
		{"accepts a Slovak number", func(s *sample) { s.Phone = "+421 905 123 456" }, nil},
		{"rejects a form outside the list and names the list", func(s *sample) { s.Form = "letter" },
			[]apperr.FieldError{{Field: "form", Rule: "oneof", Param: "phone online onsite"}}},
		{"reports every broken field at once", func(s *sample) { s.Organisation.Name = ""; s.Region = "" },
			[]apperr.FieldError{{Field: "organisation.name", Rule: "required"}, {Field: "region", Rule: "required"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := valid
			tt.mutate(&s)
			err := Struct(s)
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want no error", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Code != apperr.Invalid {
				t.Fatalf("got %v, want an invalid-request error", err)
			}
			if len(e.Fields) != len(tt.want) {
				t.Fatalf("got fields %+v, want %+v", e.Fields, tt.want)
			}
			for i := range tt.want {
				if e.Fields[i] != tt.want[i] {
					t.Errorf("field %d: got %+v, want %+v", i, e.Fields[i], tt.want[i])
				}
			}
		})
	}
}

// vocab uses every vocabulary tag.
type vocab struct {
	Form        string   `json:"form" validate:"form"`
	Topics      []string `json:"topics" validate:"dive,topic"`
	TargetGroup string   `json:"targetGroup" validate:"target_group"`
	Region      string   `json:"region" validate:"region"`
	Lang        string   `json:"lang" validate:"lang"`
}

func TestVocabularyTags(t *testing.T) {
	t.Run("accepts every code the definitions give", func(t *testing.T) {
		for _, f := range programme.Forms {
			for _, tp := range programme.Topics {
				for _, g := range programme.TargetGroups {
					for _, l := range i18n.Langs {
						for _, r := range cz.RegionCodes() {
							in := vocab{Form: string(f), Topics: []string{string(tp)}, TargetGroup: string(g), Region: r, Lang: string(l)}
							if err := Struct(in); err != nil {
								t.Fatalf("%+v: got %v, want valid", in, err)
							}
						}
					}
				}
			}
		}
	})
	t.Run("refuses other codes, naming the allowed ones as a oneof list", func(t *testing.T) {
		err := Struct(vocab{Form: "letter", Topics: []string{"financing", "cooking"}, TargetGroup: "Provider", Region: "cz064", Lang: "de"})
		e, ok := apperr.As(err)
		if !ok {
			t.Fatalf("got %v, want field errors", err)
		}
		want := []apperr.FieldError{
			{Field: "form", Rule: "oneof", Param: "phone online onsite"},
			{Field: "topics[1]", Rule: "oneof", Param: "transformation_plan community_services financing human_resources case_management other"},
			{Field: "targetGroup", Rule: "oneof", Param: "public_administration provider client community"},
			{Field: "region", Rule: "region"},
			{Field: "lang", Rule: "oneof", Param: "cs en"},
		}
		if !slices.Equal(e.Fields, want) {
			t.Errorf("got %+v\nwant %+v", e.Fields, want)
		}
	})
}

func TestLineAndText(t *testing.T) {
	type texts struct {
		Name string `json:"name" validate:"line"`
		Note string `json:"note" validate:"text"`
	}
	for _, tc := range []struct {
		name, s    string
		line, text bool // accepted as one line, as free text
	}{
		{"Czech letters and punctuation", "Domov „Slunečnice“ – Žďár n. S., 2. patro", true, true},
		{"emoji, with a zero-width joiner", "👩‍👧 ok", true, true},
		{"no-break space", "v\u00a0Brně", true, true},
		{"empty", "", true, true},
		{"LF", "Ulice 1\nBrno", false, true},
		{"TAB", "a\tb", false, true},
		{"CR LF", "Ulice 1\r\nBrno", false, false},
		{"CR", "a\rb", false, false},
		{"NUL", "a\x00b", false, false},
		{"BEL", "a\ab", false, false},
		{"ESC", "a\x1b[31mb", false, false},
		{"vertical tab", "a\vb", false, false},
		{"DEL", "a\x7fb", false, false},
		{"C1 NEL", "a\u0085b", false, false},
		{"C1 CSI", "a\u009bb", false, false},
		{"right-to-left override", "a\u202eb", false, false},
		{"left-to-right embedding", "a\u202ab", false, false},
		{"first strong isolate", "a\u2068b", false, false},
		{"pop directional isolate", "a\u2069b", false, false},
		{"right-to-left mark", "a\u200fb", false, false},
		{"left-to-right mark", "a\u200eb", false, false},
		{"Arabic letter mark", "a\u061cb", false, false},
		{"line separator", "a\u2028b", false, false},
		{"paragraph separator", "a\u2029b", false, false},
		{"byte-order mark", "\ufeffa", false, false},
		{"replacement character", "a\ufffdb", false, false},
		{"invalid UTF-8", "a\xffb", false, false},
		{"truncated UTF-8", "Ž\xc5", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := IsLine(tc.s); got != tc.line {
				t.Errorf("IsLine(%q) = %v, want %v", tc.s, got, tc.line)
			}
			if got := IsText(tc.s); got != tc.text {
				t.Errorf("IsText(%q) = %v, want %v", tc.s, got, tc.text)
			}
			var want []apperr.FieldError
			if !tc.line {
				want = append(want, apperr.FieldError{Field: "name", Rule: "line"})
			}
			if !tc.text {
				want = append(want, apperr.FieldError{Field: "note", Rule: "text"})
			}
			err := Struct(texts{Name: tc.s, Note: tc.s})
			var got []apperr.FieldError
			if e, ok := apperr.As(err); ok {
				got = e.Fields
			}
			if !slices.Equal(got, want) {
				t.Errorf("Struct: got %+v, want %+v", got, want)
			}
		})
	}
}
