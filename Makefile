# rpa: the two quick-start commands are `make demo` and `make test`; each installs what is missing.
SWIFT ?= swift
# Tesseract's OpenMP must be held to one thread from process start (the rpa binary re-executes
# itself with this set; test and benchmark processes get it here).
export OMP_THREAD_LIMIT = 1

RPA_RELEASE = .build/release/rpa
SAMPLE = samples/juminhyo/batch-01

.PHONY: deps build release demo test test-swift test-tools bench-ocr format lint clean

deps:
	@bash scripts/install-deps.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## Quick start 1: set up, then read the bundled sample scans.
demo: release
	$(RPA_RELEASE) doctor
	$(RPA_RELEASE) ocr samples/card/card_clean.png --template samples/card/card_template.png \
	  --zone 360,111,764,122 --zone 360,253,764,128 --checkbox 384,733,50,50 --checkbox 578,733,50,50
	$(RPA_RELEASE) ocr samples/card/card_clean.png --template samples/card/card_template.png \
	  --lang eng --zone 360,401,764,128 --zone 360,549,764,128

## Quick start 2: every test, through the real OCR engine on committed scans.
test: deps test-swift test-tools

test-swift:
	$(SWIFT) test

test-tools:
	python3 -m pytest -q tools/samplegen

## Benchmarks (figures recorded in BENCHMARKS.md).
bench-ocr: release
	$(RPA_RELEASE) bench ocr

format:
	$(SWIFT) format -i -r Sources Tests Package.swift

lint:
	$(SWIFT) format lint -r Sources Tests

clean:
	rm -rf .build bench-out
