"""reader.core and reader.documents never import PySide6: every module under them is imported in a subprocess."""
from __future__ import annotations

import subprocess
import sys

CODE = """
import importlib, pkgutil, sys
import reader.core, reader.documents, reader.core.model
names = []
for package in (reader.core, reader.documents):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
        names.append(info.name)
qt = sorted(m for m in sys.modules if m == "PySide6" or m.startswith("PySide6."))
assert not qt, f"PySide6 imported: {qt}"
print(len(names))
"""


def test_core_and_documents_do_not_import_qt():
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip().splitlines()[-1]) >= 8  # model plus the document loaders at least
