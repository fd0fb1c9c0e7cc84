"""A small LSP client for `mslint server`, over the server's standard input and output: what the
tests and the benchmark drive it with, as an editor would.

    with Client([sys.executable, "-m", "mslint", "server"], cwd) as client:
        client.initialize()
        client.notify("textDocument/didOpen", {...})
        diagnostics = client.diagnostics(uri)
"""

from __future__ import annotations

import itertools
import json
import queue
import subprocess
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

Message = dict[str, Any]


class ServerError(Exception):
    """The server answered a request with an error, went quiet, or stopped."""


class Client:
    def __init__(self, command: list[str], cwd: Path, env: dict[str, str] | None = None):
        self.process = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        self.log: list[str] = []  # the server's standard error
        self._incoming: queue.Queue[Message | None] = queue.Queue()
        self._backlog: list[Message] = []  # received, not yet waited for
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._read_log, daemon=True).start()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()

    # --- the wire -----------------------------------------------------------------------------

    def send(self, message: Message) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode("utf-8")
        assert self.process.stdin is not None
        with self._lock:
            self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = None
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line or length is None:
                self._incoming.put(None)  # the server closed its output
                return
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # a request of the server's: nothing to give
                self.send({"id": message["id"], "result": None})
            self._incoming.put(message)

    def _read_log(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.log.append(line.decode("utf-8", "replace"))

    # --- requests and notifications ------------------------------------------------------------

    def request(self, method: str, params: Any = None, timeout: float = 60) -> Any:
        number = next(self._ids)
        self.send({"id": number, "method": method, "params": params})
        answer = self.wait(lambda m: m.get("id") == number and "method" not in m, timeout)
        if "error" in answer:
            raise ServerError(f"{method}: {answer['error']}")
        return answer.get("result")

    def notify(self, method: str, params: Any = None) -> None:
        self.send({"method": method, "params": params})

    def wait(self, matches: Callable[[Message], bool], timeout: float = 60) -> Message:
        """The first message received that `matches`, waiting for it; messages before it are kept."""
        for index, message in enumerate(self._backlog):
            if matches(message):
                return self._backlog.pop(index)
        deadline = time.monotonic() + timeout
        while True:
            try:
                received = self._incoming.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ServerError(f"nothing came within {timeout} s; the server said:\n{''.join(self.log)}") from None
            if received is None:
                self._incoming.put(None)
                raise ServerError(f"the server stopped; it said:\n{''.join(self.log)}")
            message = received
            if matches(message):
                return message
            self._backlog.append(message)

    def pending(self, method: str) -> list[Any]:
        """The params of the notifications `method` received so far and not waited for."""
        while True:
            try:
                received = self._incoming.get_nowait()
            except queue.Empty:
                break
            if received is None:
                self._incoming.put(None)
                break
            self._backlog.append(received)
        return [message["params"] for message in self._backlog if message.get("method") == method]

    def notification(self, method: str, timeout: float = 60, **params: Any) -> Any:
        """The params of the next notification `method` whose params hold `params`."""

        def matches(message: Message) -> bool:
            given = message.get("params") or {}
            return message.get("method") == method and all(given.get(k) == v for k, v in params.items())

        return self.wait(matches, timeout)["params"]

    def diagnostics(self, uri: str, version: int | None = None, timeout: float = 60) -> list[Message]:
        """The diagnostics published next for `uri` (for its `version`, when given)."""
        found = self.notification(
            "textDocument/publishDiagnostics", timeout, uri=uri, **({"version": version} if version else {})
        )
        return found["diagnostics"]

    # --- a session -----------------------------------------------------------------------------

    def initialize(self, root: Path, encodings: list[str] | None = None) -> Message:
        """initialize and initialized; `encodings`: the position encodings offered, most wanted first."""
        capabilities: Message = {
            "workspace": {"workspaceEdit": {"documentChanges": True}},
            "textDocument": {"publishDiagnostics": {"versionSupport": True}, "codeAction": {}},
        }
        if encodings is not None:
            capabilities["general"] = {"positionEncodings": encodings}
        result = self.request("initialize", {"processId": None, "rootUri": root.as_uri(), "capabilities": capabilities})
        self.notify("initialized", {})
        return result

    def open(self, path: Path, text: str, version: int = 1) -> str:
        uri = path.as_uri()
        language = "markdown" if path.suffix == ".md" else "plaintext"
        self.notify(
            "textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}}
        )
        return uri

    def change(self, uri: str, version: int, *changes: Message) -> None:
        """didChange: each change is {"range": ..., "text": ...}, or {"text": ...} for the whole text."""
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": list(changes)})

    def end(self, timeout: float = 60) -> int:
        """shutdown, exit, and the server's exit status."""
        self.request("shutdown", timeout=timeout)
        self.notify("exit")
        return self.process.wait(timeout=timeout)


def position(line: int, character: int) -> Message:
    return {"line": line, "character": character}


def span(line: int, start: int, end: int | None = None) -> Message:
    """A range on one line."""
    return {"start": position(line, start), "end": position(line, start if end is None else end)}
