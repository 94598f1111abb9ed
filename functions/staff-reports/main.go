// Command staff-reports is the Lambda function "staff-reports": the monthly indicator reports and the transformation register for management and admins.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/staffreports"
)

func main() { boot.Start(registry.StaffReports, staffreports.New) }
