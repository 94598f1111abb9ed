// Package starter is the cloud's reports.Starter: an asynchronous Lambda
// invocation (InvocationType Event) of the report-compile function with a
// reports.RunRequest, the staff re-run route's way to start a run without
// waiting for it. Lambda queues the event and retries it on failure; the
// run itself is idempotent (a re-run over unchanged facts stores
// nothing). Only the staff-reports function links it.
package starter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/mpsv/brana/internal/reports"
)

// Invoker is the part of the Lambda client the starter uses.
type Invoker interface {
	Invoke(ctx context.Context, in *lambda.InvokeInput, opts ...func(*lambda.Options)) (*lambda.InvokeOutput, error)
}

// Lambda starts runs by invoking a function asynchronously.
type Lambda struct {
	Client   Invoker
	Function string // the compile function's name or ARN (reports.EnvCompile)
}

// New returns the starter of the function named by the environment
// variable reports.EnvCompile, on cfg.
func New(cfg aws.Config, function string) (Lambda, error) {
	if function == "" {
		return Lambda{}, fmt.Errorf("starter: %s is not set", reports.EnvCompile)
	}
	return Lambda{Client: lambda.NewFromConfig(cfg), Function: function}, nil
}

var _ reports.Starter = Lambda{}

// Start queues req as an asynchronous invocation; Lambda answers 202
// once the event is queued.
func (l Lambda) Start(ctx context.Context, req reports.RunRequest) error {
	payload, err := json.Marshal(req)
	if err != nil {
		return err
	}
	out, err := l.Client.Invoke(ctx, &lambda.InvokeInput{
		FunctionName:   aws.String(l.Function),
		InvocationType: types.InvocationTypeEvent,
		Payload:        payload,
	})
	if err != nil {
		return fmt.Errorf("invoke %s: %w", l.Function, err)
	}
	if out.StatusCode != http.StatusAccepted {
		return fmt.Errorf("invoke %s: status %d, want 202", l.Function, out.StatusCode)
	}
	if out.FunctionError != nil {
		return errors.New("invoke " + l.Function + ": " + aws.ToString(out.FunctionError))
	}
	return nil
}
