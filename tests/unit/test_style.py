"""The house-style rules (edition/style.py): what each reports, what it leaves alone, where."""

from __future__ import annotations

import pytest

from edition.frontmatter import load_yaml
from edition.style import HouseStyle, file_findings, later_findings, quoted_spans, wording_findings
from edition_testing import least_cpu

# This edition's house style, as its edition.yml sets it (apparatus.house_style).
STYLE = HouseStyle(dates=True, mark_later=True, spelling=(
    ("Inter-Governmental", "Intergovernmental"), ("Inter-governmental", "Intergovernmental"),
    ("inter-governmental", "intergovernmental"), ("Alexey", "Alexei"), ("Aleksey", "Alexei"),
    ("Aleksei", "Alexei"), ("Andrey", "Andrei"), ("Sergey", "Sergei")))

PUBLISHED = "2016-08-09"


def rules(findings) -> list[tuple[int, str, str]]:
    """(line, rule, the quoted value of the message) of each finding."""
    return [(finding.line, finding.rule, finding.message.rsplit(": ", 1)[1]) for finding in findings]


# ---------------------------------------------------------------- style-date-format

@pytest.mark.parametrize("text, value, better", [
    ("The pact was signed on November 20, 2014 in Islamabad.", "'November 20, 2014'", "20 November 2014"),
    ("It appeared on August 9 2016.", "'August 9 2016'", "9 August 2016"),
    ("It appeared on 9th August 2016.", "'9th August 2016'", "9 August 2016"),
    ("It appeared on the 9th of August.", "'9th of August'", "9 August"),
    ("It appeared on August 9th.", "'August 9th'", "9 August"),
])
def test_american_order_and_ordinals_are_reported_with_the_house_form(text: str, value: str, better: str):
    [finding] = wording_findings(text, STYLE)
    assert (finding.rule, finding.message) == ("style-date-format", f"date not in the house style: {value}")
    assert finding.hint.startswith(f"did you mean '{better}'?")


@pytest.mark.parametrize("text", [
    "It appeared on 9 August 2016, in August 2016, in 2016.",
    'The panel was "held on May 23, 2017 at the SVI premises".',
    "The panel was “held on May 23, 2017”, the report says.",
    "In May 2015 and in March 2016 the talks went on.",
    "The 1st Battalion and the 20th century are not dates.",
])
def test_house_dates_and_quoted_dates_pass(text: str):
    assert wording_findings(text, STYLE) == []


def test_a_quotation_may_run_over_lines():
    text = 'The report said the panel was "held\non May 23, 2017" at the institute.\nOn May 24, 2017 it closed.'
    assert rules(wording_findings(text, STYLE)) == [(3, "style-date-format", "'May 24, 2017'")]


# ---------------------------------------------------------------- style-spelling

def test_disallowed_variants_are_reported_with_the_edition_form():
    text = "Sergey Shoigu met\nthe Inter-Governmental Commission and an inter-governmental body; Alexey Dedov spoke."
    found = wording_findings(text, STYLE)
    assert rules(found) == [(1, "style-spelling", "'Sergey'"), (2, "style-spelling", "'Inter-Governmental'"),
                            (2, "style-spelling", "'inter-governmental'"), (2, "style-spelling", "'Alexey'")]
    assert [finding.hint.split("?")[0] for finding in found] == [
        "did you mean 'Sergei'", "did you mean 'Intergovernmental'", "did you mean 'intergovernmental'",
        "did you mean 'Alexei'"]


def test_quoted_variants_and_longer_words_pass():
    assert wording_findings('The op-ed\'s "inter-governmental deal" and “Sergey Shoigu” are quoted. '
                            "Sergeyev is another name, and so is Andreyev.", STYLE) == []


# ---------------------------------------------------------------- style-later-development

def test_a_later_date_in_an_unmarked_sentence_is_reported():
    text = ("Pakistan applied in 2010 (Dawn).\nThe Astana summit confirmed its membership on 9 June 2017 (TASS). "
            "It had joined as an observer in July 2005.")
    assert rules(later_findings(text, PUBLISHED)) == [(2, "style-later-development", "'9 June 2017'")]


@pytest.mark.parametrize("date", ["24 September 2016", "September 2016", "2017", "10 August 2016"])
def test_every_precision_after_publication_is_later(date: str):
    assert rules(later_findings(f"The drills began in {date}.", PUBLISHED)) == [
        (1, "style-later-development", f"'{date}'")]


@pytest.mark.parametrize("date", ["9 August 2016", "August 2016", "2016", "1971", "3 August 2016"])
def test_dates_up_to_publication_are_not_later(date: str):
    assert later_findings(f"It happened in {date}.", PUBLISHED) == []


@pytest.mark.parametrize("text", [
    "Later: the Astana summit confirmed their membership on 9 June 2017 (TASS).",
    "It began in 2015. Later: it ended in 2018.",
    "**Status.** Later: in April 2018 the two sides met (APP). On 28 May 2021 they signed a protocol.",
    "**Later.** Its fifth session met in November 2017. In April 2018 the co-chairs agreed.",
    "- Later: the second exercise was held in 2017.",
    "The figures date the source, not the fact (Dawn, 8 August 2018); see [a note](note:x-2019).",
    'The paper said it would "grow by 2030".',
    "The first phase was due by December 2017, and the base is secured until\n2042.",
    "The exercise Friendship-2017 is a name, and 2016-09-24 is a field.",
])
def test_marked_quoted_bracketed_and_prospective_dates_pass(text: str):
    assert later_findings(text, PUBLISHED) == []


def test_the_marker_belongs_to_its_own_sentence_and_paragraph():
    text = "Later: the first session met in 2017.\n\nThe second met in 2018. The U.S. envoy came in 2019."
    assert rules(later_findings(text, PUBLISHED)) == [(3, "style-later-development", "'2018'"),
                                                      (3, "style-later-development", "'2019'")]


def test_an_unreadable_publication_date_checks_nothing():
    assert later_findings("It closed in 2019.", "") == later_findings("It closed in 2019.", "2016") == []


# ---------------------------------------------------------------- a whole file

def test_file_findings_place_front_matter_and_body_findings_on_their_lines():
    meta = load_yaml('title: The Inter-Governmental Commission\nsummary: Set up on May 5, 2000.\n'
                     'dates:\n  - date: "2000"\n    label: Andrey Grechko visits\n').value
    body = "It met.\n\nIt met again in 2019.\n"
    found = file_findings(meta, body, 10, PUBLISHED, STYLE)
    assert rules(found) == [(1, "style-spelling", "'Inter-Governmental'"),
                            (2, "style-date-format", "'May 5, 2000'"),
                            (5, "style-spelling", "'Andrey'"),
                            (12, "style-later-development", "'2019'")]


# ---------------------------------------------------------------- the scan stays linear

def test_quoted_spans_pair_straight_and_curly_quotes():
    text = 'a "b" c “d” e "f'
    assert [text[start:end] for start, end in quoted_spans(text)] == ['"b"', "“d”", '"f']


def _cpu(text: str) -> float:
    return least_cpu(lambda: (wording_findings(text, STYLE), later_findings(text, PUBLISHED)), tries=5)


@pytest.mark.parametrize("unit", ["9", "August ", '"', "(", ". ", "Sergey-", "9th "])
def test_pathological_input_is_checked_in_linear_time(unit: str):
    """Long runs of the characters the patterns look for (digits, month names, quotation marks,
    brackets, full stops): four times the text costs about four times the CPU (a quadratic scan
    would cost sixteen), judged on CPU time so that a busy machine does not decide it."""
    small, large = unit * (20_000 // len(unit)), unit * (80_000 // len(unit))
    assert _cpu(large) < 8 * max(_cpu(small), 1e-3), unit


def test_nothing_of_the_house_style_is_enforced_unless_edition_yml_says_so():
    text = "On August 9, 2016 Sergey Shoigu spoke. In June 2017 India joined."
    assert wording_findings(text, HouseStyle()) == []
    assert file_findings({}, text, 1, PUBLISHED, HouseStyle()) == []
    assert [f.rule for f in file_findings({}, text, 1, PUBLISHED, STYLE)] == [
        "style-date-format", "style-spelling", "style-later-development"]


def test_a_files_findings_are_kept_for_the_text_and_are_the_same_again():
    from edition import style

    body = "The pact was signed on August 9th 2016. Later: it was renewed in 2017."
    first = style.file_findings({}, body, 10, "2016-08-09", STYLE)
    before = style._wording.cache_info().hits
    assert style.file_findings({}, body, 10, "2016-08-09", STYLE) == first
    assert style._wording.cache_info().hits == before + 1
    assert [finding.line for finding in first] == [10]
