// Command workshop-retention is the Lambda function "workshop-retention": scheduled daily, erases the personal data of event registrations past the retention period.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/workshopretention"
)

func main() { boot.Start(registry.WorkshopRetention, workshopretention.New) }
