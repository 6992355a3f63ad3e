"""Faults around the command line's output: special files, read-only reports, a full stdout, progress on a tty."""
from __future__ import annotations

import os
import pty
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("stdout", subprocess.PIPE)
    kwargs.setdefault("stderr", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=ROOT, text=True, timeout=300, **kwargs)


def _one_error_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_export_onto_a_named_pipe_is_refused_and_the_pipe_stays(tmp_path, seed_paths):
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    result = run("export", *map(str, seed_paths), "-o", str(fifo))
    line = _one_error_line(result, str(fifo), "not a regular file")
    assert "pipe" in line
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]  # no temporary file left behind


def _special_file(tmp_path: Path, kind: str) -> Path:
    """A special file of our own in tmp_path (never a real /dev node: a regression would replace it)."""
    path = tmp_path / f"{kind}.pdf"
    if kind == "socket":
        server = socket.socket(socket.AF_UNIX)
        server.bind(str(path))
        server.close()
    else:  # a character device with /dev/null's numbers; only root may make one
        os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
    return path


@pytest.mark.parametrize("kind", [
    "socket",
    pytest.param("device", marks=pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0,
                                                    reason="only root can make a device node")),
])
def test_export_onto_a_socket_or_device_is_refused(tmp_path, kind):
    from reader.export.pdf import ExportError, write_atomically

    target = _special_file(tmp_path, kind)
    before = os.stat(target).st_mode
    with pytest.raises(ExportError) as err:
        write_atomically(str(target), b"%PDF-1.4", force=True)
    assert err.value.path == str(target) and kind in err.value.reason and "not a regular file" in err.value.reason
    assert os.stat(target).st_mode == before
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_read_only_report_is_kept_unless_forced(tmp_path, seed_paths):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"the report I want to keep")
    target.chmod(0o444)
    refused = run("export", *map(str, seed_paths), "-o", str(target))
    _one_error_line(refused, str(target), "read-only", "--force")
    assert target.read_bytes() == b"the report I want to keep"
    forced = run("export", *map(str, seed_paths), "-o", str(target), "--force")
    assert forced.returncode == 0, forced.stderr
    assert target.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf"]


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_failed_write_to_stdout_is_one_line_and_exit_2(seed_paths):
    with open("/dev/full", "w") as full:
        result = run("compare", "--json", *map(str, seed_paths), stdout=full)
    line = _one_error_line(result, "standard output")
    assert "No space left" in line
    assert "%" not in result.stderr  # stderr is a pipe here: no progress drawn


def _read_all(fd: int, into: list[bytes]) -> None:
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO once the child closed the terminal
            return
        if not chunk:
            return
        into.append(chunk)


def test_progress_is_drawn_on_a_terminal(seed_paths):
    controller, terminal = pty.openpty()
    drawn: list[bytes] = []
    reader = threading.Thread(target=_read_all, args=(controller, drawn))
    reader.start()
    try:
        result = run("compare", "--text", *map(str, seed_paths), stderr=terminal)
    finally:
        os.close(terminal)
        reader.join(30)
        os.close(controller)
    assert result.returncode == 0
    text = b"".join(drawn).decode("utf-8", "replace")
    assert "Reading the-world-iran-missile-attack.txt" in text
    assert "Finding people, places and figures" in text
    assert text.endswith("\r\x1b[K")  # the progress line is erased before the report is printed
    assert "Only in the right source" in result.stdout
