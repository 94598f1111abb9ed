// Command catalog is the Lambda function "catalog": public experts and free slots.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/catalog"
)

func main() { boot.Start(registry.Catalog, catalog.New) }
