"""The room's model server: llama.cpp's own `llama-server`, with parallel slots.

llama-cpp-python's server (``python -m llama_cpp.server``) answers one request at a time (a global
lock around the model), so a room of 30 would queue behind one learner. llama.cpp's `llama-server`
decodes several requests together (continuous batching over ``--parallel`` slots). It is compiled
once from the llama.cpp sources that the installed llama-cpp-python was built from (same version,
same model support), portably (``GGML_NATIVE=OFF``), and kept in the cache:
``~/.cache/ia_marketing/llama-server/<version>/llama-server``.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

from ...core.paths import cache_dir

CMAKE_OPTIONS = ["-DCMAKE_BUILD_TYPE=Release", "-DGGML_NATIVE=OFF", "-DGGML_AVX2=ON", "-DBUILD_SHARED_LIBS=OFF",
                 "-DLLAMA_BUILD_TESTS=OFF", "-DLLAMA_BUILD_EXAMPLES=OFF", "-DLLAMA_BUILD_TOOLS=ON",
                 "-DLLAMA_BUILD_SERVER=ON", "-DLLAMA_BUILD_APP=OFF", "-DLLAMA_BUILD_UI=OFF",
                 "-DLLAMA_USE_PREBUILT_UI=OFF", "-DLLAMA_OPENSSL=OFF"]
#: Tokens of context per slot: a workshop prompt (a few posts as examples) and its answer.
CONTEXT_PER_SLOT = 2048
ENV_BINARY = "IA_MARKETING_LLAMA_SERVER"


def llama_cpp_version() -> str:
    return version("llama_cpp_python")


def binary_path() -> Path:
    """Where the compiled server is (or will be) kept; ``IA_MARKETING_LLAMA_SERVER`` names another one."""
    configured = os.environ.get(ENV_BINARY, "").strip()
    if configured:
        return Path(configured)
    return cache_dir() / "llama-server" / llama_cpp_version() / "llama-server"


def _sources(work: Path, progress: Callable[[str], None]) -> Path:
    """The llama-cpp-python source archive of the installed version (pip's cache or PyPI), unpacked;
    returns its vendored llama.cpp folder."""
    wanted = f"llama-cpp-python=={llama_cpp_version()}"
    progress(f"Téléchargement des sources de {wanted} (environ 75 Mo, une seule fois)…")
    result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
                             "--dest", str(work), wanted], capture_output=True, text=True)
    archives = sorted(work.glob("llama_cpp_python-*.tar.gz"))
    if result.returncode != 0 or not archives:
        raise RuntimeError("Impossible de récupérer les sources de llama.cpp pour le serveur de la salle "
                           f"({wanted}) : il faut une connexion à PyPI la première fois.\n"
                           + result.stderr[-800:])
    with tarfile.open(archives[0]) as archive:
        archive.extractall(work, filter="data")
    vendored = next(work.glob("llama_cpp_python-*/vendor/llama.cpp"), None)
    if vendored is None or not (vendored / "tools" / "server").is_dir():
        raise RuntimeError(f"Les sources de {wanted} ne contiennent pas le serveur de llama.cpp (tools/server).")
    return vendored


def ensure_binary(progress: Callable[[str], None] | None = None) -> Path:
    """The path of a working `llama-server`, compiled the first time (8 to 15 minutes on 2 cores).
    Several processes asking at once wait for one compilation (a lock file)."""
    progress = progress or (lambda message: print(message, file=sys.stderr, flush=True))
    target = binary_path()
    if target.is_file() and os.access(target, os.X_OK):
        return target
    if os.environ.get(ENV_BINARY, "").strip():
        raise FileNotFoundError(f"{ENV_BINARY} désigne {target}, qui n'est pas un programme exécutable.")
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        flags = " avx2 "
    if " avx2" not in flags:
        raise RuntimeError("Le serveur de modèle de la salle est compilé pour les processeurs x86-64 avec AVX2, et ce "
                           "processeur ne l'a pas : servez la salle depuis un ordinateur plus récent, ou indiquez un "
                           "serveur de modèle lancé ailleurs avec --serveur-modele.")
    for tool in ("cmake", "g++", "make"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"Compiler le serveur de modèle de la salle demande {tool} : "
                               "sudo apt-get install -y cmake g++ make")
    target.parent.mkdir(parents=True, exist_ok=True)
    with open(target.parent / ".compilation.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():
            return target
        start = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="llama-server-") as tmp:
            work = Path(tmp)
            sources = _sources(work, progress)
            progress("Compilation du serveur de modèle de la salle (llama-server, 8 à 15 minutes la première fois)…")
            build = work / "build"
            steps = [["cmake", "-S", str(sources), "-B", str(build), *CMAKE_OPTIONS],
                     ["cmake", "--build", str(build), "--target", "llama-server", "-j", str(os.cpu_count() or 2)]]
            for step in steps:
                done = subprocess.run(step, capture_output=True, text=True)
                if done.returncode != 0:
                    raise RuntimeError("La compilation de llama-server a échoué :\n" + done.stderr[-1500:])
            built = build / "bin" / "llama-server"
            tmp_target = target.with_suffix(".part")
            shutil.copy2(built, tmp_target)
            os.chmod(tmp_target, 0o755)
            os.replace(tmp_target, target)
        progress(f"llama-server prêt en {time.monotonic() - start:.0f} s : {target}")
    return target


def server_command(binary: Path, model: Path, *, port: int, slots: int, threads: int = 0,
                   host: str = "127.0.0.1", log: Path | None = None) -> list[str]:
    """The command line of the room's server: *slots* requests decoded together, each with
    `CONTEXT_PER_SLOT` tokens of context. Its /slots page, which shows the prompts being processed,
    is off: every account of the host can reach the server."""
    command = [str(binary), "--model", str(model), "--host", host, "--port", str(port),
               "--parallel", str(slots), "--ctx-size", str(slots * CONTEXT_PER_SLOT),
               "--cont-batching", "--no-webui", "--no-slots", "--alias", "gemma-3-270m"]
    command += ["--log-file", str(log)] if log else ["--log-disable"]
    if threads:
        command += ["--threads", str(threads), "--threads-batch", str(threads)]
    return command


def wait_ready(base_url: str, *, timeout: float = 60.0, process: subprocess.Popen | None = None) -> float:
    """Wait until the server's /health says it is ready; return the seconds waited."""
    root = base_url.rstrip("/").removesuffix("/v1")
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"Le serveur de modèle s'est arrêté au démarrage (code {process.returncode}).")
        try:
            with urllib.request.urlopen(root + "/health", timeout=2) as answer:
                if answer.status == 200:
                    return time.monotonic() - start
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.2)
    raise TimeoutError(f"Le serveur de modèle {root} n'est pas prêt après {timeout:.0f} s.")
