// Command mail-events is the Lambda function "mail-events": SES bounce and complaint events, through SNS, become suppressed recipients.
package main

import (
	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/mailevents"
)

func main() { boot.Start(registry.MailEvents, mailevents.New) }
