"""The command line as a user runs it: real processes, real files, exit codes and output checked."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


@pytest.fixture(scope="module")
def seed_json() -> dict:
    result = run("compare", "--json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_json_document_follows_the_schema(seed_json):
    assert seed_json["schema"] == "parallel-reader/comparison/1"
    for side in ("left", "right"):
        doc = seed_json[side]
        assert doc["sha256"] and len(doc["sha256"]) == 64
        text = doc["text"]
        for seg in doc["segments"]:
            assert seg["kind"] in {"sentence", "heading", "boilerplate"}
            assert 0 <= seg["start"] < seg["end"] <= len(text)
    assert {link["kind"] for link in seed_json["links"]} <= {"identical", "near", "paraphrase"}
    assert all(0.0 <= link["score"] <= 1.0 for link in seed_json["links"])
    assert {e["presence"] for e in seed_json["entities"]} == {"both", "left", "right"}


def test_json_offsets_point_at_the_text_they_describe(seed_json):
    left_text, right_text = seed_json["left"]["text"], seed_json["right"]["text"]
    for d in seed_json["discrepancies"]:
        assert left_text[d["left"][0]:d["left"][1]] == d["left_text"]
        assert right_text[d["right"][0]:d["right"][1]] == d["right_text"]
    pelosi = [e for e in seed_json["entities"] if "Pelosi" in e["name"]]
    assert pelosi and pelosi[0]["presence"] == "right"
    start, end = pelosi[0]["right"][0]
    assert "Pelosi" in right_text[start:end]


def test_unique_passages_name_what_only_one_source_reports(seed_json):
    def unique_texts(side):
        doc = seed_json[side]
        by_id = {s["id"]: s for s in doc["segments"]}
        return " ".join(doc["text"][by_id[i]["start"]:by_id[i]["end"]] for i in seed_json["unique"][side])

    assert "Pelosi" in unique_texts("right")
    assert "Macron" in unique_texts("left")
    assert "give today" not in unique_texts("left")  # the donation appeal is boilerplate, not a fact


def test_text_report_on_the_seed_pair():
    result = run("compare", "--text")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "Only in the right source" in out and "Only in the left source" in out
    assert "Pelosi" in out and "Linked passages" in out and "match threshold" in out


def _bad_file(tmp: Path, case: str) -> Path:
    if case == "missing":
        return tmp / "missing.txt"
    if case == "folder":
        return tmp
    if case == "empty":
        (tmp / "empty.txt").write_text("")
        return tmp / "empty.txt"
    (tmp / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    return tmp / "photo.txt"


@pytest.mark.parametrize("case, word", [("missing", "not found"), ("folder", "folder"), ("empty", "empty"),
                                        ("binary", "binary")])
def test_bad_input_exits_2_with_one_line_naming_the_file(tmp_path, seed_paths, case, word):
    bad = _bad_file(tmp_path, case)
    result = run("compare", str(bad), str(seed_paths[1]))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(bad) in lines[0] and word in lines[0].lower()
    assert "Traceback" not in result.stderr


def test_one_file_only_is_a_usage_error(seed_paths):
    result = run("compare", str(seed_paths[0]))
    assert result.returncode == 2 and "two files" in result.stderr
