"""A dialog factory for tests: answers file dialogs from a queue and records messages instead of showing them."""
from __future__ import annotations

from reader.ui.dialogs import DialogFactory


class RecordingDialogs(DialogFactory):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[tuple[str, str]] = []
        self.answers: list = []
        self.suggested = ""

    def error(self, title: str, text: str) -> None:
        self.messages.append((title, text))

    info = error

    def open_file(self, title: str, folder: str = "") -> str:
        return self.answers.pop(0) if self.answers else ""

    def open_files(self, title: str, folder: str = "") -> list[str]:
        return self.answers.pop(0) if self.answers else []

    def save_file(self, title: str, suggested: str, filters: str = "") -> str:
        self.suggested = suggested
        return self.answers.pop(0) if self.answers else ""
