// Package surveyresults builds the function "survey-results": the
// evaluation team's results of a survey (aggregates with small-cell
// suppression, CSV and XLSX exports, the CSVW codebook). It reads surveys,
// versions and responses only, and links the XLSX writer (excelize), which
// is why these routes are not in the lean staff-surveys function. It needs
// no secret but the origin header's.
package surveyresults

import (
	"context"
	"io"
	"time"

	"github.com/mpsv/brana/internal/boot"
	"github.com/mpsv/brana/internal/dynamo"
	"github.com/mpsv/brana/internal/surveys"
	"github.com/mpsv/brana/internal/surveys/surveyapi"
	"github.com/mpsv/brana/internal/surveys/surveydb"
	"github.com/mpsv/brana/internal/surveys/surveyexport"
	"github.com/mpsv/brana/internal/wire/origin"
)

var _ surveyapi.ResultsStore = (*surveydb.Store)(nil)

// New returns the survey-results function's HTTP handler.
func New(_ context.Context, env *boot.Env) (boot.HTTPHandler, error) {
	now := func() time.Time { return env.Clock.Now() }
	a, err := surveyapi.NewResults(surveyapi.ResultsDeps{
		Store: surveydb.New(dynamo.New(env.DB, env.Config.TableName)), Exports: Exports{},
		Logger: env.Log, NewID: env.IDs.NewID, Now: now,
	})
	if err != nil {
		return nil, err
	}
	// Only requests through CloudFront (origin.Guard).
	return origin.Guard(env, a.Handle)
}

// Exports writes the export files with internal/surveys/surveyexport.
type Exports struct{}

var _ surveyapi.ResultsExports = Exports{}

// CSV starts a CSV of version v's responses.
func (Exports) CSV(w io.Writer, v surveys.Version) (surveyapi.ResponseWriter, error) {
	return surveyexport.NewCSV(w, v)
}

// XLSX starts a workbook of version v's responses.
func (Exports) XLSX(w io.Writer, v surveys.Version) (surveyapi.ResponseWriter, error) {
	return surveyexport.NewXLSX(w, v)
}

// CSVW is the CSV's CSVW metadata.
func (Exports) CSVW(v surveys.Version, url string) any { return surveyexport.CSVW(v, url) }
