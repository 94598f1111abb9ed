// Command outbox-sender is the Lambda function "outbox-sender": sends queued e-mails from the DynamoDB stream and a scheduled sweep.
package main

import (
	_ "time/tzdata" // provided.al2023 may lack zoneinfo; Europe/Prague must load

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/outboxsender"
)

func main() { boot.Start(registry.OutboxSender, outboxsender.New) }
