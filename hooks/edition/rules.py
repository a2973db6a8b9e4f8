"""Every rule of the check, documented once: its id, what it means, an example message and the fix.

Each problem names its rule at the end of its message (`[quote-not-found]`). The contributing
guide lists this catalogue (`python -m edition rules` prints it as Markdown), and
`tests/test_bad_input.py` checks that every rule here has a case a contribution can break (or
says where it is tested) and that every rule a case expects is here; tests/test_contributing.py
checks that CONTRIBUTING.md lists them all.
"""

from __future__ import annotations

from typing import NamedTuple


class Rule(NamedTuple):
    """One rule of the check."""

    title: str
    example: str
    """A message as the check prints it."""
    fix: str


_N = "texts/harbour-speech/notes/p2-harbour-dues.md"
_G = "glossary/harbour-guild.md"
_M = "texts/harbour-speech/mentions.yml"
_B = "bibliography.json"

RULES: dict[str, Rule] = {
    # -- reading files
    "encoding": Rule("The file is not UTF-8 text, or starts with a byte-order mark",
                     f"{_M}:3: the file is not UTF-8 text: byte 0xe9 at line 3, column 20",
                     "Save the file as UTF-8 without BOM."),
    "file-too-large": Rule("The file is larger than its kind allows", f"{_N}:1: file is too large: '5.0 MiB'",
                           "Shorten it; a note is a few hundred words."),
    "path-symlink": Rule("A source is a symbolic link", f"{_N}:1: symbolic link not allowed: '…' -> '/etc/passwd'",
                         "Replace the link by the file itself."),
    "path-outside": Rule("A source lies outside the repository", "edition.yml:1: file is outside the project: '…'",
                         "Keep every source inside the repository."),
    "path-not-file": Rule("A source path is a folder or device", f"{_N}:1: not a regular file: 'p2-harbour-dues.md'",
                          "Make it a plain text file."),
    "path-unreadable": Rule("A source cannot be read", f"{_N}:1: file cannot be read: 'Permission denied'",
                            "Check the file's permissions."),
    # -- YAML
    "yaml-tab": Rule("A line is indented with a tab", f"{_N}:6: line 6 is indented with a tab: 'use spaces'",
                     "Indent with spaces only."),
    "yaml-indentation": Rule("A key or list item does not line up",
                             f"{_N}:9: line 9: this key is indented more than the one above it: 'exact'",
                             "Line keys of one level up under each other."),
    "yaml-unquoted-colon": Rule("A value contains ': ' without quotes",
                                f"{_G}:4: line 4: the value contains ': ', which YAML reads as a new key: …",
                                "Put the whole value in double quotes."),
    "yaml-unclosed-quote": Rule("A quoted value is never closed, or has text after its closing quote",
                                f"{_G}:4: the quotation mark opened on line 4 is never closed: …",
                                "End the value with the quotation mark it starts with."),
    "yaml-unclosed-bracket": Rule("A [list] or {mapping} on one line is not closed",
                                  f"{_G}:12: the list opened with '[' on line 12 is not closed on that line: …",
                                  "Close it, and quote items containing ', ' or ': '."),
    "yaml-reserved-character": Rule("A value starts with a character YAML reserves (@, `)",
                                    f"{_G}:4: line 4: a value cannot start with '@' in YAML: …",
                                    "Quote the value."),
    "yaml-syntax": Rule("Other malformed YAML", f"{_N}:5: malformed YAML: …", "Check indentation and quoting."),
    "yaml-too-deep": Rule("YAML nested more deeply than any source needs",
                          f"{_N}:40: YAML is nested too deeply: 'more than 32 levels'", "Flatten the structure."),
    "yaml-too-large": Rule("YAML that expands to too many values (an alias bomb)",
                           f"{_N}:9: YAML expands to too many values: 'more than 20,000'",
                           "Write values out instead of repeating blocks with aliases."),
    "yaml-duplicate-key": Rule("The same field twice in one mapping",
                               f"{_N}:12: duplicate field in front matter: 'verdict'", "Keep one of them."),
    "frontmatter-missing": Rule("The file does not start with front matter",
                                f"{_N}:1: the file does not start with a '---' line opening the YAML front matter: …",
                                "Start with '---', the fields, and another '---'."),
    "frontmatter-unclosed": Rule("The front matter is never closed",
                                 f"{_N}:1: the YAML front matter opened on line 1 is never closed: '---'",
                                 "Add a '---' line after the last field."),
    "frontmatter-shape": Rule("The front matter is not a mapping of fields",
                              f"{_N}:2: front matter must be a mapping of fields, not list: …",
                              "Write 'field: value' lines."),
    # -- schemas
    "schema-required": Rule("A required field is missing", f"{_N}:2: missing required field: 'type'",
                            "Add the field (see the template)."),
    "schema-unknown-field": Rule("A field the format does not have",
                                 f"{_N}:7: unknown field: 'verdicts' (did you mean 'verdict'?)", "Fix its name."),
    "schema-empty": Rule("A required field is empty", f"{_G}:5: empty required field: 'summary'", "Write it."),
    "schema-enum": Rule("A value outside the allowed list",
                        f"{_N}:8: unknown verdict: 'acurate' (did you mean 'accurate'?)", "Use an allowed value."),
    "schema-pattern": Rule("A value of the wrong form (id, date, URL, ORCID)",
                           f"{_N}:12: note date is not an ISO 8601 day (YYYY-MM-DD): '26/11/2026'",
                           "Write it in the form the message gives."),
    "schema-type": Rule("A value of the wrong type", f"{_G}:6: aliases must be a list: 'Moscow'",
                        "Write a list ('- item' lines) or a mapping as asked."),
    "schema-not-allowed": Rule("A field that this kind of file must not have",
                               f"{_N}:8: only fact-check notes have a verdict: 'accurate'", "Remove the field."),
    "schema": Rule("Other schema violations", f"{_N}:5: target: …", "Follow the format described in the guide."),
    # -- field hygiene
    "control-character": Rule("A control character (NUL, BEL, ESC…)",
                              f"{_G}:3: control character U+0007 <control> at character 5: 'Shoi<U+0007>gu'",
                              "Delete it."),
    "bidi-control": Rule("A bidirectional override that reorders what readers see",
                         f"{_G}:3: bidirectional override U+202E RIGHT-TO-LEFT OVERRIDE at character 1: …",
                         "Delete it."),
    "invisible-character": Rule("An invisible character (zero-width space, BOM, soft hyphen)",
                                f"{_G}:3: invisible character U+200B ZERO WIDTH SPACE at character 4: …",
                                "Delete it."),
    "markup": Rule("HTML in a plain-text field or a Markdown body (raw or entity-encoded)",
                   f"{_G}:8: HTML is not allowed here: '<img' (front matter is plain text: remove the tag)",
                   "Write plain text, or plain Markdown in bodies."),
    "markup-attribute-list": Rule("A Markdown attribute list ({style=…}, {: .class})",
                                  f"{_N}:20: attribute lists are not allowed in contributed Markdown: '{{style=…}}'",
                                  "Remove the {…} block."),
    "markup-image": Rule("An image in a body", f"{_N}:21: images are not allowed in contributed Markdown: 'x.png'",
                         "Link to the image instead."),
    "markdown-too-deep": Rule("A body nested more deeply than 16 levels (lists, quotes, open brackets)",
                              f"{_N}:20: Markdown is nested too deeply: 'more than 16 levels of lists or quotes'",
                              "Write the text out flat; close every bracket, or write a bracket that is text as \\[."),
    "paragraph-too-long": Rule("A paragraph of a body longer than 4,000 characters",
                               f"{_N}:20: paragraph is too long: 'more than 4,000 characters'",
                               "Split it with blank lines."),
    "field-too-long": Rule("A field longer than 2,000 characters", f"{_B}:14: field is too long: 'MMMM…' "
                           "(1,000,000 characters)", "Shorten it: a title, a name or a quotation is shorter."),
    "number-too-large": Rule("A number of more than 100 digits", f"{_B}:4: number is too long: '9999…' "
                             "(5,000 digits)", "Write the number the field expects, or quote text."),
    "script-url": Rule("A javascript:, data: or file: URL", f"{_G}:9: a script or data URL is not allowed here: …",
                       "Use an https:// address."),
    "placeholder": Rule("A template's TODO is still in the file",
                        f"{_G}:5: the template's placeholder is still here: 'TODO: one plain sentence…' "
                        "(write 'summary': every TODO of the template must be replaced)",
                        "Write the field the hint names."),
    "url-form": Rule("A URL that is not one whole http(s) address",
                     f"{_B}:12: URL is not a whole http(s) address: 'https://dawn.com/x\\n'",
                     "Write the address alone, nothing before or after it."),
    "date-invalid": Rule("A date that is not a real day", f"{_N}:12: date is not a real calendar day "
                         "(day is out of range for month): '2014-02-30'", "Correct the date."),
    # -- links in bodies
    "link-unknown-target": Rule("A link to an entry, note or paragraph that does not exist",
                                f"{_N}:19: unknown glossary entry in link: 'glossary:harbor-guild' "
                                "(did you mean 'harbour-guild'?)",
                                "Correct the id."),
    "link-malformed": Rule("A link whose URL has spaces, quotes or angle brackets",
                           f"{_N}:19: malformed link URL (spaces, quotes or angle brackets): …",
                           "Write `[text](https://…)`."),
    "link-scheme": Rule("A link with a scheme other than http(s), mailto, glossary:, note:, para:",
                        f"{_N}:19: link URL scheme is not allowed: 'javascript:alert(1)'", "Use https://."),
    "link-relative": Rule("A relative link", f"{_N}:19: relative link is not allowed: '../about/'",
                          "Use glossary:, note:, para: or a full URL."),
    # -- ids and pages
    "id-file-mismatch": Rule("The id differs from the file name",
                             f"{_N}:3: id does not match the file name 'p2-harbour-dues.md': 'p2-harbour'",
                             "Rename the file or change the id."),
    "id-duplicate": Rule("Two files claim one id", f"{_N}:3: duplicate note id: 'p2-harbour-dues' (also used by …)",
                         "Give one of them another id."),
    "id-page-collision": Rule("An id whose page would overwrite another page",
                              "glossary/index.md:2: this id's page 'glossary/index.md' would overwrite the glossary "
                              "index: 'index'", "Choose another id."),
    "retired-note-exists": Rule("A note listed as retired still exists",
                                "edition.yml:1: a retired note still exists: 'p2-old-dues'",
                                "Remove it from retired_notes or delete the note."),
    "retired-note-unknown": Rule("A retired note forwards to a note that does not exist",
                                 "edition.yml:1: retired note 'p2-old-dues' forwards to an unknown note: …",
                                 "Name the note that now covers it."),
    # -- quotations and mentions
    "quote-not-found": Rule("The quoted words are not in the paragraph",
                            f"{_N}:6: quotation not found in ¶4: 'freindship' (did you mean 'friendship'?)",
                            "Copy the words exactly from the paragraph."),
    "quote-context-mismatch": Rule("The prefix or suffix does not match the text around the words",
                                   f"{_N}:6: quotation not found in ¶4 with the given prefix/suffix: …",
                                   "Copy the words just before (prefix) or after (suffix) exactly."),
    "quote-ambiguous": Rule("The quoted words occur more than once in the paragraph",
                            f"{_N}:6: quotation occurs 2 times in ¶7: 'the harbour'",
                            "Add a prefix or suffix."),
    "quote-paragraph-unknown": Rule("The target paragraph does not exist",
                                    f"{_N}:5: target paragraph out of range: '12'", "Use 1 to 9, headline, byline or "
                                    "author-note."),
    "quote-crowded": Rule("More than 64 notes on the same words",
                          f"{_N}:7: more than 64 notes on the same words: 'in December 2014'",
                          "Merge the notes on these words into one."),
    "mentions-missing": Rule("A text's mentions file is missing", f"{_M}:1: mentions file not found: 'mentions.yml'",
                             "Create it (it may be []) ."),
    "mention-unknown-entry": Rule("A mention links to an entry that does not exist",
                                  f"{_M}:12: unknown glossary entry: 'harbor-guild' (did you mean 'harbour-guild'?)",
                                  "Correct the id."),
    "mention-not-alias": Rule("A mention's words are not among its entry's aliases",
                              f"{_M}:12: mention is not one of the aliases of 'harbour-guild': 'the wharfingers'",
                              "Add the words to the entry's aliases."),
    "mention-overlap": Rule("Two mentions overlap", f"{_M}:13: mention overlaps the mention on line 12: …",
                            "Link the shorter or the longer form."),
    "mention-repeated": Rule("An entry linked twice in one paragraph",
                             f"{_M}:14: entry already linked in ¶4 by the mention on line 12: 'harbour-guild'",
                             "Link only its first mention in each paragraph."),
    "entry-unmentioned": Rule("An entry the text never mentions and that names no background",
                              f"{_G}:3: entry is mentioned nowhere in the text: 'harbour-guild'",
                              "Add a mention, or background: {paragraph, sentence}."),
    # -- glossary references
    "alias-duplicate": Rule("Two entries claim one alias", f"{_G}:6: alias claimed by two entries: 'Moscow'",
                            "Keep it in one entry."),
    "reference-unknown": Rule("parties or related names an unknown entry",
                              f"{_G}:14: unknown glossary entry in related: 'harbor-guild' (did you mean 'harbour-guild'?)",
                              "Correct the id."),
    "reference-self": Rule("An entry related to, or party to, itself",
                           f"{_G}:14: an entry cannot be related to itself: 'harbour-guild'", "Remove it."),
    "reference-duplicate": Rule("The same id twice in parties or related",
                                f"{_G}:14: listed twice in related: 'harbour-guild'", "Keep one."),
    "party-not-actor": Rule("An agreement's party is not an actor",
                            "glossary/x.md:14: parties must be actors, but this is an agreement: '…'",
                            "List the actors that signed or joined it."),
    # -- sources
    "bibliography-missing": Rule("bibliography.json is missing", f"{_B}:1: bibliography not found: 'bibliography.json'",
                                 "Create it as a JSON array."),
    "bibliography-syntax": Rule("bibliography.json is not valid JSON",
                                f"{_B}:40: malformed JSON in the bibliography: Expecting ',' delimiter",
                                "Fix the JSON near that line (Zotero's CSL JSON export is always valid)."),
    "bibliography-duplicate-id": Rule("Two bibliography items with one id",
                                      f"{_B}:80: duplicate bibliography id: 'gazette-1921-03-03-harbour'",
                                      "Merge them or rename one."),
    "bibliography-duplicate-url": Rule("Two bibliography items for one page",
                                       f"{_B}:90: two bibliography items for one page: 'a' and 'b'",
                                       "Merge them; cite one key."),
    "bibliography-unused": Rule("A bibliography item no note or entry cites",
                                f"{_B}:100: bibliography item cited nowhere: 'dawn-2015-01-01-x'",
                                "Cite it, or remove it."),
    "url-tracking": Rule("A source URL carries tracking parameters",
                         f"{_B}:12: URL carries tracking parameters: 'utm_source'", "Remove them."),
    "url-host": Rule("A source URL on an IP address or a development server",
                     f"{_B}:12: URL host is an IP address, not the publisher's site: '62.67.10.19'",
                     "Cite the page at its publisher's address."),
    "url-host-in-path": Rule("A host name pasted into a URL's path (a scraping artefact)",
                             f"{_B}:12: URL has a host name inside its path: 'cdnjs.cloudflare.com'",
                             "Copy the page's address again."),
    "title-stand-in": Rule("A bracketed stand-in instead of a title",
                           f"{_B}:10: stand-in title: '[AFP report …; headline not shown]'",
                           "Give the real headline, or cite another source."),
    "title-truncated": Rule("A title cut off", f"{_B}:10: title looks cut off: 'Harbour guild to …'",
                            "Copy the whole headline."),
    "date-contradicts-url": Rule("A source's date differs from the date in its URL",
                                 f"{_B}:11: issued date 2017-11-10 differs from the date in the URL: '2022-08-31'",
                                 "Give the date the page shows, or none."),
    "source-disallowed": Rule("A source from a domain the edition does not accept",
                              f"{_B}:12: source from a domain the edition does not accept (children's encyclopedia): "
                              "'kids.britannica.com'", "Cite a newspaper of record, an official document or "
                              "scholarship."),
    "bibliography-too-large": Rule("More than 2,000 items in bibliography.json",
                                   f"{_B}:2002: the bibliography has too many items: 'more than 2,000'",
                                   "Remove the items no note cites."),
    "csl-note-variable": Rule("A CSL note with a 'key: value' line, which citeproc reads as a field",
                              f"{_B}:14: a note cannot set CSL variables: 'URL: http://203.0.113.7/x'",
                              "Give the field as a field of the item, or reword the line."),
    "csl-quotes-too-deep": Rule("Quotation marks nested more than three deep in a CSL field",
                                f"{_B}:10: quotation marks nested more than 3 deep: '“a ‘b “c ‘d …'",
                                "Remove the outer marks."),
    "citation-unknown-key": Rule("A citation names no bibliography item",
                                 f"{_N}:14: unknown bibliography key: 'gazette-1921-03-03-harbour-dues' (did you mean …?)",
                                 "Correct the key or add the item."),
    "citation-duplicate": Rule("One source cited twice by one file", f"{_N}:16: source cited twice: 'dawn-…'",
                               "Keep one citation."),
    "citation-no-evidence": Rule("A citation without the source's supporting sentence",
                                 f"{_N}:14: citation gives no supporting sentence: 'dawn-…'",
                                 "Add quote: the sentence of the source, copied exactly."),
    "note-too-long": Rule("A body longer than its type's word limit",
                          f"{_N}:18: note is longer than the 150 words allowed for a context: '182 words'",
                          "Keep to the claim and its evidence."),
    # -- house style (hooks/edition/style.py; CONTRIBUTING.md, "House style")
    "style-date-format": Rule("A date written month first or with an ordinal, outside quotation marks",
                              f"{_N}:19: date not in the house style: 'August 9, 2016' (did you mean "
                              "'9 August 2016'? Dates are written day, month, year, without ordinals)",
                              "Write '9 August 2016'; quote a source's own wording in quotation marks."),
    "style-spelling": Rule("A spelling the edition does not use, outside quotation marks",
                           f"{_G}:20: spelling the edition does not use: 'Sergey' (did you mean 'Sergei'? "
                           "Quotations keep their own spelling: put quoted words in quotation marks)",
                           "Use the edition's form ('intergovernmental'; Russian names in -ei)."),
    "style-later-development": Rule("A body sentence dating something after the text's publication, not marked "
                                    "'Later:'",
                                    f"{_N}:21: a development after the text's publication (2016-08-09) is not "
                                    "marked: 'June 2017' (begin the sentence, or its paragraph, with 'Later:': "
                                    "the author could not know it)",
                                    "Begin the sentence with 'Later:'."),
    # -- the edition
    "basetext-missing": Rule("The transcript is missing", "texts/x/source.txt:1: base text not found: 'source.txt'",
                             "Copy it in."),
    "basetext-shape": Rule("The transcript does not have a headline, its preamble and paragraphs",
                           "texts/x/source.txt:1: the transcript needs a headline, a byline, an author's note and "
                           "at least one paragraph, separated by blank lines; found 2 block(s)",
                           "Separate the blocks by blank lines, or change the text's preamble in edition.yml."),
    "basetext-checksum": Rule("The transcript differs from its recorded checksum",
                              "texts/x/source.txt:1: the transcript's SHA-256 is 9f86d0…, but edition.yml records "
                              "c7b760…", "Put the published text back and write a note; for a new or corrected "
                              "transcript, run 'edition accept TEXT-ID'."),
    "changelog-release": Rule("The changelog's newest version is not edition.yml's",
                              "CHANGELOG.md:5: newest changelog version differs from edition.yml's version …",
                              "Add a changelog entry."),
    "config-missing": Rule("A required setting of edition.yml is missing",
                           "edition.yml:1: missing required setting: 'version'", "Add it."),
    "config-value": Rule("A setting of edition.yml has the wrong form",
                         "edition.yml:20: 'apparatus' must be a mapping: …", "Correct it."),
    "config-url": Rule("The site is deployed to another address than edition.yml's url",
                       "edition.yml:4: the site is being deployed to another address than the edition's canonical "
                       "url: 'https://someone-else.github.io/fork/' (set url: … in edition.yml, or deploy to …)",
                       "Deploy to the edition's address, or change url: in edition.yml (a fork publishing its own copy)."),
    "citeproc-timeout": Rule("The build's pandoc did not format the citations in time",
                             f"{_B}:1: pandoc's citeproc did not finish within 60 seconds formatting the Chicago "
                             "citations of the items in the bibliography", "Look for an unusual item added since "
                             "the last build; the check refuses what is known to stall pandoc."),
    "handout-timeout": Rule("The build's WeasyPrint did not lay out the handout in time",
                            "texts/x/source.txt:1: WeasyPrint did not lay out the handout of 'x' within 120 "
                            "seconds", "Look for an unusual note or entry added since the last build."),
    "directive-unknown": Rule("An unknown <!-- edition:… --> directive in a hand-written page",
                              "docs/about.md:12: unknown edition directive: 'provenanse' (did you mean 'provenance'?)",
                              "Correct its name."),
}


def rules_markdown() -> str:
    """The catalogue as a Markdown table (the contributing guide includes it)."""
    rows = ["| rule | what it means | example | fix |", "| --- | --- | --- | --- |"]
    for rule_id, rule in RULES.items():
        example = rule.example.replace("|", "\\|")
        # A title may name markup ("<!-- edition:… -->"), which Markdown would take for HTML.
        title = rule.title.replace("<", "&lt;")
        rows.append(f"| `{rule_id}` | {title} | `{example}` | {rule.fix} |")
    return "\n".join(rows) + "\n"
