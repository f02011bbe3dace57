"""Save a file so that a kill, a crash or a second program never loses what was saved.

One writer for every file mlmkit saves (the books' CSV ledgers, the scorecard's
company profiles). A save

1. takes an exclusive lock (``fcntl.flock`` on a hidden sidecar file
   ``.<name>.lock`` beside the target, which stays there; where ``fcntl`` does not exist, e.g. on
   Windows, it warns once that two programs saving at the same moment are not kept
   apart, and carries on without the lock);
2. refuses a target that exists but is not a regular file (a folder, a device such as
   ``/dev/null``, a socket, or a symbolic link to one of those) with
   :class:`~mlmkit._validation.MlmkitInputError`; a symbolic link to a regular file is
   followed, so the real file is updated and the link kept;
3. writes the new bytes to a temporary file with a unique name in the same folder
   (``.<name>.<random>.tmp``), flushes and ``fsync``-s it;
4. reads the temporary file back and checks it (the bytes, plus an optional ``check``
   callback, e.g. "it loads as the same ledger"); a file that does not read back is
   never put in place;
5. keeps the current file as a backup **without moving it away**: a hard link (or,
   where links are not possible, a copy) under the backup name. ``"numbered"`` backups
   are ``name.1.csv`` (newest) ... ``name.N.csv`` (oldest, N = ``backups``);
   ``"tilde"`` backups are ``name.toml.~1~``, ``~2~``, ... (increasing, oldest first,
   like GNU ``cp --backup=numbered``), pruned to the newest ``backups`` if given;
6. moves the temporary file onto the target with one atomic ``os.replace``: at every
   instant the target holds either the complete old file or the complete new one;
7. ``fsync``-s the folder, so the rename itself survives a power cut, and releases
   the lock.

Temporary files left by a writer that was killed are removed by the next save of the
same file (only writers holding the lock create them). Read-modify-write cycles (load,
change, save) hold :func:`locked` around all three steps so two programs adding an
entry at the same moment both keep theirs.

Examples
--------
>>> import pathlib, tempfile
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_text(folder / "notes.csv", "a,b\\n1,2\\n") is None  # nothing to back up yet
True
>>> write_text(folder / "notes.csv", "a,b\\n1,3\\n").name
'notes.1.csv'
>>> (folder / "notes.1.csv").read_text()
'a,b\\n1,2\\n'
>>> sorted(path.name for path in folder.iterdir())  # the hidden lock file stays
['.notes.csv.lock', 'notes.1.csv', 'notes.csv']
>>> write_text(folder, "x")
Traceback (most recent call last):
...
mlmkit._validation.MlmkitInputError: path = '...' is not allowed: it is a folder, not a regular file; give a file name.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import threading
import time
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mlmkit._validation import check_number, fail

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

__all__ = [
    "LockTimeoutError",
    "backup_paths",
    "locked",
    "regular_file_target",
    "write_bytes",
    "write_text",
]

#: Seconds a save waits for another program's save of the same file before giving up.
LOCK_TIMEOUT_S = 30.0

#: Test-only hook: called with the name of each step of :func:`write_bytes` (``"locked"``,
#: ``"temp_written"``, ``"checked"``, ``"backed_up"``, ``"replaced"``, ``"folder_synced"``).
#: The crash tests set it in a child process to kill the writer at exactly that point.
_step_hook: Callable[[str], None] | None = None

_held: dict[tuple[str, int], int] = {}
_held_guard = threading.Lock()
_warned_no_lock = False


class LockTimeoutError(OSError):
    """Another program kept the file locked for longer than :data:`LOCK_TIMEOUT_S`."""


#: Most backups a save keeps (each is a file beside the saved one).
MAX_BACKUPS = 1000


def _step(name: str) -> None:
    if _step_hook is not None:
        _step_hook(name)


def _check_path(path: Any) -> None:
    if not isinstance(path, str | os.PathLike) or isinstance(os.fspath(path), bytes) or "\x00" in os.fspath(path):
        raise fail("path", path, "it must be the path of a file (text or pathlib.Path, without a NUL character)")


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def regular_file_target(path: str | os.PathLike[str]) -> Path:
    """The real path a save of ``path`` writes to; refuse anything but a regular file.

    Symbolic links are followed (so a link to a regular file keeps working); a target
    that exists and is a folder, a device, a pipe or a socket, or a link to one, is
    refused, as is a missing folder.

    Examples
    --------
    >>> regular_file_target("/dev/null")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: path = '/dev/null' is not allowed: it is a device, not a regular file; give a file name.
    """
    _check_path(path)
    given = Path(path)
    if str(given) == "" or given.name in ("", ".", ".."):
        raise fail("path", str(path), "give a file name")
    real = Path(os.path.realpath(given))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        kind = _kind(mode)
        via = f" (the link {str(given)!r} points to it)" if real != given.absolute() and given.is_symlink() else ""
        raise fail("path", str(given), f"it is {kind}, not a regular file{via}; give a file name")
    if not real.parent.is_dir():
        raise fail("path", str(given), f"its folder {str(real.parent)!r} does not exist")
    return real


def _lock_path(target: Path) -> Path:
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def locked(path: str | os.PathLike[str], *, timeout_s: float | None = None) -> Iterator[Path]:
    """Hold the exclusive save lock of ``path`` (re-entrant within one thread).

    Use it around load-change-save so that no other program saves in between. Yields
    the real target path (see :func:`regular_file_target`). Raises
    :class:`LockTimeoutError` if another program holds the lock longer than
    ``timeout_s`` (default :data:`LOCK_TIMEOUT_S`).

    The sidecar lock file stays (empty and hidden) after a save: waiting programs queue
    on that one file, and the kernel hands the lock to a waiter as soon as the holder lets
    go, so a program saving in a tight loop cannot starve another. A lock file deleted by
    hand is noticed (the file locked is no longer the one at the lock path) and locked again.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "books.csv"
    >>> with locked(target):
    ...     write_text(target, "date\\n") is None
    True
    """
    global _warned_no_lock
    if timeout_s is not None:
        timeout_s = check_number("timeout_s", timeout_s, low=0, high=86_400, unit="seconds")
    target = regular_file_target(path)
    key = (str(target), threading.get_ident())
    with _held_guard:
        depth = _held.get(key, 0)
        if depth:
            _held[key] = depth + 1
    if depth:
        try:
            yield target
        finally:
            with _held_guard:
                _held[key] -= 1
        return
    if fcntl is None:  # pragma: no cover - Windows
        if not _warned_no_lock:
            warnings.warn(
                "mlmkit: this system has no fcntl file locks, so two programs saving the same "
                "file at the same moment are not kept apart; each save is still atomic and "
                "backed up.",
                RuntimeWarning,
                stacklevel=3,
            )
            _warned_no_lock = True
        yield target
        return
    lock_file = _lock_path(target)
    limit_s = LOCK_TIMEOUT_S if timeout_s is None else timeout_s
    deadline = time.monotonic() + limit_s
    while True:
        handle = _acquire(lock_file, deadline - time.monotonic())
        if handle is None:
            raise LockTimeoutError(
                f"{target.name}: another program has been saving this file for more than {limit_s:g} s; "
                "nothing was changed, try again"
            )
        try:
            current = os.stat(lock_file)
        except FileNotFoundError:
            current = None
        mine = os.fstat(handle)
        if current is not None and (current.st_ino, current.st_dev) == (mine.st_ino, mine.st_dev):
            break
        os.close(handle)  # someone removed the lock file while we waited: lock the one there now
    with _held_guard:
        _held[key] = 1
    try:
        yield target
    finally:
        with _held_guard:
            del _held[key]
        os.close(handle)  # releases the lock (the lock file stays, so waiters queue on one file)


def _acquire(lock_file: Path, timeout_s: float) -> int | None:
    """Open ``lock_file`` and take its exclusive lock; ``None`` after ``timeout_s``.

    The wait is a blocking ``flock`` in a helper thread, so the kernel wakes a waiting
    program as soon as the holder lets go (polling would let a busy writer win every
    time). If the wait times out, the helper releases the lock the moment it gets it.
    """
    assert fcntl is not None
    handle = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return handle
    except BlockingIOError:
        os.close(handle)
    guard = threading.Lock()
    got = threading.Event()
    state: dict[str, Any] = {"handle": None, "cancelled": False, "error": None}

    def wait() -> None:
        assert fcntl is not None
        try:
            waiting = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
            fcntl.flock(waiting, fcntl.LOCK_EX)
        except OSError as error:
            state["error"] = error
            got.set()
            return
        with guard:
            if state["cancelled"]:
                os.close(waiting)
                return
            state["handle"] = waiting
            got.set()

    threading.Thread(target=wait, name="mlmkit-save-lock", daemon=True).start()
    got.wait(max(timeout_s, 0.0))
    with guard:
        if state["handle"] is None:
            state["cancelled"] = True
    if state["error"] is not None:
        raise state["error"]
    return state["handle"]


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":  # pragma: no cover - folders cannot be opened on Windows
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(handle)
    except OSError:  # pragma: no cover - some file systems refuse fsync on folders
        pass
    finally:
        os.close(handle)


def backup_paths(path: str | os.PathLike[str], style: str = "numbered") -> list[Path]:
    """The backups of ``path`` that exist, newest first.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "books.csv"
    >>> for text in ("one", "two", "three"):
    ...     _ = write_text(target, text)
    >>> [(p.name, p.read_text()) for p in backup_paths(target)]
    [('books.1.csv', 'two'), ('books.2.csv', 'one')]
    """
    _check_path(path)
    if not isinstance(style, str):
        raise fail("backup_style", style, "use 'numbered' or 'tilde'")
    target = Path(os.path.realpath(path))
    if style == "numbered":
        pattern = re.compile(re.escape(target.stem) + r"\.(\d+)" + re.escape(target.suffix) + "$")
        reverse = False
    elif style == "tilde":
        pattern = re.compile(re.escape(target.name) + r"\.~(\d+)~$")
        reverse = True
    else:
        raise fail("backup_style", style, "use 'numbered' or 'tilde'")
    found = []
    if target.parent.is_dir():
        for entry in target.parent.iterdir():
            match = pattern.fullmatch(entry.name)
            if match:
                found.append((int(match.group(1)), entry))
    return [entry for _, entry in sorted(found, reverse=reverse)]


def _numbered(target: Path, number: int) -> Path:
    return target.with_name(f"{target.stem}.{number}{target.suffix}")


def _link_or_copy(source: Path, destination: Path) -> None:
    """Make ``destination`` a backup of ``source`` without touching ``source``."""
    try:
        os.link(source, destination)
        return
    except FileExistsError:
        os.unlink(destination)
        os.link(source, destination)
        return
    except OSError:
        pass  # no hard links here (some network and FAT file systems): copy
    temporary = destination.with_name(f".{destination.name}.{secrets.token_hex(6)}.tmp")
    try:
        with open(source, "rb") as reader, open(temporary, "wb") as writer:
            while chunk := reader.read(1 << 20):
                writer.write(chunk)
            writer.flush()
            os.fsync(writer.fileno())
        os.replace(temporary, destination)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _back_up(target: Path, backups: int | None, style: str) -> Path | None:
    if not target.exists():
        return None
    if style == "numbered":
        if not backups:
            return None
        oldest = _numbered(target, backups)
        with contextlib.suppress(FileNotFoundError):
            os.unlink(oldest)
        for number in range(backups - 1, 0, -1):
            with contextlib.suppress(FileNotFoundError):
                os.replace(_numbered(target, number), _numbered(target, number + 1))
        backup = _numbered(target, 1)
        _link_or_copy(target, backup)
        return backup
    existing = backup_paths(target, "tilde")  # newest first
    number = 1 + max((int(p.name.rsplit("~", 2)[-2]) for p in existing), default=0)
    backup = target.with_name(f"{target.name}.~{number}~")
    _link_or_copy(target, backup)
    if backups is not None:
        for old in [backup, *existing][backups:]:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(old)
    return backup


def write_bytes(
    path: str | os.PathLike[str],
    data: bytes,
    *,
    backups: int | None = 5,
    backup_style: str = "numbered",
    check: Callable[[Path], None] | None = None,
) -> Path | None:
    """Save ``data`` to ``path`` safely (see the module notes); return the new backup.

    Parameters
    ----------
    path : str or path-like
        The file to write. Its folder must exist; it must be a regular file if it exists.
    data : bytes
        The complete new content.
    backups : int or None, default 5
        How many backups to keep (``0``: none, ``None`` with ``"tilde"``: all).
    backup_style : {"numbered", "tilde"}
        ``name.1.csv`` newest ... ``name.N.csv``, or ``name.toml.~1~``, ``~2~``, ... oldest first.
    check : callable, optional
        Called with the temporary file's path after it is written and read back; raise
        to refuse the save (the target is then left as it was).

    Returns
    -------
    pathlib.Path or None
        The backup holding the previous content, or ``None`` if there was no previous
        file (or no backups are kept).
    """
    if not isinstance(backup_style, str) or backup_style not in ("numbered", "tilde"):
        raise fail("backup_style", backup_style, "use 'numbered' or 'tilde'")
    if not isinstance(data, bytes | bytearray):
        raise fail("data", data, "the content to write, as bytes")
    if check is not None and not callable(check):
        raise fail("check", check, "a function called with the temporary file's path, or None")
    if backups is not None and (
        isinstance(backups, bool) or not isinstance(backups, int) or not 0 <= backups <= MAX_BACKUPS
    ):
        raise fail("backups", backups, f"a whole number of backups to keep, 0 to {MAX_BACKUPS}")
    if backups is None and backup_style == "numbered":
        raise fail("backups", backups, "numbered backups need a count to keep (e.g. 5)")
    with locked(path) as target:
        _step("locked")
        regular_file_target(target)  # still a regular file now that we hold the lock
        for stale in target.parent.glob(f".{glob_escape(target.name)}.*.tmp"):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()  # left by a writer that was killed (writers hold the lock)
        temporary = target.with_name(f".{target.name}.{secrets.token_hex(8)}.tmp")
        try:
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
            if target.exists():
                with contextlib.suppress(OSError):
                    os.chmod(temporary, stat.S_IMODE(os.stat(target).st_mode))
            _step("temp_written")
            if temporary.read_bytes() != data:
                raise OSError(f"{target.name}: the new file did not read back as written; nothing replaced")
            if check is not None:
                check(temporary)
            _step("checked")
            backup = _back_up(target, backups, backup_style)
            _step("backed_up")
            os.replace(temporary, target)
            _step("replaced")
        finally:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
        _fsync_folder(target.parent)
        _step("folder_synced")
    return backup


def glob_escape(name: str) -> str:
    """Escape ``*?[`` in a file name for :meth:`pathlib.Path.glob`.

    Examples
    --------
    >>> glob_escape("a[1]*.csv")
    'a[[]1][*].csv'
    """
    return re.sub(r"([*?[])", r"[\1]", name)


def write_text(
    path: str | os.PathLike[str],
    text: str,
    *,
    encoding: str = "utf-8",
    backups: int | None = 5,
    backup_style: str = "numbered",
    check: Callable[[Path], None] | None = None,
) -> Path | None:
    """Save ``text`` safely (see :func:`write_bytes`); refuses text that cannot be encoded.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> write_text(pathlib.Path(tempfile.mkdtemp()) / "x.txt", "bad \\ud800")
    Traceback (most recent call last):
    ...
    mlmkit._validation.MlmkitInputError: text = '\\ud800' is not allowed: character 5 cannot be written in utf-8 (a lone surrogate or similar); nothing was saved.
    """
    if not isinstance(text, str):
        raise fail("text", text, "the content to write, as text")
    import codecs

    try:
        codecs.lookup(encoding if isinstance(encoding, str) else "")
    except LookupError:
        raise fail("encoding", encoding, "a text encoding such as 'utf-8'") from None
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError as error:
        raise fail(
            "text", text[error.start:error.end],
            f"character {error.start + 1} cannot be written in {encoding} (a lone surrogate or "
            "similar); nothing was saved",
        ) from None
    return write_bytes(path, data, backups=backups, backup_style=backup_style, check=check)
