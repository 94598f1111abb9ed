package api

import (
	"context"
	"net/http"
	"strings"
	"time"

	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/httpapi"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/routes"
)

type catalog struct{ Deps }

// NewCatalog returns the public catalogue function: experts and free slots.
func NewCatalog(d Deps) (*httpapi.API, error) {
	h := catalog{d}
	return httpapi.New(d.config(routes.FnCatalog, map[string]httpapi.Handler{
		"GET /v1/experts":            h.listExperts,
		"GET /v1/experts/{expertId}": h.getExpert,
		"GET /v1/slots":              h.listSlots,
	}))
}

type expertQuery struct {
	Topic  string `json:"topic" validate:"omitempty,topic"`
	Region string `json:"region" validate:"omitempty,region"`
	Form   string `json:"form" validate:"omitempty,form"`
}

func readExpertQuery(r *httpapi.Request) (expertQuery, error) {
	q := expertQuery{Topic: r.Query("topic"), Region: strings.ToUpper(strings.TrimSpace(r.Query("region"))), Form: r.Query("form")}
	return q, checkQuery(q)
}

func (q expertQuery) filter() consultations.ExpertFilter {
	return consultations.ExpertFilter{Topic: programme.Topic(q.Topic), Region: q.Region, Form: programme.Form(q.Form)}
}

func (h catalog) listExperts(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	q, err := readExpertQuery(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	experts, err := h.Service.ListExperts(ctx, q.filter())
	if err != nil {
		return httpapi.Response{}, err
	}
	out := List[ExpertView]{Items: []ExpertView{}}
	for _, e := range experts {
		out.Items = append(out.Items, expertView(e))
	}
	return httpapi.JSON(http.StatusOK, out), nil
}

func (h catalog) getExpert(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	e, err := h.Service.PublicExpert(ctx, r.PathParam("expertId"))
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, expertView(e)), nil
}

// DefaultSlotDays is the range of a slot query without "to": two weeks.
const DefaultSlotDays = 14

// MaxHorizonDays is the longest booking horizon an expert may set (the
// availability's horizonDays); a slot range wholly before today or after
// today plus this many days is an empty list at once.
const MaxHorizonDays = 365

type slotQuery struct {
	expertQuery
	ExpertID string `json:"expertId" validate:"omitempty,max=64"`
}

func (h catalog) listSlots(ctx context.Context, r *httpapi.Request) (httpapi.Response, error) {
	eq, err := readExpertQuery(r)
	if err != nil {
		return httpapi.Response{}, err
	}
	q := slotQuery{expertQuery: eq, ExpertID: r.Query("expertId")}
	if err := checkQuery(q); err != nil {
		return httpapi.Response{}, err
	}
	today := cz.DateOf(h.Service.Clock.Now())
	from, to, err := dateRange(r, today, DefaultSlotDays, consultations.MaxSlotRangeDays)
	if err != nil {
		return httpapi.Response{}, err
	}
	if to.Before(today) || from.After(today.AddDays(MaxHorizonDays)) {
		// Wholly outside any expert's booking horizon: nothing is free.
		// The expert filters are still checked, as for any other range.
		if q.ExpertID != "" {
			if _, err := h.Service.PublicExpert(ctx, q.ExpertID); err != nil {
				return httpapi.Response{}, err
			}
		}
		return httpapi.JSON(http.StatusOK, groupSlots(nil)), nil
	}
	f := eq.filter()
	list, err := h.Service.FreeSlots(ctx, consultations.SlotQuery{
		From: from, To: to, ExpertID: q.ExpertID, Form: f.Form, Topic: f.Topic, Region: f.Region,
	})
	if err != nil {
		return httpapi.Response{}, err
	}
	return httpapi.JSON(http.StatusOK, groupSlots(list)), nil
}

// groupSlots groups free slots by expert, in the order of each expert's
// first slot; within a group the starts keep their order (by time).
func groupSlots(list []consultations.Slot) List[SlotGroupView] {
	out := List[SlotGroupView]{Items: []SlotGroupView{}}
	at := map[string]int{}
	for _, s := range list {
		i, ok := at[s.ExpertID]
		if !ok {
			i = len(out.Items)
			at[s.ExpertID] = i
			out.Items = append(out.Items, SlotGroupView{
				ExpertID: s.ExpertID, Forms: nonNil(s.Forms), Minutes: int(s.End.Sub(s.Start) / time.Minute), Starts: []string{},
			})
		}
		out.Items[i].Starts = append(out.Items[i].Starts, local(s.Start))
	}
	return out
}
