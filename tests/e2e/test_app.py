"""End to end: the whole app on the seed pair, driven like a user, with a screenshot of every step.

Screenshots go to artifacts/e2e/. The app is started through the composition root (``reader.app.ReaderApp``) with
settings in a temporary folder, and message boxes are recorded instead of shown.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from reader.app import ReaderApp
from reader.core.model import Group, Side
from reader.settings import Settings
from reader.ui.dialogs import DialogFactory
from tests.app_helpers import opened
from tests.dialog_doubles import RecordingDialogs

pytestmark = pytest.mark.slow
COMPARE_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def shots(artifacts_dir):
    folder = artifacts_dir / "e2e"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.png"):
        old.unlink()
    return folder


@pytest.fixture
def app(qtbot, tmp_path, seed_paths):
    reader = ReaderApp(Settings(tmp_path / "config"), dialogs=RecordingDialogs())
    qtbot.addWidget(reader.window)
    reader.window.resize(1400, 860)
    assert opened(qtbot, reader.open_pair(*seed_paths))
    with qtbot.waitExposed(reader.window):
        reader.window.show()
    with qtbot.waitActive(reader.window):
        reader.window.activateWindow()
    qtbot.waitUntil(lambda: reader.comparison is not None, timeout=COMPARE_TIMEOUT_MS)
    yield reader
    reader.runner.shutdown(30_000)


def snap(app: ReaderApp, shots: Path, name: str) -> Path:
    QTest.qWait(150)  # let flashes and scrolls settle
    path = shots / f"{name}.png"
    assert app.window.grab().save(str(path))
    return path


def seg_with(analysis, needle: str) -> int:
    return next(s.id for s in analysis.segments if needle in analysis.segment_text(s.id))


def click_segment(qtbot, app: ReaderApp, side: Side, seg_id: int) -> None:
    pane = app.view.panes[side]
    seg = app.comparison.side(side).segments[seg_id]
    top, bottom = pane.span_y(seg.start, seg.end)
    pane.scroll_to_y(top, bottom, where=0.3)
    rect = pane.span_rects(seg.start, seg.end)[0]
    point = QPoint(int(rect.left() + 20), int(rect.center().y()) - pane.scroll_offset())
    qtbot.mouseClick(pane.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_reading_the_seed_pair(qtbot, app, shots, tmp_path):
    comparison, view = app.comparison, app.view
    snap(app, shots, "01-opened")
    assert "matched" in app.sidebar.summary.text()

    # The Pelosi passage is reported by Reuters (right) only, and marked so in the right pane.
    pelosi = seg_with(comparison.right, "Pelosi")
    assert pelosi in comparison.unique_right
    seg = comparison.right.segments[pelosi]
    top, bottom = view.panes[Side.RIGHT].span_y(seg.start, seg.end)
    marked = [r for r in view.panes[Side.RIGHT].regions() if r.kind == "unique" and r.top <= top + 1
              and r.bottom >= bottom - 1]
    assert marked, "the Pelosi passage is not shaded as only-right"
    assert any(d.start <= seg.start < d.end for d in view.differences("right"))

    # The "pivotal figure" passages are linked; clicking the left one brings the right one into view.
    left_id, right_id = seg_with(comparison.left, "pivotal figure"), seg_with(comparison.right, "pivotal figure")
    assert any(left_id in link.left and right_id in link.right for link in comparison.links)
    app.window.actions["scroll_lock"].setChecked(False)
    view.panes[Side.RIGHT].verticalScrollBar().setValue(0)
    right_seg = comparison.right.segments[right_id]
    assert not view.panes[Side.RIGHT].is_y_visible(*view.panes[Side.RIGHT].span_y(right_seg.start, right_seg.end))
    click_segment(qtbot, app, Side.LEFT, left_id)
    assert view.selection("right") and right_id in view.selection("right")
    assert view.panes[Side.RIGHT].is_y_visible(*view.panes[Side.RIGHT].span_y(right_seg.start, right_seg.end))
    snap(app, shots, "02-passage-clicked")

    # Clicking an entity in the sidebar shows one of its mentions.
    app.sidebar.tabs.setCurrentWidget(app.sidebar.entities)
    item = next(i for i in app.sidebar.entity_items(Group.PEOPLE) if "Soleimani" in i.text(0))
    entity = item.data(0, Qt.ItemDataRole.UserRole)
    tree = app.sidebar.entities
    tree.scrollToItem(item)
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(item).center())
    assert "Soleimani" in app.window.status_label.text()
    first = (entity.left + entity.right)[0]
    side = Side.LEFT if entity.left else Side.RIGHT
    assert view.panes[side].is_y_visible(*view.panes[side].span_y(first.start, first.end))
    snap(app, shots, "03-entity-clicked")

    # Walk the differences with the keyboard: F8 and Alt+Down go forward, Shift+F8 back.
    view.panes[Side.LEFT].setFocus()
    statuses = []
    for key, modifier in ((Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier),
                          (Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier),
                          (Qt.Key.Key_F8, Qt.KeyboardModifier.NoModifier)):
        QTest.keyClick(app.window.focusWidget() or app.window, key, modifier)
        statuses.append(app.window.status_label.text())
    assert all(" of " in s for s in statuses), statuses
    assert len(set(statuses)) == 3, statuses  # three different stops
    QTest.keyClick(app.window.focusWidget() or app.window, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)
    assert app.window.status_label.text().endswith(statuses[1])  # back to the second stop
    snap(app, shots, "04-next-difference")

    # A PNG renamed .txt: the message names the file and why; the other pane and the comparison stay.
    bad = tmp_path / "photo.txt"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(0x2255AA)
    assert image.save(str(tmp_path / "photo.png"))
    (tmp_path / "photo.png").rename(bad)
    left_text = view.panes[Side.LEFT].toPlainText()
    before = app.comparison
    app.dialogs.answers = [str(bad)]
    app.window.actions["open_right"].trigger()
    assert not opened(qtbot, app.runner.handle("load"))
    title, text = app.dialogs.messages[-1]
    assert "photo.txt" in text and str(bad) in text
    assert app.comparison is before and view.comparison is before
    assert view.panes[Side.LEFT].toPlainText() == left_text
    assert "Pelosi" in view.panes[Side.RIGHT].toPlainText()
    snap(app, shots, "05-bad-file")
    real = DialogFactory(app.window)  # the message the user sees, rendered for the artifacts
    real.error(title, text)
    from PySide6.QtWidgets import QMessageBox

    box = app.window.findChildren(QMessageBox)[-1]
    QTest.qWait(100)
    box.grab().save(str(shots / "05b-bad-file-message.png"))
    box.accept()


def test_export_pdf_from_the_menu(qtbot, app, shots, tmp_path):
    pytest.importorskip("reader.export.pdf")
    out = tmp_path / "report.pdf"
    app.dialogs.answers = [str(out)]
    with qtbot.waitSignal(app.exportFinished, timeout=COMPARE_TIMEOUT_MS) as blocker:
        app.window.actions["export_pdf"].trigger()
        assert app.window.progress.isVisible()
    assert blocker.args == [str(out)]
    assert out.read_bytes()[:5] == b"%PDF-" and out.stat().st_size > 5_000
    assert app.dialogs.suggested.endswith(".pdf") and "vs" in os.path.basename(app.dialogs.suggested)
    assert "Saved PDF" in app.window.status_label.text()
    snap(app, shots, "06-exported")


def test_print_preview_opens_beside_the_window(qtbot, app, shots):
    pytest.importorskip("reader.ui.printing")
    from PySide6.QtPrintSupport import QPrintPreviewDialog

    app.window.actions["print_preview"].trigger()
    previews = app.window.findChildren(QPrintPreviewDialog)
    assert previews and previews[-1].isVisible()  # non-modal: the test goes on
    QTest.qWait(300)
    previews[-1].grab().save(str(shots / "06b-print-preview.png"))
    previews[-1].close()


def test_manual_link_is_applied_and_remembered_for_the_pair(qtbot, app, shots, seed_paths, tmp_path):
    comparison = app.comparison
    pelosi = seg_with(comparison.right, "Pelosi")
    left_id = comparison.unique_left[0]  # two passages each source reports alone, linked by hand
    app.view.linkRequested.emit((left_id,), (pelosi,))
    linked = app.comparison
    manual = [l for l in linked.links if l.manual]
    assert manual and pelosi in manual[0].right and left_id in manual[0].left
    assert pelosi not in linked.unique_right
    assert left_id not in linked.unique_left
    facts = app.sidebar.fact_items()
    assert len(facts) == len(comparison.unique_left) + len(comparison.unique_right) + \
        len(linked.discrepancies) - 2
    assert not any("Pelosi" in item.toolTip(0) for item in facts)
    app.view.select_segment("right", pelosi)
    assert left_id in app.view.selection("left")  # the view shows the new link like any other
    snap(app, shots, "07-manual-link")

    # The same pair opened again gets the link back after its analysis.
    again = ReaderApp(Settings(tmp_path / "config"), dialogs=RecordingDialogs())
    qtbot.addWidget(again.window)
    assert opened(qtbot, again.open_pair(*seed_paths))
    qtbot.waitUntil(lambda: again.comparison is not None, timeout=COMPARE_TIMEOUT_MS)
    assert any(l.manual and pelosi in l.right for l in again.comparison.links)

    # Unlinking removes it again.
    index = next(i for i, l in enumerate(again.comparison.links) if l.manual)
    again.view.unlinkRequested.emit(index)
    assert pelosi in again.comparison.unique_right
    again.runner.shutdown(30_000)


def test_command_line_screenshot(tmp_path, shots):
    out = tmp_path / "out.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARALLEL_READER_CONFIG_DIR=str(tmp_path / "cfg"))
    done = subprocess.run([sys.executable, "-m", "reader", "--screenshot", str(out)], env=env,
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    image = QImage(str(out))
    assert image.width() >= 800 and image.height() >= 500
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 17)}
    assert len(colours) > 20  # text, highlights and widgets, not a blank window
    (shots / "00-command-line.png").write_bytes(out.read_bytes())


def test_command_line_reports_a_missing_file(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARALLEL_READER_CONFIG_DIR=str(tmp_path / "cfg"))
    done = subprocess.run([sys.executable, "-m", "reader", str(tmp_path / "nope.txt"), str(tmp_path / "x.txt")],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert "nope.txt" in done.stderr and "Traceback" not in done.stderr


SPACY_THREAD_PROBE = r"""
import sys, threading
seen = {}

class Probe:
    def find_spec(self, name, path=None, target=None):
        if name == "spacy" and "thread" not in seen:
            seen["thread"] = threading.current_thread() is threading.main_thread()
        return None

sys.meta_path.insert(0, Probe())
from PySide6.QtCore import QTimer
from reader.app import ReaderApp, create_qapplication
from reader.paths import seed_pair
app = create_qapplication(["probe"])
reader = ReaderApp()
reader.open_pair(*seed_pair())
reader.window.show()
reader.comparisonReady.connect(lambda c: app.quit())
reader.comparisonFailed.connect(lambda m: app.quit())
QTimer.singleShot(120000, app.quit)
app.exec()
reader.runner.shutdown(30000)
print("SPACY_ON_UI_THREAD", seen.get("thread"), "DONE", reader.comparison is not None)
"""


def test_spacy_is_never_imported_on_the_ui_thread(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PARALLEL_READER_CONFIG_DIR=str(tmp_path / "cfg"))
    done = subprocess.run([sys.executable, "-c", SPACY_THREAD_PROBE], env=env, capture_output=True, text=True,
                          timeout=180)
    assert "SPACY_ON_UI_THREAD False DONE True" in done.stdout, done.stdout + done.stderr
