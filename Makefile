# rpa: the two quick-start commands are `make demo` and `make test`; each installs what is missing.
SWIFT ?= swift
# Tesseract's OpenMP must be held to one thread from process start (the rpa binary re-executes
# itself with this set; test and benchmark processes get it here).
export OMP_THREAD_LIMIT = 1

RPA_RELEASE = .build/release/rpa
SAMPLE = samples/juminhyo/batch-01

.PHONY: deps build release demo test test-swift test-tools bench bench-ocr bench-ledger bench-shared bench-review fuzz-images format lint clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Quick start 1: set up, then run the main job on the bundled sample scans.
## rpa run exits 3 when some documents wait for review, which is expected on these samples.
demo: release
	$(RPA_RELEASE) doctor
	$(RPA_RELEASE) run workflows/juminhyo.yml samples/juminhyo/batch-01 || [ $$? -eq 3 ]
	$(RPA_RELEASE) review list workflows/juminhyo.yml
	$(RPA_RELEASE) ledger --by workflow
	@echo
	@echo "Clear the review queue in the browser (then open the address it prints):"
	@echo "  $(RPA_RELEASE) review serve workflows/juminhyo.yml"

## Quick start 2: every test, through the real OCR engine on committed scans.
test: deps test-swift test-tools

## The ledger's suite runs twice: on SQLite files, then on a private PostgreSQL server it starts itself.
test-swift:
	$(SWIFT) test
	RPA_TEST_LEDGER=postgresql $(SWIFT) test --skip-build --filter LedgerTests

test-tools:
	$(SWIFT) build
	python3 -m pytest -q tools

## Benchmarks (figures recorded in BENCHMARKS.md).
bench-ocr: release
	$(RPA_RELEASE) bench ocr

BENCH_SET = bench-out/set-200
BENCH_CLEAN = bench-out/set-200-clean
BENCH_HAND = bench-out/set-200-hand
## Accuracy and throughput on 201 generated forms (67 per workflow), office and clean scans, against the
## whole-page baseline on the same pages; and the same forms filled in by hand (office scans), written with
## the held-out hands (fonts-kiloji, fonts-yozvox-yozfont) nothing was calibrated on.
bench: release
	@for spec in juminhyo:7101 jidoteate:7102 tennyu:7103; do \
	  form=$${spec%%:*}; seed=$${spec##*:}; \
	  [ -f $(BENCH_SET)/$$form/ground_truth.json ] || \
	    python3 tools/samplegen/cli.py batch --form $$form --count 67 --seed $$seed --out $(BENCH_SET)/$$form --quiet; \
	  [ -f $(BENCH_CLEAN)/$$form/ground_truth.json ] || \
	    python3 tools/samplegen/cli.py batch --form $$form --count 67 --seed $$seed --profile clean --out $(BENCH_CLEAN)/$$form --quiet; \
	  [ -f $(BENCH_HAND)/$$form/ground_truth.json ] || \
	    python3 tools/samplegen/cli.py batch --form $$form --count 67 --seed $$seed --hand held-out --out $(BENCH_HAND)/$$form --quiet; \
	done
	@echo "== office profile"
	$(RPA_RELEASE) bench forms $(BENCH_SET)/juminhyo $(BENCH_SET)/jidoteate $(BENCH_SET)/tennyu
	@echo "== clean profile"
	$(RPA_RELEASE) bench forms $(BENCH_CLEAN)/juminhyo $(BENCH_CLEAN)/jidoteate $(BENCH_CLEAN)/tennyu
	@echo "== handwritten profile (held-out hands, office scans)"
	$(RPA_RELEASE) bench forms --no-baseline $(BENCH_HAND)/juminhyo $(BENCH_HAND)/jidoteate $(BENCH_HAND)/tennyu

bench-ledger: release
	$(RPA_RELEASE) ledger bench --rows 100000

## Several machines (issue #13): 1, 2 and 4 processes racing on 600 forms with one PostgreSQL ledger
## (a private server), exactly-once checked after each, and one process killed mid-run.
bench-shared: release
	python3 tools/shared/race.py --forms 600 --processes 1,2,4 --kill

## The review station (issue #11): the demo queue cleared by a scripted headless Chromium, by keyboard;
## keystrokes per document, server latency (p95) and the time to make a crop.
bench-review: release
	python3 tools/review/bench.py --rpa $(RPA_RELEASE)

FUZZ_SET = bench-out/fuzz-images
FUZZ_COUNT ?= 2000
## Hostile scans (issue #10): mutated copies of the committed samples, each through `rpa ocr`; prints
## refused cleanly / read / failed / crashed / hung, the largest RSS and the longest file. Not in `make test`.
fuzz-images: release
	rm -rf $(FUZZ_SET)
	python3 tools/fuzz/mutate.py --out $(FUZZ_SET) --count $(FUZZ_COUNT) --seed 10
	python3 tools/fuzz/run.py --rpa $(RPA_RELEASE) --json bench-out/fuzz-images.json $(FUZZ_SET)

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint -r Sources Tests

clean:
	rm -rf .build bench-out
