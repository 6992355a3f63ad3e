"""Writing a report file: all or nothing, with a clear reason when it cannot be written."""
from __future__ import annotations

import errno
import os

import pytest

from reader.export.pdf import ExportError, write_atomically


def test_writes_the_bytes_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "report.pdf"
    write_atomically(str(target), b"%PDF-1.4 body")
    assert target.read_bytes() == b"%PDF-1.4 body"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_full_disk_keeps_the_previous_report_untouched(tmp_path, monkeypatch):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"previous report")

    def full(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ExportError) as err:
        write_atomically(str(target), b"new report")
    assert err.value.path == str(target) and "disk is full" in err.value.reason
    assert target.read_bytes() == b"previous report"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


def test_parent_that_is_a_file_is_named_in_the_message(tmp_path):
    blocker = tmp_path / "notes.txt"
    blocker.write_text("x")
    with pytest.raises(ExportError) as err:
        write_atomically(str(blocker / "report.pdf"), b"x")
    assert str(blocker) in str(err.value) and str(err.value).startswith(str(blocker / "report.pdf") + ": ")


def test_folder_where_files_cannot_be_created(tmp_path):
    with pytest.raises(ExportError) as err:
        write_atomically("/proc/parallel-reader-report.pdf", b"x")
    assert "/proc" in err.value.reason


def test_read_only_report_is_replaced_only_when_forced(tmp_path):
    target = tmp_path / "report.pdf"
    target.write_bytes(b"kept")
    target.chmod(0o444)
    with pytest.raises(ExportError) as err:
        write_atomically(str(target), b"new")
    assert err.value.path == str(target) and "read-only" in err.value.reason
    assert target.read_bytes() == b"kept"
    write_atomically(str(target), b"new", force=True)  # the window passes force=True once the user confirmed
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["report.pdf"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_named_pipe_is_never_replaced_even_when_forced(tmp_path):
    import stat

    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    with pytest.raises(ExportError) as err:
        write_atomically(str(fifo), b"%PDF", force=True)
    assert "named pipe" in err.value.reason
    assert stat.S_ISFIFO(os.stat(fifo).st_mode) and [p.name for p in tmp_path.iterdir()] == ["report.pdf"]
