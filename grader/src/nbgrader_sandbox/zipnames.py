"""Student ids from the file names of common LMS downloads, for nbgrader's ``zip_collect``.

nbgrader's ``FileNameCollectorPlugin`` needs one ``named_regexp`` written by the instructor and
otherwise collects nothing. :class:`LmsFileNameCollector` (its subclass, selected with
``ZipCollectApp.collector_plugin``) tries the course's ``named_regexp`` first, then the layouts of
common downloads, each matched against the file's last two path parts:

* Moodle, one folder per submission: ``Jane Doe_12345_assignsubmission_file_/notebook.ipynb``
* Moodle, flat: ``Jane Doe_12345_assignsubmission_file_notebook.ipynb``
* Canvas: ``doejane_12345_67890_notebook.ipynb`` (``LATE_`` and a ``-1`` copy suffix allowed)
* one folder per student: ``<student_id>/notebook.ipynb``
"""

from __future__ import annotations

import os
import re

from nbgrader.plugins import FileNameCollectorPlugin
from traitlets import List, Unicode

LMS_PATTERNS = [
    r"[^/]+?_(?P<student_id>\d+)_assignsubmission_file_?/(?P<file_id>[^/]+)",
    r"(?:[^/]*/)?[^/]+?_(?P<student_id>\d+)_assignsubmission_file_(?P<file_id>[^/]+)",
    r"(?:[^/]*/)?(?P<student_id>[A-Za-z0-9.\-]+)_(?:LATE_)?\d+_\d+_(?P<file_id>[^/]+?)(?:-\d+)?\.ipynb",
    r"(?P<student_id>[^/_ ]+)/(?P<file_id>[^/]+\.ipynb)",
]


class LmsFileNameCollector(FileNameCollectorPlugin):
    """``named_regexp`` if the course sets one, else the first of ``patterns`` that matches."""

    patterns = List(Unicode(), LMS_PATTERNS, help="Regular expressions with the named groups student_id "
                                                  "and file_id, tried in order on 'folder/file name'.").tag(config=True)

    def collect(self, submitted_file: str):
        if os.path.splitext(submitted_file)[1] not in self.valid_ext:
            return None
        if self.named_regexp:
            return super().collect(submitted_file)
        extracted = getattr(self.parent, "extracted_directory", None)
        rel = submitted_file
        if extracted is not None:  # the path below downloaded/<assignment>/extracted/
            rel = os.path.relpath(submitted_file, self.parent._format_collect_path(extracted))
        tail = "/".join(rel.replace(os.sep, "/").split("/")[-2:])
        for pattern in self.patterns:
            match = re.fullmatch(pattern, tail)
            if match:
                return match.groupdict()
        self.log.warning("no known LMS file-name pattern matches %s (set c.LmsFileNameCollector.named_regexp)", tail)
        return None
