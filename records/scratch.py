"""The product's own place for temporary files that hold personal data.

Half-written workbooks, openpyxl's sheet spools, PDFs before they are published and large
uploads live under `settings.PRIVATE_TMP_DIR` (mode 0700, never served), not in the system
temp directory, where a killed worker would leave them for anyone on the machine to read.

Each process works in its own directory, `<root>/<pid>-<random>/`, and holds an exclusive
`flock` on a lock file in it for as long as it lives. The kernel drops that lock when the
process dies, SIGKILL included, so `sweep()` can tell a dead process's leftovers from a live
one's without guessing from ages or pids: whatever it can lock, it removes.
"""

from __future__ import annotations

import atexit
import contextlib
import errno
import fcntl
import os
import secrets
import shutil
import tempfile
import threading
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage

LOCK_NAME = ".lock"
# Django's upload handler writes big uploads here (FILE_UPLOAD_TEMP_DIR); one request's life.
UPLOADS = "uploads"
LOOSE_FILE_MAX_AGE = 3600  # seconds; nothing in uploads/ outlives a request by this much

_lock = threading.Lock()
_state: dict[str, Any] = {"pid": None, "dir": None, "fd": None}


def root() -> Path:
    """The private temp directory, created 0700 (and tightened if it was made wider)."""
    path = Path(settings.PRIVATE_TMP_DIR)
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.stat().st_mode & 0o077:
        path.chmod(0o700)
    (path / UPLOADS).mkdir(mode=0o700, exist_ok=True)
    return path


def _forget_after_fork() -> None:
    # A forked child shares the parent's lock; it must get a directory (and lock) of its own,
    # and close its copy so the parent's lock goes when the parent goes.
    global _lock
    _lock = threading.Lock()  # another thread may have held it at the fork
    fd = _state["fd"]
    _state.update(pid=None, dir=None, fd=None)
    if fd is not None:
        with contextlib.suppress(OSError):
            os.close(fd)


os.register_at_fork(after_in_child=_forget_after_fork)


@atexit.register
def _remove_own_dir() -> None:
    # A process that ends normally tidies up itself; only a killed one needs the sweep.
    if _state["pid"] == os.getpid() and _state["dir"] is not None:
        shutil.rmtree(_state["dir"], ignore_errors=True)


def process_dir() -> Path:
    """This process's directory, locked while the process lives."""
    with _lock:
        if _state["pid"] == os.getpid() and _state["dir"] is not None and _state["dir"].exists():
            return _state["dir"]
        path = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-{secrets.token_hex(4)}-", dir=root()))
        fd = os.open(path / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # new file: cannot be held by anyone else
        if _state["fd"] is not None:
            with contextlib.suppress(OSError):
                os.close(_state["fd"])
        _state.update(pid=os.getpid(), dir=path, fd=fd)
        return path


@contextlib.contextmanager
def workspace(name: str) -> Iterator[Path]:
    """A directory for one piece of work (`export-12`), removed when the work ends, however
    it ends; if the process is killed, `sweep()` removes it and reports `name`."""
    path = process_dir() / name
    path.mkdir(mode=0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def temporary_file() -> IO[bytes]:
    """An anonymous temporary file in this process's directory (gone when closed)."""
    return tempfile.TemporaryFile(dir=process_dir())  # noqa: SIM115  (the caller closes it)


def _is_dead(directory: Path) -> bool:
    try:
        fd = os.open(directory / LOCK_NAME, os.O_RDWR | os.O_CLOEXEC)
    except FileNotFoundError:
        # No lock file: a directory being created right now, or a crash before the lock was
        # made; only the second is old.
        return time.time() - directory.stat().st_mtime > LOOSE_FILE_MAX_AGE
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN):
            return False
        raise
    finally:
        os.close(fd)
    return True


def sweep() -> list[str]:
    """Remove what dead processes left behind; returns the workspace names they held, so
    their owners can record the work as interrupted. Safe to run at any time, anywhere."""
    base = root()
    removed: list[str] = []
    for directory in base.iterdir():
        if directory.name == UPLOADS or not directory.is_dir() or directory == _state["dir"]:
            continue
        try:
            if not _is_dead(directory):
                continue
            removed += [p.name for p in directory.iterdir() if p.is_dir()]
        except FileNotFoundError:  # another sweep got there first
            continue
        shutil.rmtree(directory, ignore_errors=True)
    cutoff = time.time() - LOOSE_FILE_MAX_AGE
    for loose in (base / UPLOADS).iterdir():
        with contextlib.suppress(FileNotFoundError):
            if loose.stat().st_mtime < cutoff:
                loose.unlink()
    return removed


def _is_local() -> bool:
    try:
        default_storage.path("")
    except NotImplementedError:
        return False
    return True


def publish(source: Path, name: str) -> str:
    """Move a finished file into the media storage as `name` in one step: readers see the
    whole file or none. Returns the stored name (`name`).

    In object storage (S3) one upload is that step: an object appears whole when its upload
    completes, never in part."""
    if not _is_local():
        try:
            with source.open("rb") as fh:
                return default_storage.save(name, File(fh, name=source.name))
        finally:
            source.unlink(missing_ok=True)
    target = Path(default_storage.path(name))
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # PRIVATE_TMP_DIR on another file system: copy beside the target, then rename there.
        partial = target.with_name(f".{target.name}.{secrets.token_hex(4)}.partial")
        try:
            shutil.copyfile(source, partial)
            os.replace(partial, target)
        finally:
            partial.unlink(missing_ok=True)
            source.unlink(missing_ok=True)
    return name


def sweep_orphans(folder: str, referenced: Iterable[str], *, older_than: float) -> list[str]:
    """Delete files under the media `folder` that no row names (a process killed between
    publishing a file and committing its row leaves one), if older than `older_than`
    seconds, so work in progress is never touched. Returns the deleted names."""
    if not _is_local():
        return _sweep_stored_orphans(folder, set(referenced), older_than=older_than)
    base = Path(default_storage.path(folder))
    if not base.is_dir():
        return []
    keep = set(referenced)
    cutoff = time.time() - older_than
    media = Path(default_storage.path(""))
    deleted = []
    for path in base.rglob("*"):
        name = path.relative_to(media).as_posix()
        with contextlib.suppress(FileNotFoundError):
            if path.is_file() and name not in keep and path.stat().st_mtime < cutoff:
                path.unlink()
                deleted.append(name)
    return deleted


def _stored_files(folder: str) -> Iterator[str]:
    directories, files = default_storage.listdir(folder)
    for name in files:
        yield f"{folder}/{name}"
    for directory in directories:
        yield from _stored_files(f"{folder}/{directory}")


def _sweep_stored_orphans(folder: str, keep: set[str], *, older_than: float) -> list[str]:
    """`sweep_orphans` for storage without local paths (object storage): by listing."""
    cutoff = time.time() - older_than
    deleted = []
    for name in _stored_files(folder):
        if name in keep:
            continue
        with contextlib.suppress(FileNotFoundError):
            if default_storage.get_modified_time(name).timestamp() < cutoff:
                default_storage.delete(name)
                deleted.append(name)
    return deleted
