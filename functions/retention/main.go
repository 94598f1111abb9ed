// Command retention is the Lambda function "retention": scheduled daily, erases the personal data of consultations past the retention period.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/retention"
)

func main() { boot.Start(registry.Retention, retention.New) }
