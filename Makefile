# labbook: `make run` runs every experiment, `make test` builds and runs the tests.
# Both first install the Debian packages the C libraries come from, when pkg-config cannot find them.

PACKAGES := libcmark-dev libopenblas-dev liblapacke-dev pkg-config
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test deps test-deps check-reports test-slurm

deps:
	@if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists libcmark openblas lapacke; then \
		echo "installing $(PACKAGES)"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y $(PACKAGES); \
	fi

run: deps
	swift build -c release --product labbook
	.build/release/labbook run experiments/

# Headless Chromium, for the test that screenshots a rendered report.
test-deps: deps
	@if ! command -v chromium >/dev/null 2>&1; then \
		echo "installing chromium"; \
		$(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; \
	fi

test: test-deps
	swift build
	swift test

# Re-runs both experiments and fails if the committed experiments/reports differ (apart from the run line).
check-reports: deps
	swift build -c release --product labbook
	scripts/check-reports.sh

# A real single-node Slurm cluster (installs slurm-wlm and munge when missing, starts and stops the daemons):
# a 6-cell sweep through --executor slurm, compared with --executor local --jobs 2 and a sequential run.
test-slurm: deps
	swift build --product labbook
	scripts/test-slurm.sh

# Every side-by-side benchmark against scikit-learn / LightGBM / pandas, printing each time ratio (benchmarks/).
.PHONY: bench
bench:
	benchmarks/bench_all.sh
