"""`python -m edition check [edition.yml]`: validate every source without rendering the site."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from .config import ConfigError, load_config
from .load import load_edition


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m edition", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate glossary, notes, mentions and base texts")
    check.add_argument("config", nargs="?", default="edition.yml", type=Path, help="path to edition.yml")
    check.add_argument("-q", "--quiet", action="store_true", help="print problems only")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    try:
        config = load_config(args.config)
    except ConfigError as error:
        print(error, file=sys.stderr)
        return 2
    edition = load_edition(config)
    for problem in edition.problems:
        print(problem, file=sys.stderr)
    elapsed = time.perf_counter() - started
    if not args.quiet:
        counts = (f"{len(edition.glossary)} glossary entries, "
                  f"{sum(len(t.notes) for t in edition.texts)} notes, "
                  f"{sum(len(t.mentions) for t in edition.texts)} mentions, {len(edition.texts)} text(s)")
        verdict = f"{len(edition.problems)} problem(s)" if edition.problems else "no problems"
        print(f"edition check: {verdict}; {counts}; {elapsed:.2f}s",
              file=sys.stderr if edition.problems else sys.stdout)
    return 1 if edition.problems else 0


if __name__ == "__main__":
    sys.exit(main())
