package dynamo

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/mail"
	"github.com/mpsv/brana/internal/outbox"
)

var _ outbox.Store = (*Store)(nil)

const (
	outboxSK        = "OUTBOX"
	outboxPending   = "OUTBOX#PENDING"
	OutboxKeyPrefix = "OUTBOX#" // the stream filter of the outbox sender matches it
)

func outboxPK(id string) string { return OutboxKeyPrefix + id }

type outboxItem struct {
	PK, SK        string
	GSI1PK        string `dynamodbav:"GSI1PK,omitempty"`
	GSI1SK        string `dynamodbav:"GSI1SK,omitempty"`
	Type          string `dynamodbav:"type"`
	ID            string `dynamodbav:"id"`
	Ref           string `dynamodbav:"ref"`
	Template      string `dynamodbav:"template"`
	Lang          string `dynamodbav:"lang"`
	ToName        string `dynamodbav:"toName,omitempty"`
	ToEmail       string `dynamodbav:"toEmail"`
	Data          string `dynamodbav:"data"` // the template's data, JSON
	Sealed        []byte `dynamodbav:"sealed,omitempty"`
	Status        string `dynamodbav:"status"`
	Attempts      int    `dynamodbav:"attempts"`
	NextAttemptAt string `dynamodbav:"nextAttemptAt"`
	LeaseUntil    string `dynamodbav:"leaseUntil,omitempty"`
	LeaseID       string `dynamodbav:"leaseId,omitempty"`
	LastError     string `dynamodbav:"lastError,omitempty"`
	CreatedAt     string `dynamodbav:"createdAt"`
	SentAt        string `dynamodbav:"sentAt,omitempty"`
	FailedAt      string `dynamodbav:"failedAt,omitempty"`
	ExpiresAt     int64  `dynamodbav:"expiresAt,omitempty"`
}

func pendingSK(next time.Time, id string) string { return ts(next) + "#" + id }

func (s *Store) outboxPut(it outbox.Item) (txItem, error) {
	put, err := s.outboxPutInput(it)
	if err != nil {
		return txItem{}, err
	}
	return txItem{reason: "outbox_exists", item: types.TransactWriteItem{Put: put}}, nil
}

// outboxPutInput is the put of a new pending item. Outbox ids are derived
// from what they announce: the same e-mail can never be queued twice.
func (s *Store) outboxPutInput(it outbox.Item) (*types.Put, error) {
	m := it.Message
	if m.Secret != "" {
		return nil, fmt.Errorf("outbox item %s: secret not sealed", it.ID)
	}
	if m.Template == "" || !json.Valid(m.Data) {
		return nil, fmt.Errorf("outbox item %s: no template or data not JSON", it.ID)
	}
	av, err := attributevalue.MarshalMap(outboxItem{
		PK: outboxPK(it.ID), SK: outboxSK, GSI1PK: outboxPending, GSI1SK: pendingSK(it.NextAttemptAt, it.ID),
		Type: "outbox", ID: it.ID, Ref: it.Ref,
		Template: m.Template, Lang: m.Lang, ToName: m.To.Name, ToEmail: m.To.Email, Data: string(m.Data),
		Sealed: it.Sealed, Status: string(outbox.StatusPending), NextAttemptAt: ts(it.NextAttemptAt), CreatedAt: ts(it.CreatedAt),
		ExpiresAt: expiry(it),
	})
	if err != nil {
		return nil, fmt.Errorf("marshal outbox item %s: %w", it.ID, err)
	}
	return &types.Put{TableName: aws.String(s.table), Item: av, ConditionExpression: aws.String("attribute_not_exists(PK)")}, nil
}

// PutOutbox queues one item on its own, for a capability whose e-mail is
// not written with another change. It returns a Conflict "outbox_exists"
// if an item with that id was queued before.
func (s *Store) PutOutbox(ctx context.Context, it outbox.Item) error {
	put, err := s.outboxPutInput(it)
	if err != nil {
		return err
	}
	_, err = s.api.PutItem(ctx, &dynamodb.PutItemInput{
		TableName: put.TableName, Item: put.Item, ConditionExpression: put.ConditionExpression,
	})
	if err != nil {
		if isConditionFailed(err) {
			return apperr.New(apperr.Conflict, "outbox_exists")
		}
		return fmt.Errorf("put outbox item %s: %w", it.ID, err)
	}
	return nil
}

// expiry is a pending item's TTL: its own, or PendingRetention after its
// creation.
func expiry(it outbox.Item) int64 {
	if !it.ExpiresAt.IsZero() {
		return it.ExpiresAt.Unix()
	}
	return it.CreatedAt.Add(outbox.PendingRetention).Unix()
}

func (it outboxItem) item() (outbox.Item, error) {
	out := outbox.Item{
		ID: it.ID, Ref: it.Ref, Sealed: it.Sealed, Status: outbox.Status(it.Status),
		Attempts: it.Attempts, LeaseID: it.LeaseID, LastError: it.LastError,
		Message: mail.Message{
			ID: it.ID, Template: it.Template, Lang: it.Lang,
			To: mail.Address{Name: it.ToName, Email: it.ToEmail}, Data: []byte(it.Data),
		},
	}
	for _, f := range []struct {
		dst *time.Time
		src string
	}{{&out.NextAttemptAt, it.NextAttemptAt}, {&out.LeaseUntil, it.LeaseUntil}, {&out.CreatedAt, it.CreatedAt}, {&out.SentAt, it.SentAt}} {
		t, err := parseTS(f.src)
		if err != nil {
			return out, err
		}
		*f.dst = t
	}
	out.Message.CreatedAt = out.CreatedAt
	if it.ExpiresAt != 0 {
		out.ExpiresAt = time.Unix(it.ExpiresAt, 0).UTC()
	}
	return out, nil
}

// PendingOutbox lists pending items due by now, oldest first (GSI1).
func (s *Store) PendingOutbox(ctx context.Context, now time.Time, limit int) ([]string, error) {
	var ids []string
	in := &dynamodb.QueryInput{
		IndexName:              aws.String(IndexGSI1),
		KeyConditionExpression: aws.String("GSI1PK = :pk AND GSI1SK <= :due"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":pk": str(outboxPending), ":due": str(ts(now) + "#~"),
		},
		ProjectionExpression: aws.String("id"),
	}
	if limit > 0 {
		in.Limit = aws.Int32(int32(limit))
	}
	in.TableName = aws.String(s.table)
	out, err := s.api.Query(ctx, in)
	if err != nil {
		return nil, fmt.Errorf("query pending outbox: %w", err)
	}
	for _, item := range out.Items {
		if v, ok := item["id"].(*types.AttributeValueMemberS); ok {
			ids = append(ids, v.Value)
		}
	}
	return ids, nil
}

// LeaseOutbox takes a pending item that is due (its nextAttemptAt has come:
// a stream retry or a sweep never attempts it early) and whose lease is
// free or ended before staleBefore. Times are stored as fixed-width UTC
// text, so they compare as strings.
func (s *Store) LeaseOutbox(ctx context.Context, id, leaseID string, now, until, staleBefore time.Time) (outbox.Item, error) {
	out, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:        aws.String(s.table),
		Key:              key(outboxPK(id), outboxSK),
		UpdateExpression: aws.String("SET leaseUntil = :until, leaseId = :lease, attempts = attempts + :one"),
		ConditionExpression: aws.String("#status = :pending AND nextAttemptAt <= :now" +
			" AND (attribute_not_exists(leaseUntil) OR leaseUntil < :stale)"),
		ExpressionAttributeNames: map[string]string{"#status": "status"},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":until": str(ts(until)), ":lease": str(leaseID), ":one": num(1),
			":pending": str(string(outbox.StatusPending)), ":now": str(ts(now)), ":stale": str(ts(staleBefore)),
		},
		ReturnValues: types.ReturnValueAllNew,
	})
	if err != nil {
		if isConditionFailed(err) {
			return outbox.Item{}, apperr.New(apperr.Conflict, "outbox_busy")
		}
		return outbox.Item{}, fmt.Errorf("lease outbox item %s: %w", id, err)
	}
	var it outboxItem
	if err := attributevalue.UnmarshalMap(out.Attributes, &it); err != nil {
		return outbox.Item{}, fmt.Errorf("unmarshal outbox item %s: %w", id, err)
	}
	return it.item()
}

// CompleteOutbox marks a leased item sent, drops it from the pending index
// and its sealed link, and sets its expiry.
func (s *Store) CompleteOutbox(ctx context.Context, id, leaseID string, sentAt, expiresAt time.Time) error {
	_, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(s.table),
		Key:                      key(outboxPK(id), outboxSK),
		UpdateExpression:         aws.String("SET #status = :sent, sentAt = :at, #exp = :exp REMOVE GSI1PK, GSI1SK, sealed, leaseUntil, leaseId, lastError"),
		ConditionExpression:      aws.String("leaseId = :lease"),
		ExpressionAttributeNames: map[string]string{"#status": "status", "#exp": AttrTTL},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":sent": str(string(outbox.StatusSent)), ":at": str(ts(sentAt)), ":exp": num(expiresAt.Unix()), ":lease": str(leaseID),
		},
	})
	if err != nil {
		if isConditionFailed(err) {
			return apperr.New(apperr.Conflict, "outbox_lease_lost")
		}
		return fmt.Errorf("complete outbox item %s: %w", id, err)
	}
	return nil
}

// RetryOutbox releases a leased item for a later attempt.
func (s *Store) RetryOutbox(ctx context.Context, id, leaseID string, next time.Time, reason string) error {
	_, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:           aws.String(s.table),
		Key:                 key(outboxPK(id), outboxSK),
		UpdateExpression:    aws.String("SET nextAttemptAt = :next, GSI1SK = :sk, lastError = :reason REMOVE leaseUntil, leaseId"),
		ConditionExpression: aws.String("leaseId = :lease"),
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":next": str(ts(next)), ":sk": str(pendingSK(next, id)), ":reason": str(reason), ":lease": str(leaseID),
		},
	})
	if err != nil {
		if isConditionFailed(err) {
			return apperr.New(apperr.Conflict, "outbox_lease_lost")
		}
		return fmt.Errorf("release outbox item %s: %w", id, err)
	}
	return nil
}

// FailOutbox marks a leased item failed for good: it leaves the pending
// index, drops its sealed link and expires at expiresAt.
func (s *Store) FailOutbox(ctx context.Context, id, leaseID string, at, expiresAt time.Time, reason string) error {
	_, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(s.table),
		Key:                      key(outboxPK(id), outboxSK),
		UpdateExpression:         aws.String("SET #status = :failed, failedAt = :at, lastError = :reason, #exp = :exp REMOVE GSI1PK, GSI1SK, sealed, leaseUntil, leaseId"),
		ConditionExpression:      aws.String("leaseId = :lease"),
		ExpressionAttributeNames: map[string]string{"#status": "status", "#exp": AttrTTL},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":failed": str(string(outbox.StatusFailed)), ":at": str(ts(at)), ":reason": str(reason),
			":exp": num(expiresAt.Unix()), ":lease": str(leaseID),
		},
	})
	if err != nil {
		if isConditionFailed(err) {
			return apperr.New(apperr.Conflict, "outbox_lease_lost")
		}
		return fmt.Errorf("fail outbox item %s: %w", id, err)
	}
	return nil
}

// GetOutbox reads one outbox item (tests and operators).
func (s *Store) GetOutbox(ctx context.Context, id string) (outbox.Item, error) {
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String(s.table), Key: key(outboxPK(id), outboxSK), ConsistentRead: aws.Bool(true)})
	if err != nil {
		return outbox.Item{}, fmt.Errorf("get outbox item %s: %w", id, err)
	}
	if len(out.Item) == 0 {
		return outbox.Item{}, apperr.New(apperr.NotFound, "not_found")
	}
	var it outboxItem
	if err := attributevalue.UnmarshalMap(out.Item, &it); err != nil {
		return outbox.Item{}, fmt.Errorf("unmarshal outbox item %s: %w", id, err)
	}
	return it.item()
}
