"""Print the comparison report, or preview it, with the same layout as the exported PDF."""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from reader.core.model import Comparison
from reader.export.content import build_report
from reader.export.pdf import configure_device, paint_report


def make_printer() -> QPrinter:
    """A high-resolution printer keeping the locale's default paper size (A4 or Letter), report margins."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_device(printer, None)
    printer.setDocName("Parallel Reader comparison")
    return printer


def render(comparison: Comparison, printer: QPrinter) -> int:
    """Paint the whole report on ``printer``; returns the number of pages."""
    return paint_report(build_report(comparison), printer)


def print_comparison(comparison: Comparison, parent: Optional[QWidget] = None) -> bool:
    """Ask for a printer with QPrintDialog and print the report; False when cancelled or printing failed."""
    printer = make_printer()
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Print comparison")
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    try:
        render(comparison, printer)
    except OSError as exc:
        QMessageBox.warning(parent, "Print comparison", f"Printing failed: {exc}")
        return False
    return True


def print_preview(comparison: Comparison, parent: Optional[QWidget] = None, *, modal: bool = False
                  ) -> QPrintPreviewDialog:
    """Show the report in a QPrintPreviewDialog (non-modal by default; it prints from its own toolbar)."""
    printer = make_printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle("Print preview \u2014 Parallel Reader")
    dialog.paintRequested.connect(lambda target: render(comparison, target))
    dialog._printer = printer  # keep the printer alive as long as the dialog
    if parent is not None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)  # a new preview each time; free the old one
    if modal:
        dialog.exec()
    else:
        dialog.show()
    return dialog
