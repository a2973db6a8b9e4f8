"""The one way in for every source file: bytes to text, safely.

Contributed files are untrusted input. Before anything parses them, each is checked here:
it must be a regular file inside the project (no symbolic link, nothing outside the root),
no larger than its kind allows, and UTF-8 text without a byte-order mark. A file that fails
raises `Located`, which the loader reports as a problem of that file; nothing here raises
anything else, and nothing is ever written.
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

from .problems import Located

KiB = 1024
SIZE_LIMITS = {
    "note": 64 * KiB,
    "entry": 64 * KiB,
    "mentions": 256 * KiB,
    "bibliography": 4096 * KiB,
    "config": 64 * KiB,
    "changelog": 512 * KiB,
    "transcript": 1024 * KiB,
    "page": 1024 * KiB,
}
"""Largest file of each kind, in bytes: generous for real sources, small enough that no file
can stall the check or the build."""

_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"), (codecs.BOM_UTF8, "UTF-8"),
         (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def _size_text(size: int) -> str:
    return f"{size / KiB / KiB:.1f} MiB" if size >= KiB * KiB else f"{size / KiB:.0f} KiB"


def check_location(path: Path, root: Path) -> None:
    """Refuse a symbolic link (the file or any folder between it and the root) or a path outside the root."""
    absolute = Path(os.path.abspath(path))
    root_absolute = Path(os.path.abspath(root))
    try:
        relative = absolute.relative_to(root_absolute)
    except ValueError:
        raise Located(1, f"file is outside the project: '{path}'",
                      "sources must live inside the repository; copy the file in", "path-outside") from None
    current = root_absolute
    for part in relative.parts:
        current = current / part
        if current.is_symlink():
            raise Located(1, f"symbolic link not allowed: '{relative.as_posix()}' -> '{os.readlink(current)}'",
                          "replace the link by the file itself: the edition publishes only files in the repository",
                          "path-symlink")
    try:
        current.resolve().relative_to(root_absolute.resolve())
    except ValueError:
        raise Located(1, f"file resolves outside the project: '{relative.as_posix()}'",
                      "sources must live inside the repository", "path-outside") from None


def is_dir(path: Path) -> bool:
    """`path.is_dir()`, but False rather than an exception for a path the system cannot look up."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def decode(data: bytes, limit: int | None = None) -> str:
    """UTF-8 bytes as text (newlines kept as written); `Located` for anything else."""
    if limit is not None and len(data) > limit:
        raise Located(1, f"file is too large: '{_size_text(len(data))}'",
                      f"the limit for this kind of file is {_size_text(limit)}; split it or shorten it",
                      "file-too-large")
    for bom, name in _BOMS:
        if data.startswith(bom):
            raise Located(1, f"file starts with a {name} byte-order mark (BOM): '{bom.hex(' ')}'",
                          "save it as UTF-8 without BOM (most editors: 'UTF-8' rather than 'UTF-8 with BOM')",
                          "encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[:error.start]
        line = before.count(b"\n") + 1
        line_start = before.rfind(b"\n") + 1
        column = len(before) - line_start + 1
        context = data[max(line_start, error.start - 16):error.start].decode("utf-8", "replace")
        after = data[error.end:error.end + 8].split(b"\n")[0].decode("utf-8", "replace")
        raise Located(line, f"the file is not UTF-8 text: byte {data[error.start]:#04x} at line {line}, "
                            f"column {column}: '{context}\\x{data[error.start]:02x}{after}'",
                      "save it as UTF-8 (the edition's only encoding)", "encoding", column) from None


def read_source(path: Path, root: Path, kind: str) -> str:
    """The text of one source file of `kind` (a key of SIZE_LIMITS), checked as described above.

    Raises FileNotFoundError for a missing file (callers say what should be there) and
    `Located` for everything else that is wrong with it.
    """
    try:
        check_location(path, root)
        found, regular = path.exists(), path.is_file()
    except (OSError, ValueError) as error:  # a name too long for the system, a NUL byte, a loop of links
        reason = getattr(error, "strerror", None) or str(error)
        raise Located(1, f"file cannot be read: '{reason}'", "check the path in edition.yml",
                      "path-unreadable") from None
    if not found:
        raise FileNotFoundError(path)
    if not regular:
        raise Located(1, f"not a regular file: '{path.name}'", "sources are plain text files", "path-not-file")
    limit = SIZE_LIMITS[kind]
    try:
        size = path.stat().st_size
        if size > limit:
            raise Located(1, f"file is too large: '{_size_text(size)}'",
                          f"the limit for this kind of file is {_size_text(limit)}; split it or shorten it",
                          "file-too-large")
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise Located(1, f"file cannot be read: '{error.strerror}'", "check its permissions", "path-unreadable") from None
    return decode(data, limit)
