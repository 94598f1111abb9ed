package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/consultations"
	"github.com/mpsv/brana/internal/programme"
	"github.com/mpsv/brana/internal/slots"
)

var _ consultations.Store = (*Store)(nil)

const (
	expertsPartition = "EXPERTS"
	profileSK        = "PROFILE"
)

func expertPK(id string) string       { return "EXPERT#" + id }
func subjectPK(subject string) string { return "SUBJECT#" + subject }

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
	if e.CreatedAt, err = parseTS(it.CreatedAt); err != nil {
		return e, err
	}
	if e.UpdatedAt, err = parseTS(it.UpdatedAt); err != nil {
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
		from, err := parseTS(t.From)
		if err != nil {
			return e, err
		}
		to, err := parseTS(t.To)
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

func (s *Store) putExpertTx(e consultations.Expert, cond string, values map[string]types.AttributeValue) (txItem, error) {
	av, err := attributevalue.MarshalMap(toExpertItem(e))
	if err != nil {
		return txItem{}, fmt.Errorf("marshal expert %s: %w", e.ID, err)
	}
	put := &types.Put{TableName: aws.String(s.table), Item: av, ConditionExpression: aws.String(cond)}
	if len(values) > 0 {
		put.ExpressionAttributeValues = values
		put.ExpressionAttributeNames = map[string]string{"#version": "version"}
	}
	return txItem{item: types.TransactWriteItem{Put: put}}, nil
}

func (s *Store) putSubjectTx(subject, expertID string) txItem {
	item := key(subjectPK(subject), "SUBJECT")
	item["type"] = str("subject")
	item["expertId"] = str(expertID)
	return txItem{reason: "expert_exists", item: types.TransactWriteItem{Put: &types.Put{
		TableName: aws.String(s.table), Item: item, ConditionExpression: aws.String("attribute_not_exists(PK)"),
	}}}
}

// CreateExpert stores a new expert and, if it has one, the link from its
// staff account; either already existing is a Conflict "expert_exists".
func (s *Store) CreateExpert(ctx context.Context, e consultations.Expert) error {
	put, err := s.putExpertTx(e, "attribute_not_exists(PK)", nil)
	if err != nil {
		return err
	}
	put.reason = "expert_exists"
	items := []txItem{put}
	if e.Subject != "" {
		items = append(items, s.putSubjectTx(e.Subject, e.ID))
	}
	return s.transact(ctx, "create expert "+e.ID, items, []string{"expert_exists"})
}

// UpdateExpert replaces an expert if nobody changed it since prev was read,
// moving the account link when the subject changes.
func (s *Store) UpdateExpert(ctx context.Context, e consultations.Expert, prev consultations.Expert) error {
	put, err := s.putExpertTx(e, "#version = :prev", map[string]types.AttributeValue{":prev": num(int64(prev.Version))})
	if err != nil {
		return err
	}
	put.reason = "expert_changed"
	items := []txItem{put}
	if e.Subject != prev.Subject {
		if prev.Subject != "" {
			items = append(items, txItem{reason: "expert_changed", item: types.TransactWriteItem{Delete: &types.Delete{
				TableName: aws.String(s.table), Key: key(subjectPK(prev.Subject), "SUBJECT"),
				ConditionExpression:       aws.String("expertId = :id"),
				ExpressionAttributeValues: map[string]types.AttributeValue{":id": str(e.ID)},
			}}})
		}
		if e.Subject != "" {
			items = append(items, s.putSubjectTx(e.Subject, e.ID))
		}
	}
	return s.transact(ctx, "update expert "+e.ID, items, []string{"expert_changed", "expert_exists"})
}

// GetExpert reads one expert.
func (s *Store) GetExpert(ctx context.Context, id string) (consultations.Expert, error) {
	if !storableID(id) {
		return consultations.Expert{}, apperr.New(apperr.NotFound, "expert_not_found")
	}
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(expertPK(id), profileSK)})
	if err != nil {
		return consultations.Expert{}, fmt.Errorf("get expert %s: %w", id, err)
	}
	if len(out.Item) == 0 {
		return consultations.Expert{}, apperr.New(apperr.NotFound, "expert_not_found")
	}
	var it expertItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return consultations.Expert{}, fmt.Errorf("unmarshal expert %s: %w", id, err)
	}
	return it.expert()
}

// ListExperts returns every expert, by name, with one Query on GSI1.
func (s *Store) ListExperts(ctx context.Context) ([]consultations.Expert, error) {
	var out []consultations.Expert
	err := s.query(ctx, &dynamodb.QueryInput{
		IndexName:                 aws.String(IndexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": str(expertsPartition)},
	}, func(item map[string]types.AttributeValue) error {
		var it expertItem
		if err := attributevalue.UnmarshalMap(item, &it); err != nil {
			return fmt.Errorf("unmarshal expert: %w", err)
		}
		e, err := it.expert()
		if err != nil {
			return err
		}
		out = append(out, e)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list experts: %w", err)
	}
	return out, nil
}

// ExpertIDBySubject finds the expert linked to a staff account.
func (s *Store) ExpertIDBySubject(ctx context.Context, subject string) (string, error) {
	if subject == "" || !storableID(subject) {
		return "", apperr.New(apperr.NotFound, "expert_not_found")
	}
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.table), Key: key(subjectPK(subject), "SUBJECT"),
		ProjectionExpression: aws.String("expertId"),
	})
	if err != nil {
		return "", fmt.Errorf("get subject link: %w", err)
	}
	v, ok := out.Item["expertId"].(*types.AttributeValueMemberS)
	if !ok {
		return "", apperr.New(apperr.NotFound, "expert_not_found")
	}
	return v.Value, nil
}
