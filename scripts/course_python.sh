#!/usr/bin/env bash
# The course environment (.venv) must run for every user of the machine: a JupyterHub server runs as
# the student, and a venv made from a Python under a private folder (pyenv in /root) fails there with
# "bad interpreter: Permission denied". This script picks, or checks, a Python every user can run.
#   course_python.sh [PYTHON]     print the first Python 3.11 every user can run: PYTHON if given,
#                                 then python3.11, /usr/bin/python3.11, python3 (exit 1 with the fix)
#   course_python.sh --check PY   exit 0 if PY (e.g. .venv/bin/python) and everything it loads from
#                                 (interpreter, standard library, site-packages) is open to every user;
#                                 otherwise print the first closed folder or file and exit 1
set -uo pipefail

# Run by the candidate itself, so that pyenv's shims resolve to the real interpreter.
probe='
import os, stat, sys, sysconfig
def closed(path):
    """The first part of path another user cannot reach (folders: enter; the end: read), or None."""
    path = os.path.realpath(path)
    parts = path.split(os.sep)
    for i in range(2, len(parts) + 1):
        here = os.sep.join(parts[:i]) or os.sep
        if not os.path.exists(here):  # e.g. an empty site-packages never made: nothing to read there
            return None
        mode = os.stat(here).st_mode
        need = stat.S_IXOTH | (stat.S_IROTH if here == path else 0)
        if stat.S_ISDIR(mode) and here == path:
            need |= stat.S_IROTH
        if mode & need != need:
            return here
    return None
if sys.version_info[:2] != (3, 11):
    print("Python %d.%d, not 3.11 (the pins in requirements.txt are for 3.11)" % sys.version_info[:2])
    sys.exit(1)
paths = sysconfig.get_paths()
for path in (sys.executable, getattr(sys, "_base_executable", sys.executable), paths["stdlib"],
             paths["platstdlib"], paths["purelib"]):
    where = closed(path)
    if where:
        print("%s is closed to other users (needed by %s)" % (where, sys.executable))
        sys.exit(1)
'

open_to_all() {  # $1: a python; prints why not on failure
  command -v "$1" >/dev/null 2>&1 || { echo "$1: not found"; return 1; }
  "$1" -c "$probe"
}

if [ "${1:-}" = "--check" ]; then
  open_to_all "$2"
  exit
fi

reasons=()
for candidate in ${1:+"$1"} python3.11 /usr/bin/python3.11 python3; do
  if why=$(open_to_all "$candidate" 2>&1); then
    command -v "$candidate"
    exit 0
  fi
  reasons+=("  $candidate: $why")
done
{
  echo "No Python 3.11 that every user can run was found, so students could not use the course environment:"
  printf '%s\n' "${reasons[@]}"
  echo "Fix: install Debian's Python (apt-get install python3 python3-venv), or give one: make setup PYTHON=/path/to/python3.11"
} >&2
exit 1
