package surveyapi_test

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
)

// recording passes calls through and keeps the transactions it sees.
type recording struct {
	dynamo.API
	mu     sync.Mutex
	record bool
	txs    []*dynamodb.TransactWriteItemsInput
}

func (r *recording) TransactWriteItems(ctx context.Context, in *dynamodb.TransactWriteItemsInput, opts ...func(*dynamodb.Options)) (*dynamodb.TransactWriteItemsOutput, error) {
	if r.record {
		r.mu.Lock()
		r.txs = append(r.txs, in)
		r.mu.Unlock()
	}
	return r.API.TransactWriteItems(ctx, in, opts...)
}

func benchFixture(b *testing.B, rec *recording) *fixture {
	b.Helper()
	return newBenchFixture(b, apptest.Options{Quiet: true, Wrap: func(a dynamo.API) dynamo.API { rec.API = a; return rec }})
}

// submitAll sends n public responses, each from another browser and with
// its own Idempotency-Key.
func submitAll(b *testing.B, f *fixture, n int) {
	for i := range n {
		ev := submit(awarenessID, publicBody("client", "CZ064", fmt.Sprintf("bench-browser-key-%08d", i)), "Idempotency-Key", fmt.Sprintf("bench-%d", i))
		if resp := f.Invoke("surveys", ev); resp.StatusCode != http.StatusOK {
			b.Fatalf("response %d: got %d %s", i, resp.StatusCode, resp.Body)
		}
	}
}

// answerAll answers n invitations made beforehand.
func answerAll(b *testing.B, f *fixture, tokens []string) {
	for i, tok := range tokens {
		ev := submitInvited(tok, evaluationBody(), "Idempotency-Key", fmt.Sprintf("bench-%d", i))
		if resp := f.Invoke("surveys", ev); resp.StatusCode != http.StatusOK {
			b.Fatalf("invited response %d: got %d %s", i, resp.StatusCode, resp.Body)
		}
	}
}

func retable(it *types.TransactWriteItem, table string) {
	switch {
	case it.Put != nil:
		it.Put.TableName = &table
	case it.Update != nil:
		it.Update.TableName = &table
	case it.Delete != nil:
		it.Delete.TableName = &table
	case it.ConditionCheck != nil:
		it.ConditionCheck.TableName = &table
	}
}

// replay sends recorded transactions to another fixture's table.
func replay(b *testing.B, txs []*dynamodb.TransactWriteItemsInput, dst *fixture) {
	for _, in := range txs {
		in.ClientRequestToken = nil
		for i := range in.TransactItems {
			retable(&in.TransactItems[i], dst.Table)
		}
	}
	b.ResetTimer()
	for _, in := range txs {
		if _, err := dst.Client.TransactWriteItems(context.Background(), in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSubmitResponse answers the awareness survey through the
// handler (decode, spend the proof of work, read the idempotency record,
// the survey and its version, validate the answers, one transaction:
// response, survey check, browser marker, idempotency record) next to the
// floor: the same transactions sent bare to a table holding the survey.
func BenchmarkSubmitResponse(b *testing.B) {
	b.Run("handler", func(b *testing.B) {
		f := benchFixture(b, &recording{})
		b.ResetTimer()
		submitAll(b, f, b.N)
	})
	b.Run("bare-transaction", func(b *testing.B) {
		rec := &recording{}
		src := benchFixture(b, rec)
		rec.record = true
		submitAll(b, src, b.N)
		replay(b, rec.txs, benchFixture(b, &recording{}))
	})
}

// BenchmarkSubmitInvitedResponse answers invitations through the handler
// (read the invitation, the survey and its version, validate, one
// transaction: response, invitation used, counter, idempotency record)
// next to the same transactions sent bare to a table holding the
// invitations.
func BenchmarkSubmitInvitedResponse(b *testing.B) {
	invite := func(f *fixture, n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = f.invite(fmt.Sprintf("bench-booking-%d", i))
		}
		return out
	}
	b.Run("handler", func(b *testing.B) {
		f := benchFixture(b, &recording{})
		tokens := invite(f, b.N)
		b.ResetTimer()
		answerAll(b, f, tokens)
	})
	b.Run("bare-transaction", func(b *testing.B) {
		rec := &recording{}
		src := benchFixture(b, rec)
		tokens := invite(src, b.N)
		// The destination holds the same open invitations: the recorded
		// transactions replace them on their condition.
		dst := benchFixture(b, &recording{})
		for _, tok := range tokens {
			k := map[string]types.AttributeValue{
				"PK": &types.AttributeValueMemberS{Value: "INVITATION#" + surveys.InvitationTokenHash(tok)},
				"SK": &types.AttributeValueMemberS{Value: "INVITATION"},
			}
			out, err := src.Client.GetItem(context.Background(), &dynamodb.GetItemInput{TableName: &src.Table, Key: k})
			if err != nil || out.Item == nil {
				b.Fatalf("read invitation: %v", err)
			}
			if _, err := dst.Client.PutItem(context.Background(), &dynamodb.PutItemInput{TableName: &dst.Table, Item: out.Item}); err != nil {
				b.Fatal(err)
			}
		}
		rec.record = true
		answerAll(b, src, tokens)
		replay(b, rec.txs, dst)
	})
}
