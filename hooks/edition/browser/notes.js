/* The notes of the article page.

   The notes are in the page as complete endnotes (partials/endnotes.html): every marker leads to
   its note and every note back to its marker without this script. This only moves and collapses
   them:

   - Margin notes on wide screens: each note is moved beside its marker, into a list after its
     paragraph (so Tab meets a paragraph's notes right after its words), and collapsed to one line
     (number, verdict, title; its body inert, so no hidden tab stops), with its finding in the
     lines of margin that are free below it. A crowded paragraph's notes are set as a block
     centred on their markers, using the free margin beside the paragraphs around. Following a
     marker expands its note beside it and gives it the focus, without scrolling the marker away.
   - A sheet on narrow screens: a marker opens its note in a sheet at the bottom of the screen,
     showing its head and finding (the whole note on request); the page scrolls so that the marker
     and its words stay visible above it. Closing it (its button, Escape, a tap outside) returns
     the note and the focus to where they were.
   - Hovering or focusing a marker highlights its words and its note, and the other way round.
   - Escape in an expanded margin note collapses it and returns the focus to where the reader was. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;
  var root = edition.root;
  var WIDE = edition.WIDE;
  var mode = edition.mode;
  var dialogPopover = edition.dialogPopover;

  var GAP = 3;            /* px between two margin notes */
  var PREVIEW_LINES = 3;  /* at most, of a collapsed note's finding */

  var text = null;        /* .edition-text */
  var endnotes = null;    /* the endnotes' <ol> */
  var moved = null;       /* the line saying where the notes went */
  var lists = [];         /* the margin's lists, one after each block with notes */

  function notes() {
    return Array.prototype.slice.call(document.querySelectorAll("li.edition-note[data-note]"))
      .sort(function (a, b) { return a.value - b.value; });
  }

  function noteOf(id) { return document.getElementById("note-" + id); }
  function markerOf(id) { return document.getElementById("noteref-" + id); }
  function quotesOf(id) {
    return document.querySelectorAll('.edition-quote[data-note="' + CSS.escape(id) + '"]');
  }

  function inMargin(note) { return !!note.parentNode && note.parentNode.classList.contains("edition-sidenotes"); }

  function shown(note) {
    var m = markerOf(note.getAttribute("data-note"));
    return m && m.offsetParent !== null && note.offsetParent !== null;
  }

  function title(note) {
    var t = note.querySelector(".edition-note__title");
    return t ? t.textContent : "";
  }

  /* ------------------------------------------------------------ collapsing */

  function setExpanded(note, open) {
    note.classList.toggle("is-expanded", open);
    var button = note.querySelector(".edition-note__toggle");
    if (button) {
      button.setAttribute("aria-expanded", String(open));
      button.textContent = open ? "\u25b4" : "\u25be";
      button.setAttribute("aria-label", (open ? "Collapse the note " : "Read the whole note ") + title(note));
    }
    var detail = note.querySelector(".edition-note__detail");
    if (detail) detail.inert = !open && inMargin(note);
  }

  function addToggle(note) {
    if (note.querySelector(".edition-note__toggle")) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "edition-note__toggle";
    button.addEventListener("click", function () {
      var open = !note.classList.contains("is-expanded");
      if (open) opener = { note: note, from: button };
      setExpanded(note, open);
      if (!open) note.classList.remove("is-current");
      position();
    });
    note.querySelector(".edition-note__head").appendChild(button);
  }

  /* ------------------------------------------------------------ margin notes */

  function listAfter(block) {
    var next = block.nextElementSibling;
    if (next && next.classList.contains("edition-sidenotes")) return next;
    var list = document.createElement("ol");
    list.className = "edition-sidenotes";
    var label = block.getAttribute("data-block");
    list.setAttribute("aria-label", /^\d+$/.test(label) ? "Notes to paragraph " + label : "Notes to the " + label.replace("-", " "));
    list.setAttribute("data-apparatus", "");
    list.setAttribute("data-search-exclude", "");
    block.parentNode.insertBefore(list, next);
    lists.push(list);
    return list;
  }

  function toMargin() {
    notes().forEach(function (note) {
      var marker = markerOf(note.getAttribute("data-note"));
      var block = marker && marker.closest(".edition-text [data-block]");
      if (!block) return;
      addToggle(note);
      listAfter(block).appendChild(note);
      setExpanded(note, note.classList.contains("is-expanded"));
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
    if (!lists.length) return;  /* already there: touch nothing */
    notes().forEach(function (note) {
      if (!inMargin(note)) return;
      note.style.top = "";
      note.style.removeProperty("--edition-preview-lines");
      note.classList.remove("has-preview", "is-current");
      endnotes.appendChild(note);
      setExpanded(note, false);
    });
    lists.forEach(function (list) { list.remove(); });
    lists = [];
    if (moved && moved.parentNode) moved.parentNode.removeChild(moved);
    root.classList.remove("edition-has-sidenotes");
    if (text) text.style.minHeight = "";
  }

  /* Each shown margin note as near its marker's line as the notes around allow. The notes are
     taken in order; a note that would overlap the one above joins its block, and each block is
     placed at the (weighted) mean of where its notes want to be: an expanded note weighs most,
     so it stays beside its marker. No note starts above its own paragraph. Then each collapsed
     note shows as many lines of its finding as the room below it holds (up to three). One read
     of the layout, then only writes. */
  function position() {
    if (!lists.length || !text || !root.classList.contains("edition-has-sidenotes")) return;
    var all = notes().filter(inMargin);
    all.forEach(function (note) { note.classList.remove("has-preview"); });
    var origin = text.getBoundingClientRect().top;
    var items = [];
    all.forEach(function (note) {
      if (!shown(note)) return;
      var marker = markerOf(note.getAttribute("data-note"));
      var block = marker.closest("[data-block]");
      var expanded = note.classList.contains("is-expanded");
      items.push({
        note: note, offset: 0, height: note.offsetHeight,
        wanted: marker.getBoundingClientRect().top - origin - 3,
        min: block.getBoundingClientRect().top - origin - 6,
        weight: expanded ? (note.classList.contains("is-current") ? 1000 : 50) : 1
      });
    });
    var line = parseFloat(getComputedStyle(lists[0]).fontSize) * 1.45 || 18;
    var clusters = [];
    items.forEach(function (item) {
      var cluster = { items: [item], height: item.height, weight: item.weight,
                      sum: item.weight * item.wanted, min: item.min, top: Math.max(item.min, item.wanted) };
      clusters.push(cluster);
      while (clusters.length > 1) {
        var above = clusters[clusters.length - 2];
        var last = clusters[clusters.length - 1];
        if (above.top + above.height + GAP <= last.top) break;
        var shift = above.height + GAP;
        last.items.forEach(function (it) { it.offset += shift; });
        above.items = above.items.concat(last.items);
        above.sum += last.sum - last.weight * shift;
        above.weight += last.weight;
        above.min = Math.max(above.min, last.min - shift);
        above.height += GAP + last.height;
        above.top = Math.max(above.min, above.sum / above.weight);
        clusters.pop();
      }
    });
    var placed = [];
    clusters.forEach(function (cluster) {
      cluster.items.forEach(function (it) { placed.push({ note: it.note, top: cluster.top + it.offset, height: it.height }); });
    });
    var bottom = 0;
    placed.forEach(function (p, index) {
      p.note.style.top = p.top + "px";
      var next = placed[index + 1];
      var room = (next ? next.top : Infinity) - p.top - p.height - GAP;
      var lines = p.note.classList.contains("is-expanded") ? 0 : Math.min(PREVIEW_LINES, Math.floor(room / line));
      if (lines >= 1) {
        p.note.style.setProperty("--edition-preview-lines", String(lines));
        p.note.classList.add("has-preview");
      }
      bottom = Math.max(bottom, p.top + p.height + (lines > 0 ? lines * line : 0) + GAP);
    });
    all.forEach(function (note) { if (!shown(note)) note.style.top = ""; });
    text.style.minHeight = bottom + "px";
  }

  function layout() {
    if (!text || !endnotes) return;
    if (opened && sheet) sheet.hidePopover();
    if (WIDE.matches && mode() !== "clean") {
      toMargin();
    } else {
      toEndnotes();
    }
  }

  /* ------------------------------------------------------------ following a marker (wide screens) */

  var opener = null;   /* {note, from}: the note last expanded, and what expanded it */

  function headerBottom() {
    var header = document.querySelector(".md-header");
    return header ? header.getBoundingClientRect().bottom : 0;
  }

  function followInMargin(link, note, event) {
    event.preventDefault();
    each(".edition-sidenotes .edition-note.is-current", document, function (other) {
      if (other === note) return;
      other.classList.remove("is-current");
      setExpanded(other, false);
    });
    setExpanded(note, true);
    note.classList.add("is-current");
    opener = { note: note, from: link };
    /* Its words stay highlighted while it is the note being read. */
    each(".edition-quote.is-target", document, function (span) { span.classList.remove("is-target"); });
    Array.prototype.forEach.call(quotesOf(note.getAttribute("data-note")), function (span) { span.classList.add("is-target"); });
    position();
    note.focus({ preventScroll: true });
    /* Bring the rest of the note into view if it runs below the screen, never so far that the
       marker leaves it. */
    var box = note.getBoundingClientRect();
    var markerTop = link.getBoundingClientRect().top;
    var below = box.bottom + 8 - window.innerHeight;
    if (below > 0) window.scrollBy(0, Math.max(0, Math.min(below, markerTop - headerBottom() - 24)));
  }

  /* ------------------------------------------------------------ the sheet (narrow screens) */

  var sheet = null;
  var opened = null;   /* {note, marker, home, next} while a note is in the sheet */

  function makeSheet() {
    sheet = document.createElement("div");
    sheet.id = "edition-note-popover";
    sheet.className = "edition-note-popover edition-sheet";
    sheet.setAttribute("data-apparatus", "");
    var list = document.createElement("ol");
    list.className = "edition-note-popover__list";
    sheet.appendChild(list);
    var more = document.createElement("button");
    more.type = "button";
    more.className = "edition-sheet__more";
    more.textContent = "Read the whole note";
    more.addEventListener("click", function () {
      if (!opened) return;
      sheet.classList.remove("is-summary");
      var detail = opened.note.querySelector(".edition-note__detail");
      if (detail) detail.inert = false;
      opened.note.focus({ preventScroll: true });
    });
    sheet.appendChild(more);
    dialogPopover(sheet, "Close the note", "edition-note-popover__close", function () {
      if (!sheet.matches(":popover-open")) restore();
    });
    (document.querySelector(".md-content .md-typeset") || document.body).appendChild(sheet);
  }

  function restore() {
    if (!opened) return;
    var state = opened;
    opened = null;
    var detail = state.note.querySelector(".edition-note__detail");
    if (detail) detail.inert = false;
    state.home.insertBefore(state.note, state.next);
    Array.prototype.forEach.call(quotesOf(state.note.getAttribute("data-note")),
      function (span) { span.classList.remove("is-target"); });
    state.marker.focus({ preventScroll: true });
  }

  /* Scroll so that the marker (its box `box`, and the words from `top`) stands above the sheet. */
  function keepAbove(box, top) {
    var needed = box.bottom + 16 - sheet.getBoundingClientRect().top;
    if (needed <= 0) return;
    var room = Math.min(top, box.top) - headerBottom() - 8;
    window.scrollBy(0, Math.max(0, Math.min(needed, room)));
  }

  /* Everything the page is measured for is read first, while its layout is still clean; the
     sheet's own height is read in the frame that shows it, where the browser lays it out anyway,
     so that the page is laid out once, not three times, between the tap and the open sheet. */
  function openSheet(link, note, event) {
    event.preventDefault();
    if (!sheet) makeSheet();
    if (opened) { sheet.hidePopover(); restore(); }
    var quotes = quotesOf(note.getAttribute("data-note"));
    var top = Infinity;
    Array.prototype.forEach.call(quotes, function (span) { top = Math.min(top, span.getBoundingClientRect().top); });
    var box = link.getBoundingClientRect();
    var scrolled = window.scrollY;
    opened = { note: note, marker: link, home: note.parentNode, next: note.nextSibling };
    var current = opened;
    sheet.querySelector("ol").appendChild(note);
    sheet.classList.add("is-summary");
    var detail = note.querySelector(".edition-note__detail");
    if (detail) detail.inert = true;
    sheet.setAttribute("aria-label", link.getAttribute("aria-label"));
    Array.prototype.forEach.call(quotes, function (span) { span.classList.add("is-target"); });
    sheet.showPopover();
    window.requestAnimationFrame(function () {
      if (opened !== current) return;  /* closed already */
      if (window.scrollY === scrolled) keepAbove(box, top);  /* unless the reader scrolled */
      /* The focus goes into the sheet once it is painted (focusing lays the page out again). */
      window.setTimeout(function () {
        if (opened === current) sheet.querySelector(".edition-note-popover__close").focus({ preventScroll: true });
      }, 0);
    });
  }

  function follow(link, event) {
    var note = noteOf(link.getAttribute("data-note"));
    if (!note || event.defaultPrevented) return;
    if (inMargin(note) && shown(note)) {
      followInMargin(link, note, event);
    } else if (!WIDE.matches && typeof HTMLElement.prototype.showPopover === "function") {
      openSheet(link, note, event);
    }
  }

  /* ------------------------------------------------------------ the two ends highlighted */

  function ends(target) {
    if (!target || !target.closest) return null;
    var link = target.closest("a.edition-marker__link[data-note]");
    if (link) return link.getAttribute("data-note");
    var note = target.closest("li.edition-note[data-note]");
    return note && !note.closest(".edition-note-popover") ? note.getAttribute("data-note") : null;
  }

  function highlight(event, on) {
    var id = ends(event.target);
    if (!id) return;
    Array.prototype.forEach.call(quotesOf(id), function (span) { span.classList.toggle("is-active", on); });
    var marker = markerOf(id);
    if (marker) marker.classList.toggle("is-active", on);
    var note = noteOf(id);
    if (note) note.classList.toggle("is-active", on);
  }

  /* When a note is the URL target, highlight the words it annotates. */
  function markTarget() {
    each(".edition-quote.is-target", document, function (span) { span.classList.remove("is-target"); });
    var match = /^#note-(.+)$/.exec(location.hash);
    if (!match) return;
    var id = decodeURIComponent(match[1]);
    Array.prototype.forEach.call(quotesOf(id), function (span) { span.classList.add("is-target"); });
    var note = noteOf(id);
    var link = markerOf(id);
    if (note && link && inMargin(note)) {
      /* The address names a note now in the margin: expand it and show it beside its words. */
      setExpanded(note, true);
      note.classList.add("is-current");
      position();
      link.scrollIntoView({ block: "center" });
    }
  }

  /* A pointer, not a finger: a tap opens the note, and a highlight would only cost its time. */
  document.addEventListener("pointerover", function (event) { if (event.pointerType !== "touch") highlight(event, true); });
  document.addEventListener("pointerout", function (event) { if (event.pointerType !== "touch") highlight(event, false); });
  document.addEventListener("focusin", function (event) { highlight(event, true); });
  document.addEventListener("focusout", function (event) { highlight(event, false); });
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.edition-marker__link[data-note]");
    if (link) follow(link, event);
    /* Back to the text from a note in the sheet: the sheet closes, the link does the rest. */
    var back = event.target.closest && event.target.closest(".edition-note-popover a[href^='#noteref-']");
    if (back && sheet && sheet.matches(":popover-open")) sheet.hidePopover();
  });
  /* Escape in an expanded margin note: collapse it, back to where the reader was. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var note = event.target.closest && event.target.closest(".edition-sidenotes li.edition-note");
    if (!note) return;
    var back = opener && opener.note === note ? opener.from : markerOf(note.getAttribute("data-note")).querySelector("a");
    if (back && back.classList.contains("edition-note__toggle")) back = note.querySelector(".edition-note__toggle");
    setExpanded(note, false);
    note.classList.remove("is-current");
    opener = null;
    position();
    if (back) back.focus({ preventScroll: false });
  });

  var observer = null;

  function init() {
    text = document.querySelector(".edition-text[data-text]");
    endnotes = document.querySelector(".edition-endnotes ol.edition-notes");
    if (observer) observer.disconnect();
    lists = [];
    moved = null;
    opener = null;
    if (text && window.ResizeObserver) {
      observer = new ResizeObserver(function () { window.requestAnimationFrame(position); });
      observer.observe(text);
    }
    layout();
    markTarget();
    root.setAttribute("data-edition-notes", "ready");
    document.dispatchEvent(new CustomEvent("edition:notes"));
  }

  WIDE.addEventListener("change", layout);
  window.addEventListener("hashchange", markTarget);
  window.addEventListener("beforeprint", toEndnotes);
  window.addEventListener("afterprint", layout);
  document.addEventListener("edition:reading", layout);
  edition.ready(init);
})();
