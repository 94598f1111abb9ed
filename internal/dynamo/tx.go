package dynamo

import (
	"fmt"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/attributevalue"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
)

// AttrType is the attribute every item carries to name what it is
// ("booking", "claim", "day", …).
const AttrType = "type"

// AttrVersion is the optimistic-locking attribute PutIfVersion and
// UpdateIfVersion guard.
const AttrVersion = "version"

// TxItem is one write of a transaction together with what its condition
// failing means: a reason owned by the domain that raises it, reported as a
// Conflict unless WithCode says otherwise. Build it with the Store's
// builders (PutIfAbsent, PutIfVersion, UpdateIfVersion, Add, DeleteIfOwned,
// Check, Put, Delete) and run it with Transact.
type TxItem struct {
	item   types.TransactWriteItem
	reason apperr.Reason
	code   apperr.Code
}

// txItem is the name outbox.go builds its item with.
type txItem = TxItem

// Reason is what the item's failed condition means ("" for an item without
// a condition).
func (t TxItem) Reason() apperr.Reason { return t.reason }

// Because returns the item with another reason for its condition failing.
func (t TxItem) Because(r apperr.Reason) TxItem { t.reason = r; return t }

// WithCode returns the item reporting its failed condition with code
// instead of Conflict (an inactive expert is NotFound, say).
func (t TxItem) WithCode(code apperr.Code) TxItem { t.code = code; return t }

// Write is the DynamoDB form of the item (for tests and logs).
func (t TxItem) Write() types.TransactWriteItem { return t.item }

// Condition is a condition expression with its names and values.
type Condition struct {
	Expr   string
	Names  map[string]string
	Values map[string]types.AttributeValue
}

// Equals is the condition that attr holds v.
func Equals(attr string, v types.AttributeValue) Condition {
	return Condition{Expr: "#a = :v", Names: map[string]string{"#a": attr}, Values: map[string]types.AttributeValue{":v": v}}
}

// Marshal renders an item: a map of attributes as it is, anything else
// through attributevalue.MarshalMap (struct tags `dynamodbav`).
func Marshal(item any) (map[string]types.AttributeValue, error) {
	if m, ok := item.(map[string]types.AttributeValue); ok {
		return m, nil
	}
	av, err := attributevalue.MarshalMap(item)
	if err != nil {
		return nil, fmt.Errorf("marshal item: %w", err)
	}
	return av, nil
}

func nilIfEmpty[M ~map[K]V, K comparable, V any](m M) M {
	if len(m) == 0 {
		return nil
	}
	return m
}

func (s *Store) put(item any, c Condition, reason apperr.Reason) (TxItem, error) {
	av, err := Marshal(item)
	if err != nil {
		return TxItem{}, err
	}
	p := &types.Put{TableName: aws.String(s.table), Item: av, ExpressionAttributeNames: nilIfEmpty(c.Names), ExpressionAttributeValues: nilIfEmpty(c.Values)}
	if c.Expr != "" {
		p.ConditionExpression = aws.String(c.Expr)
	}
	return TxItem{item: types.TransactWriteItem{Put: p}, reason: reason}, nil
}

// Put writes an item whatever is stored under its key.
func (s *Store) Put(item any) (TxItem, error) { return s.put(item, Condition{}, "") }

// PutIfAbsent writes an item whose key must not exist yet.
func (s *Store) PutIfAbsent(item any, reason apperr.Reason) (TxItem, error) {
	return s.put(item, Condition{Expr: "attribute_not_exists(" + AttrPK + ")"}, reason)
}

// PutIf writes an item if c holds for what is stored under its key.
func (s *Store) PutIf(item any, c Condition, reason apperr.Reason) (TxItem, error) {
	return s.put(item, c, reason)
}

// PutIfVersion replaces an item whose stored "version" is prev; prev 0
// means the item must not exist yet. The new item carries its own version.
func (s *Store) PutIfVersion(item any, prev int, reason apperr.Reason) (TxItem, error) {
	if prev == 0 {
		return s.PutIfAbsent(item, reason)
	}
	return s.put(item, versionIs(prev), reason)
}

func versionIs(prev int) Condition {
	return Condition{Expr: "#version = :prev", Names: map[string]string{"#version": AttrVersion}, Values: map[string]types.AttributeValue{":prev": N(int64(prev))}}
}

// UpdateIfVersion sets attributes of an existing item whose "version" is
// prev and makes its version prev+1. set maps attribute names to values
// (marshalled with attributevalue).
func (s *Store) UpdateIfVersion(k Key, prev int, set map[string]any, reason apperr.Reason) (TxItem, error) {
	c := versionIs(prev)
	c.Values[":next"] = N(int64(prev) + 1)
	expr := "SET #version = :next"
	i := 0
	for _, name := range sortedKeys(set) {
		av, err := attributevalue.Marshal(set[name])
		if err != nil {
			return TxItem{}, fmt.Errorf("marshal %s: %w", name, err)
		}
		i++
		n, v := fmt.Sprintf("#s%d", i), fmt.Sprintf(":s%d", i)
		c.Names[n], c.Values[v] = name, av
		expr += ", " + n + " = " + v
	}
	return TxItem{reason: reason, item: types.TransactWriteItem{Update: &types.Update{
		TableName: aws.String(s.table), Key: k.AV(), UpdateExpression: aws.String(expr),
		ConditionExpression: aws.String(c.Expr), ExpressionAttributeNames: c.Names, ExpressionAttributeValues: c.Values,
	}}}, nil
}

// Counter is a number attribute of one item that transactions add to. The
// item is created by the first addition.
type Counter struct {
	Key  Key
	Attr string // the number attribute
	Type string // set as the item's "type" with every addition ("" not at all)
}

// Add adds delta to a counter. With max > 0 the bound is part of the
// condition: the addition fails with reason unless the result is at most
// max, however many transactions add at once (DynamoDB evaluates the
// condition and the ADD atomically). max 0 is no bound; a negative delta
// is never refused.
func (s *Store) Add(c Counter, delta, max int64, reason apperr.Reason) TxItem {
	u := &types.Update{
		TableName: aws.String(s.table), Key: c.Key.AV(),
		UpdateExpression:          aws.String("ADD #n :delta"),
		ExpressionAttributeNames:  map[string]string{"#n": c.Attr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":delta": N(delta)},
	}
	if c.Type != "" {
		u.UpdateExpression = aws.String("ADD #n :delta SET #type = :type")
		u.ExpressionAttributeNames["#type"] = AttrType
		u.ExpressionAttributeValues[":type"] = S(c.Type)
	}
	if max > 0 && delta > 0 {
		// No arithmetic in conditions: n + delta <= max is n <= max - delta.
		// A missing counter is 0, which is within the bound iff delta <= max.
		u.ConditionExpression = aws.String("#n <= :limit")
		if delta <= max {
			u.ConditionExpression = aws.String("attribute_not_exists(#n) OR #n <= :limit")
		}
		u.ExpressionAttributeValues[":limit"] = N(max - delta)
	}
	return TxItem{reason: reason, item: types.TransactWriteItem{Update: u}}
}

// DeleteIfOwned deletes an item whose attr holds owner (a claim still held
// by the booking that gives it back, a link still pointing at its record).
func (s *Store) DeleteIfOwned(k Key, attr, owner string, reason apperr.Reason) TxItem {
	return TxItem{reason: reason, item: types.TransactWriteItem{Delete: &types.Delete{
		TableName: aws.String(s.table), Key: k.AV(),
		ConditionExpression:       aws.String("#owner = :owner"),
		ExpressionAttributeNames:  map[string]string{"#owner": attr},
		ExpressionAttributeValues: map[string]types.AttributeValue{":owner": S(owner)},
	}}}
}

// Delete deletes an item if it exists; a missing item is no failure.
func (s *Store) Delete(k Key) TxItem {
	return TxItem{item: types.TransactWriteItem{Delete: &types.Delete{TableName: aws.String(s.table), Key: k.AV()}}}
}

// Check makes the transaction depend on c holding for the item at k,
// writing nothing (a missing item fails any condition on its attributes).
func (s *Store) Check(k Key, c Condition, reason apperr.Reason) TxItem {
	return TxItem{reason: reason, item: types.TransactWriteItem{ConditionCheck: &types.ConditionCheck{
		TableName: aws.String(s.table), Key: k.AV(), ConditionExpression: aws.String(c.Expr),
		ExpressionAttributeNames: nilIfEmpty(c.Names), ExpressionAttributeValues: nilIfEmpty(c.Values),
	}}}
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
