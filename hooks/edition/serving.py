"""What the preview server tells the browser about caching, so that a reload after a save fetches
only what changed.

MkDocs' development server answers every request with the whole file and no caching headers,
so each reload after a save downloads every stylesheet and script of the page again (on this
machine the theme's bundle arrived 200 ms after the page). `cached_files` wraps the server's
WSGI application:

- a file whose name carries a digest of its content (`bundle.a5f9d56c.min.js`, as Material names
  its assets) may be kept by the browser for good: another content has another name;
- any other file (not a page) is sent with a validator made of its size and modification time and
  `Cache-Control: no-cache`, so the browser asks each time and an unchanged file costs a
  "304 Not Modified" with no body.

Pages are left alone: MkDocs injects its live-reload script with the build's number into each.
The wrapped application still answers first, so MkDocs' own rule holds: nothing is served, not
even "not modified", while a rebuild is under way.

Nothing here knows MkDocs; the adapter installs it in `on_serve`.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Any, Callable, Iterable

FINGERPRINTED = re.compile(r"\.[0-9a-f]{8,}\.min\.(?:css|js)$")
"""A file name with a digest of its content before `.min.css` or `.min.js` (Material's assets)."""

FOR_GOOD = "public, max-age=31536000, immutable"
ASK_EACH_TIME = "no-cache"

StartResponse = Callable[..., Any]
Application = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


def local_file(root: str, mount_path: str, path: str) -> str | None:
    """The file under `root` that the server sends for a request's `path`, as MkDocs finds it
    (None for a page, a folder or a path outside `mount_path`)."""
    if not path.startswith(mount_path) or path.endswith("/") or path.endswith(".html"):
        return None
    relative = posixpath.normpath("/" + path[len(mount_path):]).lstrip("/")
    return os.path.join(root, relative) if relative else None


def validator(stat: os.stat_result) -> str:
    """An entity tag that changes whenever the file is rewritten or changes size."""
    return f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'


def cached_files(app: Application, root: str, mount_path: str = "/") -> Application:
    """`app`, answering for the files it serves with caching headers and "304 Not Modified"."""

    def application(environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        answer: list[Any] = []

        def capture(status: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Callable[[bytes], None]:
            answer[:] = [status, headers, exc_info]

            def write(data: bytes) -> None:
                raise RuntimeError("cached_files: the application may not use write()")

            return write

        path = environ.get("PATH_INFO", "").encode("latin-1").decode("utf-8", "ignore")
        body = app(environ, capture)
        status, headers, exc_info = answer
        file = local_file(root, mount_path, path) if environ.get("REQUEST_METHOD", "GET") in ("GET", "HEAD") else None
        if file is None or not status.startswith("200"):
            start_response(status, headers, exc_info)
            return body
        # The file the application opened (MkDocs sends a `wsgiref` FileWrapper), not whatever
        # a rebuild may since have written at its path.
        opened = getattr(body, "filelike", None)
        try:
            stat = os.fstat(opened.fileno()) if opened is not None else os.stat(file)
        except (OSError, ValueError):
            start_response(status, headers, exc_info)
            return body
        tag = validator(stat)
        policy = FOR_GOOD if FINGERPRINTED.search(path) else ASK_EACH_TIME
        if tag in (value.strip() for value in environ.get("HTTP_IF_NONE_MATCH", "").split(",")):
            close = getattr(body, "close", None)
            if close is not None:
                close()
            start_response("304 Not Modified", [("ETag", tag), ("Cache-Control", policy)])
            return []
        start_response(status, [*headers, ("ETag", tag), ("Cache-Control", policy)], exc_info)
        return body

    return application
