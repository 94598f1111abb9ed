package stack

import (
	"fmt"
	"slices"
	"strings"

	"github.com/mpsv/brana/internal/app"
	"github.com/mpsv/brana/internal/routes"
)

// tableAccess is what a function does with the table. DynamoDB authorises
// TransactWriteItems item by item: each Put, Update, Delete and
// ConditionCheck needs its own action, so "writes in transactions" is
// PutItem, UpdateItem, DeleteItem and ConditionCheckItem.
type tableAccess int

const (
	readOnly      tableAccess = iota // GetItem, Query
	transactional                    // + the four transaction item actions
	outboxSender                     // GetItem, Query, UpdateItem (lease, complete, retry) + the stream
)

func (a tableAccess) actions() []string {
	switch a {
	case transactional:
		return []string{"dynamodb:ConditionCheckItem", "dynamodb:DeleteItem", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query", "dynamodb:UpdateItem"}
	case outboxSender:
		return []string{"dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"}
	default:
		return []string{"dynamodb:GetItem", "dynamodb:Query"}
	}
}

// function is one Lambda function and why it is sized as it is.
type function struct {
	Name       string
	MemoryMB   float64
	MemoryWhy  string
	TimeoutS   float64
	TimeoutWhy string
	Access     tableAccess
	SendsMail  bool // SES send permission and the MAIL_* settings
}

// functions lists every function of app.FunctionNames(); NewStack refuses
// a function that is missing here, so a new one cannot be forgotten.
var functions = []function{
	{
		Name: routes.FnCatalog, MemoryMB: 512, Access: readOnly,
		MemoryWhy: "free-slot generation over a 60-day horizon is CPU-bound; Lambda's CPU grows with memory",
		TimeoutS:  10, TimeoutWhy: "a public read: one or two Queries; far below the API's 30 s limit",
	},
	{
		Name: routes.FnBookings, MemoryMB: 512, Access: transactional,
		MemoryWhy: "validation, token hashing and the booking transaction on the public path; more CPU, lower latency",
		TimeoutS:  15, TimeoutWhy: "a transaction with up to 4 contention retries, then a clean 503; below the API's 30 s",
	},
	{
		Name: routes.FnStaff, MemoryMB: 256, Access: transactional,
		MemoryWhy: "few staff, small pages; latency matters less than on the public path",
		TimeoutS:  15, TimeoutWhy: "erasure writes beyond one transaction; below the API's 30 s",
	},
	{
		Name: app.FnOutboxSender, MemoryMB: 256, Access: outboxSender, SendsMail: true,
		MemoryWhy: "renders e-mails with calendar files and waits on SES; I/O-bound",
		TimeoutS:  120, TimeoutWhy: fmt.Sprintf("a sweep sends up to %d e-mails one by one; the lease per item is 2 min", app.SweepLimit),
	},
	{
		Name: app.FnReminders, MemoryMB: 256, Access: transactional,
		MemoryWhy: "queues tomorrow's reminders: a Query and small transactions; I/O-bound",
		TimeoutS:  60, TimeoutWhy: "one day's bookings, a few hundred at most, each a small transaction",
	},
}

// checkFunctions makes sure the stack declares exactly the functions the
// code has.
func checkFunctions() error {
	var have []string
	for _, f := range functions {
		have = append(have, f.Name)
	}
	want := app.FunctionNames()
	slices.Sort(have)
	slices.Sort(want)
	if !slices.Equal(have, want) {
		return fmt.Errorf("stack functions [%s] differ from app.FunctionNames() [%s]", strings.Join(have, " "), strings.Join(want, " "))
	}
	return nil
}

// construct IDs: "outbox-sender" → "OutboxSender".
func pascal(name string) string {
	var b strings.Builder
	for _, part := range strings.FieldsFunc(name, func(r rune) bool { return r == '-' || r == '_' }) {
		b.WriteString(strings.ToUpper(part[:1]) + part[1:])
	}
	return b.String()
}

// FunctionNames lists the functions the stack declares.
func FunctionNames() []string {
	var out []string
	for _, f := range functions {
		out = append(out, f.Name)
	}
	return out
}
