package consultdb_test

import (
	"testing"

	"github.com/mpsv/brana/internal/consultations/consultdb"
	"github.com/mpsv/brana/internal/registry"
)

// The IAM policies allow the hold items by the registry's prefix.
func TestHoldPrefixIsTheRegistrys(t *testing.T) {
	if consultdb.KeyLimitPrefix != registry.KeyLimit {
		t.Errorf("hold prefix %q, registry's %q", consultdb.KeyLimitPrefix, registry.KeyLimit)
	}
}
