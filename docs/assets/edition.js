/* The edition's enhancements of the article page and the reading controls. Everything works
   without this file: notes are endnotes reached by real links, citations are plain text, the
   glossary's summaries are link titles.

   - Reading controls (all notes / fact-checks only / clean text), remembered across pages in
     localStorage and applied as data-edition-reading on <html> (set early by overrides/main.html).
   - Margin notes on wide screens: each note is moved from the endnotes beside its marker and
     collapsed to its title and opening lines; moved back when the screen narrows. Each note is
     in the page once, wherever it is shown.
   - Notes in place on narrow screens: a marker opens its note in a popover over the text;
     closing it (button, Escape, a tap outside) returns the note and the focus to where they were.
   - The citation panel opened over the page for one paragraph; copy buttons; highlights. */
(function () {
  "use strict";

  var MODES = ["all", "fact-checks", "clean"];
  var KEY = "edition.reading";
  var WIDE = window.matchMedia("(min-width: 76.25em)");
  var root = document.documentElement;

  function each(selector, scope, fn) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  /* ------------------------------------------------------------ reading controls */

  function mode() {
    var value = root.getAttribute("data-edition-reading");
    return MODES.indexOf(value) >= 0 ? value : "all";
  }

  function setMode(value) {
    if (MODES.indexOf(value) < 0) value = "all";
    root.setAttribute("data-edition-reading", value);
    try { localStorage.setItem(KEY, value); } catch (error) { /* private mode: not remembered */ }
    each('input[name="edition-reading"]', document, function (input) { input.checked = input.value === value; });
    layout();
  }

  function setupControls() {
    each(".edition-reading", document, function (controls) {
      controls.hidden = false;
      each('input[name="edition-reading"]', controls, function (input) {
        input.checked = input.value === mode();
        input.addEventListener("change", function () { if (input.checked) setMode(input.value); });
      });
    });
  }

  /* ------------------------------------------------------------ the notes, built after load

     The endnotes arrive inside <noscript> (partials/endnotes.html): unparsed text while the
     page loads. They are built here a few at a time, each batch in a task of its own, so that
     no long task holds the page up; at once when one is needed now. */

  var pendingNotes = null;   /* {holder, ol, chunks} while notes are still to be built */

  function startNotes() {
    var holder = document.querySelector("noscript[data-edition-notes]");
    if (!holder) return false;
    var markup = holder.textContent;
    var first = markup.indexOf('<li id="note-');
    var close = markup.lastIndexOf("</ol>");
    if (first < 0 || close < 0) { holder.insertAdjacentHTML("afterend", markup); holder.remove(); return true; }
    /* Raw HTML is never published from a note's Markdown, so '<li id="note-' starts a note. */
    var chunks = markup.slice(first, close).split(/(?=<li id="note-)/);
    holder.insertAdjacentHTML("afterend", markup.slice(0, first) + markup.slice(close));
    var section = holder.nextElementSibling;
    holder.remove();
    pendingNotes = { ol: section.querySelector("ol.edition-notes"), chunks: chunks };
    return true;
  }

  function buildNotes(count) {
    if (!pendingNotes) return;
    var batch = pendingNotes.chunks.splice(0, count || pendingNotes.chunks.length);
    pendingNotes.ol.insertAdjacentHTML("beforeend", batch.join(""));
    if (pendingNotes.chunks.length) return;
    pendingNotes = null;
    notesReady();
  }

  /* Every note, now (a marker was used, a note is the target, the page is printed). */
  function ensureNotes() {
    if (pendingNotes) buildNotes();
  }

  /* One note per task while the browser is idle (a note is a few dozen elements: a task well
     under the 50 ms that would make it a long one, also on a slow phone). */
  var idle = window.requestIdleCallback || function (callback) {
    return setTimeout(function () { callback({ timeRemaining: function () { return 0; } }); }, 0);
  };

  function buildNotesInTheBackground() {
    idle(function (deadline) {
      if (!pendingNotes) return;
      do { buildNotes(1); } while (pendingNotes && deadline.timeRemaining() > 10);
      if (pendingNotes) buildNotesInTheBackground();
    });
  }

  function notesReady() {
    endnotes = document.querySelector(".edition-endnotes ol.edition-notes");
    layout();
    markTarget();
    root.setAttribute("data-edition-notes", "ready");
    document.dispatchEvent(new CustomEvent("edition:notes"));
  }

  /* ------------------------------------------------------------ margin notes */

  var text = null;        /* .edition-text */
  var endnotes = null;    /* the endnotes' <ol> */
  var margin = null;      /* the margin's <ol> */
  var moved = null;       /* the line saying where the notes went */

  function notes() {
    return Array.prototype.slice.call(document.querySelectorAll("li.edition-note"))
      .sort(function (a, b) { return a.value - b.value; });
  }

  function marker(note) {
    return document.getElementById("noteref-" + note.id.replace(/^note-/, ""));
  }

  function shown(note) {
    var m = marker(note);
    return m && m.offsetParent !== null;
  }

  function addToggle(note) {
    if (note.querySelector(".edition-note__toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "edition-note__toggle";
    button.setAttribute("aria-expanded", "false");
    button.textContent = "▾";
    var title = note.querySelector(".edition-note__title").textContent;
    button.setAttribute("aria-label", "Read the whole note " + title);
    button.addEventListener("click", function () {
      var open = note.classList.toggle("is-expanded");
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "▴" : "▾";
      button.setAttribute("aria-label", (open ? "Collapse the note " : "Read the whole note ") + title);
      position();
    });
    note.querySelector(".edition-note__head").appendChild(button);
  }

  function toMargin() {
    if (!margin) {
      margin = document.createElement("ol");
      margin.className = "edition-sidenotes";
      margin.setAttribute("aria-label", "Notes");
      margin.setAttribute("data-apparatus", "");
      margin.setAttribute("data-search-exclude", "");
      text.appendChild(margin);
    }
    notes().forEach(function (note) {
      addToggle(note);
      margin.appendChild(note);
    });
    if (!moved) {
      moved = document.createElement("p");
      moved.className = "edition-endnotes__moved";
      moved.textContent = "The notes stand in the margin beside the text.";
    }
    endnotes.parentNode.insertBefore(moved, endnotes);
    root.classList.add("edition-has-sidenotes");
    position();
  }

  function toEndnotes() {
    if (!root.classList.contains("edition-has-sidenotes")) return;  /* already there: touch nothing */
    notes().forEach(function (note) {
      note.style.top = "";
      endnotes.appendChild(note);
    });
    if (moved && moved.parentNode) moved.parentNode.removeChild(moved);
    root.classList.remove("edition-has-sidenotes");
    if (text) text.style.minHeight = "";
  }

  /* Each visible margin note at the height of its marker, pushed down below the one above. */
  function position() {
    if (!margin || !margin.isConnected || !root.classList.contains("edition-has-sidenotes")) return;
    var origin = text.getBoundingClientRect().top;
    var bottom = 0;
    notes().forEach(function (note) {
      if (!shown(note)) { note.style.top = ""; return; }
      var wanted = marker(note).getBoundingClientRect().top - origin - 4;
      var top = Math.max(wanted, bottom);
      note.style.top = top + "px";
      bottom = top + note.offsetHeight + 12;
    });
    text.style.minHeight = bottom + "px";
  }

  function layout() {
    if (!text || !endnotes) return;
    if (WIDE.matches && mode() !== "clean") {
      toMargin();
    } else {
      toEndnotes();
    }
  }

  /* ------------------------------------------------------------ notes in place (narrow screens) */

  var popover = null;
  var opened = null;   /* {note, marker, home, next} while a note is shown in place */

  /* Make `element` a dialog popover (Escape, a click outside or its × button closes it) whose
     close button reads `label`; `onClose` runs each time it closes. */
  function dialogPopover(element, label, buttonClass, onClose) {
    element.setAttribute("popover", "auto");
    element.setAttribute("role", "dialog");
    var close = document.createElement("button");
    close.type = "button";
    close.className = buttonClass;
    close.setAttribute("aria-label", label);
    close.textContent = "\u00d7";
    close.addEventListener("click", function () { element.hidePopover(); });
    element.insertBefore(close, element.firstChild);
    element.addEventListener("toggle", function (event) {
      if (event.newState === "closed") onClose();
    });
  }

  function makePopover() {
    popover = document.createElement("div");
    popover.id = "edition-note-popover";
    popover.className = "edition-note-popover";
    popover.setAttribute("data-apparatus", "");
    var list = document.createElement("ol");
    list.className = "edition-note-popover__list";
    popover.appendChild(list);
    dialogPopover(popover, "Close the note", "edition-note-popover__close", restore);
    (document.querySelector(".md-content .md-typeset") || document.body).appendChild(popover);
  }

  function restore() {
    if (!opened) return;
    var state = opened;
    opened = null;
    state.home.insertBefore(state.note, state.next);
    state.marker.focus({ preventScroll: true });
  }

  function openInPlace(link, event) {
    ensureNotes();
    if (WIDE.matches || typeof HTMLElement.prototype.showPopover !== "function") return;
    var note = document.getElementById("note-" + link.getAttribute("data-note"));
    if (!note) return;
    event.preventDefault();
    if (!popover) makePopover();
    if (opened) popover.hidePopover();
    opened = { note: note, marker: link, home: note.parentNode, next: note.nextSibling };
    popover.querySelector("ol").appendChild(note);
    popover.setAttribute("aria-label", link.getAttribute("aria-label"));
    popover.showPopover();
    popover.querySelector(".edition-note-popover__close").focus({ preventScroll: true });
  }

  /* ------------------------------------------------------------ filters (claims, timeline) */

  function setupFilters() {
    each(".edition-claims__filter", document, function (filter) {
      filter.hidden = false;
      filter.addEventListener("change", function (event) {
        var value = event.target.value;
        each("table.edition-claims tbody tr", document, function (row) {
          row.hidden = value !== "all" && row.getAttribute("data-verdict") !== value;
        });
      });
    });
    each(".edition-timeline__filter", document, function (filter) {
      filter.hidden = false;
      filter.addEventListener("change", function (event) {
        document.querySelector(".md-content").classList.toggle("edition-timeline--in-text-only",
                                                                event.target.value === "in-text");
      });
    });
  }

  /* ------------------------------------------------------------ the Print page's range of paragraphs */

  function setupPrintRange() {
    var form = document.querySelector(".edition-print-range");
    if (!form) return;
    form.hidden = false;
    var from = form.elements["from"], to = form.elements["to"];
    var status = form.querySelector(".edition-print-range__status");
    var params = new URLSearchParams(location.search);
    if (params.get("from")) from.value = params.get("from");
    if (params.get("to")) to.value = params.get("to");

    function apply() {
      var low = Math.min(+from.value, +to.value), high = Math.max(+from.value, +to.value);
      var all = low === 1 && high === from.options.length;
      function inside(n) { return n >= low && n <= high; }
      each(".handout [data-paragraph]", document, function (item) {
        var n = +item.getAttribute("data-paragraph");
        /* Notes on the byline and the author's note (0) go with the whole text only. */
        item.hidden = n === 0 ? !all : !inside(n);
      });
      each(".handout [data-paragraphs]", document, function (item) {
        var ns = item.getAttribute("data-paragraphs").split(" ").map(Number);
        item.hidden = !ns.some(function (n) { return n === 0 ? all : inside(n); });
      });
      each(".handout-front :is(.handout-byline, .handout-author-note)", document, function (item) { item.hidden = !all; });
      var query = all ? location.pathname : location.pathname + "?from=" + low + "&to=" + high;
      history.replaceState(null, "", query + location.hash);
      status.textContent = all ? "The whole text." : "¶" + low + (high > low ? "–¶" + high : "") + " and its notes.";
    }
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    form.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    apply();
  }


  /* ------------------------------------------------------------ suggest a note from a selection

     Select words inside one block of the text: a "Suggest a note" button (or Alt+N) writes the
     note file. The quotation is computed as the check resolves it: the block's text without the
     apparatus (note markers, numbers, panels), the selected words exactly, and the words just
     before them (or after) only when they occur more than once in the block. */

  var suggestButton = null;
  var suggestDialog = null;
  var pending = null;   /* {block, key, exact, prefix, suffix} of the current selection */

  function baseText(node) {
    var copy = node.cloneNode(true);
    each("[data-apparatus]", copy, function (element) { element.remove(); });
    return copy.textContent;
  }

  function offsetIn(block, container, offset) {
    var range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(container, offset);
    var fragment = range.cloneContents();
    each("[data-apparatus]", fragment, function (element) { element.remove(); });
    return fragment.textContent.length;
  }

  function positions(text, exact) {
    var found = [], at = text.indexOf(exact);
    while (at !== -1) { found.push(at); at = text.indexOf(exact, at + 1); }
    return found;
  }

  /* The shortest run of whole words before (or else after) the quotation that makes it unique. */
  function context(text, start, end) {
    var exact = text.slice(start, end);
    var all = positions(text, exact);
    if (all.length <= 1) return { prefix: "", suffix: "" };
    function unique(test) { return all.filter(test).length === 1; }
    for (var from = start; from > 0;) {
      from = text.lastIndexOf(" ", from - 2) + 1;
      var prefix = text.slice(from, start);
      if (unique(function (at) { return text.slice(at - prefix.length, at) === prefix; })) return { prefix: prefix, suffix: "" };
      if (from === 0) break;
    }
    for (var to = end; to < text.length;) {
      var next = text.indexOf(" ", to + 1);
      to = next === -1 ? text.length : next;
      var suffix = text.slice(end, to);
      if (unique(function (at) { return text.slice(at + exact.length, at + exact.length + suffix.length) === suffix; })) {
        return { prefix: "", suffix: suffix };
      }
    }
    return { prefix: "", suffix: "" };
  }

  function selectionInBlock() {
    var text = document.querySelector(".edition-text[data-suggest]");
    var selection = window.getSelection();
    if (!text || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    function blockOf(node) {
      var element = node.nodeType === 1 ? node : node.parentElement;
      return element && element.closest("[data-block]");
    }
    var block = blockOf(range.startContainer);
    if (!block || block !== blockOf(range.endContainer) || !text.contains(block)) return null;
    var whole = baseText(block);
    var start = offsetIn(block, range.startContainer, range.startOffset);
    var end = offsetIn(block, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(whole[start])) start += 1;
    while (end > start && /\s/.test(whole[end - 1])) end -= 1;
    if (end <= start) return null;
    var around = context(whole, start, end);
    return { block: block, key: block.getAttribute("data-block"), exact: whole.slice(start, end),
             prefix: around.prefix, suffix: around.suffix, range: range };
  }

  function slug(words) {
    return words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 4).join("-");
  }

  function noteId(config, chosen) {
    var head = /^\d+$/.test(chosen.key) ? "p" + chosen.key : chosen.key;
    var base = head + "-" + (slug(chosen.exact) || "note");
    var id = base, n = 2;
    while (config.ids.indexOf(id) >= 0) { id = base + "-" + n; n += 1; }
    return id;
  }

  function yamlString(value) { return JSON.stringify(value); }

  function noteFile(config, chosen, id, type) {
    var today = new Date().toISOString().slice(0, 10);
    var paragraph = /^\d+$/.test(chosen.key) ? chosen.key : chosen.key;
    var lines = [
      "---",
      "# yaml-language-server: $schema=" + config.schema,
      "# Written by the page's \"Suggest a note\". Replace every TODO, then run `make check`.",
      "id: " + id,
      "title: \"TODO: what the note is about, in a few words\"",
      "target:",
      "  paragraph: " + paragraph,
      "  exact: " + yamlString(chosen.exact)];
    if (chosen.prefix) lines.push("  prefix: " + yamlString(chosen.prefix));
    if (chosen.suffix) lines.push("  suffix: " + yamlString(chosen.suffix));
    lines.push("type: " + type);
    if (type === "fact-check") {
      lines.push("verdict: TODO-verdict   # " + config.verdicts.join(", "));
    }
    lines.push("authors:", "  - name: \"TODO: your name as it should be printed\"",
               "date: \"" + today + "\"",
               "sources:   # each the key of an item in bibliography.json (see CONTRIBUTING.md)",
               "  - key: TODO-bibliography-key",
               "    quote: \"TODO: the sentence of the source that supports the note, copied exactly\"",
               "---",
               "TODO: the note, in Markdown. " + (type === "fact-check"
                 ? "Open with the verdict and the evidence (\"Accurate: Dawn reported on …\")."
                 : "Explain what a reader of 2016 would need to know."),
               "");
    return lines.join("\n");
  }

  function makeSuggestButton() {
    suggestButton = document.createElement("button");
    suggestButton.type = "button";
    suggestButton.className = "edition-suggest md-button md-button--primary";
    suggestButton.textContent = "Suggest a note";
    suggestButton.setAttribute("aria-keyshortcuts", "Alt+N");
    suggestButton.hidden = true;
    /* Keep the selection when the button is pressed with a mouse. */
    suggestButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
    suggestButton.addEventListener("click", function () { if (pending) openSuggestion(pending); });
    suggestButton.setAttribute("data-apparatus", "");
  }

  function placeSuggestButton() {
    var text = document.querySelector(".edition-text[data-suggest]");
    if (!text) return;
    if (!suggestButton) makeSuggestButton();
    pending = selectionInBlock();
    if (!pending) { suggestButton.hidden = true; return; }
    /* The button follows the paragraph in the document, so that Tab from the selection reaches it
       after the paragraph's own links; it is drawn just below the selection's last line. */
    if (suggestButton.previousElementSibling !== pending.block) {
      pending.block.parentNode.insertBefore(suggestButton, pending.block.nextSibling);
    }
    var rects = pending.range.getClientRects();
    var last = rects[rects.length - 1] || pending.range.getBoundingClientRect();
    suggestButton.hidden = false;
    var origin = (suggestButton.offsetParent || document.body).getBoundingClientRect();
    var left = Math.max(8, Math.min(last.right - suggestButton.offsetWidth,
                                    document.documentElement.clientWidth - suggestButton.offsetWidth - 8));
    suggestButton.style.top = (last.bottom + 6 - origin.top) + "px";
    suggestButton.style.left = (left - origin.left) + "px";
  }

  function field(label, control) {
    var wrapper = document.createElement("label");
    wrapper.className = "edition-suggest-dialog__field";
    wrapper.appendChild(document.createTextNode(label + " "));
    wrapper.appendChild(control);
    return wrapper;
  }

  function openSuggestion(chosen) {
    var config = JSON.parse(document.querySelector(".edition-text[data-suggest]").getAttribute("data-suggest"));
    if (!suggestDialog) {
      suggestDialog = document.createElement("dialog");
      suggestDialog.className = "edition-suggest-dialog md-typeset";
      suggestDialog.setAttribute("aria-labelledby", "edition-suggest-title");
      (document.querySelector(".md-content .md-typeset") || document.body).appendChild(suggestDialog);
    }
    var dialog = suggestDialog;
    dialog.textContent = "";
    var title = document.createElement("h2");
    title.id = "edition-suggest-title";
    title.textContent = "Suggest a note on " + (/^\d+$/.test(chosen.key) ? "¶" + chosen.key : "the " + chosen.key.replace("-", " "));
    var quote = document.createElement("blockquote");
    quote.textContent = (chosen.prefix ? "…" + chosen.prefix : "") + "[" + chosen.exact + "]" + (chosen.suffix ? chosen.suffix + "…" : "");
    var type = document.createElement("select");
    type.name = "type";
    config.types.forEach(function (term) {
      var option = document.createElement("option");
      option.value = term.value;
      option.textContent = term.label + ": " + term.description;
      type.appendChild(option);
    });
    var id = document.createElement("input");
    id.name = "id";
    id.value = noteId(config, chosen);
    id.setAttribute("pattern", "[a-z0-9]+(-[a-z0-9]+)*");
    var file = document.createElement("textarea");
    file.readOnly = true;
    file.rows = 16;
    file.className = "edition-suggest-dialog__file";
    file.setAttribute("aria-label", "The note file");
    var help = document.createElement("p");
    help.textContent = "This is a complete note file: the words are anchored exactly as the check finds them. " +
      "Write the fields marked TODO, add your sources to bibliography.json, and run make check.";
    var actions = document.createElement("p");
    actions.className = "edition-suggest-dialog__actions";
    var copy = document.createElement("button");
    copy.type = "button"; copy.className = "md-button"; copy.textContent = "Copy";
    var download = document.createElement("a");
    download.className = "md-button"; download.textContent = "Download";
    var github = document.createElement("a");
    github.className = "md-button md-button--primary"; github.textContent = "Open on GitHub";
    github.target = "_blank"; github.rel = "noopener";
    var close = document.createElement("button");
    close.type = "button"; close.className = "md-button"; close.textContent = "Close";
    function update() {
      var content = noteFile(config, chosen, id.value, type.value);
      file.value = content;
      download.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(content);
      download.setAttribute("download", id.value + ".md");
      if (config.repo) {
        github.href = config.repo + "/new/" + config.branch + "/" + config.notes + "?filename=" +
          encodeURIComponent(id.value + ".md") + "&value=" + encodeURIComponent(content);
      }
    }
    type.addEventListener("change", update);
    id.addEventListener("input", update);
    copy.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(file.value).then(function () { copy.textContent = "Copied"; });
      else { file.select(); document.execCommand("copy"); }
    });
    close.addEventListener("click", function () { dialog.close(); });
    actions.appendChild(copy);
    actions.appendChild(download);
    if (config.repo) actions.appendChild(github);
    actions.appendChild(close);
    [title, quote, field("Note type", type), field("File name (id)", id), help, file, actions].forEach(function (part) {
      dialog.appendChild(part);
    });
    update();
    dialog.showModal();
    type.focus();
  }

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(placeSuggestButton.timer);
    placeSuggestButton.timer = window.setTimeout(placeSuggestButton, 120);
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
      var chosen = selectionInBlock();
      if (chosen) { event.preventDefault(); openSuggestion(chosen); }
    }
  });

  /* ------------------------------------------------------------ smaller helpers */

  /* Copy buttons for citations: shown only when the Clipboard API exists. */
  function setupCopy() {
    if (!navigator.clipboard) return;
    each("button.edition-copy[data-copy]", document, function (button) {
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.hidden = false;
      var label = button.textContent;
      button.addEventListener("click", function () {
        navigator.clipboard.writeText(button.dataset.copy).then(function () {
          button.textContent = "Copied";
          button.setAttribute("aria-live", "polite");
          setTimeout(function () { button.textContent = label; }, 2000);
        });
      });
    });
  }

  /* Highlight a note's words while its marker is hovered or focused (delegated: one listener). */
  function highlight(event, on) {
    var link = event.target.closest && event.target.closest("a.edition-marker__link");
    if (!link) return;
    each('.edition-quote[data-note="' + CSS.escape(link.getAttribute("data-note")) + '"]', document,
      function (span) { span.classList.toggle("is-active", on); });
  }

  /* When a note is the URL target, highlight the words it annotates. */
  function markTarget() {
    each(".edition-quote.is-target", document, function (span) { span.classList.remove("is-target"); });
    var match = /^#note-(.+)$/.exec(location.hash);
    if (!match) return;
    each('.edition-quote[data-note="' + CSS.escape(decodeURIComponent(match[1])) + '"]', document, function (span) {
      span.classList.add("is-target");
    });
  }

  document.addEventListener("mouseover", function (event) { highlight(event, true); });
  document.addEventListener("mouseout", function (event) { highlight(event, false); });
  document.addEventListener("focusin", function (event) { highlight(event, true); });
  document.addEventListener("focusout", function (event) { highlight(event, false); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.edition-marker__link, a[href^='#note-']");
    if (!link) return;
    ensureNotes();
    if (link.matches("a.edition-marker__link")) openInPlace(link, event);
  });

  /* ------------------------------------------------------------ the citation panel */

  /* "Cite ¶n" opens the text's one citation panel over the page (a popover: Escape, a click
     outside or its close button closes it) showing paragraph n's row; focus returns to the link.
     Without the Popover API the link simply leads to the row. */
  var citeOpener = null;

  function citePanel() {
    var panel = document.getElementById("cite");
    if (!panel || typeof panel.showPopover !== "function") return null;
    if (!panel.hasAttribute("popover")) {
      dialogPopover(panel, "Close the citation panel", "edition-cite__close", function () {
        each("tr.is-current", panel, function (row) { row.classList.remove("is-current"); });
        if (citeOpener) citeOpener.focus({ preventScroll: true });
        citeOpener = null;
      });
    }
    return panel;
  }

  function openCite(link, event) {
    var panel = citePanel();
    var row = panel && document.getElementById("cite-p" + link.getAttribute("data-cite"));
    if (!row) return;
    event.preventDefault();
    each("tr.is-current", panel, function (other) { other.classList.remove("is-current"); });
    row.classList.add("is-current");
    panel.setAttribute("aria-label", "Cite paragraph " + link.getAttribute("data-cite"));
    citeOpener = link;
    if (!panel.matches(":popover-open")) panel.showPopover();
    panel.querySelector(".edition-cite__close").focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.edition-cite__open[data-cite]");
    if (link) openCite(link, event);
  });

  var observer = null;

  function init() {
    setupControls();
    setupFilters();
    setupPrintRange();
    setupCopy();
    text = document.querySelector(".edition-text[data-text]");
    if (observer) observer.disconnect();
    margin = null;
    moved = null;
    if (text && window.ResizeObserver) {
      observer = new ResizeObserver(function () { window.requestAnimationFrame(position); });
      observer.observe(text);
    }
    if (!startNotes()) {
      notesReady();
    } else if (/^#note-/.test(location.hash)) {
      /* The browser found no such element while the notes were text: build them, then go there. */
      ensureNotes();
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    } else if (document.readyState === "complete") {
      buildNotesInTheBackground();
    } else {
      window.addEventListener("load", buildNotesInTheBackground, { once: true });
    }
  }

  WIDE.addEventListener("change", layout);
  window.addEventListener("hashchange", function () {
    if (pendingNotes && /^#note-/.test(location.hash)) {
      ensureNotes();
      var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (target) target.scrollIntoView();
    }
    markTarget();
  });
  window.addEventListener("beforeprint", function () {
    ensureNotes();
    toEndnotes();
    var panel = document.getElementById("cite");
    if (panel && panel.matches(":popover-open")) panel.hidePopover();
  });
  window.addEventListener("afterprint", layout);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
