"""The main window through the composition root: menus and shortcuts, opening files, errors, persistence."""
from __future__ import annotations

import shutil

import pytest
from PySide6.QtGui import QGuiApplication, QImage, QKeySequence

from reader.app import ReaderApp
from reader.settings import Settings
from tests.app_helpers import opened
from tests.dialog_doubles import RecordingDialogs


@pytest.fixture
def make_app(qtbot, tmp_path):
    apps = []

    def make() -> ReaderApp:
        app = ReaderApp(Settings(tmp_path / "config"), dialogs=RecordingDialogs())
        qtbot.addWidget(app.window)
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.runner.shutdown(30_000)


@pytest.fixture
def pair(tmp_path, seed_paths):
    left, right = tmp_path / "left.txt", tmp_path / "right.txt"
    shutil.copy(seed_paths[0], left)
    shutil.copy(seed_paths[1], right)
    return left, right


@pytest.fixture
def png_as_txt(tmp_path):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(0x3366AA)
    path = tmp_path / "photo.png"
    assert image.save(str(path))
    renamed = tmp_path / "article.txt"
    path.rename(renamed)
    return renamed


STANDARD_KEYS = {
    "open_pair": "Ctrl+O", "export_pdf": "Ctrl+E", "print": "Ctrl+P", "find": "Ctrl+F", "quit": "Ctrl+Q",
    "zoom_in": "Ctrl+=", "zoom_out": "Ctrl+-", "help": "F1", "reload": "F5", "next_difference": "F8",
    "previous_difference": "Shift+F8",
}


def test_standard_shortcuts_are_bound(qtbot, make_app):
    actions = make_app().window.actions
    for name, key in STANDARD_KEYS.items():
        assert QKeySequence(key) in actions[name].shortcuts(), name
    assert QKeySequence("Alt+Down") in actions["next_difference"].shortcuts()
    assert QKeySequence("Alt+Up") in actions["previous_difference"].shortcuts()
    assert actions["scroll_lock"].isCheckable()


def test_menus_hold_the_file_and_edit_commands(qtbot, make_app):
    window = make_app().window
    texts = {a.text().replace("&", "") for menu in window.menuBar().findChildren(type(window.recent_menu))
             for a in menu.actions()}
    for expected in ("Open Left…", "Open Right…", "Open Pair…", "Swap Sides", "Reload", "Export PDF…", "Print…",
                     "Print Preview…", "Paste as Left", "Paste as Right", "Next Difference", "Lock Scrolling"):
        assert expected in texts


def test_open_pair_shows_both_texts_and_titles(qtbot, make_app, pair):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    assert app.docs["left"].path.endswith("left.txt") and app.docs["right"].path.endswith("right.txt")
    assert "↔" in app.window.windowTitle()
    assert app.settings.recent_pairs()[0] == (str(pair[0]), str(pair[1]))


def test_unreadable_file_names_the_file_and_keeps_the_other_pane(qtbot, make_app, pair, png_as_txt):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    left_before, right_before = app.docs["left"], app.docs["right"]
    assert not opened(qtbot, app.open_side("right", png_as_txt))
    title, text = app.dialogs.messages[-1]
    assert "article.txt" in text and str(png_as_txt) in text
    reason = text.split("\n\n")[1]
    assert reason and "Traceback" not in text
    assert app.docs["left"] is left_before and app.docs["right"] is right_before


def test_open_pair_with_one_bad_file_changes_nothing(qtbot, make_app, pair, png_as_txt):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    before = dict(app.docs)
    assert not opened(qtbot, app.open_pair(pair[0], png_as_txt))
    assert app.docs == before
    assert "article.txt" in app.dialogs.messages[-1][1]


def test_open_dialogs_open_one_side_or_a_pair(qtbot, make_app, pair, seed_paths):
    app = make_app()
    def trigger(name: str) -> None:
        app.window.actions[name].trigger()
        assert opened(qtbot, app.runner.handle("load"))

    app.dialogs.answers = [[str(pair[0]), str(pair[1])]]
    trigger("open_pair")
    assert app.docs["right"].path == str(pair[1])
    app.dialogs.answers = [[str(seed_paths[1])], str(pair[0])]  # one file chosen: the second is asked for
    trigger("open_pair")
    assert (app.docs["left"].path, app.docs["right"].path) == (str(seed_paths[1]), str(pair[0]))
    app.dialogs.answers = [str(seed_paths[0])]
    trigger("open_left")
    assert (app.docs["left"].path, app.docs["right"].path) == (str(seed_paths[0]), str(pair[0]))
    app.dialogs.answers = [str(pair[1])]
    trigger("open_right")
    assert (app.docs["left"].path, app.docs["right"].path) == (str(seed_paths[0]), str(pair[1]))


def test_swap_sides(qtbot, make_app, pair):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    left, right = app.docs["left"], app.docs["right"]
    app.window.actions["swap"].trigger()
    assert app.docs["left"] is right and app.docs["right"] is left


def test_paste_as_right_uses_the_clipboard_text(qtbot, make_app, pair):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    QGuiApplication.clipboard().setText("Iran fired missiles at two bases.\n\nNobody was hurt, officials said.")
    app.window.actions["paste_right"].trigger()
    assert opened(qtbot, app.runner.handle("load"))
    assert app.docs["right"].text.startswith("Iran fired missiles")
    assert app.docs["left"].path.endswith("left.txt")


def test_a_file_changed_on_disk_is_reloaded(qtbot, make_app, pair):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    with open(pair[0], "a", encoding="utf-8") as handle:
        handle.write("\nA new paragraph added after publication.\n")
    qtbot.waitUntil(lambda: "added after publication" in app.docs["left"].text, timeout=10_000)
    assert "reloaded" in app.window.status_label.text()


def test_reload_of_a_now_broken_file_keeps_the_old_text(qtbot, make_app, pair):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    app.watcher.paused = True
    before = app.docs["left"]
    pair[0].write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    assert not opened(qtbot, app.reload())
    assert app.docs["left"] is before
    assert "left.txt" in app.dialogs.messages[-1][1]


def test_zoom_scroll_lock_and_window_layout_persist(qtbot, make_app, pair):
    app = make_app()
    size = app.settings.get("font_size")
    app.window.actions["zoom_in"].trigger()
    app.window.actions["zoom_in"].trigger()
    app.window.actions["zoom_out"].trigger()
    assert app.settings.get("font_size") == size + 1
    app.window.actions["scroll_lock"].setChecked(False)
    app.window.show()
    app.window.resize(app.window.width(), 640)  # the offscreen screen is 800 px square
    height = app.window.size().height()
    app.window.splitter.setSizes([650, 350])
    sizes = app.window.splitter.sizes()
    app.window.close()
    again = make_app()
    assert again.settings.get("font_size") == size + 1
    assert not again.window.actions["scroll_lock"].isChecked()
    again.window.show()
    assert again.settings.get("window_geometry")
    assert again.window.size().height() == height
    assert again.settings.get("splitter_sizes") == sizes


def test_recent_pairs_menu_reopens_a_pair(qtbot, make_app, pair, seed_paths):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    assert opened(qtbot, app.open_pair(*seed_paths))
    entries = [a for a in app.window.recent_menu.actions() if "↔" in a.text()]
    assert len(entries) == 2 and "left.txt" in entries[1].text()
    entries[1].trigger()
    assert opened(qtbot, app.runner.handle("load"))
    assert app.docs["left"].path == str(pair[0])


def test_dropping_a_file_on_a_pane_opens_it_there(qtbot, make_app, pair, seed_paths):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    app.view.fileDropped.emit("left", str(seed_paths[1]))
    assert opened(qtbot, app.runner.handle("load"))
    assert app.docs["left"].path == str(seed_paths[1]) and app.docs["right"].path == str(pair[1])


def test_ctrl_f_opens_the_find_bar(qtbot, make_app, pair):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    with qtbot.waitExposed(app.window):
        app.window.show()
    with qtbot.waitActive(app.window):
        app.window.activateWindow()
    app.sidebar.search.setFocus()  # works from anywhere in the window, not only from the panes
    QTest.keyClick(app.window.focusWidget(), Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert app.view.find_bar.isVisible()


def test_preferences_apply_theme_size_page_and_threshold(qtbot, make_app, pair):
    from reader.ui.dialogs import Preferences

    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    started = []
    app.start_comparison = lambda: started.append(True)  # a new threshold reruns the comparison
    app.apply_preferences(Preferences(threshold=0.7, theme="dark", font_size=14, page_size="Letter"))
    s = app.settings
    assert (s.get("threshold"), s.get("theme"), s.get("font_size"), s.get("page_size")) == (0.7, "dark", 14, "Letter")
    assert app.view.theme_name() == "dark" and app.view.font_size() == 14
    assert started == [True]
    app.apply_preferences(Preferences(threshold=0.7, theme="light", font_size=14, page_size="A4"))
    assert started == [True]  # same threshold: no rerun


def test_a_single_file_opens_on_the_left_and_the_right_is_asked_for(qtbot, make_app, seed_paths):
    from reader.app import open_single

    app = make_app()
    app.dialogs.answers = [str(seed_paths[1])]  # what the user picks when asked for the second source
    open_single(app, str(seed_paths[0]))
    qtbot.waitUntil(lambda: app.docs["right"] is not None, timeout=10_000)
    assert app.docs["left"].path == str(seed_paths[0])
    assert app.docs["right"].path == str(seed_paths[1])


# ---------------------------------------------------------------------------------------------- hostile input
def _unbroken_file(folder, size=1 << 20):
    import random

    rng = random.Random(11)
    path = folder / "unbroken.txt"
    path.write_text("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(size)) + "\n")
    return path


def test_a_megabyte_line_is_read_off_the_ui_thread_and_shown(qtbot, make_app, pair, tmp_path, monkeypatch,
                                                              artifacts_dir):
    import threading

    import reader.documents as documents

    threads = []
    real_load = documents.load_document

    def recording_load(path, **kwargs):  # the real loader, noting the thread it runs on
        threads.append(threading.current_thread())
        return real_load(path, **kwargs)

    monkeypatch.setattr(documents, "load_document", recording_load)
    app = make_app()
    app.window.show()
    assert opened(qtbot, app.open_pair(*pair))
    before = app.docs["left"]
    handle = app.open_side("left", _unbroken_file(tmp_path))
    assert app.docs["left"] is before  # open_side returned before the file was read: the event loop runs on
    assert app.window.progress.isVisible() and app.window.cancel_button.isVisible()
    assert opened(qtbot, handle, timeout=60_000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    pane = app.view.panes["left"]
    shown = pane.toPlainText()[:20_000].replace("\u200b", "").replace("\n", "")  # without the display's breaks
    assert shown.startswith(app.docs["left"].text[:5000])
    assert "without a space" in app.view.headers["left"].detail.text()
    qtbot.wait(200)
    app.window.grab().save(str(artifacts_dir / "ui" / "window-unbroken-megabyte.png"))


def test_cancel_while_reading_keeps_the_pair_shown(qtbot, make_app, pair, tmp_path):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    before = dict(app.docs)
    handle = app.open_side("right", _unbroken_file(tmp_path))
    app.window.cancel_button.click()
    qtbot.waitUntil(lambda: not handle.running, timeout=60_000)
    assert handle.state == "cancelled" and app.docs == before
    assert "cancelled" in app.window.status_label.text()
    assert not app.window.progress.isVisible()


def test_start_up_with_a_bad_and_a_good_file_shows_the_good_one(qtbot, make_app, pair, png_as_txt):
    from reader.app import open_start_pair

    app = make_app()
    open_start_pair(app, str(png_as_txt), str(pair[1]))
    qtbot.waitUntil(lambda: app.docs["right"] is not None, timeout=20_000)
    assert app.docs["left"] is None and app.docs["right"].path == str(pair[1])
    assert "Iran" in app.view.panes["right"].toPlainText()
    assert "article.txt" in app.dialogs.messages[-1][1]


def test_a_huge_recent_pairs_list_builds_a_short_menu(qtbot, make_app, tmp_path):
    from reader.ui.main_window import MAX_RECENT_SHOWN

    app = make_app()
    pairs = [(f"/news/{i}/left.txt", f"/news/{i}/right.txt") for i in range(100_000)]
    opened_pairs = []
    app.window.set_recent_pairs(pairs, lambda l, r: opened_pairs.append((l, r)), lambda: None)
    entries = [a for a in app.window.recent_menu.actions() if "↔" in a.text()]
    assert len(entries) == MAX_RECENT_SHOWN
    assert len(app.window.recent_menu.actions()) <= MAX_RECENT_SHOWN + 2  # and a separator, Clear Recent Pairs
    entries[0].trigger()
    assert opened_pairs == [pairs[0]]
    app.window.set_recent_pairs(pairs, lambda l, r: None, lambda: None)  # rebuilding it again is as quick
    assert len([a for a in app.window.recent_menu.actions() if "↔" in a.text()]) == MAX_RECENT_SHOWN


def test_a_new_comparison_clears_the_previous_summary(qtbot, make_app, pair, seed_paths):
    app = make_app()
    assert opened(qtbot, app.open_pair(*pair))
    qtbot.waitUntil(lambda: app.comparison is not None, timeout=60_000)
    assert app.window.status_label.text().startswith("Compared:")
    assert opened(qtbot, app.open_pair(*seed_paths))
    qtbot.waitUntil(lambda: app.runner.is_running("compare"), timeout=10_000)
    assert not app.window.status_label.text().startswith("Compared:")
    assert app.window.stage_label.text() or app.window.progress.isVisible()  # the new comparison's stage instead


def _compared(qtbot, app, pair):
    assert opened(qtbot, app.open_pair(*pair))
    qtbot.waitUntil(lambda: app.comparison is not None, timeout=60_000)


def test_an_export_error_is_a_message_without_a_traceback(qtbot, make_app, pair, tmp_path, capfd):
    app = make_app()
    _compared(qtbot, app, pair)
    capfd.readouterr()
    handle = app.export_pdf(str(tmp_path / "no such folder" / "report.pdf"))
    qtbot.waitUntil(lambda: not handle.running, timeout=60_000)
    title, text = app.dialogs.messages[-1]
    assert title == "Export PDF" and "report.pdf" in text and "does not exist" in text
    assert "Traceback" not in capfd.readouterr().err


def test_an_unexpected_export_error_goes_to_the_log_file(qtbot, make_app, pair, tmp_path, capfd, monkeypatch):
    import reader.export.content as content

    def broken_report(comparison, when=None):  # a fault injected into the report builder (a bug's stand-in)
        raise KeyError("missing style")

    monkeypatch.setenv("PARALLEL_READER_LOG_DIR", str(tmp_path / "state"))
    app = make_app()
    _compared(qtbot, app, pair)
    monkeypatch.setattr(content, "build_report", broken_report)
    capfd.readouterr()
    handle = app.export_pdf(str(tmp_path / "report.pdf"))
    qtbot.waitUntil(lambda: not handle.running, timeout=60_000)
    log = tmp_path / "state" / "parallel-reader.log"
    text = app.dialogs.messages[-1][1]
    assert "unexpected" in text and str(log) in text
    assert "KeyError" in log.read_text() and "Traceback" in log.read_text()
    assert "Traceback" not in capfd.readouterr().err
    assert not (tmp_path / "report.pdf").exists()


def test_what_the_loader_repaired_is_said_beside_the_summary(qtbot, make_app, seed_paths, tmp_path):
    damaged = tmp_path / "damaged.txt"
    text = seed_paths[0].read_text(encoding="utf-8")
    damaged.write_bytes(text.encode("utf-8").replace("Tehran".encode(), b"Teh\xffran", 1))
    app = make_app()
    _compared(qtbot, app, (damaged, seed_paths[1]))
    status = app.window.status_label.text()
    assert status.startswith("Compared:") and "Note: damaged.txt:" in status
