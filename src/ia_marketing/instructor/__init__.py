"""The instructor's tools: the `ia-marketing` command, the installation check, benchmarks,
and the course repository's notebooks (clean, generate `exercises/`)."""
