package surveydb

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"regexp"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
)

// Responses: RESPONSE#<surveyId>#<yyyy-mm> / <random 128-bit hex>, one
// item per anonymous response. The partition is the survey's Prague month,
// so that aggregates and exports Query a month (no Scan, no index); the
// sort key is random, so that neither the key nor the order of the items
// tells when a response came. The item holds the survey, the version, the
// month, the context facts, the easy-read mark and the values: no time
// finer than the month, no token, no person, no booking or registration.

// ResponsePrefix is the partition-key prefix of responses (registry
// KeyResponse).
const ResponsePrefix = "RESPONSE#"

// TypeResponse is the "type" of a response item.
const TypeResponse = "response"

// ReasonResponseExists is the reason of a response put whose random id
// is already taken (never in practice: 128 random bits).
const ReasonResponseExists apperr.Reason = "response_exists"

// Attributes of a response item.
const (
	attrSurvey      = "survey"
	attrVersion     = "surveyVersion"
	attrMonth       = "month"
	attrSource      = "source"
	attrForm        = "form"
	attrTopic       = "topic"
	attrRegion      = "region"
	attrTargetGroup = "targetGroup"
	attrWave        = "wave"
	attrEasyRead    = "easyRead"
	attrValues      = "values"
	valCodes        = "codes"
	valNumber       = "number"
	valText         = "text"
)

var (
	monthPattern = regexp.MustCompile(`^[0-9]{4}-(0[1-9]|1[0-2])$`)
	idPattern    = regexp.MustCompile(`^[0-9a-f]{32}$`)
)

// ResponsePartition is the partition of a survey's responses of one Prague
// month ("2026-11").
func ResponsePartition(survey, month string) string {
	return ResponsePrefix + survey + "#" + month
}

// ResponseKey is the key of one response.
func ResponseKey(survey, month, id string) dynamo.Key {
	return dynamo.Key{PK: ResponsePartition(survey, month), SK: id}
}

// NewResponseID returns a random 128-bit id in hex: no time in it, and
// nothing that orders the responses by their arrival.
func NewResponseID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}

// ResponsePut is the transaction item storing r (its ID must be new). It
// checks the response's shape: a survey, a version, a Prague month
// "yyyy-mm" and a random hex id (NewResponseID).
func (s *Store) ResponsePut(r surveys.Response) (dynamo.TxItem, error) {
	item, err := responseItem(r)
	if err != nil {
		return dynamo.TxItem{}, err
	}
	return s.PutIfAbsent(item, ReasonResponseExists)
}

func responseItem(r surveys.Response) (map[string]types.AttributeValue, error) {
	switch {
	case r.Survey == "":
		return nil, fmt.Errorf("response: no survey")
	case r.Version < 1:
		return nil, fmt.Errorf("response: version %d", r.Version)
	case !monthPattern.MatchString(r.Month):
		return nil, fmt.Errorf("response: month %q is not yyyy-mm", r.Month)
	case !idPattern.MatchString(r.ID):
		return nil, fmt.Errorf("response: id is not 128-bit hex")
	}
	k := ResponseKey(r.Survey, r.Month, r.ID)
	item := map[string]types.AttributeValue{
		dynamo.AttrPK:   dynamo.S(k.PK),
		dynamo.AttrSK:   dynamo.S(k.SK),
		dynamo.AttrType: dynamo.S(TypeResponse),
		attrSurvey:      dynamo.S(r.Survey),
		attrVersion:     dynamo.N(int64(r.Version)),
		attrMonth:       dynamo.S(r.Month),
		attrSource:      dynamo.S(string(r.Context.Source)),
		attrEasyRead:    &types.AttributeValueMemberBOOL{Value: r.EasyRead},
	}
	for attr, v := range map[string]string{attrForm: r.Context.Form, attrTopic: r.Context.Topic,
		attrRegion: r.Context.Region, attrTargetGroup: r.Context.TargetGroup, attrWave: r.Context.Wave} {
		if v != "" {
			item[attr] = dynamo.S(v)
		}
	}
	values := make(map[string]types.AttributeValue, len(r.Values))
	for name, v := range r.Values {
		switch {
		case v.Codes != nil:
			codes := make([]types.AttributeValue, len(v.Codes))
			for i, c := range v.Codes {
				codes[i] = dynamo.N(int64(c))
			}
			values[name] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{valCodes: &types.AttributeValueMemberL{Value: codes}}}
		case v.Number != nil:
			values[name] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{
				valNumber: &types.AttributeValueMemberN{Value: strconv.FormatFloat(*v.Number, 'g', -1, 64)}}}
		case v.Text != "":
			values[name] = &types.AttributeValueMemberM{Value: map[string]types.AttributeValue{valText: dynamo.S(v.Text)}}
		}
	}
	item[attrValues] = &types.AttributeValueMemberM{Value: values}
	return item, nil
}

// ResponsePageSize is the most responses one page of EachResponse holds.
// A full 1 MB page of responses decodes to several MB of Go values (each
// response a map of answers); pages of 250 keep a reader's heap near 1 MB
// whatever the month holds, for a few more round trips (the read costs
// the same: DynamoDB charges by the data read, not by the page).
const ResponsePageSize = 250

// EachResponse calls fn for every response of a survey in one Prague month
// ("2026-11"), page by page (a Query of the month's partition, never a
// Scan): memory stays that of one page however many responses there are.
// An error of fn stops it and is returned.
func (s *Store) EachResponse(ctx context.Context, survey, month string, fn func(surveys.Response) error) error {
	if !monthPattern.MatchString(month) {
		return fmt.Errorf("responses: month %q is not yyyy-mm", month)
	}
	in := &dynamodb.QueryInput{
		KeyConditionExpression:    aws.String("#pk = :pk"),
		ExpressionAttributeNames:  map[string]string{"#pk": dynamo.AttrPK},
		ExpressionAttributeValues: map[string]types.AttributeValue{":pk": dynamo.S(ResponsePartition(survey, month))},
		Limit:                     aws.Int32(ResponsePageSize),
	}
	return s.QueryEach(ctx, in, func(item map[string]types.AttributeValue) error {
		r, err := decodeResponse(item)
		if err != nil {
			return err
		}
		return fn(r)
	})
}

func decodeResponse(item map[string]types.AttributeValue) (surveys.Response, error) {
	str := func(a string) string {
		if v, ok := item[a].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	r := surveys.Response{
		ID: str(dynamo.AttrSK), Survey: str(attrSurvey), Month: str(attrMonth),
		Context: surveys.Context{
			Source: surveys.Source(str(attrSource)), Form: str(attrForm), Topic: str(attrTopic),
			Region: str(attrRegion), TargetGroup: str(attrTargetGroup), Wave: str(attrWave),
		},
	}
	if v, ok := item[attrVersion].(*types.AttributeValueMemberN); ok {
		n, err := strconv.Atoi(v.Value)
		if err != nil {
			return r, fmt.Errorf("response %s: version %q", r.ID, v.Value)
		}
		r.Version = n
	}
	if v, ok := item[attrEasyRead].(*types.AttributeValueMemberBOOL); ok {
		r.EasyRead = v.Value
	}
	m, _ := item[attrValues].(*types.AttributeValueMemberM)
	if m == nil {
		return r, nil
	}
	r.Values = make(map[string]surveys.Value, len(m.Value))
	for name, av := range m.Value {
		vm, ok := av.(*types.AttributeValueMemberM)
		if !ok {
			return r, fmt.Errorf("response %s: value %s is not a map", r.ID, name)
		}
		var v surveys.Value
		if l, ok := vm.Value[valCodes].(*types.AttributeValueMemberL); ok {
			v.Codes = make([]int, 0, len(l.Value))
			for _, c := range l.Value {
				n, ok := c.(*types.AttributeValueMemberN)
				if !ok {
					return r, fmt.Errorf("response %s: value %s: a code is not a number", r.ID, name)
				}
				code, err := strconv.Atoi(n.Value)
				if err != nil {
					return r, fmt.Errorf("response %s: value %s: code %q", r.ID, name, n.Value)
				}
				v.Codes = append(v.Codes, code)
			}
		}
		if n, ok := vm.Value[valNumber].(*types.AttributeValueMemberN); ok {
			f, err := strconv.ParseFloat(n.Value, 64)
			if err != nil {
				return r, fmt.Errorf("response %s: value %s: number %q", r.ID, name, n.Value)
			}
			v.Number = &f
		}
		if t, ok := vm.Value[valText].(*types.AttributeValueMemberS); ok {
			v.Text = t.Value
		}
		r.Values[name] = v
	}
	return r, nil
}
