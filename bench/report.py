"""Benchmarks write their figures into docs/benchmarks.md themselves, with the date and the machine.

    with report.capture("extract", "Extraction engine vs bare spaCy", argv=sys.argv) as out:
        ...print the figures...

Everything the benchmark prints inside the block is still printed, and is also written to its own
section of ``docs/benchmarks.md`` (between ``<!-- bench:NAME -->`` markers), which replaces the section
of the previous run and leaves the other benchmarks' sections alone. Nobody edits the figures by hand.
``NEWSROOM_BENCH_NO_REPORT=1`` (or a failed run) leaves the file untouched.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import os
import platform
import re
import sys
import timeit
from collections.abc import Iterator, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "benchmarks.md"


def machine() -> str:
    """A line that tells two machines apart: CPU model, cores, Python, and a small timing to compare speed."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    loop_us = min(timeit.repeat("sum(range(10000))", number=200, repeat=5)) / 200 * 1e6
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"`sum(range(10000))` {loop_us:.0f} µs, load average {os.getloadavg()[0]:.2f}"
    )


def section(name: str, title: str, command: str, output: str, *, when: dt.datetime | None = None) -> str:
    when = when or dt.datetime.now(dt.UTC)
    return (
        f"<!-- bench:{name} -->\n### {title}\n\n"
        f"`{command}`, {when:%Y-%m-%d %H:%M} UTC, on {machine()}\n\n"
        f"```\n{output.rstrip()}\n```\n<!-- /bench:{name} -->"
    )


def write_section(name: str, text: str, doc: Path = DOC) -> None:
    """Replace benchmark ``name``'s section of ``doc`` with ``text`` (appended when it has none yet)."""
    current = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n"
    pattern = re.compile(rf"<!-- bench:{re.escape(name)} -->.*?<!-- /bench:{re.escape(name)} -->", re.S)
    if pattern.search(current):
        updated = pattern.sub(lambda _m: text, current)
    else:
        updated = current.rstrip() + "\n\n" + text + "\n"
    doc.parent.mkdir(parents=True, exist_ok=True)
    doc.write_text(updated, encoding="utf-8")


class _Tee(io.TextIOBase):
    def __init__(self, *streams: io.TextIOBase) -> None:
        self.streams = streams

    def write(self, s: str) -> int:
        for stream in self.streams:
            stream.write(s)
        return len(s)

    def flush(self) -> None:
        for stream in self.streams:
            stream.flush()


@contextlib.contextmanager
def capture(name: str, title: str, *, argv: Sequence[str], doc: Path = DOC) -> Iterator[io.StringIO]:
    """Print as usual and, when the block ends without an error, write what was printed to ``doc``."""
    buffer = io.StringIO()
    real = sys.stdout
    sys.stdout = _Tee(real, buffer)  # type: ignore[assignment]
    try:
        yield buffer
    finally:
        sys.stdout = real
    if os.environ.get("NEWSROOM_BENCH_NO_REPORT") != "1":
        command = "python " + " ".join([Path(argv[0]).as_posix().removeprefix(f"{ROOT.as_posix()}/"), *argv[1:]])
        write_section(name, section(name, title, command, buffer.getvalue()), doc)
        print(f"figures written to {doc.relative_to(ROOT) if doc.is_relative_to(ROOT) else doc} ({name})")
