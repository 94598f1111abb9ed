// Command workshop-reminders is the Lambda function "workshop-reminders": scheduled, queues the reminders of the events that start in two days.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/workshopreminders"
)

func main() { boot.Start(registry.WorkshopReminders, workshopreminders.New) }
