package app

import (
	"context"
	"fmt"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/seal"
	"github.com/mpsv/brana/internal/workshops"
	"github.com/mpsv/brana/internal/workshops/workshopdb"
)

// Demo event ids: stable, so that `make run` can be run again and the
// browser tests can open an event by its address.
const (
	DemoWorkshopID   = "demo-workshop-praha"
	DemoForumID      = "demo-forum-brno"
	DemoWebinarID    = "demo-webinar-financovani"
	DemoStudyVisitID = "demo-staz-olomouc"
	DemoSeminarID    = "demo-seminar-hybrid"
)

// DemoForumCapacity is the seats of the demo forum, which the seed fills
// (DemoForumRegistrants) so that its waiting list is open.
const DemoForumCapacity = 3

// DemoEvents are the fictional published events `make run` starts with:
// a workshop in Prague with a few seats, a forum that is full (its
// registrants are DemoForumRegistrants), a webinar, a two-day study visit
// and a hybrid seminar. Their dates are counted from now, in Europe/Prague.
func DemoEvents(now time.Time) []workshops.Event {
	day := func(days int) cz.Date { return cz.DateOf(now).AddDays(days) }
	at := func(d cz.Date, from, to string) workshops.Session {
		return workshops.Session{Start: d.At(clockMinutes(from)).UTC(), End: d.At(clockMinutes(to)).UTC()}
	}
	opens := now.Add(-24 * time.Hour).UTC().Truncate(time.Minute)
	closes := func(s []workshops.Session) time.Time { return s[0].Start.Add(-24 * time.Hour) }
	ev := func(e workshops.Event) workshops.Event {
		e.Status = workshops.EventPublished
		e.RegistrationOpens = opens
		e.RegistrationCloses = closes(e.Sessions)
		e.Organiser = "Národní program transformace sociálních služeb, MPSV"
		e.Owner = DemoAdminSubject
		e.Sequence = 0
		e.Version = 1
		e.CreatedAt, e.UpdatedAt = now.UTC(), now.UTC()
		return e
	}

	workshop := ev(workshops.Event{
		ID:   DemoWorkshopID,
		Kind: workshops.KindWorkshop,
		Title: workshops.Text{
			CS: "Transformační plán krok za krokem",
			EN: "The transformation plan step by step",
		},
		Description: workshops.Text{
			CS: "Praktický workshop pro vedení pobytových služeb: jak sestavit transformační plán, koho do přípravy zapojit a jak plán projednat s krajem. Pracujeme v malých skupinách nad vašimi podklady.",
			EN: "A hands-on workshop for managers of residential services: how to draw up a transformation plan, whom to involve and how to agree it with the region. We work in small groups on your own material.",
		},
		Topics:       []programme.Topic{programme.TopicTransformationPlan},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration},
		Region:       "CZ010",
		Sessions:     []workshops.Session{at(day(12), "09:00", "15:00")},
		Mode:         workshops.ModeInPerson,
		Venue: workshops.Venue{
			Name: "Ministerstvo práce a sociálních věcí, zasedací sál", Address: "Na Poříčním právu 1/376, 128 01 Praha 2",
			StepFree: true, InductionLoop: true,
			Parking: "2 vyhrazená místa pro osoby se ZTP ve dvoře", NearestStop: "Karlovo náměstí (tramvaj, metro B)",
		},
		Capacity: workshops.Capacity{InPerson: 4},
		OrgLimit: 2,
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionSingle, Required: true,
				Label:   workshops.Text{CS: "Jak daleko je vaše služba s transformačním plánem?", EN: "How far is your service with its transformation plan?"},
				Options: []workshops.Text{{CS: "Teprve začínáme", EN: "Just starting"}, {CS: "Máme koncept", EN: "We have a draft"}, {CS: "Plán je schválený", EN: "The plan is approved"}}},
			{ID: "q2", Kind: workshops.QuestionLongText,
				Label: workshops.Text{CS: "Co byste na workshopu chtěli probrat?", EN: "What would you like to discuss at the workshop?"}},
			{ID: "q3", Kind: workshops.QuestionYesNo, Required: true,
				Label: workshops.Text{CS: "Máte zájem o oběd?", EN: "Would you like lunch?"}},
		},
	})

	forum := ev(workshops.Event{
		ID:    DemoForumID,
		Kind:  workshops.KindForum,
		Title: workshops.Text{CS: "Diskuzní fórum: komunitní služby v Jihomoravském kraji", EN: "Discussion forum: community services in the South Moravian Region"},
		Description: workshops.Text{
			CS: "Setkání poskytovatelů, obcí a kraje nad sítí komunitních služeb. Sdílení zkušeností z přechodu klientů do komunity.",
		},
		Topics:       []programme.Topic{programme.TopicCommunityServices},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration, programme.TargetCommunity},
		Region:       "CZ064",
		Sessions:     []workshops.Session{at(day(9), "13:00", "16:30")},
		Mode:         workshops.ModeInPerson,
		Venue: workshops.Venue{
			Name: "Krajský úřad Jihomoravského kraje, sál Rady", Address: "Žerotínovo náměstí 3, 601 82 Brno",
			StepFree: true, NearestStop: "Žerotínovo náměstí (tramvaj 4)",
		},
		Capacity: workshops.Capacity{InPerson: DemoForumCapacity},
	})

	webinar := ev(workshops.Event{
		ID:    DemoWebinarID,
		Kind:  workshops.KindWebinar,
		Title: workshops.Text{CS: "Webinář: financování komunitních služeb z IROP", EN: "Webinar: funding community services from IROP"},
		Description: workshops.Text{
			CS: "Přehled výzev, způsobilých výdajů a nejčastějších chyb v žádostech. Na závěr prostor pro dotazy.",
			EN: "An overview of the calls, eligible costs and the most common mistakes in applications, with time for questions.",
		},
		Topics:       []programme.Topic{programme.TopicFinancing},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration},
		Region:       "CZ020",
		Sessions:     []workshops.Session{at(day(6), "10:00", "11:30")},
		Mode:         workshops.ModeOnline,
		OnlineLink:   "https://meet.example.cz/brana-webinar-irop",
		Capacity:     workshops.Capacity{Online: 100},
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionShortText,
				Label: workshops.Text{CS: "Na co se chcete zeptat lektora?", EN: "What would you like to ask the speaker?"}},
		},
	})

	visit := ev(workshops.Event{
		ID:    DemoStudyVisitID,
		Kind:  workshops.KindStudyVisit,
		Title: workshops.Text{CS: "Stáž v chráněném bydlení v Olomouci", EN: "Study visit: supported housing in Olomouc"},
		Description: workshops.Text{
			CS: "Dvoudenní stáž ve službě, která prošla transformací: prohlídka domácností, rozhovory s pracovníky a s klienty, case management v praxi.",
			EN: "Two days in a service that went through the transformation: visits to households, talks with staff and residents, case management in practice.",
		},
		Topics:       []programme.Topic{programme.TopicCaseManagement, programme.TopicCommunityServices},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider},
		Region:       "CZ071",
		Sessions:     []workshops.Session{at(day(20), "09:00", "16:00"), at(day(21), "08:30", "12:30")},
		Mode:         workshops.ModeInPerson,
		Venue: workshops.Venue{
			Name: "Chráněné bydlení Na Letné", Address: "Dukelských hrdinů 12, 779 00 Olomouc",
			StepFree: false, Parking: "parkoviště před domem, bez vyhrazených míst", NearestStop: "Dukelská (autobus 15)",
		},
		Capacity: workshops.Capacity{InPerson: 8},
		OrgLimit: 1,
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionMultiple, Required: true,
				Label:   workshops.Text{CS: "Které části programu vás zajímají nejvíc?", EN: "Which parts of the programme interest you most?"},
				Options: []workshops.Text{{CS: "Prohlídka domácností", EN: "Visiting households"}, {CS: "Rozhovory s pracovníky", EN: "Talking with staff"}, {CS: "Case management", EN: "Case management"}}},
			{ID: "q2", Kind: workshops.QuestionYesNo, Required: true,
				Label: workshops.Text{CS: "Potřebujete ubytování na noc mezi oběma dny?", EN: "Do you need accommodation for the night between the two days?"}},
		},
	})

	seminar := ev(workshops.Event{
		ID:    DemoSeminarID,
		Kind:  workshops.KindSeminar,
		Title: workshops.Text{CS: "Seminář: lidské zdroje v transformaci", EN: "Seminar: people in the transformation"},
		Description: workshops.Text{
			CS: "Jak připravit tým na práci v komunitě: vzdělávání, supervize, nábor. Seminář můžete sledovat i online.",
			EN: "Preparing a team for community work: training, supervision, recruitment. You can also follow the seminar online.",
		},
		Topics:       []programme.Topic{programme.TopicHumanResources},
		TargetGroups: []programme.TargetGroup{programme.TargetProvider, programme.TargetPublicAdministration, programme.TargetClient, programme.TargetCommunity},
		Region:       "CZ052",
		Sessions:     []workshops.Session{at(day(15), "09:30", "14:00")},
		Mode:         workshops.ModeHybrid,
		Venue: workshops.Venue{
			Name: "Univerzita Hradec Králové, aula", Address: "Rokitanského 62, 500 03 Hradec Králové",
			StepFree: true, InductionLoop: true, Parking: "4 místa pro osoby se ZTP u hlavního vchodu", NearestStop: "Univerzita (trolejbus 1, 2)",
		},
		OnlineLink: "https://meet.example.cz/brana-seminar-lidske-zdroje",
		Capacity:   workshops.Capacity{InPerson: 30, Online: 200},
		Questions: []workshops.Question{
			{ID: "q1", Kind: workshops.QuestionShortText, Required: true,
				Label: workshops.Text{CS: "Kolik pracovníků má vaše služba?", EN: "How many staff does your service have?"}},
		},
	})

	return []workshops.Event{workshop, forum, webinar, visit, seminar}
}

// DemoForumRegistrants are the fictional people who fill the demo forum's
// seats, so that `make run` shows an event whose waiting list is open.
func DemoForumRegistrants() []workshops.Contact {
	return []workshops.Contact{
		{Name: "Alena Nováková", Email: "alena.novakova@example.cz"},
		{Name: "Jiří Dvořák", Email: "jiri.dvorak@example.cz"},
		{Name: "Kateřina Černá", Email: "katerina.cerna@example.cz"},
	}
}

// SeedEvents stores the demo events that do not exist yet and fills the
// demo forum with its registrants (through the registration service, so
// the seat counter, the e-mail uniqueness items and the registrations
// agree, as after real registrations; no e-mails are queued for them). It
// is safe to run again: an event already there is left as it is.
func (d *Deps) SeedEvents(ctx context.Context, events []workshops.Event) (created int, _ error) {
	store := workshopdb.New(dynamo.New(d.Env.DB, d.Config.TableName))
	svc := &workshops.Service{
		Store: store, Clock: d.Clock, IDs: d.IDs, BaseURL: d.Config.PublicBaseURL,
		EmailKey: seal.DeriveKey(d.Config.OutboxKey, workshops.EmailKeyPurpose),
	}
	for _, e := range events {
		err := store.PutEvent(ctx, e, 0)
		if apperr.Is(err, apperr.Conflict, workshops.ReasonEventChanged) {
			continue
		}
		if err != nil {
			return created, fmt.Errorf("seed event %s: %w", e.ID, err)
		}
		created++
		if e.ID != DemoForumID {
			continue
		}
		for _, c := range DemoForumRegistrants() {
			in := workshops.RegistrationInput{
				Contact:      workshops.ContactInput{Name: c.Name, Email: c.Email},
				Organisation: workshops.OrganisationInput{Name: "Domov u Lesa, poskytovatel sociálních služeb", ICO: "00551023"},
				TargetGroup:  string(programme.TargetProvider), JobRole: "sociální pracovník", Region: e.Region,
				Consent:  workshops.ConsentInput{Accepted: true, NoticeVersion: workshops.PrivacyNoticeVersion},
				Language: "cs",
			}
			if _, err := svc.Register(ctx, e.ID, in, nil); err != nil {
				return created, fmt.Errorf("seed a registration for %s: %w", e.ID, err)
			}
		}
	}
	return created, nil
}
