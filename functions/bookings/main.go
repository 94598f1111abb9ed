// Command bookings is the Lambda function "bookings": public booking and its management by token.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/bookings"
)

func main() { boot.Start(registry.Bookings, bookings.New) }
