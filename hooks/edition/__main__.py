"""`python -m edition check [edition.yml]`: validate every source without rendering the site.

    python -m edition check                 problems as `path:line: message (hint) [rule]`
    python -m edition check --format github  GitHub Actions annotations (default when GITHUB_ACTIONS=true)
    python -m edition check --format json    one JSON document, for editors and other tools
    python -m edition rules                  every rule of the check, with an example and the fix
    python -m edition new FOLDER             start an edition: a sample text with a note, an entry, a source
    python -m edition accept TEXT-ID         record a new or corrected transcript's SHA-256 in edition.yml

Exit status: 0 when there is no problem, 1 when there are problems, 2 when the command is
used wrongly or edition.yml cannot be read.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import cast

from .config import ConfigError, deployment_problem, load_config
from .load import load_edition, source_files
from .problems import Problem
from .rules import RULES, rules_markdown
from .vocabulary import counted


def _github_escape(text: str, *, property_value: bool = False) -> str:
    """Escape a workflow-command value (GitHub's toolkit rules)."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if property_value:
        text = text.replace(":", "%3A").replace(",", "%2C")
    return text


def github_annotation(problem: Problem) -> str:
    """`::error file=…,line=…,col=…,title=<rule>::<message>` for one problem."""
    properties = [f"file={_github_escape(problem.path, property_value=True)}", f"line={problem.line}"]
    if problem.column:
        properties.append(f"col={problem.column}")
    if problem.rule:
        properties.append(f"title={_github_escape(problem.rule, property_value=True)}")
    message = problem.message + (f" ({problem.hint})" if problem.hint else "")
    if problem.cause:
        message += f" — follows from {problem.cause}"
    return f"::error {','.join(properties)}::{_github_escape(message)}"


def problem_json(problem: Problem) -> dict[str, object]:
    rule = RULES.get(problem.rule)
    return {"path": problem.path, "line": problem.line, "column": problem.column or None, "rule": problem.rule,
            "message": problem.message, "hint": problem.hint or None, "cause": problem.cause or None,
            "severity": "error", "rule_title": rule.title if rule else None}


def _one_line(text: str) -> str:
    """A value's line breaks written out, so that each problem stays on one line of the terminal."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def text_line(problem: Problem) -> str:
    """`path:line: message (hint) [rule]`, and for a knock-on problem a second line naming its cause."""
    return _one_line(str(problem)) + (f"\n    ↳ follows from {problem.cause}" if problem.cause else "")


_HTML_SPECIAL = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}
_MARKDOWN_PUNCTUATION = frozenset("\\`*_{}[]()#+-.!|~")


def _cell(text: str) -> str:
    """A value as plain text in one cell of a Markdown table row: contributors' values and file
    names go into the job summary, which GitHub renders as Markdown with HTML, so every character
    either could read as markup is escaped (HTML's as entities, Markdown's ASCII punctuation with
    a backslash, as CommonMark allows for each of them), and line breaks are written out."""
    return "".join(_HTML_SPECIAL.get(char) or (f"\\{char}" if char in _MARKDOWN_PUNCTUATION else char)
                   for char in _one_line(text))


def _summary_markdown(problems: list[Problem], counts: str) -> str:
    """The job summary a pull request's checks page shows."""
    if not problems:
        return f"### Edition check: no problems\n\n{_cell(counts)}\n"
    # The rule ids are the catalogue's own (letters and hyphens): code, as on the terminal.
    rows = "\n".join(f"| {_cell(f'{p.path}:{p.line}')} | {_cell(p.message)} | {_cell(p.hint)} | `{p.rule}` |"
                      for p in problems)
    return (f"### Edition check: {len(problems)} problem(s)\n\n{_cell(counts)}\n\n| where | what | fix | rule |\n"
            f"| --- | --- | --- | --- |\n{rows}\n")


def check(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    fmt = args.format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    try:
        config = load_config(args.config)
    except ConfigError as error:
        problems = error.problems
        edition = None
    else:
        edition = load_edition(config)
        problems = list(edition.problems)
        # What a Pages build would refuse: the address CI deploys to (SITE_URL) is not the edition's.
        deployment = deployment_problem(config, os.environ.get("SITE_URL", ""))
        if deployment is not None:
            problems.append(deployment)
    elapsed = time.perf_counter() - started
    counts = ""
    summary: dict[str, object] = {"problems": len(problems)}
    if edition is not None:
        summary |= {"glossary_entries": len(edition.glossary), "notes": sum(len(t.notes) for t in edition.texts),
                    "mentions": sum(len(t.mentions) for t in edition.texts),
                    "sources": len(edition.bibliography.references), "texts": len(edition.texts)}
        # Files whose problems keep them out of the edition are counted apart, so that "0 notes"
        # never describes a folder of notes with a mistake in one.
        set_apart = {"glossary_entries": len(source_files(config.glossary)) - len(edition.glossary),
                     "notes": sum(len(source_files(text.notes)) for text in config.texts) - cast(int, summary["notes"])}

        def count(key: str, singular: str, plural: str = "") -> str:
            number = cast(int, summary[key])
            apart = set_apart.get(key, 0)
            return counted(number, singular, plural) + (f" (and {apart} with problems)" if apart > 0 else "")

        counts = ", ".join((count("glossary_entries", "glossary entry", "glossary entries"), count("notes", "note"),
                            count("mentions", "mention"), count("sources", "source"), count("texts", "text")))
    if fmt == "json":
        print(json.dumps({"problems": [problem_json(p) for p in problems], "summary": summary, "counts": counts,
                          "seconds": round(elapsed, 3)}, ensure_ascii=False, indent=2))
    elif fmt == "github":
        for problem in problems:
            print(github_annotation(problem))
        summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
        if summary_file:
            with open(summary_file, "a", encoding="utf-8") as handle:
                handle.write(_summary_markdown(problems, counts))
    else:
        for problem in problems:
            print(text_line(problem), file=sys.stderr)
    if fmt != "json" and not args.quiet:
        verdict = f"{len(problems)} problem(s)" if problems else "no problems"
        print("; ".join(part for part in (f"edition check: {verdict}", counts, f"{elapsed:.2f}s") if part),
              file=sys.stderr if problems else sys.stdout)
    if edition is None:
        return 2
    return 1 if problems else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    checking = commands.add_parser("check", help="validate glossary, notes, mentions, bibliography and base texts")
    checking.add_argument("config", nargs="?", default="edition.yml", type=Path, help="path to edition.yml")
    checking.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    checking.add_argument("--format", choices=("text", "github", "json"),
                          help="output format (default: github under GitHub Actions, else text)")
    commands.add_parser("rules", help="print every rule of the check as Markdown")
    starting = commands.add_parser("new", help="write a new edition (a sample text with a note, an entry and a "
                                               "source) into an empty folder")
    starting.add_argument("folder", type=Path, help="the folder to create (it must not exist, or be empty)")
    accepting = commands.add_parser("accept", help="record the SHA-256 of a new or corrected transcript in edition.yml")
    accepting.add_argument("text", help="the text's id in edition.yml")
    accepting.add_argument("--config", default="edition.yml", type=Path, help="path to edition.yml")
    args = parser.parse_args(argv)
    if args.command == "rules":
        print(rules_markdown(), end="")
        return 0
    if args.command in ("new", "accept"):
        return _scaffold(args)
    return check(args)


def _scaffold(args: argparse.Namespace) -> int:
    from .scaffold import ScaffoldError, accept_transcript, new_edition

    try:
        if args.command == "new":
            written = new_edition(args.folder)
            print(f"edition new: wrote {len(written)} files into {args.folder}. Next:\n"
                  f"  cd {args.folder}\n  edition check\n  mkdocs serve --dirty")
        else:
            accepted = accept_transcript(args.config, args.text)
            if accepted.previous == accepted.sha256:
                print(f"edition accept: '{accepted.text}' already records SHA-256 {accepted.sha256}")
            else:
                print(f"edition accept: recorded the SHA-256 of {accepted.transcript.name} for '{accepted.text}' "
                      f"in {args.config}:\n  was {accepted.previous or '(none)'}\n  now {accepted.sha256}")
    except ScaffoldError as error:
        print(f"edition {args.command}: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
