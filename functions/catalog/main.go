// Command catalog is the Lambda function "catalog": public experts and free slots.
package main

import (
	"context"
	"os"
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/app"
)

func main() {
	h, log, err := app.Cold(context.Background(), "catalog")
	if err != nil {
		log.Error("cannot start", "error", err.Error())
		os.Exit(1)
	}
	lambda.Start(h)
}
