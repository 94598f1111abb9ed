// Command survey-results is the Lambda function "survey-results": survey aggregates and exports for the evaluation team.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/surveyresults"
)

func main() { boot.Start(registry.SurveyResults, surveyresults.New) }
