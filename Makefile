# Two commands: `make dataset` builds the dataset from seeds/ into dist/, `make test` runs the tests.
# Each creates .venv and installs the exact versions in requirements.lock on first use.
# `make dataset` writes a development build, dist/VERSION.dev+DIGEST (named after its content, so it never
# clashes with an earlier build); `make release VERSION=x.y.z` publishes the numbered release dist/x.y.z.

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SHARED ?= ../shared
export DAGSTER_HOME := $(CURDIR)/.dagster

.PHONY: dataset release test eval bench dev lock clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "error: $(PYTHON) not found; install Python 3.11 or run make PYTHON=/path/to/python3.11"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==24.3.1" "setuptools==80.9.0"
	$(BIN)/python -m pip install --quiet --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	$(BIN)/python -m pip check
	@mkdir -p $(DAGSTER_HOME) && { [ -s $(DAGSTER_HOME)/dagster.yaml ] || printf "telemetry:\n  enabled: false\n" > $(DAGSTER_HOME)/dagster.yaml; }
	@# `dagster dev` run from the repository root reads .env, so it shares this run history.
	@printf "DAGSTER_HOME=%s\n" "$(DAGSTER_HOME)" > .env
	@touch $(STAMP)

dataset: $(STAMP)
	$(BIN)/python -m pipeline build --seeds seeds --dist dist

# A numbered release is immutable: an existing dist/$(VERSION) is refused, never overwritten.
release: $(STAMP)
	@[ -n "$(VERSION)" ] || { echo "error: give the version to publish: make release VERSION=x.y.z" >&2; exit 2; }
	$(BIN)/python -m pipeline release --version "$(VERSION)" --seeds seeds --dist dist

test: $(STAMP)
	$(BIN)/python -m pytest -q

# Score every evaluation set under $(SHARED)/eval that has gold annotations (dev/, news/, ...): one table each.
eval: $(STAMP)
	@status=0; found=0; \
	for gold in $(SHARED)/eval/*/gold; do \
	  set=$$(dirname $$gold); [ -d $$set/articles ] || continue; found=1; \
	  tmp=$$(mktemp -d); \
	  echo "== $$(basename $$set): $$(ls $$set/articles | wc -l) articles"; \
	  if rel=$$($(BIN)/python -m pipeline build --seeds $$set/articles --dist $$tmp/dist 2>$$tmp/build.log | tail -1) \
	     && [ -d "$$rel" ]; then \
	    $(BIN)/python $(SHARED)/eval/score.py $$rel $$set/articles $$gold || status=1; \
	  else tail -30 $$tmp/build.log; echo "error: the build of $$set failed (log above)"; status=1; fi; \
	  rm -rf $$tmp; \
	done; \
	[ $$found = 1 ] || { echo "error: no evaluation set with gold under $(SHARED)/eval; set SHARED=/path/to/shared"; exit 1; }; \
	exit $$status

# Throughput benchmarks, in their own .venv-bench so the glue they compare with (requirements-bench.lock)
# never leaks into the test environment or into `make lock`.
BENCH_STAMP := .venv-bench/.installed
$(BENCH_STAMP): requirements.lock requirements-bench.lock pyproject.toml
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --upgrade "pip==24.3.1" "setuptools==80.9.0"
	.venv-bench/bin/python -m pip install --quiet --no-deps -r requirements.lock -r requirements-bench.lock
	.venv-bench/bin/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)
	.venv-bench/bin/python benchmarks/run.py
	.venv-bench/bin/python benchmarks/ingest.py

# Scale: `make bench-scale` generates corpora of 1,000, 10,000 and 100,000 documents (benchmarks/scale_corpus.py),
# times a full build of each (wall time, peak memory), an incremental build after adding 1% to the 10,000 one and
# the seed build, prints the figures against the targets and writes benchmarks/scale_results.json. It runs the
# pipeline's own .venv, as `make dataset` does. Long at 100,000: `make bench-scale SCALE_SIZES=200,1000` is quick.
SCALE_SIZES ?= 1000,10000,100000
.PHONY: bench-scale
bench-scale: $(STAMP)
	$(BIN)/python benchmarks/scale.py --sizes $(SCALE_SIZES)

# The Dagster UI with this repository's run history (DAGSTER_HOME=.dagster).
dev: $(STAMP)
	$(BIN)/dagster dev

# Refresh requirements.lock from the current .venv (after changing pyproject.toml dependencies).
lock: $(STAMP)
	$(BIN)/python -m pip freeze --exclude-editable | grep -v -E "^(pip|setuptools|wheel)==" > requirements.lock

clean:
	rm -rf $(VENV) .venv-bench .dagster .pytest_cache
