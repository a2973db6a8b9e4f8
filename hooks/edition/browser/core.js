/* The edition's browser code, shared part: loaded before every feature script.

   The features are plain scripts, one a file, each wrapped in its own function:
   reading.js (reading controls), notes.js (margin notes, notes in place), cite.js (citation
   panel, copy buttons), filters.js (claims and timeline), print-range.js (the Print page's
   range), suggest-start.js (fetches suggest.js, "suggest a note" from a selection, when a reader
   first selects words). The build joins them, in that order after this file, into one edition.js
   (see the plugin's assets step); suggest.js stays a file of its own. Everything works without them:
   notes are endnotes reached by real links, citations are plain text, the glossary's summaries
   are link titles. What they share is this one object, `window.edition`. */
(function () {
  "use strict";

  var root = document.documentElement;
  var MODES = ["all", "fact-checks", "clean"];

  function each(selector, scope, fn) {
    Array.prototype.forEach.call((scope || document).querySelectorAll(selector), fn);
  }

  /* The reader's choice of notes ("all", "fact-checks" or "clean"), as set on <html>. */
  function mode() {
    var value = root.getAttribute("data-edition-reading");
    return MODES.indexOf(value) >= 0 ? value : "all";
  }

  /* Make `element` a dialog popover (Escape, a click outside or its × button closes it) whose
     close button reads `label`, and which keeps the focus inside while it is open; `onClose` runs
     each time it closes. */
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
    /* While it is open, Tab and Shift+Tab go round inside it (Escape leaves). */
    element.addEventListener("keydown", function (event) {
      if (event.key !== "Tab") return;
      var stops = Array.prototype.filter.call(element.querySelectorAll(
        "a[href], button:not([disabled]), input, select, textarea, [tabindex]:not([tabindex='-1'])"),
        function (stop) { return stop.offsetParent !== null && !stop.closest("[inert]"); });
      if (!stops.length) return;
      var first = stops[0], last = stops[stops.length - 1];
      if (event.shiftKey && (document.activeElement === first || !element.contains(document.activeElement) || document.activeElement === element)) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    });
  }

  /* Run `setup` once the page is there, and again after each of Material's instant
     navigations (document$ emits the new page). */
  function ready(setup) {
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(setup);
    } else if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", setup);
    } else {
      setup();
    }
  }

  window.edition = {
    root: root,
    WIDE: window.matchMedia("(min-width: 76.25em)"),
    each: each,
    mode: mode,
    dialogPopover: dialogPopover,
    ready: ready
  };
})();
