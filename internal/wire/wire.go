// Package wire is every function's constructor in one table keyed by the
// registry's names, for the local stack, `make invoke` and tests. A Lambda
// main imports only its own constructor (internal/wire/<name>), never this
// package, so that it links only what it uses.
package wire

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/registry"
	"github.com/mpsv/brana/internal/wire/bookings"
	"github.com/mpsv/brana/internal/wire/catalog"
	"github.com/mpsv/brana/internal/wire/events"
	"github.com/mpsv/brana/internal/wire/mailevents"
	"github.com/mpsv/brana/internal/wire/outboxsender"
	"github.com/mpsv/brana/internal/wire/reminders"
	"github.com/mpsv/brana/internal/wire/reportcompile"
	"github.com/mpsv/brana/internal/wire/retention"
	"github.com/mpsv/brana/internal/wire/staff"
	"github.com/mpsv/brana/internal/wire/staffevents"
	"github.com/mpsv/brana/internal/wire/staffreports"
	"github.com/mpsv/brana/internal/wire/staffsurveys"
	"github.com/mpsv/brana/internal/wire/surveyinvitations"
	"github.com/mpsv/brana/internal/wire/surveyresults"
	"github.com/mpsv/brana/internal/wire/surveys"
	"github.com/mpsv/brana/internal/wire/workshopoffers"
	"github.com/mpsv/brana/internal/wire/workshopreminders"
	"github.com/mpsv/brana/internal/wire/workshopretention"
)

// Function is one function's constructor.
type Function struct {
	Name string
	// HTTP builds an HTTP function's handler; nil for a job.
	HTTP func(context.Context, *boot.Env) (boot.HTTPHandler, error)
	// Build builds the handler as the Lambda runtime invokes it (JSON in,
	// JSON out, through lambda.NewHandler as lambda.StartHandlerFunc does).
	Build func(context.Context, *boot.Env) (lambda.Handler, error)
}

// Functions lists every function of the registry (a test checks they are
// the same).
var Functions = []Function{
	httpFn(registry.Catalog, catalog.New),
	httpFn(registry.Bookings, bookings.New),
	httpFn(registry.Events, events.New),
	httpFn(registry.Surveys, surveys.New),
	httpFn(registry.SurveyResults, surveyresults.New),
	httpFn(registry.StaffReports, staffreports.New),
	httpFn(registry.Staff, staff.New),
	httpFn(registry.StaffEvents, staffevents.New),
	httpFn(registry.StaffSurveys, staffsurveys.New),
	job(registry.OutboxSender, outboxsender.New),
	job(registry.Reminders, reminders.New),
	job(registry.WorkshopReminders, workshopreminders.New),
	job(registry.Retention, retention.New),
	job(registry.WorkshopOffers, workshopoffers.New),
	job(registry.MailEvents, mailevents.New),
	job(registry.WorkshopRetention, workshopretention.New),
	job(registry.SurveyInvitations, surveyinvitations.New),
	job(registry.ReportCompile, reportcompile.New),
}

// MustGet returns a function's constructor by name, or panics.
func MustGet(name string) Function {
	f, ok := Get(name)
	if !ok {
		panic("wire: no function " + name)
	}
	return f
}

// Get returns a function's constructor by name.
func Get(name string) (Function, bool) {
	for _, f := range Functions {
		if f.Name == name {
			return f, true
		}
	}
	return Function{}, false
}

func httpFn(name string, build func(context.Context, *boot.Env) (boot.HTTPHandler, error)) Function {
	f := job(name, build)
	f.HTTP = build
	return f
}

func job[In, Out any](name string, build func(context.Context, *boot.Env) (boot.Handler[In, Out], error)) Function {
	return Function{Name: name, Build: func(ctx context.Context, env *boot.Env) (lambda.Handler, error) {
		h, err := build(ctx, env)
		if err != nil {
			return nil, err
		}
		return lambda.NewHandler(h), nil
	}}
}
