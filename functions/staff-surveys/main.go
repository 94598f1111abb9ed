// Command staff-surveys is the Lambda function "staff-surveys": the staff routes of survey definitions and versions.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/staffsurveys"
)

func main() { boot.Start(registry.StaffSurveys, staffsurveys.New) }
