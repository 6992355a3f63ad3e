"""Export a comparison as a self-explaining PDF, written atomically.

``export_pdf`` needs a Qt GUI application (fonts); ``export_command`` makes one when there is none (offscreen
without a display) and is what the command line calls. Errors become :class:`ExportError` with a clear reason.
"""
from __future__ import annotations

import errno
import os
import stat
import tempfile
from datetime import datetime
from typing import Optional

from reader.core.model import Comparison, ProgressFn, StopFn

PAGE_SIZES = ("A4", "Letter")
MARGINS_MM = (14.0, 11.0, 14.0, 10.0)  # left, top, right, bottom
RESOLUTION = 600
READ_ONLY = "the file is read-only; it was not replaced"


class ExportError(Exception):
    """The PDF could not be written: ``str()`` is ``"<path>: <reason>"``."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


def export_pdf(comparison: Comparison, path, *, page_size: str = "A4", progress: Optional[ProgressFn] = None,
               should_stop: Optional[StopFn] = None, when: Optional[datetime] = None, force: bool = False) -> None:
    """Write the report of ``comparison`` to ``path`` (A4 or Letter); raises ExportError or model.Cancelled.

    An existing regular file is replaced, a read-only one only with ``force=True`` (the user confirmed
    overwriting it); a device, pipe, socket or folder at ``path`` is never replaced.
    """
    path = os.fspath(path)
    size = _page_size_name(page_size, path)
    check_target(path, force)
    data = render_pdf_bytes(comparison, page_size=size, progress=progress, should_stop=should_stop, when=when)
    write_atomically(path, data, force=force)
    if progress is not None:
        progress(1.0, "Saved")


def render_pdf_bytes(comparison: Comparison, *, page_size: str = "A4", progress: Optional[ProgressFn] = None,
                     should_stop: Optional[StopFn] = None, when: Optional[datetime] = None) -> bytes:
    """The PDF as bytes (pages are counted in a first pass so the footer can say "Page N of M")."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    from reader.export.content import build_report

    report = build_report(comparison, when)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    configure_device(writer, page_size)
    writer.setTitle(report.meta.get("title", ""))
    writer.setCreator(report.meta.get("creator", ""))
    try:
        paint_report(report, writer, progress, should_stop)
    finally:
        buffer.close()
    return bytes(data.data())


def paint_report(report, device, progress: Optional[ProgressFn] = None, should_stop: Optional[StopFn] = None) -> int:
    """Count the pages, then paint them on ``device`` (QPdfWriter or QPrinter); returns the page count."""
    from PySide6.QtGui import QPainter

    from reader.export.layout import PageWriter

    pages = PageWriter(device, None, report).run(progress, should_stop, (0.0, 0.3))
    painter = QPainter(device)
    if not painter.isActive():
        raise OSError("the output device could not be opened")
    try:
        PageWriter(device, painter, report, total_pages=pages).run(progress, should_stop, (0.3, 0.97))
    finally:
        painter.end()
    return pages


def configure_device(device, page_size: Optional[str] = "A4") -> None:
    """Page size (None: keep the device's, e.g. the printer's), portrait, margins and resolution."""
    from PySide6.QtCore import QMarginsF
    from PySide6.QtGui import QPageLayout, QPageSize

    if page_size is None:
        size = device.pageLayout().pageSize()
    else:
        size = QPageSize(QPageSize.PageSizeId.Letter if page_size.lower() == "letter" else QPageSize.PageSizeId.A4)
    layout = QPageLayout(size, QPageLayout.Orientation.Portrait, QMarginsF(*MARGINS_MM), QPageLayout.Unit.Millimeter)
    device.setPageLayout(layout)
    if hasattr(device, "setResolution") and type(device).__name__ == "QPdfWriter":
        device.setResolution(RESOLUTION)


def write_atomically(path: str, data: bytes, *, force: bool = False) -> None:
    """Temp file in the target folder, fsync, then os.replace: never a partial file at ``path``.

    Only a regular file (or nothing) at ``path`` is ever replaced; a read-only one only with ``force``.
    """
    folder = os.path.dirname(os.path.abspath(path))
    check_replaceable(path, force)
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=".~" + os.path.basename(path) + ".", suffix=".part")
    except OSError as exc:
        raise ExportError(path, _reason(exc, folder)) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is an ordinary user file
        check_replaceable(path, force)  # again: something may have appeared there while the PDF was drawn
        os.replace(temp, path)
    except OSError as exc:
        _remove_quietly(temp)
        raise ExportError(path, _reason(exc, folder)) from None
    except ExportError:
        _remove_quietly(temp)
        raise
    except BaseException:
        _remove_quietly(temp)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def check_replaceable(path: str, force: bool = False) -> None:
    """ExportError unless ``path`` is missing or a regular file (writable, or read-only with ``force``)."""
    try:
        info = os.stat(path)  # follows a link: what matters is what would be overwritten
    except (FileNotFoundError, NotADirectoryError):  # nothing there (the folder is checked elsewhere)
        return
    except OSError as exc:
        raise ExportError(path, f"cannot be checked before writing ({exc.strerror or exc})") from None
    if stat.S_ISDIR(info.st_mode):
        raise ExportError(path, "this is a folder; give a file name ending in .pdf")
    if not stat.S_ISREG(info.st_mode):
        raise ExportError(path, f"is a {_special_kind(info.st_mode)}, not a regular file; it was not replaced")
    read_only = not (info.st_mode & 0o222) or not os.access(path, os.W_OK)
    if read_only and not force:
        raise ExportError(path, READ_ONLY)


def _special_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISFIFO(mode):
        return "named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def check_target(path: str, force: bool = False) -> None:
    """ExportError when ``path`` cannot or must not be written (see :func:`check_replaceable`); cheap, no Qt."""
    folder = os.path.dirname(os.path.abspath(path))
    check_replaceable(path, force)
    if not os.path.exists(folder):
        raise ExportError(path, f"the folder {folder} does not exist")
    if not os.path.isdir(folder):
        raise ExportError(path, f"{folder} is a file, not a folder")
    if not os.access(folder, os.W_OK):
        raise ExportError(path, f"cannot write in the folder {folder} (permission denied)")


def _page_size_name(page_size: Optional[str], path: str) -> str:
    if not page_size:
        return "A4"
    for name in PAGE_SIZES:
        if str(page_size).strip().lower() == name.lower():
            return name
    raise ExportError(path, f"unknown page size {page_size!r}; use A4 or Letter")


def _reason(exc: OSError, folder: str) -> str:
    if exc.errno == errno.ENOSPC:
        return "the disk is full; nothing was written"
    if exc.errno == errno.EDQUOT:
        return "the disk quota is exceeded; nothing was written"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write in the folder {folder} ({exc.strerror.lower()})"
    if exc.errno == errno.ENOENT:
        if os.path.isdir(folder):
            return f"cannot create files in the folder {folder}"
        return f"the folder {folder} does not exist"
    if exc.errno == errno.ENOTDIR:
        return f"{folder} is not a folder"
    if exc.errno == errno.EISDIR:
        return "this is a folder; give a file name ending in .pdf"
    return f"could not write the file ({exc.strerror or exc})"


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass


def ensure_gui_application():
    """The running QGuiApplication, or a new one (offscreen when there is no display)."""
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance()
    if app is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QGuiApplication(["parallel-reader"])
    return app


def export_command(comparison: Comparison, out_path, page_size: str = "A4",
                   progress: Optional[ProgressFn] = None, force: bool = False) -> int:
    """For the command line: write the PDF (making a Qt application if needed); 0 on success.

    Raises ExportError (the caller prints it and exits with status 2). ``force``: replace a read-only file.
    """
    ensure_gui_application()
    export_pdf(comparison, out_path, page_size=page_size, progress=progress, force=force)
    return 0
