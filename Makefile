# Two commands do everything on a fresh machine:
#   make serve   build the HTML book (installing whatever is missing) and serve it on 127.0.0.1:8000
#   make test    build the book with warnings as errors, then run the whole test suite
# Other targets: make setup | make book | make clean; instructors: see grading/grading.mk

SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
export PATH := $(BIN):$(PATH)
# Keep Jupyter's runtime files, matplotlib's cache and IPython's profile inside the project.
export JUPYTER_PLATFORM_DIRS := 1
export MPLCONFIGDIR := $(CURDIR)/_build/.mplconfig
PORT ?= 8000
JB_FLAGS := -W -n --keep-going

.PHONY: setup system-packages book serve test clean

## setup: virtual environment, pinned Python packages, the package itself, vendored browser files
setup: $(VENV)/.installed _build/vendor/vendor/.versions

$(VENV)/.installed: requirements.txt pyproject.toml grader/pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -m pip install --quiet -r requirements.txt 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import retention, nbgrader_sandbox, jupyter_book, nbgrader, papermill, mplfonts, jieba"
	touch $@

_build/vendor/vendor/.versions: scripts/vendor_assets.sh
	bash scripts/vendor_assets.sh

## system-packages: Debian packages the browser tests need (Chromium); skipped when present
system-packages:
	@bash scripts/system_packages.sh

## book: execute the lessons (cached) and build the HTML book, warnings are errors
# Executed outputs are cached by notebook code only, so a change to the package, the pins or the
# build configuration starts a clean build. A failed build drops Sphinx's saved environment, so
# the next build reads every page again and repeats every warning instead of passing silently.
BOOK_KEY_FILES = requirements.txt _config.yml _toc.yml \
  $(shell find src book/_ext \( -name '*.py' -o -name '*.yml' \) -not -path '*/grading/*' | sort)

book: setup
	@key=$$(cat $(BOOK_KEY_FILES) | sha256sum | cut -c1-16); \
	if [ "$$(cat _build/.book-key 2>/dev/null)" != "$$key" ]; then \
	  echo "package or configuration changed: clean book build"; \
	  rm -rf _build/.jupyter_cache _build/.doctrees _build/html _build/jupyter_execute _build/.book-key; \
	fi; \
	$(BIN)/jupyter-book build . $(JB_FLAGS) || { rm -rf _build/.doctrees _build/.book-key; exit 1; }; \
	echo "$$key" > _build/.book-key
	@echo "The book is in $(CURDIR)/_build/html/index.html"

## serve: build, then serve the book on http://127.0.0.1:$(PORT)/
serve: book
	@echo "Serving http://127.0.0.1:$(PORT)/  (Ctrl-C to stop)"
	$(BIN)/python -m http.server $(PORT) --bind 127.0.0.1 --directory _build/html

## test: the book build plus every test (package, notebooks, bilingual checks, built HTML)
test: book system-packages
	$(BIN)/python -m pytest -n auto --dist loadgroup -q

clean:
	rm -rf _build

# Instructor workflow for the nbgrader course (release, collect, autograde, formgrade, feedback, export).
include grading/grading.mk
