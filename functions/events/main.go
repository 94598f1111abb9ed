// Command events is the Lambda function "events": the public events, registration and managing a registration by token.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/events"
)

func main() { boot.Start(registry.Events, events.New) }
