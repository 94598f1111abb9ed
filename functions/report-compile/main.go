// Command report-compile is the Lambda function "report-compile": on the 1st of every month at 03:00 Prague time, and on an admin's re-run, compiles a month's indicator report, stores it as a new version when its figures changed, and queues the notice e-mail.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/reportcompile"
)

func main() { boot.Start(registry.ReportCompile, reportcompile.New) }
