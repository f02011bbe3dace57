"""The safe writer: backups, refusals, kills at every step and at random times, two writers."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from mlmkit import safe_write
from mlmkit._validation import MlmkitInputError
from mlmkit.books import Books, load_books, save_books, update_books

ROOT = Path(__file__).resolve().parent.parent
POSIX_ONLY = pytest.mark.skipif(os.name != "posix", reason="kills and flock are POSIX")


def test_numbered_backups_rotate_and_keep_n(tmp_path: Path) -> None:
    target = tmp_path / "books.csv"
    for number in range(1, 8):
        safe_write.write_text(target, f"version {number}", backups=3)
    assert target.read_text() == "version 7"
    assert [(p.name, p.read_text()) for p in safe_write.backup_paths(target)] == [
        ("books.1.csv", "version 6"), ("books.2.csv", "version 5"), ("books.3.csv", "version 4"),
    ]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".books.csv.lock", "books.1.csv", "books.2.csv", "books.3.csv", "books.csv"]


def test_backup_is_a_link_or_copy_not_the_moved_target(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    safe_write.write_text(target, "old")
    inode = target.stat().st_ino
    backup = safe_write.write_text(target, "new")
    assert backup is not None and backup.read_text() == "old" and target.read_text() == "new"
    assert backup.stat().st_ino == inode  # hard link to the old file: the target was never moved away


def test_tilde_backups_increase_and_can_be_pruned(tmp_path: Path) -> None:
    target = tmp_path / "p.toml"
    for number in range(5):
        safe_write.write_text(target, str(number), backups=2, backup_style="tilde")
    assert [(p.name, p.read_text()) for p in safe_write.backup_paths(target, "tilde")] == [
        ("p.toml.~4~", "3"), ("p.toml.~3~", "2"),
    ]


@POSIX_ONLY
@pytest.mark.parametrize("kind", ["folder", "device", "link_to_folder", "link_to_device", "missing_folder"])
def test_refuses_what_is_not_a_regular_file(tmp_path: Path, kind: str) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    target = {
        "folder": folder,
        "device": Path("/dev/null"),
        "link_to_folder": tmp_path / "l1.csv",
        "link_to_device": tmp_path / "l2.csv",
        "missing_folder": tmp_path / "nowhere" / "x.csv",
    }[kind]
    if kind == "link_to_folder":
        target.symlink_to(folder)
    if kind == "link_to_device":
        target.symlink_to("/dev/null")
    with pytest.raises(MlmkitInputError) as error:
        safe_write.write_text(target, "x")
    words = {"folder": "a folder", "device": "a device", "link_to_folder": "a folder",
             "link_to_device": "a device", "missing_folder": "does not exist"}[kind]
    assert words in str(error.value)
    assert Path("/dev/null").is_char_device()
    assert folder.is_dir() and list(folder.iterdir()) == []
    if kind.startswith("link"):
        assert target.is_symlink()


def test_link_to_a_regular_file_updates_the_file_and_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real.csv"
    real.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    safe_write.write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_failed_check_leaves_the_target_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    safe_write.write_text(target, "good")

    def refuse(_: Path) -> None:
        raise OSError("does not read back")

    with pytest.raises(OSError, match="does not read back"):
        safe_write.write_text(target, "bad", check=refuse)
    assert target.read_text() == "good"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".a.csv.lock", "a.csv"]


def test_without_fcntl_it_warns_once_and_still_saves_atomically(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_write, "fcntl", None)
    monkeypatch.setattr(safe_write, "_warned_no_lock", False)
    target = tmp_path / "w.csv"
    with pytest.warns(RuntimeWarning, match="no fcntl file locks"):
        safe_write.write_text(target, "one")
    safe_write.write_text(target, "two")
    assert target.read_text() == "two" and (tmp_path / "w.1.csv").read_text() == "one"
    assert safe_write._warned_no_lock is True


def test_lone_surrogate_is_refused_before_anything_is_written(tmp_path: Path) -> None:
    with pytest.raises(MlmkitInputError, match="lone surrogate"):
        safe_write.write_text(tmp_path / "a.csv", "note \udc80")
    assert list(tmp_path.iterdir()) == []


@POSIX_ONLY
def test_lock_waits_for_the_holder_and_times_out_clearly(tmp_path: Path) -> None:
    target = tmp_path / "a.csv"
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys, time
            from mlmkit import safe_write
            with safe_write.locked({str(target)!r}):
                print("locked", flush=True)
                time.sleep(3)
        """)],
        stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        with pytest.raises(safe_write.LockTimeoutError, match="another program"):
            with safe_write.locked(target, timeout_s=0.2):
                pass
    finally:
        holder.kill()
        holder.wait(timeout=10)
    with safe_write.locked(target, timeout_s=2):  # the kernel released the killed holder's lock
        pass


# ----------------------------------------------------------------------------- kills
# Writers run in forked child processes (already imported, so each starts in milliseconds)
# and are killed with SIGKILL: no clean-up code runs, as with a crash or a power cut.
FORK = multiprocessing.get_context("fork") if sys.platform.startswith("linux") else None
FORK_ONLY = pytest.mark.skipif(FORK is None, reason="forked writers need Linux")
STEPS = ["locked", "temp_written", "checked", "backed_up", "replaced", "folder_synced"]


def _start(target: Any, *args: Any) -> Any:
    assert FORK is not None
    child = FORK.Process(target=target, args=args, daemon=True)
    child.start()
    return child


def _kill_at(target: str, step: str) -> None:
    def hook(name: str) -> None:
        if name == step:
            os.kill(os.getpid(), signal.SIGKILL)

    safe_write._step_hook = hook
    safe_write.write_text(target, "NEW " * 50000)


@FORK_ONLY
def test_a_kill_at_every_step_leaves_the_old_or_the_new_file(tmp_path: Path) -> None:
    """Kill the writer exactly between its steps: the target is always whole, never missing."""
    old, new = "OLD " * 40000, "NEW " * 50000
    for step in STEPS:
        target = tmp_path / f"{step}.csv"
        safe_write.write_text(target, old)
        child = _start(_kill_at, str(target), step)
        child.join(timeout=60)
        assert child.exitcode == -signal.SIGKILL, step
        assert target.read_text() == (new if STEPS.index(step) >= STEPS.index("replaced") else old), step
        # the next save works at once (the lock died with the writer) and sweeps its temporary file
        safe_write.write_text(target, "after")
        leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(f".{step}.csv") and p.suffix == ".tmp"]
        assert leftovers == [], (step, leftovers)


def _save_forever(target: str, ready: Any) -> None:
    books = load_books(target) if os.path.exists(target) else Books.empty()
    number = first = len(books)
    while True:
        number += 1
        books = books.add("2026-01-01", "travel", number, f"=save {number}", when="t")
        save_books(books, target)
        if number == first + 1:
            ready.set()


@FORK_ONLY
def test_kills_at_random_times_never_lose_or_corrupt_the_ledger(tmp_path: Path) -> None:
    assert FORK is not None
    rng = np.random.default_rng(11)
    target = tmp_path / "books.csv"
    for delay_s in rng.uniform(0.0, 0.4, size=6):
        ready = FORK.Event()
        child = _start(_save_forever, str(target), ready)
        assert ready.wait(timeout=60)
        time.sleep(delay_s)
        os.kill(child.pid, signal.SIGKILL)
        child.join(timeout=10)
        books = load_books(target)  # always a whole, valid ledger ...
        count = len(books)
        assert count >= 1
        # ... equal to one of the versions the writer saved: entries 1..count, in order
        expected = Books.empty()
        for number in range(1, count + 1):
            expected = expected.add("2026-01-01", "travel", number, f"=save {number}", when="t")
        assert books.equals(expected)
        for backup in safe_write.backup_paths(target):
            assert len(load_books(backup)) < count


# ----------------------------------------------------------------------------- two writers
def _add_for_a_while(target: str, writer: int, seconds: float, results: Any) -> None:
    end = time.monotonic() + seconds
    number = 0
    while time.monotonic() < end:
        update_books(target, lambda b, n=number: b.add("2026-02-01", "commissions", 1 + n, f"w{writer}-{n}", when="t"))
        number += 1
    results.put((str(writer), number))


def _check_prefixes(books: Books, writers: int) -> dict[str, int]:
    """Each writer's entries must be 0, 1, ..., k-1 in id order: a state some save produced."""
    notes = books.table.sort_values("entry_id")["note"].tolist()
    seen: dict[str, list[int]] = {str(w): [] for w in range(writers)}
    for note in notes:
        writer, number = note[1:].split("-")
        seen[writer].append(int(number))
    for writer, numbers in seen.items():
        assert numbers == list(range(len(numbers))), (writer, numbers[:10])
    return {writer: len(numbers) for writer, numbers in seen.items()}


def _run_writers(target: Path, worker: Any, writers: int, seconds: float, check: Any) -> tuple[dict[str, int], int]:
    assert FORK is not None
    results = FORK.Queue()
    children = [_start(worker, str(target), w, seconds, results) for w in range(writers)]
    loads = 0
    while any(child.is_alive() for child in children):
        if target.exists():
            check(load_books(target))  # every read is a whole saved version
            loads += 1
        time.sleep(0.005)
    counts = dict(results.get(timeout=10) for _ in children)
    for child in children:
        child.join(timeout=10)
        assert child.exitcode == 0
    return counts, loads


@FORK_ONLY
def test_concurrent_writers_lose_nothing_and_readers_see_only_whole_versions(tmp_path: Path) -> None:
    target = tmp_path / "shared.csv"
    added, loads = _run_writers(target, _add_for_a_while, 3, 2.0, lambda books: _check_prefixes(books, 3))
    assert _check_prefixes(load_books(target), 3) == added  # nothing saved was lost
    assert all(count >= 1 for count in added.values()) and loads >= 5


def _whole_versions(target: str, writer: int, seconds: float, results: Any) -> None:
    end = time.monotonic() + seconds
    number = 0
    while time.monotonic() < end:
        number += 1
        rows = [("2026-03-01", "travel", float(number), f"w{writer}-{i}") for i in range(number % 7 + 1)]
        save_books(Books.from_entries(rows), target)
    results.put((str(writer), number))


def _one_whole_version(books: Books) -> None:
    entries = books.entries
    assert len({note.split("-")[0] for note in entries["note"]}) == 1  # one writer's version, never a mix
    amount = entries["amount_usd"].iloc[0]
    assert (entries["amount_usd"] == amount).all() and len(entries) == int(amount) % 7 + 1


@FORK_ONLY
def test_two_writers_saving_whole_ledgers_never_mix(tmp_path: Path) -> None:
    saves, loads = _run_writers(tmp_path / "race.csv", _whole_versions, 2, 2.0, _one_whole_version)
    assert sum(saves.values()) >= 4 and loads >= 5


def test_profile_saves_use_the_safe_writer(tmp_path: Path) -> None:
    from mlmkit.datasets import data_path
    from mlmkit.scorecard import load_profile, save_profile

    profile = load_profile(data_path("companies", "evergreen_pantry.toml"))
    (tmp_path / "dir.toml").mkdir()
    with pytest.raises(MlmkitInputError, match="folder"):
        save_profile(profile, tmp_path / "dir.toml", overwrite=True)
    if os.name == "posix":
        (tmp_path / "null.toml").symlink_to("/dev/null")
        with pytest.raises(MlmkitInputError, match="a device"):
            save_profile(profile, tmp_path / "null.toml", overwrite=True)
        assert Path("/dev/null").is_char_device()
    save_books(Books.empty(), tmp_path / "empty.csv")
    assert len(load_books(tmp_path / "empty.csv")) == 0
