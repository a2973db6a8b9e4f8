"""What one build keeps for the next: results of slow programs (pandoc's citeproc, WeasyPrint),
each stored under a hash of everything that went into it.

The folder lives in the temporary folder, which on a shared machine every user can write to:
it is the user's own (`mkdocs-scholarly-edition-<uid>`, mode 0700), and a folder that is
anything else (a symbolic link, another user's, open to others) is never used, so nobody else
can put a file there for a build to publish. Files are written whole (a temporary file, then a
rename), so a build stopped half-way leaves nothing half-written. Without a usable folder
nothing is kept and every build does the work again; nothing in the project is ever written.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

_PREFIX = "mkdocs-scholarly-edition"


def _uid() -> int:
    return os.getuid() if hasattr(os, "getuid") else -1


def _private(folder: Path) -> bool:
    """`folder` is a real folder of this user's that nobody else can write to."""
    try:
        found = folder.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(found.st_mode):
        return False
    if _uid() < 0:  # no user ids (Windows): the temporary folder is the user's own there
        return True
    return found.st_uid == _uid() and not found.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def private_folder(name: str) -> Path | None:
    """This user's folder `name` for kept results, made if need be; None if none can be had safely."""
    base = Path(tempfile.gettempdir()) / f"{_PREFIX}-{_uid() if _uid() >= 0 else 'user'}"
    folder = base / name
    for path in (base, folder):
        try:
            path.mkdir(mode=0o700, exist_ok=True)
        except OSError:
            return None
        if not _private(path):
            return None
    return folder


def read(name: str, key: str) -> bytes | None:
    """The result kept under `key` in folder `name`, or None."""
    folder = private_folder(name)
    if folder is None:
        return None
    try:
        return (folder / key).read_bytes()
    except OSError:
        return None


def write(name: str, key: str, data: bytes) -> None:
    """Keep `data` under `key` in folder `name` (silently not, where no folder can be had)."""
    folder = private_folder(name)
    if folder is None:
        return
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".writing-")
        with os.fdopen(handle, "wb") as output:
            output.write(data)
        os.replace(temporary, folder / key)
    except OSError:
        pass  # a full or read-only temporary folder only costs the next build the work again
