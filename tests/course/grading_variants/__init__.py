"""Plausible wrong submissions per assignment, for the grading-soundness tests."""
