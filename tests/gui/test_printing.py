"""Print preview shows the report pages; printing paints the same pages as the PDF."""
from __future__ import annotations

import shutil
import subprocess

import pytest
from PySide6.QtPrintSupport import QPrinter, QPrintPreviewWidget

from reader.core.compare import Comparer
from reader.core.model import Comparison, Options
from reader.core.nlp import NlpEngine
from reader.documents import load_document
from reader.ui.printing import make_printer, print_preview, render


@pytest.fixture(scope="module")
def comparison(seed_paths) -> Comparison:
    left, right = seed_paths
    return Comparer(NlpEngine()).compare(load_document(left), load_document(right), Options())


def test_print_preview_opens_without_blocking_and_shows_the_pages(qtbot, comparison):
    dialog = print_preview(comparison, None)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.isVisible)
    preview = dialog.findChild(QPrintPreviewWidget)
    qtbot.waitUntil(lambda: preview.pageCount() > 2)
    assert not dialog.isModal()
    dialog.close()
    assert not dialog.isVisible()


def test_printing_to_a_pdf_printer_writes_every_page(qtbot, comparison, tmp_path):
    printer = make_printer()
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    pages = render(comparison, printer)
    assert pages > 2
    assert out.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
        assert f"Page {pages} of {pages}" in text and "Appendix B" in text
