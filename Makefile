# yrdplan — two commands: `make run` (the main job) and `make test`.
# Both first make sure the system libraries exist (apt-get when we are root, else a clear message).

SWIFT ?= swift
SYSTEM_PACKAGES := libxml2-dev coinor-libclp-dev pkg-config
JOBS ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: run test build release bench deps format-check clean

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

## The whole test suite (unit, golden, property and end-to-end tests).
test: deps
	$(SWIFT) build --build-tests -j $(JOBS)
	$(SWIFT) test --skip-build --parallel --num-workers $(JOBS)

bench: deps
	$(SWIFT) run -c release yrdplan-bench

clean:
	rm -rf .build _site
