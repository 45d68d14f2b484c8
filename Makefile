# yrdplan — two commands: `make run` (the main job) and `make test`.
# Both first make sure the system libraries exist (apt-get when we are root, else a clear message).

SWIFT ?= swift
SYSTEM_PACKAGES := libxml2-dev coinor-libclp-dev pkg-config
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test test-slurm build release bench bench-studies deps lint format clean

deps:
	@./scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

build: deps
	$(SWIFT) build -j $(JOBS)

release: deps
	$(SWIFT) build -c release -j $(JOBS)

## The main job: the regional outlook, then the site of briefs published into _site/.
run: build
	@$(SWIFT) run --skip-build yrdplan validate
	@$(SWIFT) run --skip-build yrdplan project
	@$(SWIFT) run --skip-build yrdplan publish --out _site
	@echo "Open _site/index.html, or serve it: python3 -m http.server --directory _site 8000"

## Style checks: swift-format (configuration in .swift-format) and a doc comment on every public type and function.
lint:
	$(SWIFT) format lint --strict --recursive Sources Tests Package.swift
	python3 scripts/check-doc-comments.py

format:
	$(SWIFT) format --in-place --recursive Sources Tests Package.swift

## The whole test suite (unit, golden, property and end-to-end tests), after the style checks.
test: deps lint
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build --parallel --num-workers $(JOBS)

bench: deps
	$(SWIFT) run -c release yrdplan-bench

## The Slurm end-to-end test of `yrdplan study` on a throwaway one-node cluster (scripts/slurm-local.sh, root installs
## munge and slurm); the cluster is stopped whatever the test's outcome.
test-slurm: deps
	$(SWIFT) build --build-tests -j $(JOBS)
	@trap 'scripts/slurm-local.sh stop' EXIT; \
	env=$$(scripts/slurm-local.sh start) || exit 1; eval "$$env"; \
	YRDPLAN_SLURM=1 $(SWIFT) test --skip-build --filter SlurmStudyTests

## Timings of `yrdplan study run` (release build): local with 1 and 2 workers, Slurm, 50/200/800 jobs (docs/studies.md).
bench-studies: deps
	$(SWIFT) build -c release --product yrdplan -j $(JOBS)
	scripts/bench-studies.sh

clean:
	rm -rf .build _site
