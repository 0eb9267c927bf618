"""`ia-marketing classe …`: the class commands of the instructor (release, collect, grade,
feedback, export, report), on nbgrader's Python API, with French output."""
