"""The teacher's side of the course, built from the same sources as the student's: the course plan
(``courseplan``), the question bank (``questionbank``) and its exports and exam papers (``moodle``,
``exam``), and the teacher's notes (``notes``). Content lives in ``book/course/``, ``book/questions/``
and ``book/teacher/``; the lesson list always comes from ``_toc.yml``."""
