"""Writing the datasets: CSV text by `DataFrame.to_csv`, chunk by chunk, with its sha256.

A large table (eleven million tickets at scale 333) is written in chunks of `CHUNK_ROWS` rows,
so that its text is never in memory all at once. pandas writes about 600 000 rows a second, so on
Linux the chunks of a large table are rendered by several processes (forked: they share the
generated arrays) while this one hashes and writes them in order; the bytes are the same.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path

import pandas as pd

__all__ = ["CHUNK_ROWS", "FrameMaker", "default_workers", "write_csv"]

#: Rows per written chunk.
CHUNK_ROWS = 250_000
#: (start, stop) -> the rows [start, stop) of a table.
FrameMaker = Callable[[int, int], pd.DataFrame]

#: What forked workers render (set only while a pool runs).
_job: tuple[FrameMaker, int] | None = None


class _Text:
    """Where `DataFrame.to_csv` writes a chunk's lines (a list is faster than a StringIO)."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.write = self.parts.append


def _render(frame: pd.DataFrame, header: bool) -> bytes:
    """UTF-8, « , » between fields, « \\n » at the end of lines, a field quoted only when it holds
    a comma, a quote or a line break (`to_csv`'s defaults)."""
    text = _Text()
    frame.to_csv(text, index=False, header=header, lineterminator="\n")
    return "".join(text.parts).encode("utf-8")


def _render_chunk(start: int) -> bytes:
    """In a forked worker: the text of the chunk starting at row *start*."""
    assert _job is not None
    make, n_rows = _job
    return _render(make(start, min(n_rows, start + CHUNK_ROWS)), header=start == 0)


def default_workers() -> int:
    """Processes that render large tables: the CPUs this process may use (4 at most), or 1 where
    processes cannot be forked safely (Windows, macOS)."""
    if sys.platform != "linux" or "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(4, len(os.sched_getaffinity(0))))


def _in_parallel(starts: range, workers: int) -> Iterator[bytes]:
    """The chunks' texts, in order, rendered by *workers* forked processes (a few in advance)."""
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        pending: deque[Future[bytes]] = deque()
        for start in starts:
            pending.append(pool.submit(_render_chunk, start))
            if len(pending) > 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


def write_csv(path: Path, n_rows: int, make: FrameMaker, *, workers: int = 1) -> str:
    """Write the *n_rows* rows that *make* gives, chunk by chunk, as one CSV file with its header;
    return the file's sha256. *workers* > 1 renders the chunks in forked processes."""
    global _job
    starts = range(0, max(n_rows, 1), CHUNK_ROWS)
    if workers > 1 and len(starts) > 1:
        _job = (make, n_rows)
        texts = _in_parallel(starts, workers)
    else:
        texts = (_render(make(start, min(n_rows, start + CHUNK_ROWS)), header=start == 0) for start in starts)
    digest = hashlib.sha256()
    try:
        with path.open("wb") as fh:
            for data in texts:
                digest.update(data)
                fh.write(data)
    finally:
        texts.close()
        _job = None
    return digest.hexdigest()
