"""Startup speed: loading a plain-text article imports none of the heavy format libraries."""
from __future__ import annotations

import subprocess
import sys

HEAVY = ("trafilatura", "pypdf", "docx", "lxml", "charset_normalizer", "PySide6", "spacy")


def test_loading_txt_imports_no_heavy_library(seed_paths):
    code = (
        "import sys; from reader.documents import load_document; "
        f"d = load_document({str(seed_paths[1])!r}); assert d.paragraphs; "
        f"print(','.join(m for m in sys.modules if m.split('.')[0] in {HEAVY!r}))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
