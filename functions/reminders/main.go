// Command reminders is the Lambda function "reminders": scheduled, queues the reminders of tomorrow's consultations.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/reminders"
)

func main() { boot.Start(registry.Reminders, reminders.New) }
