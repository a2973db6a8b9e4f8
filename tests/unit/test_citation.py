"""Citations formatted by pandoc's citeproc with the CSL styles, compared with each style's
documented form; and the downloads and page metadata made from the edition's own record."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from edition.citation import EDITION, ORIGINAL, Citable, bibtex, csl_items, csl_json, head_tags, ris, sentence_case
from edition.citeproc import CiteRequest, format_batch, plain
from edition.config import load_config
from edition_testing import ROOT, replaced

from .tiny_edition import TinyEdition

SITE = "https://editions.example.org/harbour/"

ARTICLE = {"id": "masood2016", "type": "article-newspaper", "title": "Rekindled Pak-Russia relations",
           "author": [{"family": "Masood", "given": "Yasir"}], "container-title": "The Express Tribune",
           "publisher-place": "Karachi", "issued": {"date-parts": [[2016, 8, 9]]},
           "URL": "https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations", "language": "en"}
PAGE = {"id": "nato-rsm", "type": "webpage", "title": "Resolute Support Mission in Afghanistan",
        "container-title": "NATO", "issued": {"date-parts": [[2022, 8, 31]]},
        "URL": "https://www.nato.int/cps/en/natohq/topics_113694.htm", "language": "en"}
UNTITLED = {"id": "bs-pti", "type": "article-newspaper", "genre": "PTI report on the defence cooperation agreement",
            "container-title": "Business Standard", "URL": "https://www.business-standard.com/x.html"}


def formatted(style: str, locator: str = "para. 4"):
    items = [ARTICLE, PAGE, UNTITLED]
    return format_batch(items, style, [CiteRequest("a", "masood2016", locator), CiteRequest("p", "nato-rsm")],
                        ["masood2016", "nato-rsm", "bs-pti"])


# ------------------------------------------------------------------ each style's documented form

@pytest.mark.parametrize(("style", "article", "page"), [
    # MLA Handbook, 9th ed.: a newspaper article (city in brackets for a local paper) and a web page.
    ("mla", "Masood, Yasir. “Rekindled Pak-Russia Relations.” The Express Tribune [Karachi], 9 Aug. 2016, "
            "https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations.",
     "“Resolute Support Mission in Afghanistan.” NATO, 31 Aug. 2022, "
     "https://www.nato.int/cps/en/natohq/topics_113694.htm."),
    # APA Publication Manual, 7th ed.: sentence-case title, newspaper in italics; a web page.
    ("apa", "Masood, Y. (2016, August 9). Rekindled Pak-Russia relations. The Express Tribune. "
            "https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations",
     "Resolute Support Mission in Afghanistan. (2022, August 31). NATO. "
     "https://www.nato.int/cps/en/natohq/topics_113694.htm"),
    # Chicago Manual of Style, 18th ed., bibliography entries (a page without an author is listed
    # under its site's owner).
    ("chicago", "Masood, Yasir. “Rekindled Pak-Russia Relations.” The Express Tribune (Karachi), August 9, 2016. "
                "https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations.",
     "NATO. “Resolute Support Mission in Afghanistan.” August 31, 2022. "
     "https://www.nato.int/cps/en/natohq/topics_113694.htm."),
])
def test_reference_entries_take_each_styles_documented_form(style: str, article: str, page: str):
    references = formatted(style).references
    assert plain(references["masood2016"]) == article
    assert plain(references["nato-rsm"]) == page


def test_styles_set_the_right_type():
    mla, apa = formatted("mla").references, formatted("apa").references
    assert "<em>The Express Tribune</em>" in mla["masood2016"]  # the container in italics
    assert "<em>The Express Tribune</em>" in apa["masood2016"]
    assert "Pak-Russia relations" in apa["masood2016"]  # APA keeps the stored sentence case


@pytest.mark.parametrize(("style", "in_text"), [
    ("apa", "(Masood, 2016, para. 4)"),
    ("mla", "(Masood, par. 4)"),
    ("chicago", "Yasir Masood, “Rekindled Pak-Russia Relations,” The Express Tribune (Karachi), August 9, 2016, "
                "para. 4, https://tribune.com.pk/story/1159081/rekindled-pak-russia-relations."),
])
def test_in_text_citations_carry_the_paragraph_locator(style: str, in_text: str):
    assert plain(formatted(style).citations["a"]) == in_text


def test_chicago_gives_a_short_note_for_a_second_citation():
    short = plain(formatted("chicago").short["a"])
    assert short.startswith("Masood, “Rekindled Pak-Russia Relations,”") and "para. 4" in short
    assert "tribune.com.pk" not in short


def test_an_untitled_page_is_described_not_quoted():
    entry = plain(formatted("chicago").references["bs-pti"])
    assert entry.startswith("Business Standard. PTI report on the defence cooperation agreement.")
    assert "“" not in entry and "n.d." in entry


def test_formatted_html_is_sanitised():
    hostile = dict(ARTICLE, id="x", title='Oil <script>alert(1)</script> & "lamps"')
    html = format_batch([hostile], "apa", [], ["x"]).references["x"]
    assert "<script" not in html and "&amp;" in html


# ------------------------------------------------------------------ the edition's own record

@pytest.fixture(scope="module")
def citable(tmp_path_factory: pytest.TempPathFactory) -> Citable:
    root = tmp_path_factory.mktemp("citation")
    TinyEdition(root)
    config = load_config(root / "edition.yml")
    return Citable(config, config.texts[0], SITE)


@pytest.mark.parametrize(("title", "expected"), [
    ("Rekindled Pak-Russia Relations", "Rekindled Pak-Russia relations"),
    ("Rekindled Pak-Russia Relations: an annotated edition", "Rekindled Pak-Russia relations: An annotated edition"),
    ("The SCO and CPEC in Pakistan", "The SCO and CPEC in pakistan"),
    ("A tiny invented edition", "A tiny invented edition"),
    # Written in sentence case already: its capitals are proper nouns, and stay.
    ("Address delivered at the dedication of the cemetery at Gettysburg",
     "Address delivered at the dedication of the cemetery at Gettysburg"),
    ("An annotated edition of the Gettysburg Address", "An annotated edition of the Gettysburg Address"),
    ("The Union: an address at Gettysburg", "The union: An address at Gettysburg"),
])
def test_sentence_case_of_the_editions_own_titles(title: str, expected: str):
    assert sentence_case(title) == expected


def test_csl_items_of_the_original_and_the_edition(citable: Citable):
    original, edition = csl_items(citable)
    assert original["id"] == f"{ORIGINAL}-lighthouse" and original["type"] == "article-newspaper"
    assert original["author"] == [{"family": "Quill", "given": "Ada"}]
    assert original["issued"] == {"date-parts": [[2021, 3, 3]]}
    assert edition["id"] == f"{EDITION}-lighthouse" and edition["type"] == "book"
    assert edition["version"] == "0.1.0" and edition["URL"] == SITE
    assert edition["editor"] == [{"literal": "Harbour Editors"}]
    assert edition["publisher"] == "Test editors"
    assert edition["original-date"] == original["issued"]
    assert json.loads(csl_json(citable)) == [original, edition]


def test_an_edition_without_an_address_is_cited_without_one(citable: Citable):
    original, edition = csl_items(citable._replace(url=""))
    assert "URL" not in edition and original["URL"].startswith("https://example.org/")


def test_biblatex_is_written_by_pandoc(citable: Citable):
    text = bibtex(citable)
    entries = re.findall(r"^@(\w+)\{([^,]+),", text, re.M)
    assert entries == [("article", "original-lighthouse"), ("book", "edition-lighthouse")]
    assert "author = {Quill, Ada}" in text and "journal = {The Harbour Gazette}" in text
    assert "date = {2021-03-03}" in text
    assert "editor = {{Harbour Editors}}" in text
    assert "The edition's editors" not in text


def test_ris_records(citable: Citable):
    text = ris(citable)
    records = [record for record in text.split("ER  - ") if record.strip()]
    assert len(records) == 2
    assert "TY  - NEWS" in records[0] and "AU  - Quill, Ada" in records[0] and "DA  - 2021/03/03" in records[0]
    assert "TY  - EBOOK" in records[1] and "A2  - Harbour Editors" in records[1] and f"UR  - {SITE}" in records[1]
    assert "\r\n" in text and not re.search(r"^\d+\.", text, re.M)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: list[tuple[str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):  # noqa: ANN001
        attrs = dict(attrs)
        if tag == "meta":
            self.meta.append((attrs["name"], attrs["content"]))
        self._in_script = tag == "script"

    def handle_data(self, data):  # noqa: ANN001
        if self._in_script:
            self.scripts.append(data)


def test_head_tags(citable: Citable):
    tags = head_tags(citable)
    meta = dict(tags["meta"])
    assert meta["citation_title"] == "The Lighthouse Accord" and meta["citation_author"] == "Quill, Ada"
    assert meta["citation_public_url"] == SITE and meta["DC.rights"].startswith("https://creativecommons.org/")
    graph = json.loads(tags["json_ld"])
    assert graph["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert graph["editor"] == [{"@type": "Organization", "name": "Harbour Editors"}]
    assert graph["isBasedOn"]["copyrightHolder"]["name"] == "The Harbour Gazette"


def test_json_ld_cannot_break_out_of_its_script(citable: Citable):
    hostile = replaced(citable, text=replaced(citable.text, original=replaced(
        citable.text.original, title="</script><script>alert(1)</script>")))
    assert "</script>" not in head_tags(hostile)["json_ld"]


def test_the_real_edition_names_its_editors_and_address():
    config = load_config(ROOT / "edition.yml")
    assert config.editors and config.url.startswith("https://") and not config.url.startswith("http://127.")
    assert all(person.display != "The edition's editors" for person in config.editors)


SPEECH = {"id": "lincoln-1863", "type": "speech", "title": "Address delivered at the dedication of the cemetery at Gettysburg",
          "author": [{"family": "Lincoln", "given": "Abraham"}], "issued": {"date-parts": [[1863, 11, 19]]},
          "event-title": "Dedication of the Soldiers' National Cemetery", "event-place": "Gettysburg, Pennsylvania"}


def test_a_speech_chicago_cites_in_notes_only_is_referenced_by_its_full_note():
    """Chicago leaves an unpublished speech out of its bibliography (CMOS18 14.115): its full note
    stands in for the entry, instead of an empty reference."""
    formatted = format_batch([SPEECH], "chicago", [CiteRequest("p1", "lincoln-1863", "para. 1")], ["lincoln-1863"])
    assert plain(formatted.references["lincoln-1863"]) == (
        "Abraham Lincoln, “Address Delivered at the Dedication of the Cemetery at Gettysburg,” Dedication of the "
        "Soldiers’ National Cemetery, Gettysburg, Pennsylvania, November 19, 1863.")
    assert list(formatted.citations) == ["p1"] and list(formatted.short) == ["p1"]  # the stand-in is no citation


def test_every_style_gives_a_speech_its_date():
    for style, date in (("chicago", "November 19, 1863"), ("apa", "(1863, November 19)"), ("mla", "19 Nov. 1863")):
        reference = plain(format_batch([SPEECH], style, [], ["lincoln-1863"]).references["lincoln-1863"])
        assert reference.count(date) == 1, (style, reference)


def test_a_batch_with_a_note_only_item_is_formatted_once(monkeypatch: pytest.MonkeyPatch):
    """The same batch again is taken from the cache, stand-ins included (a save in the preview
    formats nothing again)."""
    from edition import citeproc

    runs: list[str] = []
    run = citeproc._run
    monkeypatch.setattr(citeproc, "_run", lambda *args: runs.append(args[1]) or run(*args))
    speech = dict(SPEECH, id="lincoln-1863-cached")
    first = format_batch([speech], "chicago", [], ["lincoln-1863-cached"])
    again = format_batch([speech], "chicago", [], ["lincoln-1863-cached"])
    assert runs == ["chicago"] and again is first and first.references["lincoln-1863-cached"]
