package app

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

// Demo staff accounts: the local gateway's development tokens use these
// subjects, so an expert token sees that expert's own records.
const (
	DemoAdminSubject  = "dev-admin"
	DemoExpertSubject = "dev-expert-dvorakova"
)

// DemoExperts are the fictional experts `make run` starts with.
func DemoExperts(now time.Time) []consultations.Expert {
	hours := func(ranges ...[2]string) []slots.LocalRange {
		var out []slots.LocalRange
		for _, r := range ranges {
			out = append(out, slots.LocalRange{From: clockMinutes(r[0]), To: clockMinutes(r[1])})
		}
		return out
	}
	workday := hours([2]string{"09:00", "12:00"}, [2]string{"13:00", "16:00"})
	dvorakova := consultations.DefaultAvailability()
	dvorakova.Weekly = map[time.Weekday][]slots.LocalRange{
		time.Monday: workday, time.Tuesday: workday, time.Wednesday: workday, time.Thursday: workday,
	}
	svoboda := consultations.DefaultAvailability()
	morning := hours([2]string{"08:30", "11:30"}, [2]string{"12:30", "15:30"})
	svoboda.Weekly = map[time.Weekday][]slots.LocalRange{time.Monday: morning, time.Wednesday: morning, time.Friday: morning}
	svoboda.MaxPerDay = 4
	horakova := consultations.DefaultAvailability()
	horakova.Weekly = map[time.Weekday][]slots.LocalRange{
		time.Tuesday: hours([2]string{"10:00", "17:00"}), time.Thursday: hours([2]string{"10:00", "17:00"}),
	}
	horakova.Slot, horakova.Buffer = 90*time.Minute, 30*time.Minute

	return []consultations.Expert{
		{
			ID: "jana-dvorakova", Name: "Mgr. Jana Dvořáková", Email: "jana.dvorakova@example.cz",
			Bio:     "Metodička transformace pobytových služeb; provázela transformační plány v jedenácti zařízeních.",
			Topics:  []programme.Topic{programme.TopicTransformationPlan, programme.TopicCommunityServices},
			Regions: []string{"CZ063", "CZ064", "CZ071", "CZ072"},
			Forms:   []programme.Form{programme.FormPhone, programme.FormOnline, programme.FormOnsite},
			Subject: DemoExpertSubject, Active: true, Availability: dvorakova, Version: 1, CreatedAt: now, UpdatedAt: now,
		},
		{
			ID: "petr-svoboda", Name: "Ing. Petr Svoboda", Email: "petr.svoboda@example.cz",
			Bio:     "Ekonom; financování komunitních služeb, investiční záměry a IROP, personální plánování.",
			Topics:  []programme.Topic{programme.TopicFinancing, programme.TopicHumanResources},
			Regions: []string{"CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053", "CZ063", "CZ064", "CZ071", "CZ072", "CZ080"},
			Forms:   []programme.Form{programme.FormPhone, programme.FormOnline},
			Active:  true, Availability: svoboda, Version: 1, CreatedAt: now, UpdatedAt: now,
		},
		{
			ID: "eva-horakova", Name: "Bc. Eva Horáková, DiS.", Email: "eva.horakova@example.cz",
			Bio:     "Sociální pracovnice; case management, podpora klientů při přechodu do komunity.",
			Topics:  []programme.Topic{programme.TopicCommunityServices, programme.TopicCaseManagement, programme.TopicOther},
			Regions: []string{"CZ010", "CZ020", "CZ031", "CZ032", "CZ041", "CZ042", "CZ051", "CZ052", "CZ053"},
			Forms:   []programme.Form{programme.FormOnline, programme.FormOnsite},
			Active:  true, Availability: horakova, Version: 1, CreatedAt: now, UpdatedAt: now,
		},
	}
}

func clockMinutes(s string) int {
	var h, m int
	fmt.Sscanf(s, "%d:%d", &h, &m)
	return h*60 + m
}

// Seed stores experts that do not exist yet; it is safe to run again.
func (d *Deps) Seed(ctx context.Context, experts []consultations.Expert) (created int, _ error) {
	for _, e := range experts {
		err := d.Store.CreateExpert(ctx, e)
		if apperr.Is(err, apperr.Conflict, "expert_exists") {
			continue
		}
		if err != nil {
			return created, fmt.Errorf("seed expert %s: %w", e.ID, err)
		}
		created++
	}
	return created, nil
}
