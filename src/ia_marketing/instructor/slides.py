"""A short slide deck per lesson, the Jupyter way: cells marked with `slideshow.slide_type`
metadata, turned into reveal.js slides by nbconvert.

The lessons stay as they are; each deck is built from a copy whose cells are marked by rule:
the lesson's title and objectives, then one slide per numbered section (its heading and first
paragraph), and the « À retenir » summary in full. Code and exercises are left out: the deck
frames the session, the notebook is where learners work.

    ia-marketing diapos [module…] [--sortie DOSSIER] [--hors-ligne]

nbconvert's decks read reveal.js, require.js and jQuery from the web. With `--hors-ligne`
(and in the offline bundle), copies of the three are fetched once from the npm registry and
put next to the decks, which then open with no network (fonts fall back to the system's).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import nbformat

_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*$", re.M)
#: Sections that are exercises for the learners, not content for the room.
_EXERCISE = re.compile(r"^(À vous|Exercice|Question)\b", re.I)


def _first_block(text: str, limit: int = 700) -> str:
    """The heading and the first paragraphs of a cell, cut at a paragraph boundary."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    kept, size = [], 0
    for paragraph in paragraphs:
        if kept and size + len(paragraph) > limit:
            break
        kept.append(paragraph)
        size += len(paragraph)
        if len(kept) >= 3:
            break
    return "\n\n".join(kept)


def deck(lesson: Path):
    """The lesson as a short deck: a notebook whose cells carry reveal.js slide types."""
    nb = nbformat.read(lesson, as_version=4)
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        match = _HEADING.search(cell.source)
        if not match:
            continue
        level, title = len(match.group(1)), match.group(2).strip()
        text = cell.source[match.start():]  # from the heading on (a rule or a note may precede it)
        summary = "retenir" in title.lower()
        if level == 1:
            source = text
        elif level == 2 and not _EXERCISE.match(title):
            source = text if summary else _first_block(text)
        elif summary:
            source = text
        else:
            continue
        new = nbformat.v4.new_markdown_cell(source)
        new.metadata["slideshow"] = {"slide_type": "slide"}
        cells.append(new)
    out = nbformat.v4.new_notebook()
    out.cells = cells
    out.metadata["title"] = _HEADING.findall(cells[0].source)[0][1] if cells else lesson.stem
    return out


#: The JavaScript a deck needs, as npm packages: (package, file or folder in it, name next to the decks).
ASSETS = (("reveal.js@4", "", "reveal.js"), ("requirejs@2", "require.js", "require.js"),
          ("jquery@2", "dist/jquery.min.js", "jquery.min.js"))


def fetch_assets(dest: Path) -> None:
    """reveal.js 4, require.js and jQuery from the npm registry into *dest* (needs the network once)."""
    npm = shutil.which("npm")
    if npm is None:
        raise FileNotFoundError("npm est introuvable : installez Node.js (npm) pour préparer des diapositives "
                                "hors ligne, ou construisez-les sans --hors-ligne.")
    import tarfile

    with tempfile.TemporaryDirectory(prefix="ia-marketing-npm-") as tmp:
        packed = subprocess.run([npm, "pack", "--silent", *(name for name, _, _ in ASSETS)], cwd=tmp,
                                capture_output=True, text=True, timeout=300)
        if packed.returncode != 0:
            raise RuntimeError(f"npm n'a pas pu télécharger reveal.js, require.js et jQuery :\n{packed.stderr[-1500:]}")
        for (_package, inner, target), archive in zip(ASSETS, packed.stdout.split()):
            folder = Path(tmp) / target.replace(".", "_")
            with tarfile.open(Path(tmp) / archive) as tar:
                tar.extractall(folder, filter="data")
            source = folder / "package" / inner
            if (dest / target).exists():
                shutil.rmtree(dest / target) if (dest / target).is_dir() else (dest / target).unlink()
            if source.is_dir():
                shutil.copytree(source, dest / target, ignore=shutil.ignore_patterns("test", "examples", "*.md"))
            else:
                shutil.copy2(source, dest / target)


def build_decks(root: Path, dest: Path, modules: list[str] | None = None, *, offline: bool = False) -> list[Path]:
    """One `<lesson>.slides.html` per lesson of `modules/` (or those named) in *dest*; with
    *offline*, the JavaScript it needs is copied next to it."""
    lessons = sorted((Path(root) / "modules").glob("*.ipynb"))
    if modules:
        wanted = {m.split("_")[0] for m in modules}
        unknown = wanted - {p.name.split("_")[0] for p in lessons}
        if unknown:
            raise FileNotFoundError(f"Module inconnu : {', '.join(sorted(unknown))} (modules : "
                                    f"{', '.join(p.stem for p in lessons)}).")
        lessons = [p for p in lessons if p.name.split("_")[0] in wanted]
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    if offline:
        fetch_assets(dest)
    written = []
    with tempfile.TemporaryDirectory(prefix="ia-marketing-diapos-") as tmp:
        for lesson in lessons:
            source = Path(tmp) / lesson.name
            nbformat.write(deck(lesson), source)
            command = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "slides", str(source),
                       "--output-dir", str(dest), "--SlidesExporter.reveal_scroll=True"]
            if offline:  # relative addresses: the folder can be copied anywhere
                command += ["--SlidesExporter.reveal_url_prefix=reveal.js", "--SlidesExporter.require_js_url=require.js",
                            "--SlidesExporter.jquery_url=jquery.min.js"]
            result = subprocess.run(command, capture_output=True, text=True)
            if result.returncode != 0:
                raise RuntimeError(f"nbconvert n'a pas pu faire les diapositives de {lesson.name} :\n{result.stderr[-2000:]}")
            written.append(dest / f"{lesson.stem}.slides.html")
    return written
