"""Every document is read in a warm child process with a time and a memory limit.

A hostile or merely odd file can make a parser loop, recurse or allocate without end; in a child with an
address-space limit (RLIMIT_AS) and a parent-side deadline, the worst it can do is fail, and the failure is a
DocumentError naming the file. The child stays alive between files (starting an interpreter and importing
the parsers costs far more than reading a document), and is replaced after a crash, a limit, an unexpected
error, or a number of files.

Protocol, over the child's stdin and stdout: the parent sends one JSON line {"name", "format", "size"} then
`size` bytes; the child answers one line with the byte length of its JSON answer, then the answer:
{"blocks": [...]} or {"error": kind, "reason": ..., "location": ...}. JSON, not pickle: the parent never
runs code the child could have been tricked into sending.

Usage of the child: python -m accord.text.readers.worker MEMORY_MB
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import IO, Any

from accord.text.errors import (
    DocumentError,
    DocumentTooLarge,
    EncryptedDocument,
    NoTextLayer,
    UnsafeDocument,
    UnsupportedFormat,
)
from accord.text.readers.blocks import Block, block_from_json, block_to_json

TIMEOUT_SECONDS = 10.0
MEMORY_MB = 512
RECYCLE_AFTER = 500  # files read by one child before it is replaced (parsers keep caches)
START_SECONDS = 60.0  # starting a child is not part of a file's time limit
WALL_FACTOR = 6.0  # the wall-clock cap on one file, as a multiple of its (CPU) time limit
_ROOT = str(Path(__file__).resolve().parents[3])
_ERRORS: dict[str, type[DocumentError]] = {
    cls.__name__: cls
    for cls in (DocumentError, DocumentTooLarge, EncryptedDocument, NoTextLayer, UnsafeDocument, UnsupportedFormat)
}


class _Child:
    def __init__(self, memory_mb: int) -> None:
        env = dict(os.environ)
        env["PYTHONPATH"] = _ROOT + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
        self.memory_mb = memory_mb
        self.owner = os.getpid()
        self.files = 0
        self.stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the child
        self.proc = subprocess.Popen(  # noqa: S603 - our own interpreter and module, no shell
            [sys.executable, "-m", "accord.text.readers.worker", str(memory_mb)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            env=env,
            bufsize=0,
        )
        self.buffer = b""

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stderr_tail(self) -> str:
        try:
            self.stderr.seek(0)
            lines = self.stderr.read().decode("utf-8", "replace").strip().splitlines()
        except (OSError, ValueError):
            return ""
        return lines[-1] if lines else ""

    def read_line(self, budget: _Budget) -> bytes | None:
        """One line from the child, or None when the budget runs out or the child dies first."""
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while b"\n" not in self.buffer:
                if budget.spent():
                    return None
                if not sel.select(budget.wait()):
                    continue
                chunk = os.read(fd, 1 << 20)
                if not chunk:
                    return None
                self.buffer += chunk
        line, _, self.buffer = self.buffer.partition(b"\n")
        return line

    def read_exact(self, size: int, budget: _Budget) -> bytes | None:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        parts = [self.buffer]
        got = len(self.buffer)
        self.buffer = b""
        with selectors.DefaultSelector() as sel:
            sel.register(fd, selectors.EVENT_READ)
            while got < size:
                if budget.spent():
                    return None
                if not sel.select(budget.wait()):
                    continue
                chunk = os.read(fd, min(1 << 22, size - got))
                if not chunk:
                    return None
                parts.append(chunk)
                got += len(chunk)
        return b"".join(parts)

    def close(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.proc.wait(timeout=5)
        for stream in (self.proc.stdin, self.proc.stdout, self.stderr):
            try:
                if stream is not None:
                    stream.close()
            except OSError:
                pass


class _Budget:
    """A file's time limit, counted in the child's CPU seconds: on a busy machine the wall clock runs faster
    than the reading, and a limit in wall time would refuse files by the machine's load. A wall-clock cap of
    WALL_FACTOR times the limit still stops a child that waits instead of working. Where /proc is missing,
    the limit is wall time."""

    def __init__(self, pid: int, seconds: float) -> None:
        self.pid = pid
        self.seconds = seconds
        self.started = time.monotonic()
        self.wall_end = self.started + max(seconds * WALL_FACTOR, seconds + 1.0)
        self.cpu0 = _cpu_seconds(pid)

    def used(self) -> float:
        cpu = _cpu_seconds(self.pid)
        if cpu is None or self.cpu0 is None:
            return time.monotonic() - self.started
        return cpu - self.cpu0

    def spent(self) -> bool:
        return time.monotonic() >= self.wall_end or self.used() > self.seconds

    def wait(self) -> float:
        return max(0.0, min(0.1, self.seconds / 4, self.wall_end - time.monotonic()))


def _cpu_seconds(pid: int) -> float | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


_lock = threading.Lock()
_children: dict[int, _Child] = {}


def _memory_refusal(name: str, memory_mb: int) -> DocumentError:
    return DocumentError(name, f"reading the file needed more than {memory_mb} MB of memory: refused")


def _start(name: str, memory_mb: int) -> _Child:
    child = _Child(memory_mb)
    line = child.read_line(_Budget(child.proc.pid, START_SECONDS))
    if line != b"ready":
        tail = child.stderr_tail()
        child.close()
        if line == b"memory" or "memory" in tail.lower() or child.proc.returncode not in (0, 1, None):
            raise _memory_refusal(name, memory_mb)
        raise DocumentError(name, f"the reader could not start ({tail or 'no answer'})")
    return child


def read_isolated(
    name: str, fmt: str, data: bytes, *, timeout: float = TIMEOUT_SECONDS, memory_mb: int = MEMORY_MB
) -> list[Block]:
    """The blocks of one document, read by the warm child under the limits; a DocumentError otherwise."""
    with _lock:
        child = _children.get(memory_mb)
        if child is not None and (child.owner != os.getpid() or not child.alive()):
            if child.owner == os.getpid():
                child.close()
            child = None  # a forked copy of another process's child is never touched
        if child is None:
            child = _start(name, memory_mb)
            _children[memory_mb] = child
        try:
            answer = _exchange(child, name, fmt, data, timeout)
        except BaseException:
            _children.pop(memory_mb, None)
            child.close()
            raise
        child.files += 1
        recycle = answer.get("restart") or child.files >= RECYCLE_AFTER
        if recycle:
            _children.pop(memory_mb, None)
            child.close()
    error = answer.get("error")
    if error == "memory":
        raise _memory_refusal(name, memory_mb)
    if error:
        cls = _ERRORS.get(str(error), DocumentError)
        raise cls(name, str(answer.get("reason") or error), location=answer.get("location"))
    return [block_from_json(b) for b in answer["blocks"]]


def _exchange(child: _Child, name: str, fmt: str, data: bytes, timeout: float) -> dict[str, Any]:
    assert child.proc.stdin is not None
    header = json.dumps({"name": name, "format": fmt, "size": len(data)}).encode() + b"\n"
    try:
        child.proc.stdin.write(header)
        child.proc.stdin.write(data)
    except (BrokenPipeError, OSError) as exc:
        raise DocumentError(name, f"the reader stopped ({child.stderr_tail() or exc})") from exc
    budget = _Budget(child.proc.pid, timeout)
    refusal = f"reading the file took longer than {timeout:g} s: refused"
    size_line = child.read_line(budget)
    if size_line is None:
        if child.alive() and budget.spent():
            raise DocumentError(name, refusal)
        child.proc.wait(timeout=5)
        tail = child.stderr_tail()
        if (child.proc.returncode is not None and child.proc.returncode < 0) or "MemoryError" in tail:
            raise _memory_refusal(name, child.memory_mb)
        raise DocumentError(name, f"the file cannot be read ({tail or 'the reader stopped'})")
    body = child.read_exact(int(size_line), budget)
    if body is None:
        if budget.spent():
            raise DocumentError(name, refusal)
        raise DocumentError(name, "the file cannot be read (the reader stopped)")
    if budget.used() > timeout:
        raise DocumentError(name, refusal)  # done, but past the limit: the limit holds whatever the timing
    result: dict[str, Any] = json.loads(body)
    return result


def shutdown() -> None:
    """Stop this process's children (tests and benchmarks; the process's exit stops them anyway)."""
    with _lock:
        for key, child in list(_children.items()):
            if child.owner == os.getpid():
                child.close()
            del _children[key]


# --- the child ------------------------------------------------------------------------------------------


def _limit_memory(megabytes: int) -> None:
    try:
        import resource

        limit = megabytes * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    except (ImportError, ValueError, OSError):  # not on this platform: the deadline still holds
        pass


def _address_space() -> int:
    try:
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


def _answer(out: IO[bytes], result: dict[str, Any]) -> None:
    body = json.dumps(result, ensure_ascii=False).encode("utf-8")
    out.write(str(len(body)).encode() + b"\n" + body)
    out.flush()


def _serve() -> None:
    memory_mb = int(sys.argv[1]) if len(sys.argv) > 1 else MEMORY_MB
    # Import every parser before the limit, so the limit measures the document, not the start-up.
    from accord.text.readers import read_inprocess, warm_up

    warm_up()
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    if _address_space() >= memory_mb * 1024 * 1024:
        stdout.write(b"memory\n")  # the limit is below what the readers alone take
        stdout.flush()
        return
    _limit_memory(memory_mb)
    stdout.write(b"ready\n")
    stdout.flush()
    while True:
        line = stdin.readline()
        if not line:
            return
        request = json.loads(line)
        data = stdin.read(int(request["size"]))
        name = str(request["name"])
        try:
            blocks = read_inprocess(name, str(request["format"]), data)
            result: dict[str, Any] = {"blocks": [block_to_json(b) for b in blocks]}
        except MemoryError:
            result = {"error": "memory", "restart": True}
        except DocumentError as exc:
            result = {"error": type(exc).__name__, "reason": exc.reason, "location": exc.location}
        except RecursionError:
            result = {
                "error": "DocumentError",
                "restart": True,
                "reason": "the document is nested too deeply to read (elements inside elements)",
            }
        except Exception as exc:  # a parser's own failure on a broken file: the file's error, not ours
            result = {
                "error": "DocumentError",
                "restart": True,
                "reason": f"the file cannot be read ({type(exc).__name__}: {exc})",
            }
        del data
        try:
            _answer(stdout, result)
        except MemoryError:
            _answer(stdout, {"error": "memory", "restart": True})


if __name__ == "__main__":
    _serve()
