"""A tiny scripted OpenAI-compatible HTTP server on 127.0.0.1, to produce on demand the
faults a real server cannot be made to produce (401, 429, 404, 500, a hang, a connection
cut in the middle of a stream).

Each request takes the next `Action` from the script (or the default action once the
script is exhausted) and the server records every request it received::

    with FaultServer() as srv:
        srv.script(Action.error(429), Action.ok("Bonjour"))
        ... point the client at srv.base_url ...
        assert len(srv.requests) == 2

Error bodies echo the bearer key the client sent, as some real providers do, so that a
test can check our side never repeats it.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Action:
    kind: str  # "ok", "error", "hang", "cut"
    status: int = 200
    text: str = "Bonjour tout le monde"
    message: str = ""
    error_type: str = ""
    code: str | None = None
    headers: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    chunks_before: int = 0
    usage: tuple[int, int] = (7, 4)

    @classmethod
    def ok(cls, text: str = "Bonjour tout le monde", *, usage: tuple[int, int] = (7, 4)) -> Action:
        """A valid answer: chat completion (streamed or not, as asked), model list, completion."""
        return cls("ok", text=text, usage=usage)

    @classmethod
    def error(cls, status: int, message: str = "", *, error_type: str = "", code: str | None = None,
              headers: dict[str, str] | None = None) -> Action:
        """An error status with an OpenAI-style JSON body."""
        return cls("error", status=status, message=message, error_type=error_type, code=code,
                   headers=dict(headers or {}))

    @classmethod
    def rate_limited(cls, retry_after: float | None = None) -> Action:
        headers = {} if retry_after is None else {"Retry-After": f"{retry_after:g}"}
        return cls.error(429, "Rate limit reached for requests", error_type="rate_limit_exceeded",
                         code="rate_limit_exceeded", headers=headers)

    @classmethod
    def hang(cls, seconds: float, *, chunks_before: int = 0) -> Action:
        """Say nothing for *seconds* (after *chunks_before* stream chunks if > 0)."""
        return cls("hang", seconds=seconds, chunks_before=chunks_before)

    @classmethod
    def cut(cls, chunks_before: int = 2) -> Action:
        """Start a streamed answer, send *chunks_before* chunks, then drop the connection."""
        return cls("cut", chunks_before=chunks_before)


@dataclass
class Received:
    method: str
    path: str
    headers: dict[str, str]
    body: dict | None  # headers above: names in lower case
    at: float


def _chunk(i: int, model: str, *, content: str | None = None, role: str | None = None,
           finish: str | None = None) -> dict:
    delta: dict = {}
    if role:
        delta["role"] = role
    if content is not None:
        delta["content"] = content
    return {"id": f"chatcmpl-faute-{i}", "object": "chat.completion.chunk", "created": 1700000000,
            "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]}


def _pieces(text: str) -> list[str]:
    words = text.split(" ")
    return [w if i == 0 else " " + w for i, w in enumerate(words)]


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def log_message(self, format, *args):  # noqa: A002 - keep the test output clean
        pass

    # -- plumbing --------------------------------------------------------------------------
    def _body(self) -> dict | None:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            return json.loads(raw) if raw else None
        except ValueError:
            return None

    def _send_json(self, status: int, payload: dict, headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)
        self.wfile.flush()

    def _start_sse(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def _sse(self, payload: dict | str) -> None:
        data = payload if isinstance(payload, str) else json.dumps(payload)
        raw = f"data: {data}\n\n".encode()
        self.wfile.write(f"{len(raw):X}\r\n".encode() + raw + b"\r\n")
        self.wfile.flush()

    def _end_chunked(self) -> None:
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _drop(self) -> None:
        """Close the TCP connection abruptly (no end of the chunked body)."""
        self.close_connection = True
        try:
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass

    def _key(self) -> str:
        auth = self.headers.get("Authorization", "")
        return auth.removeprefix("Bearer ").strip()

    # -- dispatch --------------------------------------------------------------------------
    def do_GET(self):  # noqa: N802
        self._dispatch("GET")

    def do_POST(self):  # noqa: N802
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        body = self._body() if method == "POST" else None
        srv = self.server
        with srv.lock:
            headers = {k.lower(): v for k, v in self.headers.items()}
            srv.requests.append(Received(method, self.path, headers, body, time.monotonic()))
            action = srv.queue.popleft() if srv.queue else srv.default
        try:
            self._play(action, body or {})
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            self.close_connection = True

    def _play(self, action: Action, body: dict) -> None:
        model = body.get("model", "modele-test")
        stream = bool(body.get("stream"))
        if action.kind == "error":
            message = action.message or f"Erreur {action.status}"
            key = self._key()
            if key:  # like providers that echo (part of) the key they refused
                message += f" (clé reçue : {key})"
            payload = {"error": {"message": message, "type": action.error_type or "error",
                                 "param": None, "code": action.code}}
            self._send_json(action.status, payload, action.headers)
            return
        if action.kind == "hang":
            if action.chunks_before and stream:
                self._start_sse()
                self._sse(_chunk(0, model, role="assistant", content=""))
                for i, piece in enumerate(_pieces(action.text)[: action.chunks_before]):
                    self._sse(_chunk(i + 1, model, content=piece))
            srv = self.server
            srv.stopping.wait(action.seconds)
            self.close_connection = True
            return
        if action.kind == "cut":
            self._start_sse()
            self._sse(_chunk(0, model, role="assistant", content=""))
            for i, piece in enumerate(_pieces(action.text)[: action.chunks_before]):
                self._sse(_chunk(i + 1, model, content=piece))
            self._drop()
            return
        # a valid answer
        if self.command == "GET" and self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [
                {"id": "modele-test", "object": "model", "created": 0, "owned_by": "tests"}]})
            return
        if self.path.rstrip("/").endswith("/completions") and "/chat/" not in self.path:
            self._send_json(200, {
                "id": "cmpl-faute", "object": "text_completion", "created": 1700000000, "model": model,
                "choices": [{"text": " oui", "index": 0, "finish_reason": "length", "logprobs": {
                    "tokens": [" oui"], "token_logprobs": [-0.2], "text_offset": [0],
                    "top_logprobs": [{" oui": -0.2, " non": -1.9}]}}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}})
            return
        tin, tout = action.usage
        usage = {"prompt_tokens": tin, "completion_tokens": tout, "total_tokens": tin + tout}
        if not stream:
            self._send_json(200, {
                "id": "chatcmpl-faute", "object": "chat.completion", "created": 1700000000,
                "model": model, "usage": usage,
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": action.text}}]})
            return
        self._start_sse()
        self._sse(_chunk(0, model, role="assistant", content=""))
        for i, piece in enumerate(_pieces(action.text)):
            self._sse(_chunk(i + 1, model, content=piece))
        self._sse(_chunk(99, model, finish="stop"))
        if (body.get("stream_options") or {}).get("include_usage"):
            self._sse({"id": "chatcmpl-faute-usage", "object": "chat.completion.chunk",
                       "created": 1700000000, "model": model, "choices": [], "usage": usage})
        self._sse("[DONE]")
        self._end_chunked()


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a client may keep a pooled connection open: do not wait for it
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.lock = threading.Lock()
        self.queue: deque[Action] = deque()
        self.default = Action.ok()
        self.requests: list[Received] = []
        self.stopping = threading.Event()


class FaultServer:
    """Start with `start()` (or `with`), script with `script()`, read `requests`."""

    def __init__(self) -> None:
        self._server = _Server()
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                        name="fault-server", daemon=True)

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def requests(self) -> list[Received]:
        return self._server.requests

    def script(self, *actions: Action, default: Action | None = None) -> FaultServer:
        """Replace the queue of actions (and the default action once it is empty)."""
        with self._server.lock:
            self._server.queue = deque(actions)
            if default is not None:
                self._server.default = default
            self._server.requests.clear()
        return self

    def start(self) -> FaultServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.stopping.set()  # ends any hang at once
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
