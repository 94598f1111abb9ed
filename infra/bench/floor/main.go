// Command floor is the hello-world Lambda that infra/bench measures every
// function against: an aws-lambda-go handler with an aws-sdk-go-v2
// DynamoDB client built once at cold start (config.LoadDefaultConfig +
// dynamodb.NewFromConfig) and used by the handler, so the linker keeps it.
// It is not deployed; it is the smallest function that can talk to
// DynamoDB, the floor below which no Brána function can go.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

type handler struct {
	db    *dynamodb.Client
	table string
}

// Handle reads one item and says hello.
func (h handler) Handle(ctx context.Context) (string, error) {
	out, err := h.db.GetItem(ctx, &dynamodb.GetItemInput{
		TableName: aws.String(h.table),
		Key:       map[string]types.AttributeValue{"pk": &types.AttributeValueMemberS{Value: "hello"}},
	})
	if err != nil {
		return "", fmt.Errorf("get hello: %w", err)
	}
	return fmt.Sprintf("hello, %d attributes", len(out.Item)), nil
}

func main() {
	cfg, err := config.LoadDefaultConfig(context.Background())
	if err != nil {
		fmt.Fprintln(os.Stderr, "load aws config:", err)
		os.Exit(1)
	}
	h := handler{db: dynamodb.NewFromConfig(cfg), table: os.Getenv("TABLE_NAME")}
	lambda.Start(h.Handle)
}
