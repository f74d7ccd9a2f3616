"""What the assignments' test cells import inside the student's kernel (grading/source/).

* :mod:`retention.assignments.checks`: type-strict comparisons that a cheating answer cannot fool.
* :mod:`retention.assignments.samples`: the small example frames the test cells try answers on.
* :mod:`retention.assignments.reference`: the parameters and reference results of the data
  assignments (a3, a4), read from the file the grader prepares once per run, or computed.
"""
