package docs_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/mpsv/brana/internal/workshops/certcode"
	"github.com/mpsv/brana/internal/workshops/docs"
)

func TestCertificateCodes(t *testing.T) {
	master := []byte(strings.Repeat("m", 32))
	code := docs.NewCertificateCode(master, "01jd8x7s9q3m2k4n6p8r0t2v4w", "reg-1")
	t.Run("verifies and names the event and registration", func(t *testing.T) {
		got, err := docs.VerifyCertificateCode(master, code)
		if err != nil || got.EventID != "01jd8x7s9q3m2k4n6p8r0t2v4w" || !got.Matches("reg-1") {
			t.Errorf("got %+v %v", got, err)
		}
	})
	t.Run("is signed with the key derived for certificates, not the stored secret itself", func(t *testing.T) {
		raw := certcode.New(master, "01jd8x7s9q3m2k4n6p8r0t2v4w", "reg-1")
		if _, err := docs.VerifyCertificateCode(master, raw); !errors.Is(err, certcode.ErrInvalid) {
			t.Errorf("a code under the raw secret: got %v, want ErrInvalid", err)
		}
		if _, err := certcode.Parse(certcode.Key(master), code); err != nil {
			t.Errorf("certcode with the derived key: %v", err)
		}
	})
	t.Run("refuses a tampered code and another secret", func(t *testing.T) {
		tampered := []byte(code)
		if tampered[0] == 'A' {
			tampered[0] = 'B'
		} else {
			tampered[0] = 'A'
		}
		for _, c := range []string{string(tampered), code[:len(code)-2]} {
			if _, err := docs.VerifyCertificateCode(master, c); !errors.Is(err, certcode.ErrInvalid) {
				t.Errorf("%q: got %v, want ErrInvalid", c, err)
			}
		}
		if _, err := docs.VerifyCertificateCode([]byte("another"), code); !errors.Is(err, certcode.ErrInvalid) {
			t.Errorf("another secret: got %v", err)
		}
	})
}
