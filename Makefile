# yrdplan — two commands: `make run` (the main job) and `make test`.
# Both first make sure the system libraries exist (apt-get when we are root, else a clear message).

SWIFT ?= swift
SYSTEM_PACKAGES := libxml2-dev coinor-libclp-dev pkg-config
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test build release bench deps lint format clean

deps:
	@./scripts/install-system-packages.sh $(SYSTEM_PACKAGES)

build: deps
	$(SWIFT) build -j $(JOBS)

release: deps
	$(SWIFT) build -c release -j $(JOBS)

## The main job: the regional outlook (later: publish the site into _site/).
run: build
	@$(SWIFT) run --skip-build yrdplan validate
	@$(SWIFT) run --skip-build yrdplan project

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

clean:
	rm -rf .build _site
