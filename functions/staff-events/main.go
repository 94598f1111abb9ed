// Command staff-events is the Lambda function "staff-events": the staff routes of events (workshops).
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/staffevents"
)

func main() { boot.Start(registry.StaffEvents, staffevents.New) }
