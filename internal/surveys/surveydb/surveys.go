package surveydb

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
)

type textItem struct {
	Cs string `dynamodbav:"cs"`
	En string `dynamodbav:"en,omitempty"`
}

// surveyItem is a survey (SURVEY#<id> / SURVEY).
type surveyItem struct {
	PK, SK    string
	GSI1PK    string
	GSI1SK    string
	Type      string   `dynamodbav:"type"`
	ID        string   `dynamodbav:"id"`
	Kind      string   `dynamodbav:"kind"`
	Audience  string   `dynamodbav:"audience,omitempty"`
	Title     textItem `dynamodbav:"title"`
	Status    string   `dynamodbav:"status"`
	Latest    int      `dynamodbav:"latest"`
	Published int      `dynamodbav:"published"`
	CreatedAt string   `dynamodbav:"createdAt"`
	UpdatedAt string   `dynamodbav:"updatedAt"`
	CreatedBy string   `dynamodbav:"createdBy"`
	Version   int64    `dynamodbav:"version"` // surveys.Survey.Rev
	// The invitation counters (ADD by the invitation transactions; absent
	// until the first).
	Sent     int `dynamodbav:"invitationsSent,omitempty"`
	Reminded int `dynamodbav:"invitationsReminded,omitempty"`
	Answered int `dynamodbav:"invitationsAnswered,omitempty"`
	OptedOut int `dynamodbav:"invitationsOptedOut,omitempty"`
}

// versionItem is a version (SURVEY#<id> / VERSION#<0001>); its definition
// is kept as the JSON the staff route took (model.go's json tags), and
// publishedAt is absent while it is a draft.
type versionItem struct {
	PK, SK      string
	Type        string `dynamodbav:"type"`
	Survey      string `dynamodbav:"survey"`
	Number      int    `dynamodbav:"number"`
	Definition  string `dynamodbav:"definition"`
	PublishedAt string `dynamodbav:"publishedAt,omitempty"`
	CreatedAt   string `dynamodbav:"createdAt"`
	CreatedBy   string `dynamodbav:"createdBy"`
}

func toSurveyItem(s surveys.Survey) surveyItem {
	k := SurveyKey(s.ID)
	return surveyItem{
		PK: k.PK, SK: k.SK, GSI1PK: SurveysPartition, GSI1SK: dynamo.Time(s.CreatedAt) + "#" + s.ID,
		Type: "survey", ID: s.ID, Kind: string(s.Kind), Audience: string(s.Audience),
		Title: textItem(s.Title), Status: string(s.Status), Latest: s.Latest, Published: s.Published,
		CreatedAt: dynamo.Time(s.CreatedAt), UpdatedAt: dynamo.Time(s.UpdatedAt), CreatedBy: s.CreatedBy,
		Version: s.Rev,
	}
}

func (it surveyItem) survey() (surveys.Survey, error) {
	s := surveys.Survey{
		ID: it.ID, Kind: surveys.Kind(it.Kind), Audience: surveys.Audience(it.Audience),
		Title: surveys.Text(it.Title), Status: surveys.Status(it.Status), Latest: it.Latest, Published: it.Published,
		CreatedBy: it.CreatedBy, Rev: it.Version,
		Invitations: surveys.InvitationCounts{Sent: it.Sent, Reminded: it.Reminded, Answered: it.Answered, OptedOut: it.OptedOut},
	}
	var err error
	if s.CreatedAt, err = dynamo.ParseTime(it.CreatedAt); err != nil {
		return s, fmt.Errorf("survey %s: %w", it.ID, err)
	}
	if s.UpdatedAt, err = dynamo.ParseTime(it.UpdatedAt); err != nil {
		return s, fmt.Errorf("survey %s: %w", it.ID, err)
	}
	return s, nil
}

func toVersionItem(v surveys.Version) (versionItem, error) {
	def, err := json.Marshal(v.Definition)
	if err != nil {
		return versionItem{}, fmt.Errorf("marshal definition: %w", err)
	}
	k := VersionKey(v.Survey, v.Number)
	it := versionItem{
		PK: k.PK, SK: k.SK, Type: "survey_version", Survey: v.Survey, Number: v.Number,
		Definition: string(def), CreatedAt: dynamo.Time(v.CreatedAt), CreatedBy: v.CreatedBy,
	}
	if v.Published() {
		it.PublishedAt = dynamo.Time(v.PublishedAt)
	}
	return it, nil
}

func (it versionItem) version() (surveys.Version, error) {
	v := surveys.Version{Survey: it.Survey, Number: it.Number, CreatedBy: it.CreatedBy}
	if err := json.Unmarshal([]byte(it.Definition), &v.Definition); err != nil {
		return v, fmt.Errorf("version %s/%d: definition: %w", it.Survey, it.Number, err)
	}
	var err error
	if v.CreatedAt, err = dynamo.ParseTime(it.CreatedAt); err != nil {
		return v, fmt.Errorf("version %s/%d: %w", it.Survey, it.Number, err)
	}
	if it.PublishedAt != "" {
		if v.PublishedAt, err = dynamo.ParseTime(it.PublishedAt); err != nil {
			return v, fmt.Errorf("version %s/%d: %w", it.Survey, it.Number, err)
		}
	}
	return v, nil
}

// unpublished is the condition of every write of an existing version: a
// published version never changes.
const unpublished = "attribute_exists(PK) AND attribute_not_exists(publishedAt)"

// Create writes a new survey with its version 1, a draft, in one
// transaction: s must have ID, Kind, Audience, Title, CreatedAt and
// CreatedBy; the rest is set here. It returns the survey as stored.
func (s *Store) Create(ctx context.Context, sv surveys.Survey, def surveys.Definition) (surveys.Survey, surveys.Version, error) {
	sv.Status, sv.Latest, sv.Published, sv.Rev, sv.UpdatedAt = surveys.StatusDraft, 1, 0, 1, sv.CreatedAt
	sv.Invitations = surveys.InvitationCounts{}
	v := surveys.Version{Survey: sv.ID, Number: 1, Definition: def, CreatedAt: sv.CreatedAt, CreatedBy: sv.CreatedBy}
	vi, err := toVersionItem(v)
	if err != nil {
		return sv, v, err
	}
	putS, err := s.PutIfAbsent(toSurveyItem(sv), surveys.ReasonSurveyChanged)
	if err != nil {
		return sv, v, err
	}
	putV, err := s.PutIfAbsent(vi, surveys.ReasonSurveyChanged)
	if err != nil {
		return sv, v, err
	}
	if err := s.Transact(ctx, "create survey "+sv.ID, []dynamo.TxItem{putS, putV}); err != nil {
		return sv, v, err
	}
	return sv, v, nil
}

// Get reads a survey (strongly consistent).
func (s *Store) Get(ctx context.Context, id string) (surveys.Survey, error) {
	if !dynamo.StorableID(id) {
		return surveys.Survey{}, apperr.New(apperr.NotFound, surveys.ReasonSurveyNotFound)
	}
	it, found, err := dynamo.Get[surveyItem](ctx, s.Store, SurveyKey(id), dynamo.Consistent)
	if err != nil {
		return surveys.Survey{}, fmt.Errorf("get survey %s: %w", id, err)
	}
	if !found {
		return surveys.Survey{}, apperr.New(apperr.NotFound, surveys.ReasonSurveyNotFound)
	}
	return it.survey()
}

// Version reads one version of a survey. A published version never
// changes, so the read is eventually consistent unless consistent asks.
func (s *Store) Version(ctx context.Context, id string, number int, consistent bool) (surveys.Version, error) {
	if !dynamo.StorableID(id) || number < 1 {
		return surveys.Version{}, apperr.New(apperr.NotFound, surveys.ReasonVersionNotFound)
	}
	var opts []dynamo.GetOption
	if consistent {
		opts = append(opts, dynamo.Consistent)
	}
	it, found, err := dynamo.Get[versionItem](ctx, s.Store, VersionKey(id, number), opts...)
	if err != nil {
		return surveys.Version{}, fmt.Errorf("get survey %s version %d: %w", id, number, err)
	}
	if !found {
		return surveys.Version{}, apperr.New(apperr.NotFound, surveys.ReasonVersionNotFound)
	}
	return it.version()
}

// Versions lists a survey's versions, oldest first: one Query of its
// partition.
func (s *Store) Versions(ctx context.Context, id string) ([]surveys.Version, error) {
	if !dynamo.StorableID(id) {
		return nil, nil
	}
	items, err := dynamo.Query[versionItem](ctx, s.Store, &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("PK = :pk AND begins_with(SK, :p)"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(surveyPrefix + id), ":p": dynamo.S(versionPrefix)},
		ConsistentRead:            aws.Bool(true),
	})
	if err != nil {
		return nil, fmt.Errorf("versions of survey %s: %w", id, err)
	}
	out := make([]surveys.Version, 0, len(items))
	for _, it := range items {
		v, err := it.version()
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

// List lists every survey, newest first: one Query of GSI1's SURVEYS
// partition.
func (s *Store) List(ctx context.Context) ([]surveys.Survey, error) {
	items, err := dynamo.Query[surveyItem](ctx, s.Store, &dynamodb.QueryInput{
		IndexName:                 aws.String(dynamo.IndexGSI1),
		KeyConditionExpression:    aws.String("GSI1PK = :pk"),
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(SurveysPartition)},
		ScanIndexForward:          aws.Bool(false),
	})
	if err != nil {
		return nil, fmt.Errorf("list surveys: %w", err)
	}
	out := make([]surveys.Survey, 0, len(items))
	for _, it := range items {
		sv, err := it.survey()
		if err != nil {
			return nil, err
		}
		out = append(out, sv)
	}
	return out, nil
}

// Current reads a survey and its published version (the newest one), for
// the public link and the invitations: NotFound survey_not_found when the
// survey does not exist or has no published version yet. A closed survey
// is returned too (Status tells); the caller refuses its answers.
func (s *Store) Current(ctx context.Context, id string) (surveys.Survey, surveys.Version, error) {
	sv, err := s.Get(ctx, id)
	if err != nil {
		return sv, surveys.Version{}, err
	}
	if sv.Published == 0 {
		return sv, surveys.Version{}, apperr.New(apperr.NotFound, surveys.ReasonSurveyNotFound)
	}
	v, err := s.Version(ctx, id, sv.Published, false)
	if err != nil {
		return sv, v, err
	}
	return sv, v, nil
}

// SaveDraft writes def as the survey's draft, given the survey's Rev the
// caller read: it replaces the unpublished latest version (on the
// condition that it is still unpublished) or, when the latest is
// published, adds version Latest+1 (on the condition that it does not
// exist). The survey's Rev must still be rev: of two saves at once one
// wins, the other is a Conflict survey_changed.
func (s *Store) SaveDraft(ctx context.Context, id string, rev int64, def surveys.Definition, by string, now time.Time) (surveys.Survey, surveys.Version, error) {
	sv, err := s.Get(ctx, id)
	if err != nil {
		return sv, surveys.Version{}, err
	}
	if sv.Rev != rev {
		return sv, surveys.Version{}, apperr.New(apperr.Conflict, surveys.ReasonSurveyChanged)
	}
	number, replace, err := surveys.Draft(sv, def)
	if err != nil {
		return sv, surveys.Version{}, err
	}
	v := surveys.Version{Survey: id, Number: number, Definition: def, CreatedAt: now, CreatedBy: by}
	vi, err := toVersionItem(v)
	if err != nil {
		return sv, v, err
	}
	var putV dynamo.TxItem
	if replace {
		putV, err = s.PutIf(vi, dynamo.Condition{Expr: unpublished}, surveys.ReasonSurveyChanged)
	} else {
		putV, err = s.PutIfAbsent(vi, surveys.ReasonSurveyChanged)
	}
	if err != nil {
		return sv, v, err
	}
	updS, err := s.UpdateIfVersion(SurveyKey(id), int(rev), map[string]any{
		"latest": number, "title": textItem(def.Title), "updatedAt": dynamo.Time(now),
	}, surveys.ReasonSurveyChanged)
	if err != nil {
		return sv, v, err
	}
	if err := s.Transact(ctx, "save survey draft "+id, []dynamo.TxItem{updS, putV}); err != nil {
		return sv, v, err
	}
	sv.Latest, sv.Title, sv.UpdatedAt, sv.Rev = number, def.Title, now, rev+1
	return sv, v, nil
}

// Publish publishes version number of the survey, given the survey's Rev
// the caller read: the version gets publishedAt on the condition that it
// has none, and the survey becomes open with Published = number, in one
// transaction conditional on rev.
func (s *Store) Publish(ctx context.Context, id string, rev int64, number int, now time.Time) (surveys.Survey, error) {
	sv, err := s.Get(ctx, id)
	if err != nil {
		return sv, err
	}
	if sv.Rev != rev {
		return sv, apperr.New(apperr.Conflict, surveys.ReasonSurveyChanged)
	}
	if err := surveys.CanPublish(sv, number); err != nil {
		return sv, err
	}
	v, err := s.Version(ctx, id, number, true)
	if err != nil {
		return sv, err
	}
	v.PublishedAt = now
	vi, err := toVersionItem(v)
	if err != nil {
		return sv, err
	}
	// The version item is written again as it was, with publishedAt: only
	// while it has none, so a published version never changes.
	pub, err := s.PutIf(vi, dynamo.Condition{Expr: unpublished}, surveys.ReasonNothingToPublish)
	if err != nil {
		return sv, err
	}
	updS, err := s.UpdateIfVersion(SurveyKey(id), int(rev), map[string]any{
		"published": number, "status": string(surveys.StatusOpen), "updatedAt": dynamo.Time(now),
	}, surveys.ReasonSurveyChanged)
	if err != nil {
		return sv, err
	}
	if err := s.Transact(ctx, "publish survey "+id, []dynamo.TxItem{updS, pub}, surveys.ReasonSurveyChanged); err != nil {
		return sv, err
	}
	sv.Published, sv.Status, sv.UpdatedAt, sv.Rev = number, surveys.StatusOpen, now, rev+1
	return sv, nil
}

// Close closes the survey, given its Rev the caller read: it takes no
// more answers, invitations or drafts.
func (s *Store) Close(ctx context.Context, id string, rev int64, now time.Time) (surveys.Survey, error) {
	sv, err := s.Get(ctx, id)
	if err != nil {
		return sv, err
	}
	if sv.Rev != rev {
		return sv, apperr.New(apperr.Conflict, surveys.ReasonSurveyChanged)
	}
	if sv.Status == surveys.StatusClosed {
		return sv, apperr.New(apperr.Conflict, surveys.ReasonSurveyClosed)
	}
	upd, err := s.UpdateIfVersion(SurveyKey(id), int(rev), map[string]any{
		"status": string(surveys.StatusClosed), "updatedAt": dynamo.Time(now),
	}, surveys.ReasonSurveyChanged)
	if err != nil {
		return sv, err
	}
	if err := s.Transact(ctx, "close survey "+id, []dynamo.TxItem{upd}); err != nil {
		return sv, err
	}
	sv.Status, sv.UpdatedAt, sv.Rev = surveys.StatusClosed, now, rev+1
	return sv, nil
}
