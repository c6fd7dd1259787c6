# The two commands a newcomer needs: `make site` builds the site, `make test` runs every test.
# Each creates .venv and installs what it needs on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve preview test check golden bench search-bench lint clean chromium lock pull train

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Every install is held to the versions in requirements.lock, the ones CI tested; `make lock`
# refreshes it. PYTHONWARNINGS: setuptools' generic advice on editable installs is noise.
LOCK := requirements.lock
PIP_INSTALL := PYTHONWARNINGS=ignore $(BIN)/pip install --quiet --constraint $(LOCK)

$(VENV)/.site-deps: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e .
	touch $@

$(VENV)/.test-deps: pyproject.toml $(LOCK) | $(BIN)/python
	$(PIP_INSTALL) -e ".[test]"
	touch $@ $(VENV)/.site-deps

# Resolve every dependency afresh in a throw-away venv and pin what it got.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet --upgrade pip
	PYTHONWARNINGS=ignore .lock-venv/bin/pip install --quiet -e ".[test]"
	{ echo "# Pinned by 'make lock' from pyproject.toml; every install uses it as constraints."; \
	  .lock-venv/bin/pip freeze --exclude-editable | LC_ALL=C sort; } > $(LOCK)
	rm -rf .lock-venv

site: $(VENV)/.site-deps  ## Generate pages from seeds/ and build the static site into site/
	$(BIN)/digest build

serve: $(VENV)/.site-deps  ## Preview on http://127.0.0.1:8000, regenerating when seeds or digest.yml change
	$(BIN)/digest serve

# The built site needs a web server: search, Browse and page links do not work from file://.
PORT ?= 8001
preview: site  ## Build the site, then serve site/ on http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)
	@echo "Serving site/ at http://127.0.0.1:$(PORT)/ (Ctrl-C stops it)"
	$(BIN)/python -m http.server $(PORT) --directory site --bind 127.0.0.1

check: $(VENV)/.site-deps  ## Validate digest.yml and every seed without writing anything
	$(BIN)/digest check

pull: $(VENV)/.site-deps  ## Fetch new articles from the feeds under `sources:` in digest.yml into seeds/
	$(BIN)/digest pull

test: $(VENV)/.test-deps chromium  ## Run the whole test suite (unit, golden, site, browser, benchmark smoke)
	$(BIN)/pytest

golden: $(VENV)/.site-deps  ## Regenerate the golden tree after an intended change to the output
	rm -rf tests/golden/docs
	$(BIN)/digest generate --no-cache --docs tests/golden/docs

comma := ,
# SIZE=N (or N,M) chooses the corpus sizes; CI runs the script at a small size (tests/test_benchmark.py).
# Then the incremental build (add one seed, rebuild the site) at the largest size.
bench: $(VENV)/.site-deps  ## Benchmark generate, site build, Hugo and bare Material (SIZE=1000,10000)
	$(BIN)/python bench/benchmark.py --size $(or $(SIZE),1000,10000)
	$(BIN)/python bench/incremental_bench.py --size $(lastword $(subst $(comma), ,$(or $(SIZE),10000))) --jobs 2

train: $(VENV)/.site-deps  ## Retrain the line-role model (generator/data/roles.crfsuite) from the labelled set
	$(BIN)/python -m generator.role_training

search-bench: $(VENV)/.test-deps chromium  ## Search and Browse in Chromium at 1,000 and 10,000 articles
	$(BIN)/python bench/search_bench.py --sizes $(or $(SIZES),1000,10000)

lint: $(VENV)/.test-deps
	$(BIN)/ruff check .

# Browser tests drive Debian's Chromium; install it when it is missing (needs root, as in CI).
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

clean:
	rm -rf site docs/articles docs/companies docs/topics docs/authors docs/publications docs/index.md \
	  docs/report.md docs/tags.md docs/browse.md docs/stories docs/digests docs/feeds docs/data docs/timeline.md
