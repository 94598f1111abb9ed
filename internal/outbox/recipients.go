package outbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/seal"
)

// Recipients names a recipient's daily counter and suppression entry by a
// keyed HMAC of the lower-cased address, so that the table holds neither
// the address nor a plain hash of it (which a dictionary of addresses would
// reverse).
type Recipients struct {
	capKey, suppressKey []byte
}

// NewRecipients derives its keys from the outbox key: one per purpose
// (seal.DeriveKey), "mailcap" and "suppression".
func NewRecipients(master []byte) *Recipients {
	return &Recipients{capKey: seal.DeriveKey(master, "mailcap"), suppressKey: seal.DeriveKey(master, "suppression")}
}

// DailyCounter names the counter of e-mails to addr on a Prague day.
func (r *Recipients) DailyCounter(addr string, day cz.Date) string {
	return mac(r.capKey, strings.ToLower(addr)+"\x00"+day.String())
}

// Suppression names the suppression entry of addr.
func (r *Recipients) Suppression(addr string) string {
	return mac(r.suppressKey, strings.ToLower(addr))
}

func mac(key []byte, s string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}
