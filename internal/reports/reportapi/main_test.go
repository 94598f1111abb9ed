package reportapi_test

import (
	"os"
	"testing"

	"github.com/mpsv/brana/internal/dynamotest"
)

func TestMain(m *testing.M) { os.Exit(dynamotest.Main(m)) }
