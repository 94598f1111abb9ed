// Command survey-invitations is the Lambda function "survey-invitations": scheduled daily at 10:00 Prague, invites people to the evaluation surveys after a consultation held or an event attended, and reminds them once a week later.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/surveyinvitations"
)

func main() { boot.Start(registry.SurveyInvitations, surveyinvitations.New) }
