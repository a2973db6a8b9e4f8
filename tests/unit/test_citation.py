"""Citations and exports derived from the one bibliographic record in edition.yml."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from edition.citation import STYLES, Citable, bibtex, citation, csl_json, head_tags, ris
from edition.config import load_config
from edition_testing import replaced

from .tiny_edition import TinyEdition

SITE = "https://editions.example.org/harbour/"


@pytest.fixture(scope="module")
def citable(tmp_path_factory: pytest.TempPathFactory) -> Citable:
    root = tmp_path_factory.mktemp("citation")
    TinyEdition(root)
    config = load_config(root / "edition.yml")
    return Citable(config, config.texts[0], SITE, "")


def with_original(citable: Citable, **changes: str) -> Citable:
    return replaced(citable, text=replaced(citable.text, original=replaced(citable.text.original, **changes)))


# ------------------------------------------------------------------ citation strings

@pytest.mark.parametrize(("style", "expected"), [
    ("Chicago", "Quill, Ada. “The Lighthouse Accord.” The Harbour Gazette (Port Imaginary), March 3, 2021, ¶2. "
                "In A tiny invented edition, version 0.1.0. https://editions.example.org/harbour/#p2."),
    ("MLA", "Quill, Ada. “The Lighthouse Accord.” The Harbour Gazette, 3 Mar. 2021, par. 2. "
            "A tiny invented edition, version 0.1.0, https://editions.example.org/harbour/#p2."),
    ("APA", "Quill, A. (2021, March 3). The Lighthouse Accord. The Harbour Gazette. In A tiny invented edition "
            "(Version 0.1.0, para. 2). https://editions.example.org/harbour/#p2"),
])
def test_paragraph_citation(citable: Citable, style: str, expected: str):
    assert citation(citable, style, 2) == expected


@pytest.mark.parametrize(("style", "marker"), [("Chicago", "¶3"), ("MLA", "par. 3"), ("APA", "para. 3")])
def test_paragraph_citation_names_the_paragraph_and_its_anchor(citable: Citable, style: str, marker: str):
    text = citation(citable, style, 3)
    assert marker in text and f"{SITE}#p3" in text


@pytest.mark.parametrize("style", STYLES)
def test_whole_article_citation_has_no_paragraph(citable: Citable, style: str):
    text = citation(citable, style)
    assert "¶" not in text and "par." not in text and "para." not in text and "#p" not in text
    assert SITE in text


@pytest.mark.parametrize("style", STYLES)
def test_markup_citation_escapes_and_links(citable: Citable, style: str):
    hostile = with_original(citable, title="Oil & <Lamps>", container="Gazette & Post")
    plain, marked = citation(hostile, style, 1), citation(hostile, style, 1, markup=True)
    assert "Oil & <Lamps>" in plain and "<i>" not in plain
    assert "Oil &amp; &lt;Lamps&gt;" in marked and "<Lamps>" not in marked
    assert "<i>Gazette &amp; Post</i>" in marked
    assert f'<a href="{SITE}#p1">{SITE}#p1</a>' in marked


def test_unknown_style_is_an_error(citable: Citable):
    with pytest.raises(ValueError, match="unknown citation style: 'Harvard'"):
        citation(citable, "Harvard")


@pytest.mark.parametrize(("issued", "mla_date"), [
    ("2021-01-05", "5 Jan. 2021"), ("2021-02-05", "5 Feb. 2021"), ("2021-03-05", "5 Mar. 2021"),
    ("2021-04-05", "5 Apr. 2021"), ("2021-05-05", "5 May 2021"), ("2021-06-05", "5 June 2021"),
    ("2021-07-05", "5 July 2021"), ("2021-08-05", "5 Aug. 2021"), ("2021-09-05", "5 Sept. 2021"),
    ("2021-10-05", "5 Oct. 2021"), ("2021-11-05", "5 Nov. 2021"), ("2021-12-05", "5 Dec. 2021"),
])
def test_mla_month_abbreviations(citable: Citable, issued: str, mla_date: str):
    """MLA 9 abbreviates months longer than four letters: May, June and July stay whole, September is Sept."""
    text = citation(with_original(citable, issued=issued), "MLA", 1)
    assert f"The Harbour Gazette, {mla_date}, par. 1." in text


# ------------------------------------------------------------------ BibTeX, RIS, CSL-JSON

_BIBTEX_ENTRY = re.compile(r"@(\w+)\{([^,\s]+),\n(.*?)\n\}\n", re.DOTALL)
# A braced value, or a bare number or month macro (month = mar).
_BIBTEX_FIELD = re.compile(r"^  (\w+) = (?:\{(.*)\}|(\d+|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)),?$")


def parse_bibtex(text: str) -> list[tuple[str, str, dict[str, str]]]:
    """Entries as (type, key, fields); fails on anything that is not a well-formed entry."""
    entries, rest = [], text
    for match in _BIBTEX_ENTRY.finditer(text):
        fields = {}
        for line in match.group(3).split("\n"):
            field = _BIBTEX_FIELD.match(line)
            assert field, f"not a BibTeX field line: {line!r}"
            value = field.group(2) if field.group(2) is not None else field.group(3)
            assert value.count("{") == value.count("}"), f"unbalanced braces: {line!r}"
            fields[field.group(1)] = value
        entries.append((match.group(1), match.group(2), fields))
        rest = rest.replace(match.group(0), "", 1)
    assert rest.strip() == "", f"text outside any entry: {rest!r}"
    return entries


def test_bibtex_parses_with_the_required_fields(citable: Citable):
    entries = parse_bibtex(bibtex(citable))
    assert [(kind, key) for kind, key, _ in entries] == [("article", "quill2021"), ("online", "quill2021edition")]
    article, online = entries[0][2], entries[1][2]
    assert {"author", "title", "journal", "year"} <= article.keys()
    assert article["author"] == "Quill, Ada" and article["year"] == "2021" and article["month"] == "mar"
    assert article["url"] == "https://example.org/gazette/lighthouse"
    assert {"title", "url"} <= online.keys() and online["url"] == SITE
    assert online["related"] == "quill2021"


def test_bibtex_online_entry_has_a_date(citable: Citable):
    """biblatex requires year or date for @online; without it the edition cannot be cited by year."""
    online = parse_bibtex(bibtex(citable))[1][2]
    assert {"year", "date"} & online.keys(), online


def test_ris_records(citable: Citable):
    text = ris(citable)
    assert "\r\n" in text and "\n" not in text.replace("\r\n", "")
    records = [record for record in text.split("ER  - ") if record.strip()]
    assert len(records) == 2
    tags = []
    for record in records:
        lines = [line for line in record.split("\r\n") if line]
        assert lines[0].startswith("TY  - ")
        for line in lines:
            assert re.match(r"^[A-Z][A-Z0-9]  - ", line), line
        tags.append({line[:2]: line[6:] for line in lines})
    article, edition = tags
    assert article["TY"] == "NEWS" and edition["TY"] == "ELEC"
    assert article["AU"] == "Quill, Ada" and article["TI"] == "The Lighthouse Accord"
    assert article["T2"] == "The Harbour Gazette" and article["PY"] == "2021" and article["DA"] == "2021/03/03"
    assert edition["UR"] == SITE and edition["ET"] == "0.1.0"
    assert text.endswith("ER  - \r\n")


def test_csl_json(citable: Citable):
    items = json.loads(csl_json(citable))
    assert [(item["id"], item["type"]) for item in items] == [("original", "article-newspaper"),
                                                               ("edition", "webpage")]
    original, edition = items
    assert original["author"] == [{"family": "Quill", "given": "Ada"}]
    assert original["issued"] == {"date-parts": [[2021, 3, 3]]}
    assert original["container-title"] == "The Harbour Gazette"
    assert original["URL"] == "https://example.org/gazette/lighthouse"
    assert edition["title"] == "A tiny invented edition" and edition["URL"] == SITE


# ------------------------------------------------------------------ head tags

class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: list[tuple[str, str]] = []
        self.links: list[dict[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "meta":
            self.meta.append((attributes["name"] or "", attributes["content"] or ""))
        elif tag == "link":
            self.links.append(attributes)
        elif tag == "script":
            assert attributes.get("type") == "application/ld+json"
            self._in_script = True
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def read_head(html: str) -> _Head:
    head = _Head()
    head.feed(html)
    head.close()
    return head


def test_head_tags(citable: Citable):
    head = read_head(head_tags(citable))
    meta = dict(head.meta)
    assert meta["citation_title"] == "The Lighthouse Accord"
    assert [value for name, value in head.meta if name == "citation_author"] == ["Quill, Ada"]
    assert meta["citation_publication_date"] == "2021/03/03"
    assert meta["citation_journal_title"] == "The Harbour Gazette"
    assert meta["citation_public_url"] == SITE
    assert meta["DC.title"] == "The Lighthouse Accord" and meta["DC.creator"] == "Quill, Ada"
    assert meta["DC.date"] == "2021-03-03" and meta["DC.source"] == "https://example.org/gazette/lighthouse"
    assert {"DC.publisher", "DC.type", "DC.identifier"} <= meta.keys()
    assert {"rel": "schema.DC", "href": "http://purl.org/dc/elements/1.1/"} in head.links
    [script] = head.scripts
    graph = json.loads(script)
    assert graph["@context"] == "https://schema.org" and graph["url"] == SITE
    assert graph["isBasedOn"]["headline"] == "The Lighthouse Accord"
    assert graph["isBasedOn"]["datePublished"] == "2021-03-03"
    assert graph["isBasedOn"]["author"] == [{"@type": "Person", "name": "Ada Quill"}]


def test_head_tags_cannot_be_broken_out_of(citable: Citable):
    hostile = with_original(citable, title='Oil" onload="x </script><script>alert(1)</script>')
    head = read_head(head_tags(hostile))
    assert dict(head.meta)["citation_title"] == 'Oil" onload="x </script><script>alert(1)</script>'
    [script] = head.scripts
    assert json.loads(script)["isBasedOn"]["headline"] == 'Oil" onload="x </script><script>alert(1)</script>'


def test_the_real_edition_cites_its_article():
    root = Path(__file__).resolve().parents[2]
    config = load_config(root / "edition.yml")
    real = Citable(config, config.texts[0], "https://example.org/", "")
    assert citation(real, "Chicago", 4).startswith("Masood, Yasir. “Rekindled Pak-Russia Relations.” "
                                                   "The Express Tribune (Karachi), August 9, 2016, ¶4.")
    assert citation(real, "MLA", 4).startswith("Masood, Yasir. “Rekindled Pak-Russia Relations.” "
                                               "The Express Tribune, 9 Aug. 2016, par. 4.")
    assert citation(real, "APA", 4).startswith("Masood, Y. (2016, August 9). Rekindled Pak-Russia Relations.")
