// Command surveys is the Lambda function "surveys": the public surveys, an awareness survey by its public link and an evaluation survey by its invitation.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/surveys"
)

func main() { boot.Start(registry.Surveys, surveys.New) }
