# Instructor targets for the nbgrader course in grading/; the root Makefile includes this file:
#     include grading/grading.mk
# Every target takes A=<assignment> (e.g. A=a1_retention_economics) where it needs one.
#   make exchange           once per machine, as root: the exchange folder every user shares and the
#                           course's machine-wide settings (grading/system/nbgrader_config.py)
#   make release A=...      nbgrader generate_assignment (student version in grading/release/), then
#                           release_assignment to the exchange (ZIP=1: generate only, for an LMS)
#   make collect A=...      nbgrader collect from the exchange (ZIP=1: zip_collect of the LMS downloads
#                           in grading/downloaded/<assignment>/archive/, Moodle and Canvas file names)
#   make autograde A=...    parallel, sandboxed autograde (two workers per core; progress per submission)
#   make author             JupyterLab on grading/source/ (Create Assignment panel) for writing assignments
#   make formgrade          JupyterLab with the Formgrader panel for manual grading (both also as root)
#   make feedback A=...     nbgrader generate_feedback, offline, without hidden tests (SHOW_HIDDEN=1 shows them),
#                           then release_feedback to the exchange (ZIP=1: generate only)
#   make export             grades to grading/grades.csv (names, score, status: ok/error/timeout/missing)
# Options: EXCHANGE_ROOT=folder (make exchange; default nbgrader's /usr/local/share/nbgrader/exchange)
#          CONFIG_DIRS="dir ..." (make exchange; default the system-wide Jupyter config folders)
#          WORKERS=n  WALL=seconds per submission  MEMORY_MB=kernel memory  STOCK=1 (plain nbgrader)
#          SPAWN=1 (start each kernel from scratch instead of forking it from a warm server)

GRADING_PY ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)
# nbgrader starts tools of its environment by name (alembic), so that environment's bin/ goes first on
# PATH, also when GRADING_PY names a shared one (e.g. GRADING_PY=/srv/cbec-retention/.venv/bin/python).
GRADING_ENV := $(if $(findstring /,$(GRADING_PY)),env PATH=$(abspath $(dir $(GRADING_PY))):$$PATH,)
GRADING := $(GRADING_ENV) $(GRADING_PY) -m nbgrader_sandbox --course grading
# WORKERS, WALL and MEMORY_MB override c.SandboxedAutograde.* in grading/nbgrader_config.py when given.
# The exchange steps check first that every user can reach the exchange, and say how to set it up.
EXCHANGE := $(GRADING_ENV) $(GRADING_PY) scripts/course_exchange.py --course grading
EXCHANGE_ROOT ?= /usr/local/share/nbgrader/exchange

.PHONY: exchange release collect autograde author formgrade feedback export grading-status grading-check grading-check-assignment

grading-check-assignment:
	@test -n "$(A)" || { echo "give the assignment: A=<name> (one of: $$(ls grading/source | tr '\n' ' '))"; exit 2; }

exchange:
	$(EXCHANGE) install --root $(EXCHANGE_ROOT) $(foreach d,$(CONFIG_DIRS),--config-dir $(d))

release: grading-check-assignment
	$(if $(ZIP),,$(EXCHANGE) check)
	$(GRADING) release $(A)
	$(if $(ZIP),,$(EXCHANGE) release $(A))

collect: grading-check-assignment
	$(if $(ZIP),,$(EXCHANGE) check)
	$(GRADING) collect $(A) $(if $(ZIP),--zip,)

autograde: grading-check-assignment
	$(GRADING) autograde $(A) $(if $(WORKERS),--workers $(WORKERS),) $(if $(WALL),--wall $(WALL),) \
	  $(if $(MEMORY_MB),--memory-mb $(MEMORY_MB),) $(if $(STOCK),--stock,) $(if $(SPAWN),--spawn-kernels,)

author:
	$(GRADING) lab

formgrade:
	$(GRADING) formgrade

feedback: grading-check-assignment
	$(if $(ZIP),,$(EXCHANGE) check)
	$(GRADING) feedback $(A) $(if $(SHOW_HIDDEN),--show-hidden-tests,)
	$(if $(ZIP),,$(EXCHANGE) release-feedback $(A))

export:
	$(GRADING) export --to grades.csv

grading-status:
	$(GRADING) status

## grading-check: the grading tests only (source notebooks, release, validation, the grader, autograding fixtures)
grading-check:
	$(GRADING_PY) -m pytest -q tests/grading
