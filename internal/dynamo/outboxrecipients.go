package dynamo

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Items about e-mail recipients, keyed by a keyed HMAC of the address
// (outbox.Recipients), never the address itself.
const (
	MailCapKeyPrefix     = "MAILCAP#"  // a recipient's e-mails on one Prague day
	SuppressionKeyPrefix = "SUPPRESS#" // a recipient that bounced or complained
	mailCapSK            = "MAILCAP"
	suppressionSK        = "SUPPRESS"
	attrCount            = "count"
)

// CountMail adds one to a recipient's daily counter unless it is at limit:
// the bound is the update's condition, so concurrent senders never pass it.
// The counter expires at expiresAt.
func (s *Store) CountMail(ctx context.Context, counter string, limit int, expiresAt time.Time) (bool, error) {
	_, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                aws.String(s.table),
		Key:                      key(MailCapKeyPrefix+counter, mailCapSK),
		UpdateExpression:         aws.String("ADD #n :one SET #type = :type, #exp = :exp"),
		ConditionExpression:      aws.String("attribute_not_exists(#n) OR #n < :limit"),
		ExpressionAttributeNames: map[string]string{"#n": attrCount, "#type": AttrType, "#exp": AttrTTL},
		ExpressionAttributeValues: map[string]types.AttributeValue{
			":one": num(1), ":type": str("mailcap"), ":exp": num(expiresAt.Unix()), ":limit": num(int64(limit)),
		},
	})
	if err != nil {
		if isConditionFailed(err) {
			return false, nil
		}
		return false, fmt.Errorf("count mail: %w", err)
	}
	return true, nil
}

// UncountMail gives one back to a recipient's daily counter.
func (s *Store) UncountMail(ctx context.Context, counter string) error {
	_, err := s.api.UpdateItem(ctx, &dynamodb.UpdateItemInput{
		TableName:                 aws.String(s.table),
		Key:                       key(MailCapKeyPrefix+counter, mailCapSK),
		UpdateExpression:          aws.String("ADD #n :minus"),
		ConditionExpression:       aws.String("#n > :zero"),
		ExpressionAttributeNames:  map[string]string{"#n": attrCount},
		ExpressionAttributeValues: map[string]types.AttributeValue{":minus": num(-1), ":zero": num(0)},
	})
	if err != nil && !isConditionFailed(err) {
		return fmt.Errorf("uncount mail: %w", err)
	}
	return nil
}

// Suppressed reports whether a suppression entry exists for the recipient.
// A read is enough: suppression is advice from SES, not an invariant
// between concurrent writers.
func (s *Store) Suppressed(ctx context.Context, recipient string) (bool, error) {
	out, err := s.api.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(s.table), Key: key(SuppressionKeyPrefix+recipient, suppressionSK),
		ProjectionExpression: aws.String("PK"),
	})
	if err != nil {
		return false, fmt.Errorf("read suppression: %w", err)
	}
	return len(out.Item) > 0, nil
}

// Suppression is why and since when a recipient gets no more e-mail.
type Suppression struct {
	Recipient string    // outbox.Recipients.Suppression of the address
	Reason    string    // "bounce" (permanent) or "complaint"
	At        time.Time // when SES reported it
	// ExpiresAt is when the entry lapses (zero for never): a mailbox that
	// did not exist may exist a year later.
	ExpiresAt time.Time
}

// PutSuppression records (or renews) a suppression entry.
func (s *Store) PutSuppression(ctx context.Context, sup Suppression) error {
	item := map[string]types.AttributeValue{
		AttrPK: str(SuppressionKeyPrefix + sup.Recipient), AttrSK: str(suppressionSK),
		AttrType: str("suppression"), "reason": str(sup.Reason), "at": str(ts(sup.At)),
	}
	if !sup.ExpiresAt.IsZero() {
		item[AttrTTL] = num(sup.ExpiresAt.Unix())
	}
	if _, err := s.api.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String(s.table), Item: item}); err != nil {
		return fmt.Errorf("put suppression: %w", err)
	}
	return nil
}
