"""Bad input: every case raises DocumentError naming the file and saying the problem in plain words."""
from __future__ import annotations

import os
import pickle
import shutil
from pathlib import Path

import pytest

from reader.documents import DocumentError, document_from_text, load_document

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "documents"


def error_for(path, **kwargs) -> DocumentError:
    with pytest.raises(DocumentError) as caught:
        load_document(path, **kwargs)
    err = caught.value
    assert err.path == os.fspath(path)
    assert str(err) == f"{os.fspath(path)}: {err.reason}"
    return err


def test_missing_file(tmp_path):
    assert error_for(tmp_path / "nope.txt").reason == "file not found"


def test_directory(tmp_path):
    assert error_for(tmp_path).reason == "is a folder, not a file"


def test_empty_file():
    assert error_for(FIXTURES / "empty.txt").reason == "the file is empty"


def test_only_blank_space():
    assert "no article text found after extraction" in error_for(FIXTURES / "blank.txt").reason


def test_png_renamed_txt():
    assert error_for(FIXTURES / "picture.txt").reason == "looks like a binary file (PNG image), not text"


def test_unknown_binary(tmp_path):
    path = tmp_path / "data.txt"
    path.write_bytes(bytes(range(256)) * 8)
    assert error_for(path).reason == "looks like a binary file, not text"


def test_over_the_size_limit(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as handle:  # sparse: 21 MB without writing them
        handle.truncate(21 * 1024 * 1024)
    assert error_for(path).reason == "is larger than 20 MB"
    small = tmp_path / "small.txt"
    small.write_text("A short story about the sea. " * 100, encoding="utf-8")
    assert error_for(small, max_bytes=1024).reason == "is larger than 1 KB"


def test_encrypted_pdf():
    assert error_for(FIXTURES / "encrypted.pdf").reason == "the PDF is encrypted (password-protected)"


def test_corrupt_pdf():
    assert error_for(FIXTURES / "corrupt.pdf").reason.startswith("the PDF is damaged")


def test_pdf_without_text_layer():
    assert "no article text found after extraction" in error_for(FIXTURES / "scanned.pdf").reason


def test_corrupt_docx():
    assert error_for(FIXTURES / "corrupt.docx").reason.startswith("the Word document is damaged")


def test_zip_that_is_not_a_word_file(tmp_path):
    archive = shutil.make_archive(str(tmp_path / "bundle"), "zip", FIXTURES, "article.md")
    path = tmp_path / "bundle.docx"
    os.replace(archive, path)
    assert error_for(path).reason == "the Word document is damaged (it has no word/document.xml)"


def test_html_without_article(tmp_path):
    path = tmp_path / "menu.html"
    path.write_text("<html><head><title></title></head><body><nav><a href='/'>Home</a></nav></body></html>")
    assert error_for(path).reason == "no article text found after extraction"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("Top secret.", encoding="utf-8")
    path.chmod(0)
    assert error_for(path).reason == "cannot be read: permission denied"


def test_permission_denied_when_opening(tmp_path, monkeypatch):
    path = tmp_path / "locked.txt"
    path.write_text("The locked story.", encoding="utf-8")
    real_open = Path.open

    def refuse(self, *args, **kwargs):
        if self == path:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    assert error_for(path).reason == "cannot be read: permission denied"


def test_empty_pasted_text():
    with pytest.raises(DocumentError) as caught:
        document_from_text("  \n ")
    assert str(caught.value) == "clipboard: the text is empty"


def test_error_survives_pickling():
    err = DocumentError("a.txt", "file not found")
    again = pickle.loads(pickle.dumps(err))
    assert (again.path, again.reason, str(again)) == ("a.txt", "file not found", "a.txt: file not found")


def test_only_invisible_characters_is_no_article(tmp_path):
    """Zero-width spaces and soft hyphens are not text: a clear error, not an empty article."""
    path = tmp_path / "invisible.txt"
    path.write_text("\u200b\u200b\n\u00ad\ufeff\n", encoding="utf-8")
    assert "no article text found" in error_for(path).reason
    with pytest.raises(DocumentError, match="clipboard"):
        document_from_text("\u200b\ufeff")
