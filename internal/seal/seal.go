// Package seal encrypts the few short secrets Brána must keep for a while
// (the manage link inside a pending e-mail, the manage token inside an
// idempotency record) with AES-256-GCM, so that whoever reads the table does
// not read the secret.
package seal

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// KeySize is the size of a sealing key.
const KeySize = 32

// Box seals and opens with one key.
type Box struct{ aead cipher.AEAD }

// New returns a Box for a 32-byte key.
func New(key []byte) (*Box, error) {
	if len(key) != KeySize {
		return nil, fmt.Errorf("seal key must be %d bytes, got %d", KeySize, len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("seal key: %w", err)
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, fmt.Errorf("seal key: %w", err)
	}
	return &Box{aead: aead}, nil
}

// Derive returns a Box whose key is derived from secret material (for
// example a client's idempotency key) with HKDF-SHA256 and a purpose label.
func Derive(secret []byte, purpose string) (*Box, error) {
	key, err := hkdf.Key(sha256.New, secret, nil, "brana "+purpose, KeySize)
	if err != nil {
		return nil, fmt.Errorf("derive key: %w", err)
	}
	return New(key)
}

// DeriveKey returns a 32-byte key for one purpose (an HMAC key, for
// example), derived from secret material with HKDF-SHA256, so that one
// stored secret serves several purposes without one key doing two jobs.
func DeriveKey(secret []byte, purpose string) []byte {
	key, err := hkdf.Key(sha256.New, secret, nil, "brana "+purpose, KeySize)
	if err != nil {
		panic("seal: derive key: " + err.Error()) // only for lengths HKDF-SHA256 cannot give
	}
	return key
}

// Seal encrypts plaintext; additional data binds it to its context (e.g. an
// item id) so a sealed value cannot be moved to another item.
func (b *Box) Seal(plaintext, additional []byte) []byte {
	nonce := make([]byte, b.aead.NonceSize())
	if _, err := rand.Read(nonce); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err))
	}
	return b.aead.Seal(nonce, nonce, plaintext, additional)
}

// ErrOpen is returned when a sealed value does not open with this key.
var ErrOpen = errors.New("sealed value does not open")

// Open decrypts a sealed value.
func (b *Box) Open(sealed, additional []byte) ([]byte, error) {
	n := b.aead.NonceSize()
	if len(sealed) < n {
		return nil, ErrOpen
	}
	out, err := b.aead.Open(nil, sealed[:n], sealed[n:], additional)
	if err != nil {
		return nil, ErrOpen
	}
	return out, nil
}
