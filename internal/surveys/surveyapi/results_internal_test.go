package surveyapi

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"testing"

	"github.com/mpsv/brana/internal/apperr"
)

// TestExportSizeLimit: a writer refuses to grow the file beyond
// MaxExportBytes, and the refusal reaches the caller as 413
// survey_export_too_large with the limit in MB, however the export writer
// wrapped it.
func TestExportSizeLimit(t *testing.T) {
	var b limitWriter
	cw := csv.NewWriter(&b)
	row := []string{string(bytes.Repeat([]byte("x"), 1000))}
	var err error
	for i := 0; i < MaxExportBytes/1000+10 && err == nil; i++ {
		if err = cw.Write(row); err == nil {
			cw.Flush()
			err = cw.Error()
		}
	}
	if b.Len() > MaxExportBytes {
		t.Errorf("the file grew to %d bytes, over %d", b.Len(), MaxExportBytes)
	}
	got := tooLarge(fmt.Errorf("export csv: %w", err))
	e, ok := apperr.As(got)
	if !ok || e.Code != apperr.TooLarge || e.Reason != string(ReasonExportTooLarge) || len(e.Args) != 1 || e.Args[0] != 4 {
		t.Errorf("got %v, want TooLarge survey_export_too_large (4 MB)", got)
	}
	if other := fmt.Errorf("boom"); tooLarge(other) != other {
		t.Errorf("another error changed: %v", tooLarge(other))
	}
}
