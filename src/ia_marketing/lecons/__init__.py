"""Formative questions of the lesson notebooks (one module per lesson: m00, m01…)."""
