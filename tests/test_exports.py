"""Machine-readable exports: W3C Web Annotations, the glossary as JSON, citation files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from edition_testing import extract_base_text, soup

pytestmark = pytest.mark.slow

W3C = Path(__file__).parent / "w3c-web-annotation-tests"


def _w3c_validators() -> list[tuple[str, Draft4Validator]]:
    """The 'must' assertions of the W3C test suite, with $refs resolved in definitions/."""
    resources = []
    for path in sorted((W3C / "definitions").glob("*.json")):
        resources.append((path.name, Resource.from_contents(json.loads(path.read_text()), default_specification=DRAFT4)))
    registry = Registry().with_resources(resources)
    musts = json.loads((W3C / "annotations" / "annotationMusts.test").read_text())
    validators = []
    for assertion in musts["assertions"]:
        schema = json.loads((W3C / assertion).read_text())
        assert schema["expectedResult"] == "valid"
        schema_registry = registry.with_resource(schema["id"], Resource.from_contents(schema, default_specification=DRAFT4))
        validators.append((assertion, Draft4Validator(schema, registry=schema_registry, format_checker=FormatChecker())))
    return validators


def test_w3c_suite_catches_a_broken_annotation():
    """The validators are live: an annotation without a target fails the 'must' assertions."""
    broken = {"@context": "http://www.w3.org/ns/anno.jsonld", "id": "http://x/1", "type": "Annotation",
              "body": {"type": "TextualBody", "value": "x"}}
    failures = [name for name, validator in _w3c_validators() if not validator.is_valid(broken)]
    assert "annotations/3.1-targetKeyFound.json" in failures


def test_every_annotation_satisfies_the_w3c_must_assertions(site: Path):
    collection = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    assert collection["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert collection["type"] == "AnnotationCollection"
    items = collection["first"]["items"]
    assert collection["total"] == len(items) and len(items) >= 20
    failures = []
    for name, validator in _w3c_validators():
        for item in items:
            for error in validator.iter_errors(item):
                failures.append(f"{item['id']}: {name}: {error.message}")
    assert failures == []


def test_annotation_targets_quote_the_article(site: Path):
    collection = json.loads((site / "annotations.jsonld").read_text(encoding="utf-8"))
    article = extract_base_text(soup(site / "index.html"))
    notes = soup(site / "index.html").select("li.edition-note")
    assert len(notes) == len(collection["first"]["items"])
    for item in collection["first"]["items"]:
        selector = item["target"]["selector"]
        assert selector["type"] == "TextQuoteSelector"
        assert selector["prefix"] + selector["exact"] + selector["suffix"] in article, item["id"]
        assert item["type"] == "Annotation" and item["body"][0]["value"]


def test_glossary_json_lists_every_entry_with_mentions(site: Path):
    document = json.loads((site / "glossary.json").read_text(encoding="utf-8"))
    pages = {path.parent.name for path in (site / "glossary").glob("*/index.html")}
    assert {entry["id"] for entry in document["entries"]} == pages
    salyukov = next(entry for entry in document["entries"] if entry["id"] == "oleg-salyukov")
    assert salyukov["mentions"] == [{"text": "rekindled-pak-russia-relations", "paragraph": 4, "exact": "Oleg Salyukov"}]
    assert all(entry["sources"] for entry in document["entries"])


def test_citation_downloads_exist_and_agree(site: Path):
    stem = site / "cite" / "rekindled-pak-russia-relations"
    bib = (stem.with_suffix(".bib")).read_text(encoding="utf-8")
    ris = (stem.with_suffix(".ris")).read_text(encoding="utf-8")
    csl = json.loads((stem.with_suffix(".json")).read_text(encoding="utf-8"))
    assert "@article{original-rekindled-pak-russia-relations," in bib
    assert "author = {Masood, Yasir}" in bib and "@book{edition-rekindled-pak-russia-relations," in bib
    assert "TY  - NEWS" in ris and "AU  - Masood, Yasir" in ris and "PY  - 2016" in ris
    assert csl[0]["type"] == "article-newspaper" and csl[0]["issued"] == {"date-parts": [[2016, 8, 9]]}
    assert csl[0]["container-title"] == "The Express Tribune"
    assert csl[1]["type"] == "book" and csl[1]["editor"] and csl[1]["version"]
    assert "The edition's editors" not in bib + ris + json.dumps(csl)


def test_no_localhost_address_anywhere(site: Path):
    """Built without SITE_URL (as here), the site still names only its canonical address."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.is_file() and path.suffix in {".html", ".xml", ".json", ".jsonld", ".bib", ".ris", ".txt"}:
            text = path.read_text(encoding="utf-8", errors="replace")
            if "127.0.0.1" in text or "localhost" in text:
                found.append(path.relative_to(site).as_posix())
    assert found == []


def test_article_page_carries_citation_metadata(site: Path):
    head = soup(site / "index.html").head
    meta = {tag["name"]: tag["content"] for tag in head.find_all("meta", attrs={"name": True})}
    assert meta["citation_title"] == "Rekindled Pak-Russia Relations"
    assert meta["citation_author"] == "Masood, Yasir"
    assert meta["citation_publication_date"] == "2016/08/09"
    assert meta["citation_journal_title"] == "The Express Tribune"
    assert meta["citation_public_url"].startswith("http")
    assert meta["DC.creator"] == "Masood, Yasir" and meta["DC.date"] == "2016-08-09"
    graph = json.loads(head.find("script", type="application/ld+json").string)
    assert graph["isBasedOn"]["headline"] == "Rekindled Pak-Russia Relations"
    assert graph["isBasedOn"]["datePublished"] == "2016-08-09"
