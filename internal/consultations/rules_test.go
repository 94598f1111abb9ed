package consultations

import (
	"strings"
	"testing"
	"time"

	"github.com/mpsv/brana/internal/apperr"
	"github.com/mpsv/brana/internal/cz"
	"github.com/mpsv/brana/internal/slots"
)

func ptr[T any](v T) *T { return &v }

func fieldRules(err error) map[string]string {
	out := map[string]string{}
	if e, ok := apperr.As(err); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Rule
		}
	}
	return out
}

func TestAvailabilityParse(t *testing.T) {
	t.Run("applies the programme's defaults", func(t *testing.T) {
		a, err := AvailabilityInput{}.Parse()
		if err != nil {
			t.Fatal(err)
		}
		if a.Slot != time.Hour || a.Buffer != 15*time.Minute || a.Notice != 24*time.Hour || a.HorizonDays != 60 || a.MaxPerDay != 0 {
			t.Errorf("got %+v, want 60 min, 15 min, 24 h, 60 days, no cap", a)
		}
	})
	t.Run("reads several intervals a day, sorted", func(t *testing.T) {
		a, err := AvailabilityInput{Weekly: map[string][]RangeInput{"mon": {{"13:00", "16:00"}, {"09:00", "12:00"}}}}.Parse()
		if err != nil {
			t.Fatal(err)
		}
		want := []slots.LocalRange{{From: 540, To: 720}, {From: 780, To: 960}}
		if got := a.Weekly[time.Monday]; len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
			t.Errorf("got %v, want %v", got, want)
		}
	})
	t.Run("reports every broken rule at once", func(t *testing.T) {
		_, err := AvailabilityInput{
			Weekly: map[string][]RangeInput{
				"mon": {{"9:00", "12:00"}},                      // not HH:MM
				"tue": {{"12:00", "09:00"}},                     // backwards
				"wed": {{"09:00", "12:00"}, {"11:00", "13:00"}}, // overlapping
				"thu": {{"+9:00", "12:00"}},                     // a sign is not a digit
				"fri": {{"09:10", "12:00"}},                     // not on a quarter hour
				"xyz": {{"09:00", "12:00"}},                     // no such day
			},
			SlotMinutes:   ptr(50),  // not a multiple of 15
			BufferMinutes: ptr(510), // over 120
			TimeOff:       []TimeOffInput{{From: "2026-12-31", To: "2026-12-24"}, {From: "yesterday", To: "today"}},
		}.Parse()
		want := map[string]string{
			"weekly.mon[0].from": "clock", "weekly.tue[0]": "range", "weekly.wed": "overlap",
			"weekly.thu[0].from": "clock", "weekly.fri[0].from": "clock", "weekly.xyz": "unknown",
			"slotMinutes": "minutes", "bufferMinutes": "max", "timeOff[0]": "range", "timeOff[1]": "datetime",
		}
		got := fieldRules(err)
		for f, r := range want {
			if got[f] != r {
				t.Errorf("%s: got rule %q, want %q (all: %v)", f, got[f], r, got)
			}
		}
	})
	t.Run("reads whole days of time off inclusively, in Prague", func(t *testing.T) {
		a, err := AvailabilityInput{TimeOff: []TimeOffInput{{From: "2026-12-24", To: "2026-12-31"}}}.Parse()
		if err != nil {
			t.Fatal(err)
		}
		off := a.TimeOff[0]
		if !off.From.Equal(time.Date(2026, 12, 23, 23, 0, 0, 0, time.UTC)) || !off.To.Equal(time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC)) {
			t.Errorf("got %s – %s, want 23 Dec 23:00Z – 31 Dec 23:00Z", off.From, off.To)
		}
	})
	t.Run("reads local date-times of time off across a DST change", func(t *testing.T) {
		a, err := AvailabilityInput{TimeOff: []TimeOffInput{{From: "2026-10-24T12:00", To: "2026-10-26T09:00"}}}.Parse()
		if err != nil {
			t.Fatal(err)
		}
		off := a.TimeOff[0]
		if !off.From.Equal(time.Date(2026, 10, 24, 10, 0, 0, 0, time.UTC)) || !off.To.Equal(time.Date(2026, 10, 26, 8, 0, 0, 0, time.UTC)) {
			t.Errorf("got %s – %s, want 10:00Z (CEST) – 08:00Z (CET)", off.From, off.To)
		}
	})
	t.Run("round-trips through the API shape", func(t *testing.T) {
		in := AvailabilityInput{
			Weekly:      map[string][]RangeInput{"tue": {{"08:30", "11:30"}}},
			TimeOff:     []TimeOffInput{{From: "2026-12-24T00:00:00+01:00", To: "2027-01-01T00:00:00+01:00", Label: "Vánoce"}},
			SlotMinutes: ptr(90), BufferMinutes: ptr(30), NoticeHours: ptr(48), HorizonDays: ptr(30), MaxPerDay: ptr(3),
		}
		a, err := in.Parse()
		if err != nil {
			t.Fatal(err)
		}
		back, err := a.Input().Parse()
		if err != nil {
			t.Fatal(err)
		}
		if back.Slot != a.Slot || back.MaxPerDay != 3 || len(back.TimeOff) != 1 || !back.TimeOff[0].From.Equal(a.TimeOff[0].From) ||
			back.Weekly[time.Tuesday][0] != a.Weekly[time.Tuesday][0] {
			t.Errorf("got %+v, want %+v", back, a)
		}
		if got := a.Input().TimeOff[0].From; got != "2026-12-23T23:00:00Z" {
			t.Errorf("time off shown as %q, want 2026-12-23T23:00:00Z (UTC, as docs/openapi.yaml promises)", got)
		}
	})
}

func validBooking() BookingInput {
	return BookingInput{
		ExpertID: "jana-dvorakova", Start: "2026-12-02T09:00:00+01:00", Form: "online", Topic: "financing",
		TargetGroup: "provider", Region: "cz064",
		Organisation: OrganisationInput{Name: "Domov Slunečnice", ICO: "005 510 23"},
		Contact:      ContactInput{Name: " Marie Procházková ", Email: "marie@example.cz", Phone: "603 123 456"},
		Consent:      ConsentInput{Accepted: true, NoticeVersion: PrivacyNoticeVersion},
	}
}

func TestBookingInputValidate(t *testing.T) {
	t.Run("normalises what people type", func(t *testing.T) {
		in := validBooking()
		start, lang, err := in.Validate()
		if err != nil {
			t.Fatal(err)
		}
		if !start.Equal(time.Date(2026, 12, 2, 8, 0, 0, 0, time.UTC)) || lang != "cs" {
			t.Errorf("got %s %s, want 08:00Z cs", start, lang)
		}
		if in.Region != "CZ064" || in.Organisation.ICO != "00551023" || in.Contact.Phone != "+420603123456" || in.Contact.Name != "Marie Procházková" {
			t.Errorf("got %q %q %q %q", in.Region, in.Organisation.ICO, in.Contact.Phone, in.Contact.Name)
		}
	})
	tests := []struct {
		name   string
		mutate func(*BookingInput)
		want   map[string]string // nil: valid
	}{
		{"lets a client book without an organisation", func(b *BookingInput) { b.TargetGroup = "client"; b.Organisation = OrganisationInput{} }, nil},
		{"requires an organisation and IČO from public administration", func(b *BookingInput) {
			b.TargetGroup = "public_administration"
			b.Organisation = OrganisationInput{}
		}, map[string]string{"organisation.name": "required", "organisation.ico": "required"}},
		{"refuses a booking without consent", func(b *BookingInput) { b.Consent.Accepted = false }, map[string]string{"consent.accepted": "consent"}},
		{"refuses consent to an old privacy notice", func(b *BookingInput) { b.Consent.NoticeVersion = "2020-01" }, map[string]string{"consent.noticeVersion": "notice_version"}},
		{"refuses a start without an offset", func(b *BookingInput) { b.Start = "2026-12-02T09:00:00" }, map[string]string{"start": "datetime"}},
		{"refuses an unsupported language", func(b *BookingInput) { b.Language = "de" }, map[string]string{"language": "oneof"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validBooking()
			tt.mutate(&in)
			_, _, err := in.Validate()
			if tt.want == nil {
				if err != nil {
					t.Fatalf("got %v, want valid", err)
				}
				return
			}
			got := fieldRules(err)
			for f, r := range tt.want {
				if got[f] != r {
					t.Errorf("%s: got %q, want %q (all: %v)", f, got[f], r, got)
				}
			}
		})
	}
}

func TestManageURLKeepsTheTokenInTheFragment(t *testing.T) {
	got := ManageURL("https://brana.example.cz/", "b1", "tok+/=")
	if !strings.HasPrefix(got, "https://brana.example.cz/manage#") || strings.Contains(got, "?") {
		t.Errorf("got %q, want the token after # only", got)
	}
	if !strings.Contains(got, "token=tok%2B%2F%3D") {
		t.Errorf("got %q, want the token URL-encoded", got)
	}
}

func TestQueuedReminders(t *testing.T) {
	start := cz.Date{Year: 2026, Month: 12, Day: 2}.At(9 * 60)
	b := Booking{ID: "b1", Sequence: 2, Start: start}
	if got := queuedReminders(b); got != nil {
		t.Errorf("without a reminder: got %v, want none", got)
	}
	b.ReminderFor = start
	if got := queuedReminders(b); len(got) != 2 || got[0] != "b1-2-reminder-person" || got[1] != "b1-2-reminder-expert" {
		t.Errorf("got %v, want the person's and the expert's reminder of sequence 2", got)
	}
	b.ReminderFor = start.Add(-24 * time.Hour)
	if got := queuedReminders(b); got != nil {
		t.Errorf("reminder for another start: got %v, want none", got)
	}
}
