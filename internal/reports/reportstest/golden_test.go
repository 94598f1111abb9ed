package reportstest

import (
	"reflect"
	"testing"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/surveys"
)

func TestGoldenSurveysAreValidDefinitions(t *testing.T) {
	for _, s := range GoldenSurveys() {
		for _, v := range s.Versions {
			if errs := surveys.Check(v.Definition); len(errs) > 0 {
				t.Errorf("%s v%d: %v", s.Survey.ID, v.Number, errs)
			}
		}
	}
}

func TestGoldenMonthIsDeterministic(t *testing.T) {
	a, b := GoldenMonth(11), GoldenMonth(11)
	if !reflect.DeepEqual(a.Bookings, b.Bookings) || !reflect.DeepEqual(a.EventList, b.EventList) || !reflect.DeepEqual(a.SurveyList, b.SurveyList) {
		t.Error("the same seed gave other facts")
	}
	if reflect.DeepEqual(a.Bookings, GoldenMonth(12).Bookings) {
		t.Error("another seed gave the same consultations")
	}
	for _, c := range a.Bookings {
		if c.Ico != "" && !cz.ValidICO(c.Ico) {
			t.Errorf("invalid IČO %s", c.Ico)
		}
		if m := cz.MonthOf(c.Start); m != October && m != November {
			t.Errorf("a consultation in %s", m)
		}
	}
	if n := len(a.Register); n != 12 {
		t.Errorf("%d services, want 12", n)
	}
}
