"""One atomic write for every writer (issue 25): whole or not at all, with the right mode."""

import os
import stat

import pytest

from course import atomic


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_a_write_replaces_the_file_whole_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "deep" / "page.html"
    atomic.write(target, "first")
    linked = tmp_path / "published.html"
    os.link(target, linked)  # a published site holds the old file by a hard link
    atomic.write(target, b"second")
    assert target.read_text() == "second" and linked.read_text() == "first"
    assert mode(target) == 0o644
    assert sorted(p.name for p in target.parent.iterdir()) == ["page.html"]


def test_private_data_keeps_its_private_mode(tmp_path):
    target = tmp_path / "progress.json"
    atomic.write(target, "{}", mode=None, fsync=True)
    assert mode(target) == 0o600 and target.read_text() == "{}"


def test_a_failed_write_keeps_the_old_file_and_cleans_up(tmp_path, monkeypatch):
    target = tmp_path / "state.json"
    atomic.write(target, "old")

    def refuse(*_args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OSError, match="disk full"):
        atomic.write(target, "new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["state.json"]
