"""The article page side by side with a plain Material page of the same text (`make bench`).

Issue #17 sets the target relative to plain Material rather than as an absolute score, so that the
machine, the Lighthouse version and the network model cancel out. In one run this module

1. builds the edition as `make build` does, and a *plain page*: a one-page MkDocs project whose
   only page is the base text (`texts/<text>/source.txt`, which is Markdown), with the same MkDocs,
   the same Material and the same theme settings (name, palette with its toggle, fonts, language)
   and Material's search plugin, but none of the edition's hooks, templates, styles or scripts;
2. serves both from the same kind of server, text gzip-compressed (as GitHub Pages serves it);
3. records every response each page receives in Chromium until the network is idle (bytes at load);
4. runs Lighthouse 12 alternately on the two pages (edition, plain, edition, plain…), mobile and
   desktop, and prints the medians and the ratios;
5. measures, in Chromium with the CPU slowed down 4x (Lighthouse's mobile setting), how long a
   tooltip on the article takes to answer: from the input event (pointer moved onto a glossary
   mention; Tab onto one) to the first frame in which its tooltip is visible.

`check_targets` turns the numbers into the verdicts the issue asks for.
"""

from __future__ import annotations

import contextlib
import gzip
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT / "tests") not in sys.path:
    sys.path.insert(0, str(ROOT / "tests"))

from browser_support import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402

LIGHTHOUSE = "lighthouse@12.2.3"
BENCH_DIR = ROOT / ".bench"
TEXT = "rekindled-pak-russia-relations"

# The targets of issue #25 (which revised those of #17).
TARGET_BYTES_RATIO = 1.6
"""Bytes transferred at load: the article at most this many times the plain page's."""
TARGET_MOBILE_POINTS = 2
"""The article's mobile performance median at most this many points under the plain page's, in
the same run (Lantern's simulated first paint moves ±0.4 s between runs of one page)."""
TARGET_DESKTOP = 100
TARGET_OTHER_CATEGORIES = 100
"""Accessibility, best practices and SEO of the article page."""
TARGET_CLS = 0.0
"""Layout shift of the article, on both profiles."""
TARGET_LATENCY_MS = 50.0
"""A tooltip, or a note in its sheet, answers within this long under the 4x CPU slowdown."""

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
LIGHTHOUSE_METRICS = {
    "FCP": "first-contentful-paint", "LCP": "largest-contentful-paint", "TBT": "total-blocking-time",
    "SI": "speed-index", "CLS": "cumulative-layout-shift",
}


def build_env(project: Path) -> dict[str, str]:
    """The environment `make build` gives MkDocs, without CI's SITE_URL/REPO_URL/EDIT_URI."""
    env = {k: v for k, v in os.environ.items() if k not in {"SITE_URL", "REPO_URL", "EDIT_URI"}}
    return env | {"NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project / "hooks")}


def mkdocs_build(project: Path, site: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file",
                             str(project / "mkdocs.yml"), "--site-dir", str(site)],
                            cwd=project, env=build_env(project), capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{result.stdout[-1500:]}{result.stderr[-2500:]}")


# --- The plain page ---------------------------------------------------------------------------

class _TolerantLoader(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving MkDocs' own tags (!ENV, !relative)."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None)

THEME_KEYS = ("name", "language", "font", "palette")
"""What the plain page takes over from the edition's theme: what Material itself offers and any
Material site would set. Not custom_dir (the edition's templates), not features (the edition's
choice of Material's optional components)."""


def plain_config(edition_config: dict) -> dict:
    theme = {key: edition_config["theme"][key] for key in THEME_KEYS if key in edition_config["theme"]}
    return {"site_name": edition_config["site_name"], "theme": theme, "plugins": ["search"],
            "use_directory_urls": True}


def make_plain_project(root: Path, work: Path) -> Path:
    """A one-page Material project whose page is the base text, with the edition's theme settings."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    project = work / "plain-project"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "mkdocs.yml").write_text(yaml.safe_dump(plain_config(config), sort_keys=False), encoding="utf-8")
    shutil.copyfile(root / "texts" / TEXT / "source.txt", project / "docs" / "index.md")
    return project


# --- Serving ----------------------------------------------------------------------------------

COMPRESSED_TYPES = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves text files gzip-compressed when the client accepts it, as GitHub Pages does."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepts = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts and path.is_file() and path.suffix in COMPRESSED_TYPES):
            super().do_GET()
            return
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def served(site: Path) -> contextlib.AbstractContextManager[str]:
    """The site served gzip-compressed; the context's value is its address."""
    return serve(site, GzipHandler)


# --- Bytes at load ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Transfer:
    """One response a page loaded."""

    path: str
    kind: str
    """Playwright's resource type: document, stylesheet, script, fetch…"""
    size: int
    """Body bytes after decoding (the file's size)."""
    wire: int
    """Body bytes as transferred (gzip-compressed for text)."""


def transfers(url: str) -> list[Transfer]:
    """Every response Chromium receives while loading `url`, until the network has been idle for a
    second (Material's search worker starts after load)."""
    from playwright.sync_api import sync_playwright

    found: list[Transfer] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context()
        responses = []
        context.on("response", lambda response: responses.append(response))
        page = context.new_page()
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(1500)
        for response in responses:
            try:
                body = response.body()
            except Exception:  # noqa: BLE001 - redirects and aborted requests have no body
                continue
            length = response.headers.get("content-length")
            wire = int(length) if length else response.request.sizes()["responseBodySize"]
            found.append(Transfer(response.url.removeprefix(url) or "(the page)", response.request.resource_type,
                                  len(body), wire))
        browser.close()
    return found


# --- Lighthouse -------------------------------------------------------------------------------

@dataclass(frozen=True)
class LighthouseRun:
    scores: dict[str, int]
    """Category scores, 0-100."""
    metrics: dict[str, float]
    """FCP, LCP, SI and TBT in ms; CLS unitless."""


def lighthouse_binary() -> Path | str:
    """Lighthouse 12 installed from npm into .bench/, or why it could not be."""
    if shutil.which("npm") is None:
        return "npm is not installed"
    binary = BENCH_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        install = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(BENCH_DIR), LIGHTHOUSE],
                                 capture_output=True, text=True, timeout=900)
        if install.returncode != 0 or not binary.exists():
            return f"`npm install {LIGHTHOUSE}` failed: {install.stderr.strip()[-500:]}"
    return binary


def lighthouse(binary: Path, url: str, report: Path, flags: tuple[str, ...] = ()) -> LighthouseRun:
    result = subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={report}",
                             f"--only-categories={','.join(CATEGORIES)}", *flags,
                             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                            capture_output=True, text=True, timeout=600, env=os.environ | {"CHROME_PATH": str(CHROMIUM)})
    if result.returncode != 0 or not report.exists():
        raise RuntimeError(f"lighthouse failed on {url}: {result.stderr.strip()[-800:]}")
    data = json.loads(report.read_text(encoding="utf-8"))
    return LighthouseRun(
        {key: round(100 * category["score"]) for key, category in data["categories"].items()
         if category.get("score") is not None},
        {short: data["audits"][audit]["numericValue"] for short, audit in LIGHTHOUSE_METRICS.items()})


# --- Tooltip latency --------------------------------------------------------------------------

# Runs in the page: waits for the next input event of `kind` on or into `selector`'s element and
# resolves with the milliseconds from that event's timestamp to the first animation frame in which
# a visible tooltip describes the element (role=tooltip, linked by aria-describedby), or with
# `what` "sheet", in which the note's sheet is open with the element's note in it. With `from`
# "dispatch" the clock starts when the page receives the event, not at its timestamp (a tap's
# click carries the time of the tap itself).
_LATENCY_PROBE = """([selector, kind, what, from]) => new Promise((resolve, reject) => {
  const host = document.querySelector(selector);
  if (!host) { reject(new Error("no element " + selector)); return; }
  const sheetShown = () => {
    const sheet = document.querySelector(".edition-note-popover:popover-open");
    const note = sheet && sheet.querySelector("li.edition-note[data-note]");
    return Boolean(note && note.getAttribute("data-note") === host.getAttribute("data-note")
      && sheet.getBoundingClientRect().height > 0 && getComputedStyle(sheet).visibility !== "hidden");
  };
  const shown = what === "sheet" ? sheetShown : () => {
    const id = host.getAttribute("aria-describedby");
    const tip = id && document.getElementById(id);
    if (!tip || tip.getAttribute("role") !== "tooltip") return false;
    const box = tip.getBoundingClientRect(), inner = tip.firstElementChild || tip;
    return getComputedStyle(tip).visibility !== "hidden" && inner.getBoundingClientRect().height > 0
      && getComputedStyle(tip).display !== "none" && box.width > 0;
  };
  const timeout = setTimeout(() => reject(new Error("no tooltip within 3 s for " + selector)), 3000);
  const listener = (event) => {
    // A key goes to the element focused before it; a pointer event to the element under it.
    if (kind !== "keydown" && event.target !== host && !host.contains(event.target)) return;
    window.removeEventListener(kind, listener, true);
    const start = from === "dispatch" ? performance.now() : event.timeStamp;
    const frame = () => {
      if (shown()) { clearTimeout(timeout); resolve(performance.now() - start); }
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  };
  window.addEventListener(kind, listener, true);
})"""

# Arms the probe without waiting for it (Playwright would await a returned promise).
_ARM = "(args) => { window.__probe = (" + _LATENCY_PROBE + ")(args); }"


@dataclass
class Latencies:
    hover: list[float] = field(default_factory=list)
    focus: list[float] = field(default_factory=list)
    tap: list[float] = field(default_factory=list)
    """A marker tapped on a phone: from the click it makes to its note shown in the sheet."""
    lift: list[float] = field(default_factory=list)
    """The same taps from the finger's lift (pointerup): Chromium's own handling of a tap before
    the click (focus, a frame) included. Reported, not judged."""
    error: str | None = None

    def worst(self) -> float:
        values = self.hover + self.focus + self.tap
        return max(values) if values else float("inf")

    def p75(self) -> float:
        """The 75th percentile of every interaction measured: what the target is judged on, as
        Core Web Vitals judge Interaction to Next Paint (a rare slow frame of a busy machine is
        shown as the worst, not taken for the page's answer time)."""
        values = self.hover + self.focus + self.tap
        if not values:
            return float("inf")
        if len(values) == 1:
            return values[0]
        return statistics.quantiles(values, n=4, method="inclusive")[2]


def tooltip_latencies(url: str, hosts: int = 8) -> Latencies:
    """Hover and Tab onto the first `hosts` glossary mentions of the article, CPU slowed down 4x."""
    from playwright.sync_api import sync_playwright

    result = Latencies()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 412, "height": 823}, has_touch=False)
        cdp = page.context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        page.goto(url, wait_until="networkidle")
        page.wait_for_timeout(500)
        count = min(hosts, page.locator(".edition-text a[data-entry]").count())
        if count == 0:
            result.error = "no glossary mention found on the article page"
            return result
        try:
            for index in range(count):
                selector = f'.edition-text a[data-entry] >> nth={index}'
                handle = page.locator(selector)
                handle.scroll_into_view_if_needed()
                page.mouse.move(1, 1)
                page.wait_for_timeout(400)
                page.evaluate("(el) => el.setAttribute('data-bench-host', '')", handle.element_handle())
                page.evaluate(_ARM, ['[data-bench-host]', "pointerover", "tooltip", "event"])
                # The middle of the element's first line box (a mention may wrap onto two lines).
                x, y = page.evaluate("(el) => { const r = el.getClientRects()[0]; "
                                     "return [r.left + r.width / 2, r.top + r.height / 2]; }", handle.element_handle())
                page.mouse.move(x, y)
                result.hover.append(page.evaluate("() => window.__probe"))
                page.mouse.move(1, 1)
                page.keyboard.press("Escape")
                page.wait_for_timeout(400)
                # Focus the element before the host, then Tab onto the host.
                page.evaluate("""(el) => {
                  const all = [...document.querySelectorAll('a[href], button, input, summary, [tabindex]')]
                    .filter(e => e.tabIndex >= 0 && e.offsetParent !== null);
                  const before = all[all.indexOf(el) - 1];
                  (before || document.body).focus();
                }""", handle.element_handle())
                page.evaluate(_ARM, ['[data-bench-host]', "keydown", "tooltip", "event"])
                page.keyboard.press("Tab")
                result.focus.append(page.evaluate("() => window.__probe"))
                page.keyboard.press("Escape")
                page.evaluate("() => document.querySelector('[data-bench-host]').removeAttribute('data-bench-host')")
        except Exception as error:  # noqa: BLE001 - reported, not raised: the other numbers still count
            result.error = str(error).splitlines()[0]
        try:
            result.tap, result.lift = note_latencies(browser, url, hosts)
        except Exception as error:  # noqa: BLE001 - as above
            result.error = result.error or str(error).splitlines()[0]
        browser.close()
    return result


def note_latencies(browser: Any, url: str, markers: int) -> tuple[list[float], list[float]]:
    """Tap `markers` note markers of the article on a phone (412 px, touch), CPU slowed down 4x:
    from the click the tap makes (the input that opens a note, as a pointer over a mention opens
    its tooltip) to the first frame showing the note in its sheet. Each marker is first scrolled
    to the lower half of the screen, where a reader meets most of them."""
    context = browser.new_context(viewport={"width": 412, "height": 823}, has_touch=True, is_mobile=True)
    page = context.new_page()
    cdp = page.context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    times: dict[str, list[float]] = {"click": [], "pointerup": []}
    links = page.locator(".edition-text a.edition-marker__link[data-note]")
    # Every third marker, spread over the text, and never past the last one.
    for index in range(min(markers, (links.count() + 2) // 3)):
        link = links.nth(index * 3)
        for kind in times:
            link.evaluate("el => { el.setAttribute('data-bench-host', ''); "
                          "window.scrollBy(0, el.getBoundingClientRect().top - innerHeight * 0.65); }")
            page.wait_for_timeout(400)
            # The click from its dispatch (the time before it is Chromium's own); the lift from its timestamp.
            page.evaluate(_ARM, ['[data-bench-host]', kind, "sheet", "dispatch" if kind == "click" else "event"])
            x, y = link.evaluate("el => { const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2]; }")
            page.touchscreen.tap(x, y)
            times[kind].append(page.evaluate("() => window.__probe"))
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
            page.evaluate("() => document.querySelector('[data-bench-host]').removeAttribute('data-bench-host')")
    context.close()
    return times["click"], times["pointerup"]


# --- The comparison ---------------------------------------------------------------------------

@dataclass
class SideBySide:
    edition_bytes: list[Transfer]
    plain_bytes: list[Transfer]
    lighthouse: dict[tuple[str, str], list[LighthouseRun]]
    """(page, profile) -> runs; page is 'edition' or 'plain', profile 'mobile' or 'desktop'."""
    latencies: Latencies
    lighthouse_error: str | None = None

    def median(self, page: str, profile: str, category: str) -> float:
        return statistics.median(run.scores[category] for run in self.lighthouse[(page, profile)])

    def bytes_ratio(self) -> float:
        return sum(t.wire for t in self.edition_bytes) / sum(t.wire for t in self.plain_bytes)


def check_targets(result: SideBySide) -> list[tuple[str, bool]]:
    """Each target of issue #17 with whether it is met."""
    verdicts = [(f"bytes at load <= {TARGET_BYTES_RATIO}x plain Material's "
                 f"({result.bytes_ratio():.2f}x)", result.bytes_ratio() <= TARGET_BYTES_RATIO)]
    if result.lighthouse:
        edition_mobile = result.median("edition", "mobile", "performance")
        plain_mobile = result.median("plain", "mobile", "performance")
        verdicts.append((f"mobile performance median within {TARGET_MOBILE_POINTS} points of plain Material's "
                         f"({edition_mobile:.0f} vs {plain_mobile:.0f})",
                         edition_mobile >= plain_mobile - TARGET_MOBILE_POINTS))
        desktop = result.median("edition", "desktop", "performance")
        verdicts.append((f"desktop performance median {TARGET_DESKTOP} ({desktop:.0f})", desktop >= TARGET_DESKTOP))
        for category in CATEGORIES[1:]:
            worst = min(result.median("edition", profile, category) for profile in ("mobile", "desktop"))
            verdicts.append((f"{category} {TARGET_OTHER_CATEGORIES} ({worst:.0f})", worst >= TARGET_OTHER_CATEGORIES))
        shift = max(run.metrics["CLS"] for profile in ("mobile", "desktop")
                    for run in result.lighthouse[("edition", profile)])
        verdicts.append((f"layout shift {TARGET_CLS:g} on both profiles (worst run {shift:.3f})", shift <= TARGET_CLS))
    p75, worst = result.latencies.p75(), result.latencies.worst()
    verdicts.append((f"tooltip and note in its sheet answer within {TARGET_LATENCY_MS:.0f} ms under 4x CPU "
                     f"slowdown (75th percentile {p75:.0f} ms, worst {worst:.0f} ms)", p75 <= TARGET_LATENCY_MS))
    return verdicts


def kib(size: float) -> str:
    return f"{size / 1024:.1f} KiB"


def print_bytes(name: str, items: list[Transfer]) -> None:
    print(f"  {name}: {kib(sum(t.wire for t in items))} transferred, {kib(sum(t.size for t in items))} decoded, "
          f"{len(items)} responses")
    for item in sorted(items, key=lambda t: -t.wire):
        print(f"      {kib(item.wire):>10}  {item.kind:<10} {item.path}")


def run(work: Path, runs: int = 3, use_lighthouse: bool = True) -> SideBySide:
    edition_site, plain_site = work / "edition-site", work / "plain-site"
    print("building the edition and the plain Material page of the same text…", flush=True)
    mkdocs_build(ROOT, edition_site)
    mkdocs_build(make_plain_project(ROOT, work), plain_site)
    with served(edition_site) as edition_url, served(plain_site) as plain_url:
        result = SideBySide(transfers(edition_url), transfers(plain_url), {}, Latencies())
        if use_lighthouse:
            binary = lighthouse_binary()
            if isinstance(binary, str):
                result.lighthouse_error = binary
            else:
                BENCH_DIR.mkdir(exist_ok=True)
                for number in range(1, runs + 1):
                    for profile, flags in (("mobile", ()), ("desktop", ("--preset=desktop",))):
                        for page, url in (("edition", edition_url), ("plain", plain_url)):
                            print(f"lighthouse {profile} run {number}/{runs}: {page}", flush=True)
                            report = BENCH_DIR / f"lighthouse-{page}-{profile}-{number}.json"
                            result.lighthouse.setdefault((page, profile), []).append(
                                lighthouse(binary, url, report, flags))
        result.latencies = tooltip_latencies(edition_url)
    return result


def report(result: SideBySide) -> bool:
    """Print the comparison; True when every target is met."""
    print("\nBytes at load (until the network is idle), text gzip-compressed as GitHub Pages serves it")
    print_bytes("article page", result.edition_bytes)
    print_bytes("plain Material page", result.plain_bytes)
    print(f"  ratio: {result.bytes_ratio():.2f}x")
    if result.lighthouse_error:
        print(f"\nLighthouse: not measured: {result.lighthouse_error}")
    elif result.lighthouse:
        runs = len(result.lighthouse[("edition", "mobile")])
        print(f"\nLighthouse ({LIGHTHOUSE}, simulated throttling), median of {runs} alternating runs [each run]")
        for profile in ("mobile", "desktop"):
            print(f"  {profile}")
            for category in CATEGORIES:
                cells = []
                for page in ("edition", "plain"):
                    values = [run.scores[category] for run in result.lighthouse[(page, profile)]]
                    cells.append(f"{page} {statistics.median(values):>3.0f} {values}")
                print(f"    {category:<15} " + "   ".join(cells))
            for page in ("edition", "plain"):
                medians = {short: statistics.median(run.metrics[short] for run in result.lighthouse[(page, profile)])
                           for short in LIGHTHOUSE_METRICS}
                print(f"    {page:<8} metrics: " + ", ".join(
                    f"{short} {value:.3f}" if short == "CLS" else f"{short} {value:.0f} ms"
                    for short, value in medians.items()))
    latencies = result.latencies
    print("\nTooltips and notes on the article, CPU slowed down 4x (input event to the first frame showing it)")
    if latencies.error:
        print(f"  error: {latencies.error}")
    for name, values in (("hover", latencies.hover), ("Tab", latencies.focus), ("tap", latencies.tap),
                         ("lift", latencies.lift)):
        if values:
            print(f"  {name:<6} median {statistics.median(values):.0f} ms, worst {max(values):.0f} ms "
                  f"over {len(values)} {'mentions' if name in ('hover', 'Tab') else 'markers'}"
                  + (" (from the finger's lift: reported, not judged)" if name == "lift" else ""))
    print("\nTargets (issue #25)")
    verdicts = check_targets(result)
    for text, ok in verdicts:
        print(f"  {'ok    ' if ok else 'MISSED'} {text}")
    return all(ok for _, ok in verdicts)
