# Instructor targets for the nbgrader course in grading/; the root Makefile includes this file:
#     include grading/grading.mk
# Every target takes A=<assignment> (e.g. A=a1_retention_economics) where it needs one.
#   make release A=...      nbgrader generate_assignment (student version in grading/release/)
#   make collect A=...      nbgrader collect from the exchange (ZIP=1: zip_collect of the LMS downloads
#                           in grading/downloaded/<assignment>/archive/, Moodle and Canvas file names)
#   make autograde A=...    parallel, sandboxed autograde (all cores; progress per submission)
#   make author             JupyterLab on grading/source/ (Create Assignment panel) for writing assignments
#   make formgrade          JupyterLab with the Formgrader panel for manual grading (both also as root)
#   make feedback A=...     nbgrader generate_feedback, offline, without hidden tests (SHOW_HIDDEN=1 shows them)
#   make export             grades to grading/grades.csv (names, score, status: ok/error/timeout/missing)
# Options: WORKERS=n  WALL=seconds per submission  MEMORY_MB=kernel memory  STOCK=1 (plain nbgrader)
#          SPAWN=1 (start each kernel from scratch instead of forking it from a warm server)

GRADING_PY ?= $(if $(wildcard .venv/bin/python),.venv/bin/python,python3)
GRADING := $(GRADING_PY) -m nbgrader_sandbox --course grading
# WORKERS, WALL and MEMORY_MB override c.SandboxedAutograde.* in grading/nbgrader_config.py when given.

.PHONY: release collect autograde author formgrade feedback export grading-status grading-check grading-check-assignment

grading-check-assignment:
	@test -n "$(A)" || { echo "give the assignment: A=<name> (one of: $$(ls grading/source | tr '\n' ' '))"; exit 2; }

release: grading-check-assignment
	$(GRADING) release $(A)

collect: grading-check-assignment
	$(GRADING) collect $(A) $(if $(ZIP),--zip,)

autograde: grading-check-assignment
	$(GRADING) autograde $(A) $(if $(WORKERS),--workers $(WORKERS),) $(if $(WALL),--wall $(WALL),) \
	  $(if $(MEMORY_MB),--memory-mb $(MEMORY_MB),) $(if $(STOCK),--stock,) $(if $(SPAWN),--spawn-kernels,)

author:
	$(GRADING) lab

formgrade:
	$(GRADING) formgrade

feedback: grading-check-assignment
	$(GRADING) feedback $(A) $(if $(SHOW_HIDDEN),--show-hidden-tests,)

export:
	$(GRADING) export --to grades.csv

grading-status:
	$(GRADING) status

## grading-check: the grading tests only (source notebooks, release, validation, the grader, autograding fixtures)
grading-check:
	$(GRADING_PY) -m pytest -q tests/grading
