"""nbgrader configuration of the course (instructor side).

Authors edit `solutions/<assignment>/`; `nbgrader generate_assignment` writes the
student version into `exercises/<assignment>/`, which is committed.
"""

c = get_config()  # noqa: F821 - provided by nbgrader

c.CourseDirectory.course_id = "ia-marketing"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "exercises"

# A student's cell that runs longer than this is stopped, the rest of the class is still graded.
c.Execute.timeout = 30
c.Execute.interrupt_on_timeout = True
# Errors show only their last line (« AssertionError: <message en français> »): a full traceback
# would print the lines around the failing assert, i.e. the hidden tests, into the feedback.
c.Execute.extra_arguments = ["--HistoryManager.hist_file=:memory:", "--InteractiveShell.xmode=Minimal"]

# A test cell deleted by a student is put back before grading.
c.OverwriteCells.add_missing_cells = True

# The student version must not keep outputs nor instructor-only hidden tests.
c.ClearSolutions.code_stub = {"python": "# VOTRE CODE ICI\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "VOTRE RÉPONSE ICI"
c.ClearHiddenTests.begin_test_delimeter = "BEGIN HIDDEN TESTS"
c.ClearHiddenTests.end_test_delimeter = "END HIDDEN TESTS"
c.ClearOutput.enabled = True

# Feedback sent to students must not show the hidden tests (nbgrader's default would).
c.GenerateFeedback.preprocessors = [
    "nbgrader.preprocessors.GetGrades",
    "ia_marketing.instructor.classe.feedback_fr.MarkPendingGrades",
    "nbgrader.preprocessors.ClearHiddenTests",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
# The feedback page in French (its own `feedback` template, found before nbgrader's); an answer
# that waits for a manual grade says so instead of showing 0.
try:
    from ia_marketing.instructor.classe.feedback_fr import TEMPLATES, nbgrader_templates

    c.HTMLExporter.extra_template_basedirs = [str(TEMPLATES), str(nbgrader_templates())]
except ImportError:  # nbgrader run without the course package: its own English page
    pass
