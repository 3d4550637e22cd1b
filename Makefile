# kehoach: make targets. `make demo` sets everything up and parses a bundled
# sample plan; `make test` runs every test (what CI runs).
GO      ?= $(shell command -v go 2>/dev/null || echo /usr/local/go/bin/go)
BIN     := bin/kehoach
SAMPLE  := testdata/seeds/001.txt
CORPUS  ?= ../shared/corpus
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_PKGS := tesseract-ocr tesseract-ocr-vie poppler-utils libreoffice-writer-nogui libreoffice-calc-nogui fonts-liberation

.PHONY: all build demo test deps gomod vet check bench fuzz model eval update clean

all: build

build: gomod ## build bin/kehoach
	$(GO) build -o $(BIN) ./cmd/kehoach

gomod: ## check the Go toolchain and fetch the Go modules
	@$(GO) version >/dev/null 2>&1 || { echo "Go is not installed: install Go 1.21 or later (it fetches the go1.26 toolchain go.mod asks for through the module proxy)"; exit 1; }
	$(GO) mod download

deps: ## install the Debian packages the OCR and LibreOffice paths use
	@missing=""; for p in $(APT_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		echo "installing:$$missing"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

demo: deps build ## parse the bundled sample plan and show its register
	$(BIN) parse $(SAMPLE)
	$(BIN) parse $(SAMPLE) -o demo.xlsx && echo "wrote demo.xlsx"

test: deps gomod vet ## every test, with the race detector, and the sample check
	$(GO) test -race -count=1 ./...
	$(GO) build -o $(BIN) ./cmd/kehoach
	$(MAKE) --no-print-directory check

vet:
	@test -z "$$(gofmt -l .)" || { gofmt -l .; echo "gofmt needed"; exit 1; }
	$(GO) vet ./...

GOLDEN_DIRS := testdata/seeds testdata/pdf testdata/docx testdata/html testdata/legacy

check: build ## check every sample document against its stored register
	@for d in $(GOLDEN_DIRS); do $(BIN) check $$d --golden $$d || exit 1; done

update: build ## rewrite the stored registers and golden files
	$(GO) test ./... -run Golden -update
	@for d in $(GOLDEN_DIRS); do $(BIN) check $$d --golden $$d --update; done

bench: ## benchmarks (parse, repair, export, diff)
	$(GO) test -run '^$$' -bench . -benchmem ./...

fuzz: ## run every fuzz target briefly
	@for pkg in $$($(GO) list ./...); do \
		for f in $$($(GO) test -list 'Fuzz.*' $$pkg | grep ^Fuzz); do \
			echo "fuzz $$pkg $$f"; $(GO) test -run '^$$' -fuzz "^$$f$$" -fuzztime 10s -fuzzminimizetime 3s $$pkg || exit 1; \
		done; \
	done

model: ## rebuild the OCR repair model from the corpus and the OCR pairs (deterministic)
	$(GO) run ./normalize/repair/internal/buildmodel -corpus $(CORPUS) -pairs normalize/repair/data/pairs.tsv -out normalize/repair/model.bin

eval: ## accuracy of OCR repair (seeds/000, held-out text), of OCR tables (seeds 003, 004) and of OCR'd PDFs
	$(GO) test ./normalize/repair -run '^TestEval$$' -eval -count=1 -v
	$(GO) test ./normalize/repair -run 'RealWordsEval' -count=1 -v -realword.eval
	$(GO) test ./parser/ocrtable -run 'Accuracy' -count=1 -v -args -long
	$(GO) test ./parser -run OCRPDF -count=1 -v -args -ocrpdf.long

clean:
	rm -rf bin demo.xlsx
