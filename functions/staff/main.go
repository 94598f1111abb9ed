// Command staff is the Lambda function "staff": staff routes for experts, availability and bookings.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/staff"
)

func main() { boot.Start(registry.Staff, staff.New) }
