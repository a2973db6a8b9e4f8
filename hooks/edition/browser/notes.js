/* The notes of the article page.

   - Margin notes on wide screens: each note is moved from the endnotes beside its marker and
     collapsed to its title and opening lines; moved back when the screen narrows or the reader
     chooses clean text. Each note is in the page once, wherever it is shown.
   - Notes in place on narrow screens: a marker opens its note in a popover over the text;
     closing it (button, Escape, a tap outside) returns the note and the focus to where they were.
   - The words of a note highlighted while its marker is hovered or focused, or the note is the
     address's target. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;
  var root = edition.root;
  var WIDE = edition.WIDE;
  var mode = edition.mode;
  var dialogPopover = edition.dialogPopover;

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

  var observer = null;

  function init() {
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
  });
  window.addEventListener("afterprint", layout);
  document.addEventListener("edition:reading", layout);
  edition.ready(init);
})();
