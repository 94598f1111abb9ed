package consultdb

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

const (
	expertsPartition = "EXPERTS"
	profileSK        = "PROFILE"
)

func expertPK(id string) string      { return "EXPERT#" + id }
func expertKey(id string) dynamo.Key { return dynamo.Key{PK: expertPK(id), SK: profileSK} }
func subjectKey(subject string) dynamo.Key {
	return dynamo.Key{PK: "SUBJECT#" + subject, SK: "SUBJECT"}
}

type expertItem struct {
	PK, SK         string
	GSI1PK, GSI1SK string
	Type           string           `dynamodbav:"type"`
	ID             string           `dynamodbav:"id"`
	Name           string           `dynamodbav:"name"`
	Email          string           `dynamodbav:"email"`
	Bio            string           `dynamodbav:"bio,omitempty"`
	Topics         []string         `dynamodbav:"topics,stringset,omitempty"`
	Regions        []string         `dynamodbav:"regions,stringset,omitempty"`
	Forms          []string         `dynamodbav:"forms,stringset,omitempty"`
	Subject        string           `dynamodbav:"subject,omitempty"`
	Active         bool             `dynamodbav:"active"`
	Availability   availabilityAttr `dynamodbav:"availability"`
	Version        int              `dynamodbav:"version"`
	CreatedAt      string           `dynamodbav:"createdAt"`
	UpdatedAt      string           `dynamodbav:"updatedAt"`
}

type availabilityAttr struct {
	Weekly        map[string][]rangeAttr `dynamodbav:"weekly"`
	TimeOff       []timeOffAttr          `dynamodbav:"timeOff"`
	SlotMinutes   int                    `dynamodbav:"slotMinutes"`
	BufferMinutes int                    `dynamodbav:"bufferMinutes"`
	NoticeMinutes int                    `dynamodbav:"noticeMinutes"`
	HorizonDays   int                    `dynamodbav:"horizonDays"`
	MaxPerDay     int                    `dynamodbav:"maxPerDay"`
}

type rangeAttr struct {
	From int `dynamodbav:"from"`
	To   int `dynamodbav:"to"`
}

type timeOffAttr struct {
	From  string `dynamodbav:"from"`
	To    string `dynamodbav:"to"`
	Label string `dynamodbav:"label,omitempty"`
}

var weekdays = []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday}

func toExpertItem(e consultations.Expert) expertItem {
	it := expertItem{
		PK: expertPK(e.ID), SK: profileSK, GSI1PK: expertsPartition, GSI1SK: e.Name + "#" + e.ID,
		Type: "expert", ID: e.ID, Name: e.Name, Email: e.Email, Bio: e.Bio, Regions: e.Regions,
		Subject: e.Subject, Active: e.Active, Version: e.Version,
		CreatedAt: ts(e.CreatedAt), UpdatedAt: ts(e.UpdatedAt),
	}
	for _, t := range e.Topics {
		it.Topics = append(it.Topics, string(t))
	}
	for _, f := range e.Forms {
		it.Forms = append(it.Forms, string(f))
	}
	a := e.Availability
	it.Availability = availabilityAttr{
		Weekly:      map[string][]rangeAttr{},
		TimeOff:     []timeOffAttr{},
		SlotMinutes: int(a.Slot / time.Minute), BufferMinutes: int(a.Buffer / time.Minute),
		NoticeMinutes: int(a.Notice / time.Minute), HorizonDays: a.HorizonDays, MaxPerDay: a.MaxPerDay,
	}
	for _, d := range weekdays {
		for _, r := range a.Weekly[d] {
			k := d.String()[:3]
			it.Availability.Weekly[k] = append(it.Availability.Weekly[k], rangeAttr{From: r.From, To: r.To})
		}
	}
	for _, t := range a.TimeOff {
		it.Availability.TimeOff = append(it.Availability.TimeOff, timeOffAttr{From: ts(t.From), To: ts(t.To), Label: t.Label})
	}
	return it
}

func (it expertItem) expert() (consultations.Expert, error) {
	e := consultations.Expert{
		ID: it.ID, Name: it.Name, Email: it.Email, Bio: it.Bio, Regions: it.Regions,
		Subject: it.Subject, Active: it.Active, Version: it.Version,
	}
	var err error
	if e.CreatedAt, err = dynamo.ParseTime(it.CreatedAt); err != nil {
		return e, err
	}
	if e.UpdatedAt, err = dynamo.ParseTime(it.UpdatedAt); err != nil {
		return e, err
	}
	for _, t := range it.Topics {
		e.Topics = append(e.Topics, programme.Topic(t))
	}
	for _, f := range it.Forms {
		e.Forms = append(e.Forms, programme.Form(f))
	}
	sortCodes(e.Topics, programme.Topics)
	sortCodes(e.Forms, programme.Forms)
	a := it.Availability
	e.Availability = consultations.Availability{
		Weekly: map[time.Weekday][]slots.LocalRange{},
		Slot:   time.Duration(a.SlotMinutes) * time.Minute, Buffer: time.Duration(a.BufferMinutes) * time.Minute,
		Notice: time.Duration(a.NoticeMinutes) * time.Minute, HorizonDays: a.HorizonDays, MaxPerDay: a.MaxPerDay,
	}
	for _, d := range weekdays {
		for _, r := range a.Weekly[d.String()[:3]] {
			e.Availability.Weekly[d] = append(e.Availability.Weekly[d], slots.LocalRange{From: r.From, To: r.To})
		}
	}
	for _, t := range a.TimeOff {
		from, err := dynamo.ParseTime(t.From)
		if err != nil {
			return e, err
		}
		to, err := dynamo.ParseTime(t.To)
		if err != nil {
			return e, err
		}
		e.Availability.TimeOff = append(e.Availability.TimeOff, consultations.TimeOff{From: from, To: to, Label: t.Label})
	}
	return e, nil
}

// sortCodes orders codes as the programme lists them (string sets have no order).
func sortCodes[T comparable](codes []T, order []T) {
	pos := map[T]int{}
	for i, c := range order {
		pos[c] = i
	}
	for i := 1; i < len(codes); i++ {
		for j := i; j > 0 && pos[codes[j]] < pos[codes[j-1]]; j-- {
			codes[j], codes[j-1] = codes[j-1], codes[j]
		}
	}
}

func (s *Store) putSubjectTx(subject, expertID string) (dynamo.TxItem, error) {
	item := subjectKey(subject).AV()
	item[dynamo.AttrType] = str("subject")
	item["expertId"] = str(expertID)
	return s.PutIfAbsent(item, consultations.ReasonExpertExists)
}

// CreateExpert stores a new expert and, if it has one, the link from its
// staff account; either already existing is a Conflict "expert_exists".
func (s *Store) CreateExpert(ctx context.Context, e consultations.Expert) error {
	put, err := s.PutIfAbsent(toExpertItem(e), consultations.ReasonExpertExists)
	if err != nil {
		return fmt.Errorf("expert %s: %w", e.ID, err)
	}
	items := []dynamo.TxItem{put}
	if e.Subject != "" {
		link, err := s.putSubjectTx(e.Subject, e.ID)
		if err != nil {
			return err
		}
		items = append(items, link)
	}
	return s.Transact(ctx, "create expert "+e.ID, items, consultations.ReasonExpertExists)
}

// UpdateExpert replaces an expert if nobody changed it since prev was read,
// moving the account link when the subject changes.
func (s *Store) UpdateExpert(ctx context.Context, e consultations.Expert, prev consultations.Expert) error {
	put, err := s.PutIfVersion(toExpertItem(e), prev.Version, consultations.ReasonExpertChanged)
	if err != nil {
		return fmt.Errorf("expert %s: %w", e.ID, err)
	}
	items := []dynamo.TxItem{put}
	if e.Subject != prev.Subject {
		if prev.Subject != "" {
			items = append(items, s.DeleteIfOwned(subjectKey(prev.Subject), "expertId", e.ID, consultations.ReasonExpertChanged))
		}
		if e.Subject != "" {
			link, err := s.putSubjectTx(e.Subject, e.ID)
			if err != nil {
				return err
			}
			items = append(items, link)
		}
	}
	return s.Transact(ctx, "update expert "+e.ID, items, consultations.ReasonExpertChanged, consultations.ReasonExpertExists)
}

// GetExpert reads one expert.
func (s *Store) GetExpert(ctx context.Context, id string) (consultations.Expert, error) {
	if !dynamo.StorableID(id) {
		return consultations.Expert{}, apperr.New(apperr.NotFound, consultations.ReasonExpertNotFound)
	}
	it, found, err := dynamo.Get[expertItem](ctx, s.Store, expertKey(id))
	if err != nil {
		return consultations.Expert{}, fmt.Errorf("get expert %s: %w", id, err)
	}
	if !found {
		return consultations.Expert{}, apperr.New(apperr.NotFound, consultations.ReasonExpertNotFound)
	}
	return it.expert()
}

// ListExperts returns every expert, by name, with one Query on GSI1.
func (s *Store) ListExperts(ctx context.Context) ([]consultations.Expert, error) {
	items, err := dynamo.Query[expertItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(expertsPartition)},
	})
	if err != nil {
		return nil, fmt.Errorf("list experts: %w", err)
	}
	var out []consultations.Expert
	for _, it := range items {
		e, err := it.expert()
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, nil
}

// ExpertIDBySubject finds the expert linked to a staff account.
func (s *Store) ExpertIDBySubject(ctx context.Context, subject string) (string, error) {
	if !dynamo.StorableID(subject) {
		return "", apperr.New(apperr.NotFound, consultations.ReasonExpertNotFound)
	}
	link, found, err := dynamo.Get[struct {
		ExpertID string `dynamodbav:"expertId"`
	}](ctx, s.Store, subjectKey(subject), dynamo.Project("expertId"))
	if err != nil {
		return "", fmt.Errorf("get subject link: %w", err)
	}
	if !found || link.ExpertID == "" {
		return "", apperr.New(apperr.NotFound, consultations.ReasonExpertNotFound)
	}
	return link.ExpertID, nil
}
