package consultations

import (
	"time"

	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/programme"
)

// What the privacy notice promises about a booking's personal data, in one
// place: how long the manage link works, what an erasure keeps, and how
// long personal data is kept at most. The notice (web/src/public/content/
// privacy.ts) states these from web/src/generated/privacy.json, which
// privacy_test.go writes from here and checks, so the two cannot drift.

// ManageTokenDays is how long after the consultation's end its manage link
// still opens it: time enough to see what was booked, never for ever.
const ManageTokenDays = 30

// ManageTokenExpires is when b's manage token stops opening it:
// ManageTokenDays Prague calendar days after the consultation's end (after
// a reschedule, the new end's).
func ManageTokenExpires(b Booking) time.Time {
	if b.End.IsZero() {
		return time.Time{}
	}
	return b.End.In(cz.Prague).AddDate(0, 0, ManageTokenDays).UTC()
}

// DefaultRetentionMonths is how long after a consultation its personal data
// is kept unless erased sooner (the retention job; RETENTION_MONTHS
// overrides it, and the notice states this default): a year covers the
// evaluation survey after the consultation, a follow-up consultation and
// any complaint about it. Then only the kept facts stay.
const DefaultRetentionMonths = 12

// MinRetentionMonths is the shortest retention the job accepts: past the
// manage link's life and the time staff have to mark the outcome.
const MinRetentionMonths = 2

// Fact is something an erased booking still says, for the monthly indicator
// reports (consultations booked, held, cancelled and no-show by form,
// region, topic and target group; consultation hours; distinct
// organisations supported). None of it names or reaches a person.
type Fact struct {
	Code string
	// Organisations is true for a fact kept only for target groups that
	// book on behalf of an organisation (public administrations and
	// providers). For clients, families and the public, an IČO would be a
	// sole trader's, which identifies a person: it goes.
	Organisations bool
	// How the privacy notice names it.
	CS, EN string
}

// The facts an erasure keeps, in the order the notice lists them.
var keptFacts = []Fact{
	{Code: "time", CS: "datum, čas a délka konzultace", EN: "the date, time and length of the consultation"},
	{Code: "form", CS: "forma konzultace", EN: "the type of consultation"},
	{Code: "topic", CS: "téma", EN: "the topic"},
	{Code: "region", CS: "kraj", EN: "the region"},
	{Code: "target_group", CS: "cílová skupina", EN: "the target group"},
	{Code: "expert", CS: "konzultant", EN: "the expert"},
	{Code: "status", CS: "stav rezervace (zda byla potvrzena nebo zrušena a zda konzultace proběhla) a kdy se měnil",
		EN: "the status of the booking (confirmed or cancelled, and whether the consultation took place) and when it changed"},
	{Code: "consent", CS: "verze zásad, ke které se souhlas vztahoval, a čas souhlasu",
		EN: "the version of this notice the consent referred to, and its time"},
	{Code: "organisation_ico", Organisations: true,
		CS: "IČO organizace, jen u veřejné správy a poskytovatelů sociálních služeb, abychom mohli spočítat, kolika různým organizacím program pomohl",
		EN: "the organisation’s IČO, only for public administrations and social-service providers, so that we can count how many different organisations the programme supported"},
}

// KeptFacts lists every fact an erasure may keep, in the notice's order.
func KeptFacts() []Fact { return append([]Fact(nil), keptFacts...) }

// ErasureKeeps lists the codes of the facts an erasure keeps of a booking
// of target group g.
func ErasureKeeps(g programme.TargetGroup) []string {
	var out []string
	for _, f := range keptFacts {
		if !f.Organisations || g.NeedsOrganisation() {
			out = append(out, f.Code)
		}
	}
	return out
}

// keptAfterErasure is b with nothing but the kept facts and the record's
// own bookkeeping (id, version, sequence, claimed interval, e-mail ids,
// update time). It is built up from what may stay, not by clearing what
// must go, so that a field added to Booking later is erased unless it is
// added here (and to the notice).
func keptAfterErasure(b Booking) Booking {
	k := Booking{
		ID: b.ID, Version: b.Version, Sequence: b.Sequence, UpdatedAt: b.UpdatedAt, // bookkeeping
		Start: b.Start, End: b.End, ClaimEnd: b.ClaimEnd, // time
		Form: b.Form, Topic: b.Topic, Region: b.Region, TargetGroup: b.TargetGroup,
		ExpertID: b.ExpertID,
		Status:   b.Status, CreatedAt: b.CreatedAt, CancelledAt: b.CancelledAt, OutcomeAt: b.OutcomeAt, // status
		Consent: b.Consent,
	}
	if b.TargetGroup.NeedsOrganisation() { // organisation_ico
		k.Organisation.ICO = b.Organisation.ICO
	}
	return k
}
