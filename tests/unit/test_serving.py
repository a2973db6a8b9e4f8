"""The preview server's caching (edition.serving): a reload after a save fetches only what changed."""

from __future__ import annotations

import os
import wsgiref.util
from pathlib import Path
from typing import Any, Iterable

import pytest

from edition.serving import FOR_GOOD, cached_files, local_file, validator


class Served:
    """A stand-in for MkDocs' server: the file under `root` as a FileWrapper, or 404."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.opened: list[Any] = []

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        path = environ["PATH_INFO"]
        file = self.root / path.lstrip("/")
        if path.endswith("/"):
            file = file / "index.html"
        if not file.is_file():
            start_response("404 Not Found", [("Content-Type", "text/html")])
            return [b"not found"]
        handle = open(file, "rb")  # noqa: SIM115 - closed by the server, as in MkDocs
        self.opened.append(handle)
        start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(file.stat().st_size))])
        return wsgiref.util.FileWrapper(handle)


def request(app: Any, path: str, **headers: str) -> tuple[str, dict[str, str], bytes]:
    answer: dict[str, Any] = {}

    def start_response(status: str, response_headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        answer["status"], answer["headers"] = status, dict(response_headers)

    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, **{f"HTTP_{key.upper()}": value for key, value in headers.items()}}
    iterable = app(environ, start_response)
    try:
        body = b"".join(iterable)
    finally:  # as a WSGI server does
        close = getattr(iterable, "close", None)
        if close is not None:
            close()
    return answer["status"], answer["headers"], body


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "bundle.a5f9d56c.min.js").write_text("bundle", encoding="utf-8")
    (tmp_path / "assets" / "edition.css").write_text("p {}", encoding="utf-8")
    (tmp_path / "index.html").write_text("<p>page</p>", encoding="utf-8")
    return tmp_path


def test_a_file_named_by_its_content_is_kept_for_good(site: Path) -> None:
    status, headers, body = request(cached_files(Served(site), str(site)), "/assets/bundle.a5f9d56c.min.js")
    assert (status, body) == ("200 OK", b"bundle")
    assert headers["Cache-Control"] == FOR_GOOD and headers["Content-Length"] == "6"


def test_another_file_is_asked_for_each_time_and_costs_no_body_when_unchanged(site: Path) -> None:
    served = Served(site)
    app = cached_files(served, str(site))
    status, headers, body = request(app, "/assets/edition.css")
    assert (status, body, headers["Cache-Control"]) == ("200 OK", b"p {}", "no-cache")
    tag = headers["ETag"]
    assert tag == validator(os.stat(site / "assets" / "edition.css"))

    status, headers, body = request(app, "/assets/edition.css", if_none_match=f'"other", {tag}')
    assert (status, body, headers["ETag"]) == ("304 Not Modified", b"", tag)
    assert served.opened[-1].closed  # the file MkDocs opened is not left open

    # Rewritten (as a rebuild does), the file has another tag and is sent whole.
    (site / "assets" / "edition.css").write_text("p { color: red }", encoding="utf-8")
    status, headers, body = request(app, "/assets/edition.css", if_none_match=tag)
    assert (status, body) == ("200 OK", b"p { color: red }") and headers["ETag"] != tag


def test_pages_and_errors_pass_unchanged(site: Path) -> None:
    app = cached_files(Served(site), str(site))
    for path in ("/", "/index.html"):
        status, headers, body = request(app, path, if_none_match="*")
        assert (status, body) == ("200 OK", b"<p>page</p>") and "ETag" not in headers and "Cache-Control" not in headers
    status, headers, body = request(app, "/assets/missing.css")
    assert (status, body) == ("404 Not Found", b"not found") and "ETag" not in headers


def test_the_file_is_found_as_mkdocs_finds_it() -> None:
    assert local_file("/site", "/", "/assets/a.css") == os.path.join("/site", "assets/a.css")
    assert local_file("/site", "/edition/", "/edition/assets/a.css") == os.path.join("/site", "assets/a.css")
    assert local_file("/site", "/", "/../../etc/passwd") == os.path.join("/site", "etc/passwd")
    assert local_file("/site", "/edition/", "/other/a.css") is None
    assert local_file("/site", "/", "/notes/") is None
    assert local_file("/site", "/", "/notes/index.html") is None


def test_an_application_that_writes_is_refused(site: Path) -> None:
    def writes(environ: dict[str, Any], start_response: Any) -> list[bytes]:
        start_response("200 OK", [])(b"data")
        return []

    with pytest.raises(RuntimeError, match="write"):
        request(cached_files(writes, str(site)), "/assets/edition.css")


def test_the_validator_changes_with_size_and_time(tmp_path: Path) -> None:
    file = tmp_path / "a"
    file.write_bytes(b"one")
    first = validator(file.stat())
    os.utime(file, ns=(1, 2))
    assert validator(file.stat()) != first
