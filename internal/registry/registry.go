// Package registry is Brána's one table of functions: what triggers each
// (HTTP routes from internal/routes, a DynamoDB stream, schedules), how it
// is sized and why, and what it may touch (table actions, key prefixes,
// indexes, secrets, e-mail). The CDK stack creates the functions, their
// triggers and their IAM policies from it; the local stack runs its timers
// and `make invoke` finds its functions here. It is data only: it imports
// nothing heavier than the route table.
package registry

import (
	"slices"
	"time"

	"github.com/mpsv/brana/internal/routes"
)

// The functions' names. HTTP functions are named by the route table.
const (
	Catalog      = routes.FnCatalog
	Bookings     = routes.FnBookings
	Staff        = routes.FnStaff
	StaffEvents  = routes.FnStaffEvents
	StaffSurveys = routes.FnStaffSurveys
	Events       = routes.FnEvents
	Surveys      = routes.FnSurveys
	// SurveyResults serves the evaluation team's aggregates and exports.
	SurveyResults = routes.FnSurveyResults
	OutboxSender  = "outbox-sender"
	Reminders     = "reminders"
	Retention     = "retention"
	MailEvents    = "mail-events"

	WorkshopReminders = "workshop-reminders"
	// WorkshopOffers expires lapsed waiting-list offers and offers free
	// seats to the people waiting.
	WorkshopOffers = "workshop-offers"

	WorkshopRetention = "workshop-retention"

	// SurveyInvitations invites people to the evaluation surveys the day
	// after a consultation held or an event attended, and reminds them once.
	SurveyInvitations = "survey-invitations"

	// StaffReports serves the monthly reports and the transformation
	// register to management and admins (issue #11).
	StaffReports = routes.FnStaffReports
	// ReportCompile compiles a month's indicator report: on the 1st of
	// every month for the month before, and on an admin's re-run.
	ReportCompile = "report-compile"
)

// Key prefixes of the table's partition keys (docs/data-model.md). A
// function's policy allows its item actions only on the prefixes it lists
// (dynamodb:LeadingKeys).
const (
	KeyExpert      = "EXPERT#"      // expert profile, claim granules, day counters
	KeySubject     = "SUBJECT#"     // staff account → expert
	KeyBooking     = "BOOKING#"     // bookings
	KeyOutbox      = "OUTBOX#"      // outbox items (one e-mail each)
	KeyIdempotency = "IDEMPOTENCY#" // idempotency records
	KeyMailCap     = "MAILCAP#"     // e-mails per recipient and day (HMAC of the address)
	KeySuppression = "SUPPRESS#"    // recipients SES reported bouncing or complaining (HMAC)
	KeyPoW         = "POW#"         // spent proof-of-work solutions
	KeyLimit       = "LIMIT#"       // booking-limit holds of an e-mail, phone or IČO (keyed hash)
	// KeyAudit: the record of each export of personal data (who, when,
	// which event, which format), AUDIT#<yyyy-mm>, kept five years.
	KeyAudit = "AUDIT#"
	// Workshops (docs/data-model.md, "Workshops"): an event with its seat
	// and waiting counters, waiting list, address and organisation items
	// (EVENT#<id>); a registration (REGISTRATION#<id>).
	KeyEvent        = "EVENT#"
	KeyRegistration = "REGISTRATION#"
	// ESF+ answers (ESF#<opaque key>), joined to a registration only by
	// its EsfKey; registration-limit holds of an e-mail (WLIMIT#<hash>).
	KeyEsf           = "ESF#"
	KeyWorkshopLimit = "WLIMIT#"
	// Surveys (docs/data-model.md, "Surveys"): a survey with its versions
	// and invitation counters (SURVEY#<id>); anonymous responses by survey
	// and Prague month (RESPONSE#<id>#<yyyy-mm>); invitations by token hash
	// (INVITATION#); "already invited" markers (INVITED#<HMAC>); the soft
	// one-answer-per-browser markers of awareness surveys (ANSWERED#<HMAC>).
	KeySurvey     = "SURVEY#"
	KeyResponse   = "RESPONSE#"
	KeyInvitation = "INVITATION#"
	KeyInvited    = "INVITED#"
	KeyAnswered   = "ANSWERED#"
	// Reports (docs/data-model.md, "Reports"): a month's report versions
	// and its cumulative snapshot (REPORT#<yyyy-mm>); the transformation
	// register's services with their phase history (SERVICE#<id>).
	KeyReport  = "REPORT#"
	KeyService = "SERVICE#"
)

// Indexes of the table (dynamo.Spec).
const (
	IndexGSI1 = "GSI1" // the expert directory, an expert's bookings, pending outbox items
	IndexGSI2 = "GSI2" // bookings by Prague month
)

// Action is a DynamoDB IAM action. DynamoDB authorises TransactWriteItems
// item by item: each Put, Update, Delete and ConditionCheck needs its own.
type Action string

// The DynamoDB item actions the functions use.
const (
	GetItem            Action = "dynamodb:GetItem"
	Query              Action = "dynamodb:Query"
	PutItem            Action = "dynamodb:PutItem"
	UpdateItem         Action = "dynamodb:UpdateItem"
	DeleteItem         Action = "dynamodb:DeleteItem"
	ConditionCheckItem Action = "dynamodb:ConditionCheckItem"
)

// Secret is a secret a function reads at cold start.
type Secret string

// OutboxKey seals manage links in queued e-mails (writers that queue a
// person's e-mail) and opens them (the sender).
const OutboxKey Secret = "outbox-key"

// OriginSecret is the value of the header CloudFront adds to every request
// it forwards to the API; every HTTP function refuses a request without it
// (httpapi.OriginGuard). It is read through the AWS Parameters and Secrets
// Lambda Extension (a layer), so no Secrets Manager client is linked for it.
const OriginSecret Secret = "origin-secret"

// Table is what a function does with the table.
type Table struct {
	// Actions on the table's items, allowed only on items whose partition
	// key starts with one of Keys.
	Actions []Action
	Keys    []string
	// ReadKeys are key prefixes whose items the function only reads
	// (GetItem), beside Keys: another capability's items it must not
	// change.
	ReadKeys []string
	// Indexes the function Queries, and why (the index partitions it reads).
	Indexes []Index
}

// Index is a Query on a secondary index.
type Index struct {
	Name  string
	Reads string // which index partitions, e.g. "EXPERTS (the directory)"
}

// Stream is a DynamoDB stream trigger: the records of Event on items whose
// partition key starts with KeyPrefix reach the function.
type Stream struct {
	Event     string // INSERT, MODIFY or REMOVE
	KeyPrefix string
	What      string
}

// Topic is an SNS trigger: the notifications published to a topic that the
// stack creates for the function reach it.
type Topic struct {
	What string
}

// Schedule is a scheduled trigger (EventBridge Scheduler in the cloud, a
// timer in the local stack). The function gets an empty JSON object.
type Schedule struct {
	ID string // a short name, unique per function: "sweep", "hourly"
	// Cron is an EventBridge Scheduler cron expression, evaluated in
	// TimeZone.
	Cron string
	What string
	// LocalEvery is the local stack's timer period.
	LocalEvery time.Duration
	// Retries is how often EventBridge Scheduler retries a failed
	// invocation (0: the stack's default); DeadLetter: the invocations that
	// still fail go to a dead-letter queue the stack creates.
	Retries    int
	DeadLetter bool
	// Monthly: the schedule fires once a month; the local stack does not
	// run it on a timer (`make report` and `make invoke` run it there).
	Monthly bool
}

// TimeZone is where schedules are evaluated.
const TimeZone = "Europe/Prague"

// OutboxSweepLimit bounds one scheduled sweep of the outbox sender.
const OutboxSweepLimit = 200

// Function is one Lambda function.
type Function struct {
	Name string
	What string

	Stream    *Stream
	Schedules []Schedule
	// Topic is an SNS trigger; today only the SES events of the mail
	// configuration set (infra/cdk creates the topic and the subscription).
	Topic *Topic

	MemoryMB   int
	MemoryWhy  string
	TimeoutS   int
	TimeoutWhy string

	Table     Table
	Secrets   []Secret
	SendsMail bool // SES send permission and the MAIL_* settings

	// Reports: the function reads (ReportsRead) or writes (ReportsWrite)
	// the reports bucket (reports/YYYY-MM/vN/; locally .data/reports/).
	ReportsRead  bool
	ReportsWrite bool
	// Invokes names the functions this one starts asynchronously (a
	// re-run starts report-compile).
	Invokes []string
}

// Routes returns the HTTP routes the function serves (none for a job).
func (f Function) Routes() []routes.Route { return routes.ForFunction(f.Name) }

// HTTP reports whether the function serves HTTP routes.
func (f Function) HTTP() bool { return len(f.Routes()) > 0 }

// Scheduled reports whether the function runs on a schedule.
func (f Function) Scheduled() bool { return len(f.Schedules) > 0 }

// Uses reports whether the function reads a secret.
func (f Function) Uses(s Secret) bool { return slices.Contains(f.Secrets, s) }

// table lists every function, HTTP ones first.
var table = []Function{
	{
		Name: Catalog, What: "public experts and free slots",
		MemoryMB: 512, MemoryWhy: "free-slot generation over a 60-day horizon is CPU-bound; Lambda's CPU grows with memory",
		TimeoutS: 10, TimeoutWhy: "a public read: one or two Queries; far below the API's 30 s limit",
		Table: Table{
			// An expert's profile (GetItem) and claims (Query), both in the
			// expert's partition: read only, and nothing else.
			Actions: []Action{GetItem, Query},
			Keys:    []string{KeyExpert},
			Indexes: []Index{{IndexGSI1, "EXPERTS (the directory)"}},
		},
		Secrets: []Secret{OriginSecret}, // only requests through CloudFront
	},
	{
		Name: Bookings, What: "public booking and its management by token",
		MemoryMB: 512, MemoryWhy: "validation, token hashing and the booking transaction on the public path; more CPU, lower latency",
		TimeoutS: 15, TimeoutWhy: "a transaction with up to 4 contention retries, then a clean 503; below the API's 30 s",
		Table: Table{
			// The booking transaction: the booking, the expert's claims and
			// day counter (and a check of the profile), the booker's limit
			// holds (read with a Query to pick one), the outbox items and
			// the idempotency record; before it, the spent proof of work
			// (a conditional PutItem).
			Actions: []Action{ConditionCheckItem, DeleteItem, GetItem, PutItem, Query, UpdateItem},
			Keys:    []string{KeyBooking, KeyExpert, KeyIdempotency, KeyLimit, KeyOutbox, KeyPoW},
		},
		Secrets: []Secret{
			OutboxKey,    // seals the manage link of the person's e-mails
			OriginSecret, // only requests through CloudFront
		},
	},
	{
		Name: Events, What: "public events: the listing, registration with the waiting list, and managing a registration by token",
		MemoryMB: 512, MemoryWhy: "validation, token hashing and the registration transaction on the public path; more CPU, lower latency",
		TimeoutS: 15, TimeoutWhy: "the seat, else the waiting list, a few rounds under contention, then a clean 503; below the API's 30 s",
		Table: Table{
			// Events and their counters, waiting lists, address and
			// organisation items (EVENT#, one transaction with the
			// registration, its e-mails and idempotency record; the waiting
			// list's ticket by UpdateItem; the list and counters read by
			// Query); the spent proof of work; the per-person limit hold
			// (WLIMIT#: read to pick one, claimed or given back in the
			// transaction); the ESF+ answers (ESF#: put
			// with the registration's key, or updated with a check of the
			// registration's version).
			Actions: []Action{ConditionCheckItem, DeleteItem, GetItem, PutItem, Query, UpdateItem},
			Keys:    []string{KeyEsf, KeyEvent, KeyIdempotency, KeyOutbox, KeyPoW, KeyRegistration, KeyWorkshopLimit},
			Indexes: []Index{{IndexGSI1, "EVENTS (published events by start)"}},
		},
		Secrets: []Secret{
			OutboxKey,    // seals the manage links; keys the e-mail HMAC, idempotency, proof of work and check-in codes
			OriginSecret, // only requests through CloudFront
		},
	},
	{
		Name: Surveys, What: "public surveys: an awareness survey by its public link, an evaluation survey by its invitation",
		MemoryMB: 512, MemoryWhy: "answer validation, token hashing and the response transaction on the public path; more CPU, lower latency",
		TimeoutS: 15, TimeoutWhy: "one transaction with up to 4 contention retries, then a clean 503; below the API's 30 s",
		Table: Table{
			// The survey and its published version (GetItem; a check of the
			// survey's status and version in the response's transaction);
			// the response (PutItem, one transaction with: the awareness
			// browser marker ANSWERED#, or the invitation marked used
			// (UpdateItem) and the survey's counter (UpdateItem, ADD); the
			// idempotency record); the spent proof of work (PutItem).
			Actions: []Action{ConditionCheckItem, GetItem, PutItem, UpdateItem},
			Keys:    []string{KeyAnswered, KeyIdempotency, KeyInvitation, KeyPoW, KeyResponse, KeySurvey},
		},
		Secrets: []Secret{
			OutboxKey,    // keys the browser markers' HMAC, idempotency and proof of work (seal.DeriveKey); nothing is sealed
			OriginSecret, // only requests through CloudFront
		},
	},
	{
		Name: SurveyResults, What: "staff routes for survey results: aggregates with small-cell suppression, CSV and XLSX exports, the CSVW codebook",
		MemoryMB: 512, MemoryWhy: "XLSX files built in memory; more CPU for aggregating up to 36 monthly Queries",
		TimeoutS: 29, TimeoutWhy: "up to 36 monthly Queries of a survey's responses, streamed; below the API's 30 s",
		Table: Table{
			// Read only: the survey and a version (GetItem), the responses
			// of each month of the range (Query of RESPONSE#<id>#<yyyy-mm>).
			Actions: []Action{GetItem, Query},
			Keys:    []string{KeyResponse, KeySurvey},
		},
		Secrets: []Secret{OriginSecret}, // only requests through CloudFront
	},
	{
		Name: StaffReports, What: "staff routes for the monthly reports: the list, a report, its files, a re-run; the indicator catalogue; the transformation register",
		MemoryMB: 256, MemoryWhy: "small JSON reads and register writes; files are streamed or handed out as short-lived links",
		TimeoutS: 15, TimeoutWhy: "a read, a register transaction or an asynchronous invocation per request",
		Table: Table{
			// The reports' version index (REPORT#: GetItem, Query of a
			// month's versions; the list on GSI2); the register's services
			// (SERVICE#: PutItem on creation, version-checked PutItem on a
			// change; GetItem; the list on GSI1).
			Actions: []Action{GetItem, PutItem, Query},
			Keys:    []string{KeyReport, KeyService},
			Indexes: []Index{
				{IndexGSI1, "SERVICES (the transformation register)"},
				{IndexGSI2, "REPORTS (every month's latest version)"},
			},
		},
		Secrets:     []Secret{OriginSecret}, // only requests through CloudFront
		ReportsRead: true,
		Invokes:     []string{ReportCompile},
	},
	{
		Name: Staff, What: "staff routes for experts, availability and bookings",
		MemoryMB: 256, MemoryWhy: "few staff, small pages; latency matters less than on the public path",
		TimeoutS: 15, TimeoutWhy: "erasure writes beyond one transaction; below the API's 30 s",
		Table: Table{
			// Experts and their subject links (transactions), bookings
			// (outcome; erasure: which releases claims and the limit holds
			// still the booking's (read first), uncounts the day and
			// deletes the booking's e-mails and idempotency records, and
			// queues the expert's cancellation; an admin's cancel-all).
			// Query: an expert's claims (in the expert's partition), for
			// the preview of the free slots an availability would give.
			Actions: []Action{DeleteItem, GetItem, PutItem, Query, UpdateItem},
			Keys:    []string{KeyBooking, KeyExpert, KeyIdempotency, KeyLimit, KeyOutbox, KeySubject},
			Indexes: []Index{
				{IndexGSI1, "EXPERTS (the directory), EXPERT#<id>#BOOKINGS (an expert's bookings)"},
				{IndexGSI2, "BOOKING#<yyyy-mm> (bookings of a date range)"},
			},
		},
		// Not the outbox key: staff only queue e-mails to experts, which
		// carry no manage link.
		Secrets: []Secret{OriginSecret}, // only requests through CloudFront
	},
	{
		Name: StaffEvents, What: "staff routes for events: create, change, publish, cancel, check-in, walk-ins, exports and attendance sheets",
		MemoryMB: 512, MemoryWhy: "XLSX and PDF files built in memory",
		TimeoutS: 29, TimeoutWhy: "a cancel writes one transaction per registration; a repeated call finishes it",
		Table: Table{
			// Events (version-checked puts) and their registrations (by
			// version, with the seat counter given back, the waiting-list
			// entry and counter removed, and the e-mail queued, in one
			// transaction); e-mails of a change beyond one transaction put
			// on their own; the audit record of each export (PutItem); a
			// change of a published event checks its seat counters
			// (ConditionCheckItem: never fewer seats than taken); raising
			// it offers free seats to the waiting list (the seat counts and
			// the list's head read with a Query of the event's partition,
			// then the offer's transaction).
			Actions: []Action{ConditionCheckItem, DeleteItem, GetItem, PutItem, Query, UpdateItem},
			// An admin's erasure of a registration also deletes its
			// idempotency records and gives back its limit hold (WLIMIT#);
			// a check-in records attendance on the ESF+ answers (ESF#: read,
			// then updated in the check-in's transaction).
			Keys: []string{KeyAudit, KeyEsf, KeyEvent, KeyIdempotency, KeyOutbox, KeyRegistration, KeyWorkshopLimit},
			Indexes: []Index{
				{IndexGSI2, "EVENTS#<yyyy-mm> (events of a date range), EVENT#<id>#REGISTRATIONS (an event's registrations)"},
			},
		},
		Secrets: []Secret{
			OutboxKey,    // the check-in codes' key is derived from it; it makes the outbox items
			OriginSecret, // only requests through CloudFront
		},
	},
	{
		Name: StaffSurveys, What: "staff routes for surveys: definitions checked against their schema, versions (drafts, publishing, closing), invitation counters",
		MemoryMB: 256, MemoryWhy: "definitions of at most 256 KiB checked in memory; few staff",
		TimeoutS: 10, TimeoutWhy: "one read and one transaction per request",
		Table: Table{
			// A survey and its version 1 (PutItem in the creation's
			// transaction); a draft replaced or version n+1 added (PutItem)
			// with the survey's rev checked and set (UpdateItem), also on
			// publishing and closing; the survey and a version read
			// (GetItem), its versions (Query of its partition).
			Actions: []Action{GetItem, PutItem, Query, UpdateItem},
			Keys:    []string{KeySurvey},
			Indexes: []Index{{IndexGSI1, "SURVEYS (every survey, newest first)"}},
		},
		Secrets: []Secret{OriginSecret}, // only requests through CloudFront
	},
	{
		Name: OutboxSender, What: "sends queued e-mails from the DynamoDB stream and a scheduled sweep",
		Stream: &Stream{Event: "INSERT", KeyPrefix: KeyOutbox, What: "new outbox items, sent at once"},
		Schedules: []Schedule{{
			ID: "sweep", Cron: "cron(0/5 * * * ? *)", LocalEvery: 2 * time.Second,
			// Stream delivery sends at once; the sweep catches items whose
			// stream retries ran out or that wait for a retry time.
			What: "Brána: send pending outbox e-mails the stream did not, every 5 minutes",
		}},
		MemoryMB: 256, MemoryWhy: "renders e-mails with calendar files and waits on SES; I/O-bound",
		TimeoutS: 120, TimeoutWhy: "a sweep sends up to 200 e-mails one by one; the lease per item is 2 min",
		Table: Table{
			// Lease, complete, retry and fail an item (UpdateItem returns
			// it); count a recipient's e-mails of the day (UpdateItem) and
			// read whether the recipient is suppressed (GetItem).
			Actions: []Action{GetItem, UpdateItem},
			Keys:    []string{KeyMailCap, KeyOutbox, KeySuppression},
			Indexes: []Index{{IndexGSI1, "OUTBOX#PENDING (due items)"}},
		},
		Secrets:   []Secret{OutboxKey}, // opens the manage links
		SendsMail: true,
	},
	{
		Name: Reminders, What: "queues the reminders of tomorrow's consultations",
		Schedules: []Schedule{{
			ID: "hourly", Cron: "cron(0 * * * ? *)", LocalEvery: 10 * time.Minute,
			// The job queues "tomorrow's" reminders and is idempotent, so an
			// hourly run catches bookings made during the day.
			What: "Brána: queue tomorrow's consultation reminders, hourly",
		}},
		MemoryMB: 256, MemoryWhy: "queues tomorrow's reminders: a Query and small transactions; I/O-bound",
		TimeoutS: 60, TimeoutWhy: "one day's bookings, a few hundred at most, each a small transaction",
		Table: Table{
			// The experts of tomorrow's bookings; each reminder is the
			// booking (version-checked) and its outbox items in one
			// transaction.
			Actions: []Action{GetItem, PutItem},
			Keys:    []string{KeyBooking, KeyExpert, KeyOutbox},
			Indexes: []Index{{IndexGSI2, "BOOKING#<yyyy-mm> (tomorrow's bookings)"}},
		},
		// No secret: a reminder carries no manage link (the job has no
		// token to make one from), so nothing is sealed.
	},
	{
		Name: WorkshopReminders, What: "queues the reminders of the workshops and other events that start in two days",
		Schedules: []Schedule{{
			ID: "hourly", Cron: "cron(20 * * * ? *)", LocalEvery: 10 * time.Minute,
			// The job queues the reminders of the events two days ahead and
			// is idempotent, so an hourly run catches registrations
			// confirmed during the day (offers accepted); at :20 it runs
			// apart from the consultations' reminders.
			What: "Brána: queue the reminders of events starting in two days, hourly",
		}},
		MemoryMB: 256, MemoryWhy: "renders nothing: Queries and small transactions, one per reminder; I/O-bound",
		TimeoutS: 120, TimeoutWhy: "one day's events, a few hundred registrations at most, each a small transaction",
		Table: Table{
			// Each reminder is the registration (version-checked) and its
			// outbox item, with a check that the event is still published
			// at the version read, in one transaction.
			Actions: []Action{ConditionCheckItem, PutItem},
			Keys:    []string{KeyEvent, KeyOutbox, KeyRegistration},
			Indexes: []Index{
				{IndexGSI1, "EVENTS (published events by start)"},
				{IndexGSI2, "EVENT#<id>#REGISTRATIONS (an event's registrations)"},
			},
		},
		// Signs the check-in code of an in-person seat (seal.DeriveKey
		// "checkin"); a reminder carries no manage link, so nothing is sealed.
		Secrets: []Secret{OutboxKey},
	},
	{
		Name: Retention, What: "erases the personal data of consultations past the retention period",
		Schedules: []Schedule{{
			ID: "daily", Cron: "cron(30 3 * * ? *)", LocalEvery: time.Hour,
			// Daily is precise enough for a period counted in months; at
			// 3:30 it runs apart from the day's bookings. The job keeps no
			// state: a missed or failed run is caught up by the next.
			What: "Brána: erase the personal data of consultations past the retention period, daily at 3:30",
		}},
		MemoryMB: 256, MemoryWhy: "reads old bookings month by month and writes small transactions; I/O-bound",
		TimeoutS: 300, TimeoutWhy: "the first run after a long outage may erase a month's bookings or more, one transaction each; an unfinished run is finished by the next",
		Table: Table{
			// Each erasure is the admin's: the booking (version-checked)
			// put back with only the kept facts, its e-mail copies and
			// idempotency records deleted and its limit holds given back
			// (read first: only while still its own), in one transaction.
			// Past consultations are not cancelled, so no claim, day
			// counter or expert is touched.
			Actions: []Action{DeleteItem, GetItem, PutItem},
			Keys:    []string{KeyBooking, KeyIdempotency, KeyLimit, KeyOutbox},
			Indexes: []Index{{IndexGSI2, "BOOKING#<yyyy-mm> (bookings of the months before the retention cut-off)"}},
		},
		// No secret, no e-mail.
	},
	{
		Name: WorkshopOffers, What: "expires lapsed waiting-list offers (the seat goes to the next person) and offers free seats to people waiting",
		Schedules: []Schedule{{
			ID: "sweep", Cron: "cron(0/5 * * * ? *)", LocalEvery: time.Minute,
			// An offer lasts hours; five minutes late is within what the
			// person was told, and each run catches up what the last missed.
			What: "Brána: expire lapsed waiting-list offers and offer free seats, every 5 minutes",
		}},
		MemoryMB: 256, MemoryWhy: "a Query on the offers index and small transactions; I/O-bound",
		TimeoutS: 120, TimeoutWhy: "up to 200 lapsed offers, each one transaction, and the upcoming events' counters",
		Table: Table{
			// Each expiry: the registration (version-checked) and the next
			// one waiting, the waiting-list entry, counters, address and
			// organisation items, the limit hold given back (WLIMIT#) and
			// the e-mails, in one transaction.
			Actions: []Action{ConditionCheckItem, DeleteItem, GetItem, PutItem, Query, UpdateItem},
			Keys:    []string{KeyEvent, KeyOutbox, KeyRegistration, KeyWorkshopLimit},
			Indexes: []Index{{IndexGSI1, "OFFERS (offers by expiry), EVENTS (published events by start)"}},
		},
		Secrets: []Secret{OutboxKey}, // seals the offer link of the next person's e-mail
	},
	{
		Name: MailEvents, What: "records the recipients SES reports bouncing for good or complaining, so that nothing more is sent to them",
		Topic:    &Topic{What: "SES bounce and complaint events of the mail configuration set, through SNS"},
		MemoryMB: 128, MemoryWhy: "parses a few small notifications and writes one item per recipient; I/O-bound",
		TimeoutS: 30, TimeoutWhy: "one SNS notification names at most 50 recipients, one small write each",
		Table: Table{
			// The suppression entry of each recipient (keyed by an HMAC of
			// the address).
			Actions: []Action{PutItem},
			Keys:    []string{KeySuppression},
		},
		Secrets: []Secret{OutboxKey}, // keys the HMAC of the address (seal.DeriveKey "suppression")
	},
	{
		Name: WorkshopRetention, What: "erases the personal data of event registrations past the retention period",
		Schedules: []Schedule{{
			ID: "daily", Cron: "cron(45 3 * * ? *)", LocalEvery: time.Hour,
			// Daily, apart from the bookings' retention at 3:30; no state:
			// a missed or failed run is caught up by the next.
			What: "Brána: erase the personal data of event registrations past the retention period, daily at 3:45",
		}},
		MemoryMB: 256, MemoryWhy: "reads ended events by month and their registrations; small transactions; I/O-bound",
		TimeoutS: 300, TimeoutWhy: "a first run after an outage may erase a month's registrations, one transaction each; the next run finishes an unfinished one",
		Table: Table{
			// Each erasure is the admin's: the registration (version-checked)
			// put back with only the kept facts, its e-mail uniqueness item
			// and limit hold deleted while still its own (read first), its
			// e-mail copies and idempotency records deleted, in one
			// transaction. The events are over: no seat or counter changes.
			Actions: []Action{DeleteItem, GetItem, PutItem, Query},
			Keys:    []string{KeyEvent, KeyIdempotency, KeyOutbox, KeyRegistration, KeyWorkshopLimit},
			Indexes: []Index{{IndexGSI2, "EVENTS#<yyyy-mm> (events of the months before the cut-off) and EVENT#<id>#REGISTRATIONS"}},
		},
		// No secret, no e-mail.
	},
	{
		Name: SurveyInvitations, What: "invites people to the evaluation surveys the day after a consultation held or an event attended, and reminds them once a week later",
		Schedules: []Schedule{{
			ID: "daily", Cron: "cron(0 10 * * ? *)", LocalEvery: time.Minute,
			// The rule: invitations and reminders go at 10:00 Prague
			// time, the day after. A missed run is caught up by the next
			// within seven days (the INVITED# marker keeps a re-run from
			// inviting twice). Locally every minute: the job sends nothing
			// before 10:00 unless SURVEY_INVITE_SAME_DAY=1 (infra/local).
			What: "Brána: invite to the evaluation surveys and remind once, daily at 10:00",
		}},
		MemoryMB: 256, MemoryWhy: "reads the week's consultations and events and writes small transactions; renders nothing; I/O-bound",
		TimeoutS: 300, TimeoutWhy: "a week's held consultations and attended events, a few hundred people, one small transaction each",
		Table: Table{
			// Reads only (ReadKeys: GetItem): bookings (a reminder's
			// address; by Prague month on GSI2), events and registrations
			// (by month and by event on GSI2); surveys (GetItem; the
			// directory on GSI1). Writes, one transaction per person: the invitation
			// (INVITATION#, PutItem; the reminder's conditional PutItem), the
			// "already invited" marker (INVITED#, PutItem; GetItem to skip
			// early), the e-mail (OUTBOX#) and the survey's counter
			// (SURVEY#, UpdateItem ADD).
			Actions:  []Action{GetItem, PutItem, UpdateItem},
			Keys:     []string{KeyInvitation, KeyInvited, KeyOutbox, KeySurvey},
			ReadKeys: []string{KeyBooking, KeyEvent, KeyRegistration},
			Indexes: []Index{
				{IndexGSI1, "SURVEYS (the survey directory)"},
				{IndexGSI2, "BOOKING#<yyyy-mm> (consultations of the weeks before), EVENTS#<yyyy-mm> and EVENT#<id>#REGISTRATIONS (events ended and their check-ins), INVITATIONS#<yyyy-mm-dd> (invitations sent a week ago)"},
			},
		},
		// Seals the links of the e-mails and the token kept for the
		// reminder; keys the INVITED# markers and the e-mails' outbox ids
		// (seal.DeriveKey "survey-invited", "survey-invitation-token").
		Secrets: []Secret{OutboxKey},
	},
	{
		Name: ReportCompile, What: "compiles a month's indicator report (JSON, CSV, XLSX, HTML and a manifest) from the month's facts, stores it as a new version when the figures changed, and e-mails the notice",
		Schedules: []Schedule{{
			ID: "monthly", Cron: "cron(0 3 1 * ? *)", Monthly: true, Retries: 3, DeadLetter: true,
			// The rule: the 1st of every month at 03:00 Prague
			// time, for the month before. A failed run is retried; one that
			// still fails lands in the DLQ, and an admin's re-run or the
			// next month's run (which compiles a missing month first)
			// catches it up.
			What: "Brána: compile last month's indicator report, monthly on the 1st at 03:00",
		}},
		MemoryMB: 1024, MemoryWhy: "streams a month's facts (flat heap), then builds the XLSX with charts and the HTML in memory; more CPU for 100,000 items",
		TimeoutS: 900, TimeoutWhy: "a month of 100,000 items read page by page, the files rendered and stored; a missing earlier month is compiled first",
		Table: Table{
			// Reads (Query of the month buckets and the lists below):
			// bookings, events and their registrations, ESF+ answers, the
			// register (GSI1 SERVICES: no GetItem of a SERVICE# item), the
			// surveys, their versions (GetItem) and responses (Query).
			// Writes: the month's version index and snapshot (REPORT#,
			// PutItem with a condition; the month's versions by Query, the
			// snapshot by GetItem), the notice e-mails (OUTBOX#).
			Actions: []Action{GetItem, PutItem, Query},
			Keys:    []string{KeyOutbox, KeyReport, KeyResponse, KeySurvey},
			Indexes: []Index{
				{IndexGSI1, "SURVEYS (the survey directory), SERVICES (the transformation register)"},
				{IndexGSI2, "BOOKING#<yyyy-mm>, EVENTS#<yyyy-mm>, EVENT#<id>#REGISTRATIONS, ESF#<yyyy-mm> (one month's facts), REPORTS"},
			},
		},
		ReportsWrite: true,
		SendsMail:    false, // the notice goes through the outbox
	},
}

// Functions returns every function, HTTP ones first.
func Functions() []Function { return slices.Clone(table) }

// Names lists every function's name, in the order of Functions.
func Names() []string {
	out := make([]string, len(table))
	for i, f := range table {
		out[i] = f.Name
	}
	return out
}

// MustGet returns a function by name, or panics: for names the code
// knows, such as the constants above.
func MustGet(name string) Function {
	f, ok := Get(name)
	if !ok {
		panic("registry: no function " + name)
	}
	return f
}

// Get returns a function by name.
func Get(name string) (Function, bool) {
	i := slices.IndexFunc(table, func(f Function) bool { return f.Name == name })
	if i < 0 {
		return Function{}, false
	}
	return table[i], true
}
