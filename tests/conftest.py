"""Shared fixtures of the test suite.

Keep fixtures here generic (several test files use them). Real components first: the
embedded model, a real llama.cpp OpenAI-compatible server on 127.0.0.1; the scripted
`fault_server` only for faults a real server cannot produce on demand.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
# Helper modules of the tests: support/ (fault_server…), course/ (course_tools, grading_variants).
for _helpers in (TESTS_DIR / "support", TESTS_DIR / "course"):
    if str(_helpers) not in sys.path:
        sys.path.insert(0, str(_helpers))

#: Variables that configure the course; a test must not depend on the developer's own.
COURSE_ENV_PREFIXES = ("IA_MARKETING_",)
#: Course variables the suite sets for itself and keeps in every test (see pytest_configure).
SUITE_ENV_VARS = ("IA_MARKETING_THREADS",)


def _course_variable(name: str) -> bool:
    return name.startswith(COURSE_ENV_PREFIXES) and name not in SUITE_ENV_VARS


def pytest_configure(config):
    """Under pytest-xdist, each worker's model (and each notebook kernel it starts) uses its share
    of the cores: with every worker's llama.cpp running one thread per core, the threads wait for
    one another and a model call is several times slower than with one thread each."""
    workers = os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    if workers and "IA_MARKETING_THREADS" not in os.environ:
        try:
            cores = len(os.sched_getaffinity(0))
        except AttributeError:
            cores = os.cpu_count() or 1
        os.environ["IA_MARKETING_THREADS"] = str(max(1, cores // int(workers)))
PROVIDER_KEY_VARS = ("OPENAI_API_KEY", "MISTRAL_API_KEY", "ALBERT_API_KEY", "OPENAI_BASE_URL",
                     "OPENAI_LOG")


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on (bound, read, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def course_free_env(**extra: str) -> dict[str, str]:
    """A copy of os.environ without any course / provider configuration, plus *extra*."""
    env = {k: v for k, v in os.environ.items()
           if not _course_variable(k) and k not in PROVIDER_KEY_VARS}
    env.update(extra)
    return env


# -- environment ---------------------------------------------------------------------------
@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No course/provider variable set and the working directory in an empty tmp dir
    (so no `.env` is found). Returns that directory. The whole environment is restored
    afterwards, including what a `.env` loaded during the test added."""
    saved = dict(os.environ)
    for name in list(os.environ):
        if _course_variable(name) or name in PROVIDER_KEY_VARS:
            del os.environ[name]
    work = tmp_path / "travail"
    work.mkdir()
    monkeypatch.chdir(work)
    yield work
    os.environ.clear()
    os.environ.update(saved)


@pytest.fixture
def subprocess_env():
    """Build the environment of a subprocess: `subprocess_env(IA_MARKETING_X="…")` gives
    os.environ without any course / provider variable, plus the ones given."""
    return course_free_env


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 where no server listens."""
    return free_port()


@pytest.fixture
def unreachable_llm(clean_env, closed_port):
    """An `openai` backend pointed at a port of 127.0.0.1 where nothing listens."""
    from ia_marketing import get_llm

    return get_llm("openai", base_url=f"http://127.0.0.1:{closed_port}/v1", model="x")


@pytest.fixture
def fresh_usage(monkeypatch):
    """An empty session meter and a price table re-read from the defaults, both restored after."""
    from ia_marketing.llm import usage

    saved = list(usage.SESSION.records)
    usage.SESSION.reset()
    monkeypatch.setattr(usage, "_PRICES", None)
    yield usage
    usage.SESSION.records[:] = saved


# -- the embedded model --------------------------------------------------------------------
@pytest.fixture(scope="session")
def model_file() -> Path:
    """The verified GGUF file of the embedded model (assembled in the user cache if needed)."""
    from ia_marketing.llm.local import model_path

    return model_path()


@pytest.fixture(scope="session")
def local_llm():
    """The local backend (Gemma 3 270M via llama.cpp), loaded once for the session."""
    from ia_marketing.llm.local import LocalBackend

    return LocalBackend()


# -- a real llama.cpp OpenAI-compatible server -----------------------------------------------
@dataclass
class LlamaServer:
    base_url: str
    port: int
    model: str
    process: subprocess.Popen
    log: Path


LLAMA_SERVER_MODEL = "gemma-3-270m"


@pytest.fixture(scope="session")
def llama_server(model_file, tmp_path_factory) -> LlamaServer:
    """`python -m llama_cpp.server` serving the embedded model on 127.0.0.1 (whole session).

    The model is served under the alias « gemma-3-270m » (what /v1/models lists)."""
    port = free_port()
    log = tmp_path_factory.mktemp("serveur_llama") / "stderr.txt"
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(model_file),
           "--model_alias", LLAMA_SERVER_MODEL, "--host", "127.0.0.1", "--port", str(port),
           "--n_ctx", "2048"]
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, stdout=err, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                env=course_free_env())
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 60
    try:
        while True:
            if proc.poll() is not None:
                pytest.fail(f"The llama.cpp server exited with code {proc.returncode} before "
                            f"answering. Command: {' '.join(cmd)}\n--- its output ---\n"
                            f"{log.read_text(errors='replace')[-4000:]}")
            try:
                with urllib.request.urlopen(base_url + "/models", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"The llama.cpp server did not answer on {base_url}/models within "
                            f"60 s. Command: {' '.join(cmd)}\n--- its output ---\n"
                            f"{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.2)
        yield LlamaServer(base_url=base_url, port=port, model=LLAMA_SERVER_MODEL, process=proc, log=log)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=10)


# -- scripted faults -----------------------------------------------------------------------
@pytest.fixture
def fault_server():
    """A scripted OpenAI-compatible server on 127.0.0.1 (see tests/fault_server.py)."""
    from fault_server import FaultServer

    srv = FaultServer().start()
    try:
        yield srv
    finally:
        srv.stop()


# -- markers ----------------------------------------------------------------------------------
#: Fixtures that load the embedded model or serve it: a test using one is marked `model`.
MODEL_FIXTURES = {"model_file", "local_llm", "llama_server"}


def pytest_collection_modifyitems(config, items):
    """Markers from where a test lives and what it uses, so that one layer can be run alone
    (`-m "not slow"`, `-m browser`, `-m "not model"`): tests/browser/ are `browser`, `slow` and
    `model` (JupyterLab runs the lessons); any test using a model fixture is `model`. Files of
    tests/course/ that execute notebooks or nbgrader mark themselves `slow` and `model`."""
    for item in items:
        try:
            top = Path(str(item.fspath)).resolve().relative_to(TESTS_DIR).parts[0]
        except ValueError:
            continue
        if top == "browser":
            for marker in (pytest.mark.browser, pytest.mark.slow, pytest.mark.model):
                item.add_marker(marker)
        elif MODEL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.model)


def pytest_unconfigure(config):
    """Free the embedded model before the interpreter shuts down: llama-cpp-python's
    `Llama.__del__` otherwise prints a harmless but alarming traceback at exit."""
    local = sys.modules.get("ia_marketing.llm.local")
    for llama in getattr(local, "_loaded", {}).values():
        try:
            llama.close()
        except Exception:  # noqa: BLE001 - best effort at exit
            pass
