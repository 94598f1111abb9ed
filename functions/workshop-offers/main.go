// Command workshop-offers is the Lambda function "workshop-offers": scheduled, expires lapsed waiting-list offers and offers free seats.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/workshopoffers"
)

func main() { boot.Start(registry.WorkshopOffers, workshopoffers.New) }
