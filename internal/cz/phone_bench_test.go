package cz_test

import (
	"testing"

	"github.com/mpsv/brana/internal/cz"
)

func BenchmarkNormalizePhone(b *testing.B) {
	for _, in := range []string{"603 123 456", "+420 603 123 456", "+49 30 123456"} {
		b.Run(in, func(b *testing.B) {
			for b.Loop() {
				if _, ok := cz.NormalizePhone(in); !ok {
					b.Fatal("rejected")
				}
			}
		})
	}
}
