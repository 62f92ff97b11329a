# labbook: `make install [PREFIX=/usr/local]` installs the command and its shell completions,
# `make run` runs every experiment, `make test` builds and runs the tests.
# They first install the Debian packages the C libraries come from, when pkg-config cannot find them.

PACKAGES := libcmark-dev libopenblas-dev liblapacke-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps test-deps check-reports test-slurm release install uninstall

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark openblas lapacke; then \
		echo "installing $(PACKAGES)"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $(PACKAGES); \
	fi

# The release binary, built only when a source is newer than it: `run`, `check-reports`, `install` and
# the install test share one release build. `touch` marks it current when SwiftPM had nothing to relink.
RELEASE_BIN := .build/release/labbook
SOURCES := Package.swift $(shell find Sources -name '*.swift' -o -name '*.h' -o -name '*.modulemap')

$(RELEASE_BIN): $(SOURCES) | deps
	swift build -c release --product labbook
	@touch $@

release: $(RELEASE_BIN)

# `make install PREFIX=~/.local` needs no root; for /usr/local: `make release && sudo make install`.
# LABBOOK=path installs that binary instead of building one.
PREFIX ?= /usr/local
LABBOOK ?= $(RELEASE_BIN)
BINDIR = $(DESTDIR)$(PREFIX)/bin
BASH_COMPLETION = $(DESTDIR)$(PREFIX)/share/bash-completion/completions/labbook
ZSH_COMPLETION = $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_labbook
FISH_COMPLETION = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/labbook.fish

install: $(LABBOOK)
	install -d "$(BINDIR)" "$(dir $(BASH_COMPLETION))" "$(dir $(ZSH_COMPLETION))" "$(dir $(FISH_COMPLETION))"
	install -m 755 "$(LABBOOK)" "$(BINDIR)/labbook"
	"$(BINDIR)/labbook" --generate-completion-script bash > "$(BASH_COMPLETION)"
	"$(BINDIR)/labbook" --generate-completion-script zsh > "$(ZSH_COMPLETION)"
	"$(BINDIR)/labbook" --generate-completion-script fish > "$(FISH_COMPLETION)"
	@echo "installed $(BINDIR)/labbook and its bash, zsh and fish completions"

uninstall:
	rm -f "$(BINDIR)/labbook" "$(BASH_COMPLETION)" "$(ZSH_COMPLETION)" "$(FISH_COMPLETION)"

run: $(RELEASE_BIN)
	$(RELEASE_BIN) run experiments/

# Headless Chromium, for the test that screenshots a rendered report.
test-deps: deps
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; \
	fi

# The release binary first: the install test (Tests/CLITests/InstallCLITests.swift) installs it, and
# `check-reports` reuses it, so CI still makes one release build.
test: test-deps $(RELEASE_BIN)
	swift build
	swift test

# Re-runs both experiments and fails if the committed experiments/reports differ (apart from the run line).
check-reports: $(RELEASE_BIN)
	scripts/check-reports.sh

# A real single-node Slurm cluster (installs slurm-wlm and munge when missing, starts and stops the daemons):
# a 6-cell sweep through --executor slurm, compared with --executor local --jobs 2 and a sequential run.
test-slurm: deps
	swift build --product labbook
	scripts/test-slurm.sh

# Every side-by-side benchmark against scikit-learn / LightGBM / pandas, closing with issue 19's ratios, the memory
# line and the experiments' end-to-end CPU seconds (benchmarks/). `make bench QUICK=1`: the goals on two matrices only.
.PHONY: bench
bench:
	benchmarks/bench_all.sh $(if $(QUICK),--quick)
