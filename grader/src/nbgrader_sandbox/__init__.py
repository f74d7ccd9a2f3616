"""nbgrader-sandbox: parallel, sandboxed autograding for any nbgrader course.

* ``nbgrader-sandbox --course DIR --help``: release, collect, autograde (parallel, sandboxed),
  formgrade, feedback (offline HTML), export, status.
* Course settings: ``c.SandboxedAutograde.*`` in the course's nbgrader_config.py
  (:mod:`nbgrader_sandbox.config`).
* Kernels start through the kernel provisioner ``nbgrader-sandbox`` (:mod:`nbgrader_sandbox.provisioner`).
"""
