"""`edition new` and `edition accept`: start an edition, and record a transcript's checksum.

`new_edition` copies the sample edition shipped in `scaffold/` (a speech with a note, a glossary
entry of a kind the edition defines, one source, a changelog and an About page) into an empty
folder and records its transcript's checksum, so that it checks and builds strictly as it
stands. `accept_transcript` writes the SHA-256 of a text's transcript into edition.yml, on the
line of that text's `sha256:` (or a new line after its `source:`), and changes nothing else.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import NamedTuple

from .frontmatter import LocatedDict, load_yaml
from .problems import Located

SCAFFOLD = Path(__file__).parent / "scaffold"
"""The sample edition `edition new` writes (package data)."""

SAMPLE_TEXT = "gettysburg-address"


class ScaffoldError(Exception):
    """`edition new` or `edition accept` cannot do what was asked (its message says why)."""


def new_edition(folder: Path) -> list[Path]:
    """Write the sample edition into `folder` (which must not exist or be empty); the files written."""
    folder = Path(folder)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ScaffoldError(f"'{folder}' is not an empty folder: choose a new one")
    written = []
    for source in sorted(SCAFFOLD.rglob("*")):
        if source.is_dir() or "__pycache__" in source.parts:
            continue
        target = folder / source.relative_to(SCAFFOLD)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        written.append(target)
    accept_transcript(folder / "edition.yml", SAMPLE_TEXT)
    return written


class Accepted(NamedTuple):
    """What `accept_transcript` recorded."""

    text: str
    transcript: Path
    previous: str
    """The checksum edition.yml recorded before ('' if none)."""
    sha256: str


_SHA_LINE = re.compile(r"(?P<head>[ \t]*sha256:[ \t]*)(?P<value>[^ \t#\r\n]*)(?P<tail>.*)")


def accept_transcript(config_path: Path, text_id: str) -> Accepted:
    """Record in edition.yml the SHA-256 of text `text_id`'s transcript, as it is now."""
    config_path = Path(config_path)
    try:
        raw = config_path.read_text(encoding="utf-8")
        data = load_yaml(raw).value
    except FileNotFoundError:
        raise ScaffoldError(f"{config_path}: not found") from None
    except (Located, UnicodeDecodeError) as error:
        raise ScaffoldError(f"{config_path}: cannot be read: {getattr(error, 'message', error)}") from None
    texts = data.get("texts") if isinstance(data, LocatedDict) else None
    items = [item for item in texts or [] if isinstance(item, LocatedDict) and str(item.get("id")) == text_id]
    if not items:
        known = [str(item.get("id")) for item in texts or [] if isinstance(item, LocatedDict)]
        raise ScaffoldError(f"{config_path}: no text with id '{text_id}' (texts: {', '.join(known) or 'none'})")
    item = items[0]
    source = item.get("source")
    if not isinstance(source, str):
        raise ScaffoldError(f"{config_path}:{item.line}: the text '{text_id}' names no source file")
    transcript = (config_path.parent / source)
    if not transcript.is_file():
        raise ScaffoldError(f"{config_path}:{item.line_of('source')}: transcript not found: '{source}'")
    digest = hashlib.sha256(transcript.read_bytes()).hexdigest()
    lines = raw.splitlines(keepends=True)
    previous = ""
    if "sha256" in item:
        index = item.line_of("sha256") - 1
        match = _SHA_LINE.fullmatch(lines[index].rstrip("\r\n"))
        if not match:
            raise ScaffoldError(f"{config_path}:{index + 1}: write sha256 on a line of its own to accept a transcript")
        previous = match["value"].strip("'\"")
        ending = lines[index][len(lines[index].rstrip("\r\n")):]
        lines[index] = f"{match['head']}{digest}{match['tail']}{ending}"
    else:
        index = item.line_of("source") - 1
        indent = lines[index][:len(lines[index]) - len(lines[index].lstrip())]
        lines.insert(index + 1, f"{indent}sha256: {digest}\n")
    _write_whole(config_path, "".join(lines))
    return Accepted(text_id, transcript, previous, digest)


def _write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` whole (a temporary file in the same folder, then a rename)."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, path.stat().st_mode & 0o777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
