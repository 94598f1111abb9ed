package seal

import (
	"bytes"
	"errors"
	"testing"
)

func TestSealOpen(t *testing.T) {
	box, err := New(bytes.Repeat([]byte{7}, KeySize))
	if err != nil {
		t.Fatal(err)
	}
	sealed := box.Seal([]byte("https://brana/manage#token=x"), []byte("item-1"))
	t.Run("opens with the same key and context", func(t *testing.T) {
		got, err := box.Open(sealed, []byte("item-1"))
		if err != nil || string(got) != "https://brana/manage#token=x" {
			t.Errorf("got %q %v", got, err)
		}
	})
	t.Run("refuses another context", func(t *testing.T) {
		if _, err := box.Open(sealed, []byte("item-2")); !errors.Is(err, ErrOpen) {
			t.Errorf("got %v, want ErrOpen", err)
		}
	})
	t.Run("refuses another key", func(t *testing.T) {
		other, _ := Derive([]byte("something else"), "test")
		if _, err := other.Open(sealed, []byte("item-1")); !errors.Is(err, ErrOpen) {
			t.Errorf("got %v, want ErrOpen", err)
		}
	})
	t.Run("refuses a short key", func(t *testing.T) {
		if _, err := New([]byte("short")); err == nil {
			t.Error("got a box, want an error")
		}
	})
}

func TestDeriveKeyPerPurpose(t *testing.T) {
	secret := bytes.Repeat([]byte{7}, 32)
	a, b := DeriveKey(secret, "limits"), DeriveKey(secret, "idempotency")
	if len(a) != KeySize || bytes.Equal(a, b) {
		t.Fatalf("keys for two purposes: %x %x", a, b)
	}
	if !bytes.Equal(a, DeriveKey(secret, "limits")) {
		t.Fatal("the same purpose gave two keys")
	}
}
