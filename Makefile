# Two commands do everything on a fresh machine:
#   make serve   build the HTML book (installing whatever is missing) and serve it on 127.0.0.1:8000
#   make test    build the book with warnings as errors, then run the whole test suite
# Other targets: make setup | make book | make clean | make lab (students); instructors: make slides | make pdf |
# make handouts | make teacher | make questions | make exam TAGS=... SEED=..., and grading/grading.mk

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

.PHONY: setup git-hook system-packages book serve test clean lab slides pdf handouts exam questions teacher

## setup: virtual environment, pinned Python packages, the package itself, vendored browser files, git hook
setup: $(VENV)/.installed _build/vendor/vendor/.versions git-hook

# The venv is the course environment of every user (JupyterHub runs each student's server as that
# student): it is made from a Python every user can run (scripts/course_python.sh), made again when
# its Python is closed to others (e.g. pyenv under /root), and opened to all (a+rX) after each install.
$(VENV)/.installed: requirements.txt pyproject.toml grader/pyproject.toml scripts/course_python.sh
	@if [ -x $(BIN)/python ] && base=$$($(BIN)/python -c "import sys; print(sys._base_executable)") \
	  && ! why=$$(bash scripts/course_python.sh --check $$base); then \
	  echo "$(VENV) is made again: $$why"; rm -rf $(VENV); fi
	@test -x $(BIN)/python || { py=$$(bash scripts/course_python.sh $(PYTHON)) && $$py -m venv $(VENV); }
	$(BIN)/python -m pip install --quiet --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -m pip install --quiet -r requirements.txt 2>&1 | grep -v "^WARNING: Location" || true
	$(BIN)/python -c "import retention, nbgrader_sandbox, jupyter_book, nbgrader, papermill, mplfonts, jieba, jupyterhub"
	chmod -R a+rX $(VENV)
	@bash scripts/course_python.sh --check $(BIN)/python \
	  || echo "warning: other users cannot use $(VENV) (a folder above the checkout is closed): students on this machine need the checkout in a shared place, e.g. /srv"
	touch $@

_build/vendor/vendor/.versions: scripts/vendor_assets.sh scripts/node_closure.js package.json package-lock.json
	bash scripts/vendor_assets.sh

## git-hook: run the pre-commit checks (.pre-commit-config.yaml) on every commit, in a git checkout.
# A linked worktree shares its hooks with every other checkout of the repository, so there it only says how.
git-hook: $(VENV)/.installed
	@if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then \
	  if [ "$$(git rev-parse --git-dir)" = "$$(git rev-parse --git-common-dir)" ]; then \
	    grep -qs pre-commit "$$(git rev-parse --git-path hooks/pre-commit)" || $(BIN)/pre-commit install; \
	  elif ! grep -qs pre-commit "$$(git rev-parse --git-path hooks/pre-commit)"; then \
	    echo "git worktree: hooks are shared with the other checkouts, so not installed (.venv/bin/pre-commit install does it)"; \
	  fi; \
	fi

## system-packages: Debian packages the browser tests need (Chromium); skipped when present
system-packages:
	@bash scripts/system_packages.sh

## book: execute the lessons whose inputs changed (in parallel, cached) and build the HTML book, warnings are errors
# scripts/execute_lessons.py keys each lesson on what it depends on (its code cells, the package modules
# it imports, the data and content files it reads, the pins, the execute settings), says why a lesson
# runs again and executes the stale ones on every core into the cache jupyter-book reads. A failed
# Sphinx build drops Sphinx's saved environment, so the next build reads every page again and repeats
# every warning instead of passing silently (executed outputs are kept). A lesson that fails to
# execute stops before Sphinx runs and is executed again next time.
book: setup
	$(BIN)/python scripts/execute_lessons.py
	@$(BIN)/jupyter-book build . $(JB_FLAGS) || { rm -rf _build/.doctrees; exit 1; }
	@echo "The book is in $(CURDIR)/_build/html/index.html"

## lab: the students' JupyterLab on notebooks/ (nbgrader's Validate, not the instructor's tools; also as root)
lab: setup
	JUPYTER_CONFIG_PATH=$(CURDIR)/grading/student-jupyter $(BIN)/jupyter lab notebooks/ \
	  $(if $(filter 0,$(shell id -u)),--allow-root,)

## serve: build, then serve the book on http://127.0.0.1:$(PORT)/, text gzip-compressed as static hosts do
serve: book
	$(BIN)/python scripts/serve_book.py --port $(PORT)

## slides: a reveal.js deck per lesson from the executed lessons, in _build/slides/ (open index.html; ?print-pdf prints)
slides: book
	$(BIN)/python scripts/build_slides.py

## pdf: the whole book as one PDF printed by Chromium from the built HTML, _build/pdf/book.pdf
pdf: book system-packages
	$(BIN)/python scripts/build_pdf.py

## handouts: glossary word list, phrase bank (when book/phrases/ has one) and a worksheet per lesson, _build/handouts/
handouts: book system-packages
	$(BIN)/python scripts/build_handouts.py

## test: the book build plus every test (package, notebooks, bilingual checks, built HTML, the printed book)
# The slide and handout tests build their own copies; the PDF test reads the one `make pdf` writes.
test: book system-packages pdf
	$(BIN)/python -m pytest -n auto --dist loadgroup -q

clean:
	rm -rf _build

## exam: an exam paper and its answer sheet from the question bank (HTML, and PDF through Chromium) in _build/exam/
#   make exam TAGS=lesson:06,lesson:07,difficulty:hard SEED=7 [N=20]; the same TAGS and SEED give the same paper
TAGS ?=
SEED ?=
N ?= 20
exam: setup
	@test -n "$(SEED)" || { echo "make exam needs a seed, e.g. make exam TAGS=lesson:06 SEED=7" >&2; exit 2; }
	$(BIN)/python -m retention.teaching.exam --tags "$(TAGS)" --seed "$(SEED)" --count "$(N)" --out _build/exam

## teacher: the teacher's book (teacher's notes of every lesson, the question bank's counts) in _build/teacher/html
# A separate Jupyter Book in book/teacher/ (own _config.yml and _toc.yml), so the notes never reach the students' book.
teacher: setup
	@$(BIN)/jupyter-book build book/teacher --path-output _build/teacher $(JB_FLAGS) || { rm -rf _build/teacher/_build/.doctrees; exit 1; }
	@ln -sfn _build/html _build/teacher/html
	@echo "The teacher's book is in $(CURDIR)/_build/teacher/html/index.html"

## questions: the question bank for learning platforms: Moodle XML and CSV in _build/questions/
questions: setup
	$(BIN)/python -m retention.teaching.exports --out _build/questions

# Instructor workflow for the nbgrader course (release, collect, autograde, formgrade, feedback, export).
include grading/grading.mk
