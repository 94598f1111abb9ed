package api_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/mpsv/brana/internal/apptest"
	"github.com/mpsv/brana/internal/auth"
	"github.com/mpsv/brana/internal/routes"
)

// setHours gives an expert working hours from–to on every weekday, through
// the staff API as an admin.
func setHours(t *testing.T, env *apptest.Env, expertID, from, to string) {
	t.Helper()
	day := []map[string]string{{"from": from, "to": to}}
	ev := apptest.Event(t, "staff-set-availability")
	ev.PathParameters = map[string]string{"expertId": expertID}
	ev = apptest.WithClaims(ev, "dev-admin", auth.GroupAdmin)
	ev = apptest.WithBody(ev, map[string]any{
		"weekly": map[string]any{"mon": day, "tue": day, "wed": day, "thu": day, "fri": day},
	})
	if resp := env.Invoke(routes.FnStaff, ev); resp.StatusCode != http.StatusOK {
		t.Fatalf("set availability: got %d %s", resp.StatusCode, resp.Body)
	}
}

func mustTime(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// retable points a transaction item at another table.
func retable(it *types.TransactWriteItem, table string) {
	switch {
	case it.Put != nil:
		it.Put.TableName = &table
	case it.Update != nil:
		it.Update.TableName = &table
	case it.Delete != nil:
		it.Delete.TableName = &table
	case it.ConditionCheck != nil:
		it.ConditionCheck.TableName = &table
	}
}
