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

// DailyCounter names the counter of e-mails to addr's mailbox on a Prague
// day.
func (r *Recipients) DailyCounter(addr string, day cz.Date) string {
	return mac(r.capKey, Mailbox(addr)+"\x00"+day.String())
}

// Suppression names the suppression entry of addr's mailbox.
func (r *Recipients) Suppression(addr string) string {
	return mac(r.suppressKey, Mailbox(addr))
}

// Mailbox is the mailbox an address delivers to, as far as one can tell:
// lower-cased, without a sub-address ("jana+brana@…" is "jana@…", as most
// providers deliver it), and for Gmail without the dots it ignores. So
// "Jana.Novak+1@gmail.com" and "jananovak@gmail.com" share one daily cap:
// sub-addresses cannot multiply the e-mails one mailbox gets.
func Mailbox(addr string) string {
	addr = strings.ToLower(addr)
	at := strings.LastIndexByte(addr, '@')
	if at < 0 {
		return addr
	}
	local, domain := addr[:at], addr[at+1:]
	if i := strings.IndexByte(local, '+'); i > 0 {
		local = local[:i]
	}
	if domain == "gmail.com" || domain == "googlemail.com" {
		local, domain = strings.ReplaceAll(local, ".", ""), "gmail.com"
	}
	return local + "@" + domain
}

func mac(key []byte, s string) string {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(s))
	return hex.EncodeToString(h.Sum(nil))
}
