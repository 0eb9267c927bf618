"""`ia-marketing bench salle`: what one model server for the room saves, and what it costs.

1. Memory: *kernels* Python processes, each loading the embedded model and writing one post as a
   learner's kernel would, against one llama-server holding the model for everybody. Each process
   is read in /proc/<pid>/smaps_rollup after its answer: RSS counts the model's file pages in every
   process that maps them, PSS shares them out, and the private part is what each one adds.
2. Load: *learners* threads at once, each sending *requests* workshop prompts (the « imiter nos
   publications » document of lesson 02, a different brief each) to the server on 127.0.0.1,
   through the course's `llamacpp` preset; latency p50/p95, errors, throughput, for each slot count
   asked (one slot is a server that answers one request at a time).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from ...core.fr import decimal, integer
from . import modelserver

KERNEL_CODE = """
import os, sys
from ia_marketing.llm.local import LocalBackend
m = LocalBackend(deterministic=True)
m.complete(sys.argv[1], max_tokens=int(sys.argv[2]))
print("PRET", flush=True)
sys.stdin.readline()
"""


def memory_kb(pid: int) -> dict[str, int]:
    """Rss, Pss and private (clean + dirty) memory of *pid*, in kB, from smaps_rollup."""
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, _, rest = line.partition(":")
        parts = rest.split()
        if parts and parts[-1] == "kB":
            values[key.strip()] = int(parts[0])
    return {"rss": values.get("Rss", 0), "pss": values.get("Pss", 0),
            "private": values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)}


def workshop_prompts(count: int) -> list[str]:
    from ...prompting.imitation import fixed_briefs, imitation_prompt

    briefs = list(fixed_briefs()["sujet"])
    return [imitation_prompt(briefs[i % len(briefs)], seed=i).text for i in range(count)]


def kernels_memory(kernels: int, prompt: str, max_tokens: int) -> list[dict[str, int]]:
    env = {**os.environ, "IA_MARKETING_THREADS": "1"}
    procs = [subprocess.Popen([sys.executable, "-c", KERNEL_CODE, prompt, str(max_tokens)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, env=env) for _ in range(kernels)]
    try:
        for p in procs:
            if p.stdout.readline().strip() != "PRET":
                raise RuntimeError("un noyau de mesure n'a pas chargé le modèle")
        return [memory_kb(p.pid) for p in procs]
    finally:
        for p in procs:
            p.stdin.close()
            p.wait(timeout=30)


def baseline_kernel_memory() -> dict[str, int]:
    """A kernel that imported the course but loaded no model: what every session costs anyway."""
    code = "import ia_marketing.llm, ia_marketing.prompting, sys; print('PRET', flush=True); sys.stdin.readline()"
    p = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        p.stdout.readline()
        return memory_kb(p.pid)
    finally:
        p.stdin.close()
        p.wait(timeout=30)


@dataclass
class LoadResult:
    slots: int
    learners: int
    latencies: list[float]
    errors: list[str]
    tokens: int
    wall_s: float
    server_memory: dict[str, int]

    def percentile(self, q: float) -> float:
        values = sorted(self.latencies)
        if not values:
            return float("nan")
        index = min(len(values) - 1, max(0, round(q * (len(values) - 1))))
        return values[index]


def load_test(binary: Path, model: Path, *, slots: int, learners: int, requests: int, max_tokens: int,
              threads: int, port: int) -> LoadResult:
    from ...llm.config import provider_settings
    from ...llm.openai_backend import OpenAIBackend

    command = modelserver.server_command(binary, model, port=port, slots=slots, threads=threads)
    with tempfile.TemporaryFile() as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        try:
            base_url = f"http://127.0.0.1:{port}/v1"
            modelserver.wait_ready(base_url, process=server)
            prompts = workshop_prompts(learners * requests)
            latencies: list[float] = []
            errors: list[str] = []
            tokens = [0]
            lock = threading.Lock()
            barrier = threading.Barrier(learners)

            def learner(i: int) -> None:
                llm = OpenAIBackend(provider_settings("llamacpp", base_url=base_url, timeout=600, max_retries=0))
                barrier.wait()  # everybody presses Shift+Entrée at the same moment
                for r in range(requests):
                    start = time.perf_counter()
                    try:
                        answer = llm.complete(prompts[i * requests + r], max_tokens=max_tokens, temperature=0.3,
                                              seed=i, stop=["\nSujet"])
                    except Exception as exc:  # noqa: BLE001 - every failure is counted and shown
                        with lock:
                            errors.append(f"{type(exc).__name__}: {exc}")
                        continue
                    with lock:
                        latencies.append(time.perf_counter() - start)
                        tokens[0] += answer.usage.tokens_out or 0

            workers = [threading.Thread(target=learner, args=(i,)) for i in range(learners)]
            start = time.perf_counter()
            for w in workers:
                w.start()
            for w in workers:
                w.join()
            wall = time.perf_counter() - start
            return LoadResult(slots, learners, latencies, errors, tokens[0], wall, memory_kb(server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)


def _mb(kb: int) -> str:
    return integer(round(kb / 1024))


def bench_room(*, kernels: int = 4, learners: int = 30, requests: int = 1, slots: tuple[int, ...] = (1, 8),
               max_tokens: int = 60, threads: int = 0, out=sys.stdout) -> list[LoadResult]:
    from ...llm.local import model_path

    model = model_path()
    binary = modelserver.ensure_binary()
    prompt = workshop_prompts(1)[0]
    print(f"Mémoire — {kernels} noyaux qui chargent chacun le modèle et écrivent une publication :", file=out)
    base = baseline_kernel_memory()
    each = kernels_memory(kernels, prompt, max_tokens)
    print(f"  noyau sans modèle : RSS {_mb(base['rss'])} Mo, privée {_mb(base['private'])} Mo", file=out)
    for i, m in enumerate(each, start=1):
        print(f"  noyau {i} avec modèle : RSS {_mb(m['rss'])} Mo, PSS {_mb(m['pss'])} Mo, privée {_mb(m['private'])} Mo",
              file=out)
    added = [m["private"] - base["private"] for m in each]
    print(f"  ce que le modèle ajoute à chaque noyau (mémoire privée) : {_mb(round(sum(added) / len(added)))} Mo ; "
          f"{kernels} noyaux : PSS total {_mb(sum(m['pss'] for m in each))} Mo", file=out)
    results = []
    for n in slots:
        port = _free_port()
        result = load_test(binary, model, slots=n, learners=learners, requests=requests, max_tokens=max_tokens,
                           threads=threads, port=port)
        results.append(result)
        done = len(result.latencies)
        print(f"Charge — {learners} personnes × {requests} requête(s) à la fois, serveur à {n} emplacement(s) :",
              file=out)
        print(f"  réponses {done}/{learners * requests}, erreurs {len(result.errors)} ; latence p50 "
              f"{decimal(result.percentile(0.5), 1)} s, p95 {decimal(result.percentile(0.95), 1)} s, "
              f"max {decimal(max(result.latencies, default=float('nan')), 1)} s", file=out)
        print(f"  débit {decimal(done / result.wall_s, 2)} réponses/s, {decimal(result.tokens / result.wall_s, 1)} "
              f"tokens/s ; {decimal(result.wall_s, 1)} s en tout ; mémoire du serveur : RSS "
              f"{_mb(result.server_memory['rss'])} Mo, privée {_mb(result.server_memory['private'])} Mo", file=out)
        for error in result.errors[:3]:
            print(f"  erreur : {error[:200]}", file=out)
    if len(results) > 1:
        first, last = results[0], results[-1]
        print(f"Rapport : {last.slots} emplacements contre {first.slots} — p95 ÷ "
              f"{decimal(first.percentile(0.95) / last.percentile(0.95), 2)}, débit × "
              f"{decimal((last.tokens / last.wall_s) / (first.tokens / first.wall_s), 2)}", file=out)
    return results


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
