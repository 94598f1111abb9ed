# Brána: the commands. The two that matter first:
#
#   make run    the whole system on this machine, http://localhost:8080
#   make test   everything CI runs (.ci/run calls it)
#
# `make` (or `make help`) lists the rest. Needs Go, Java 17+ and Node/npm
# (npm fetches DynamoDB Local once, into .cache/).

SHELL := bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
MAKEFLAGS += --no-print-directory

GO ?= go

# make test: the whole suite must finish well inside CI's 90 minutes.
TEST_TIMEOUT ?= 20m
# Test binaries run in parallel, -p at a time (default: the number of CPUs);
# each package that talks to DynamoDB starts its own DynamoDB Local JVM
# (~150-250 MB). Set TEST_P=1 on a machine short of memory.
TEST_P ?=
# Extra flags for go test, e.g. TESTFLAGS=-v or TESTFLAGS='-run TestBooking'.
TESTFLAGS ?=

# make bench
BENCHCOUNT ?= 5
BENCHTIME ?= 1s
# make fuzz: each target runs FUZZTIME; targets are <package>:<FuzzName>.
FUZZTIME ?= 30s
FUZZ_TARGETS ?= ./internal/api/:FuzzDecodeBooking

# make build: one Lambda binary per functions/<name>/main.go.
FUNCTIONS := $(patsubst functions/%/main.go,%,$(wildcard functions/*/main.go))
GOOS_LAMBDA := linux
GOARCH_LAMBDA := arm64

# The CDK app (infra/cdk) is its own Go module, so the Lambda binaries and
# the root `go test ./...` never compile the CDK bindings. STAGE: dev|prod.
CDK_DIR := infra/cdk
STAGE ?= dev
CDK_TEST_TIMEOUT ?= 15m
# The CDK CLI that deploys (npm, pinned): a CLI at least as new as the
# aws-cdk-lib the app uses (2.250.0, cloud assembly schema 53).
CDK_CLI_VERSION := 2.1148.1
# Extra flags for `cdk deploy`, e.g. CDK_DEPLOY_FLAGS='--profile brana'.
CDK_DEPLOY_FLAGS ?=

.PHONY: help run test vet fmt-check dynamodb-local invoke report token build bench bench-functions fuzz clean synth deploy cdk-test web-dist web-test

help:
	@echo 'Brána (github.com/mpsv/brana): make targets'
	@echo
	@echo '  make run                 start the local stack: DynamoDB Local, the API on'
	@echo '                           http://localhost:8080 (BRANA_PORT), e-mails to .data/outbox/;'
	@echo '                           Ctrl-C stops it'
	@echo '  make test                go vet, gofmt check and every test (unit and against a'
	@echo '                           real DynamoDB Local); what CI runs. TESTFLAGS=-v for detail'
	@echo '  make invoke FN=<function> EVENT=events/<file>.json'
	@echo '                           run a function on a sample event against the running'
	@echo '                           stack, as `sam local invoke` does'
	@echo '                           (functions: $(FUNCTIONS))'
	@echo '  make report MONTH=YYYY-MM'
	@echo '                           compile a month'"'"'s indicator report against the running'
	@echo '                           stack: JSON, CSV, XLSX, HTML and a manifest in'
	@echo '                           .data/reports/reports/YYYY-MM/vN/ (README, Monthly reports)'
	@echo '  make token GROUP=admin|expert|organiser|evaluator|viewer [SUBJECT=...]'
	@echo '                           print a development staff token for the local stack'
	@echo '  make build               Lambda binaries (linux/arm64) in build/<fn>/bootstrap'
	@echo '                           and build/<fn>.zip'
	@echo '  make synth [STAGE=dev|prod]'
	@echo '                           build the functions and web/dist, then synthesise the'
	@echo '                           CDK stacks offline into infra/cdk/cdk.out/ (no AWS account needed)'
	@echo '  make deploy STAGE=dev|prod'
	@echo '                           build both and deploy the stage'"'"'s three stacks with the CDK CLI'
	@echo '                           $(CDK_CLI_VERSION) (npx); see docs/deploy.md'
	@echo '  make cdk-test            the CDK stack tests (part of make test)'
	@echo '  make web-test            the web front door in headless Chromium against a local stack:'
	@echo '                           bookings by mouse and keyboard, axe, screenshots and page'
	@echo '                           weight in test-results/web/ (part of make test)'
	@echo '  make bench               benchmarks (BENCHCOUNT=$(BENCHCOUNT), BENCHTIME=$(BENCHTIME))'
	@echo '  make bench-functions     each function'"'"'s size and cold start (INIT) next to a hello-world'
	@echo '                           + DynamoDB floor (infra/bench; a few minutes; docs/benchmarks.md)'
	@echo '  make fuzz                a short fuzzing run ($(FUZZTIME) per target)'
	@echo '  make clean               remove build/ and cdk.out/'
	@echo '  make help                this list'

# Built, then exec'd, rather than `go run`: after Ctrl-C `go run` exits 1
# (and make reports "Error 1") even when the stack stopped cleanly; the
# binary exits 0, and a SIGTERM reaches it directly.
run: web-dist
	@$(GO) build -o .cache/bin/brana-local ./infra/local
	@exec .cache/bin/brana-local run

# DynamoDB Local into .cache/dynamodb-local (or $DYNAMODB_LOCAL_DIR), once.
# The tests would fetch it themselves; doing it first keeps parallel test
# binaries from queueing on the fetch lock.
dynamodb-local:
	@bash scripts/fetch-dynamodb-local.sh >/dev/null

vet:
	$(GO) vet ./...

fmt-check:
	@files=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*')); \
	if [[ -n "$$files" ]]; then echo "gofmt needed on:"; echo "$$files"; exit 1; fi

test: dynamodb-local vet fmt-check cdk-test web-test
	$(GO) test -count=1 -timeout $(TEST_TIMEOUT) $(if $(TEST_P),-p $(TEST_P)) $(TESTFLAGS) ./...

invoke:
	@if [[ -z "$(FN)" || -z "$(EVENT)" ]]; then \
		echo 'usage: make invoke FN=<function> EVENT=events/<file>.json' >&2; \
		echo '       functions: $(FUNCTIONS); events: '"$$(cd events && echo *.json)" >&2; \
		exit 2; \
	fi
	@$(GO) run ./infra/local invoke '$(FN)' '$(EVENT)'

report:
	@if [[ -z "$(MONTH)" ]]; then \
		echo 'usage: make report MONTH=YYYY-MM   (e.g. make report MONTH=2026-10; needs make run in another terminal)' >&2; \
		exit 2; \
	fi
	@$(GO) run ./infra/local report '$(MONTH)'

token:
	@if [[ -z "$(GROUP)" ]]; then echo 'usage: make token GROUP=admin|expert|organiser|evaluator|viewer [SUBJECT=...]' >&2; exit 2; fi
	@$(GO) run ./infra/local token '$(GROUP)' $(if $(SUBJECT),'$(SUBJECT)')

# Reproducible: -trimpath and -buildvcs=false keep paths and the commit out
# of the binary, so unchanged code gives an unchanged binary (and asset
# hash); the zip entry has a fixed time and mode and no extra attributes.
build:
	@for fn in $(FUNCTIONS); do \
		echo "build/$$fn/bootstrap"; \
		GOOS=$(GOOS_LAMBDA) GOARCH=$(GOARCH_LAMBDA) CGO_ENABLED=0 $(GO) build -tags lambda.norpc,validator_novalidatefn -trimpath -buildvcs=false \
			-ldflags='-s -w' -o "build/$$fn/bootstrap" "./functions/$$fn"; \
		chmod 0755 "build/$$fn/bootstrap"; \
		TZ=UTC touch -t 198001010000 "build/$$fn/bootstrap"; \
		rm -f "build/$$fn.zip"; \
		if command -v zip >/dev/null 2>&1; then \
			(cd "build/$$fn" && TZ=UTC zip -X -q "../$$fn.zip" bootstrap); \
		else \
			$(GO) run ./infra/local zip "build/$$fn.zip" "build/$$fn/bootstrap"; \
		fi; \
		echo "build/$$fn.zip"; \
	done

# One package at a time (-p 1): benchmarks running side by side would
# measure each other.
bench: dynamodb-local
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) -count $(BENCHCOUNT) -p 1 -timeout 60m ./...

# Per-function bootstrap and zip size (linux/arm64) and INIT time against
# the floor (infra/bench/floor), BENCH_ROUNDS interleaved cold starts each;
# the markdown table also goes to build/bench-functions.md.
BENCH_ROUNDS ?= 25
bench-functions:
	@mkdir -p build
	$(GO) run ./infra/bench -rounds $(BENCH_ROUNDS) -o build/bench-functions.md

fuzz: dynamodb-local
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t#*:}; \
		echo "fuzz $$name in $$pkg for $(FUZZTIME)"; \
		$(GO) test -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) "$$pkg"; \
	done

clean:
	rm -rf build/ cdk.out/ infra/cdk/cdk.out/

# The stack tests build their own Lambda binaries (into a temporary
# directory): they need no `make build`.
cdk-test:
	cd $(CDK_DIR) && $(GO) vet ./... && $(GO) test -count=1 -timeout $(CDK_TEST_TIMEOUT) $(TESTFLAGS) ./...

# The web front door's build (web/dist), which the stack copies into its
# bucket: npm ci again only when package-lock.json changed.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && npm ci --no-audit --no-fund
web-dist: web/node_modules/.package-lock.json
	cd web && npm run build

# The web front door's browser tests (web/test/web.test.mjs): Debian's
# chromium (headless, driven by playwright-core) against a local stack of
# their own (temporary data folder, free ports), axe-core on every page and
# state, screenshots and the page weight in test-results/web/.
web-test: web-dist
	cd web && npm run typecheck && npm test

synth: build web-dist
	cd $(CDK_DIR) && BRANA_STAGE=$(STAGE) $(GO) run .

# brana:strict refuses the placeholder addresses cdk.json ships with, and a
# missing web build. BRANA_STAGE as well as -c stage: a BRANA_STAGE left in
# the shell must not pick another stage than the one asked for. --all: the
# app holds only this stage's stacks (brana-<stage>-waf, brana-<stage>,
# brana-<stage>-edge-alarms), deployed in that order.
deploy: build web-dist
	@if [[ "$(STAGE)" != dev && "$(STAGE)" != prod ]]; then echo 'usage: make deploy STAGE=dev|prod' >&2; exit 2; fi
	cd $(CDK_DIR) && BRANA_STAGE=$(STAGE) npx --yes aws-cdk@$(CDK_CLI_VERSION) deploy --all \
		--app 'go run .' -c stage=$(STAGE) -c brana:strict=true --require-approval broadening $(CDK_DEPLOY_FLAGS)
