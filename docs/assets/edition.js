/* The edition's small enhancements. Everything works without this file:
   citations are plain text, notes are real links, tooltips fall back to titles. */
(function () {
  "use strict";

  function each(selector, root, fn) {
    Array.prototype.forEach.call((root || document).querySelectorAll(selector), fn);
  }

  /* Copy buttons for citations: shown only when the Clipboard API exists. */
  function setupCopy(root) {
    if (!navigator.clipboard) return;
    each("button.edition-copy[data-copy]", root, function (button) {
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

  /* Tie a note to its words: highlight the quotation while its marker is hovered or focused. */
  function setupQuotes(root) {
    each("sup.edition-marker a[data-note]", root, function (marker) {
      var id = marker.dataset.note;
      function toggle(on) {
        each('.edition-quote[data-note="' + id + '"]', document, function (span) {
          span.classList.toggle("is-active", on);
        });
      }
      ["mouseenter", "focus"].forEach(function (ev) { marker.addEventListener(ev, function () { toggle(true); }); });
      ["mouseleave", "blur"].forEach(function (ev) { marker.addEventListener(ev, function () { toggle(false); }); });
    });
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

  /* Escape closes an open citation panel and returns focus to its summary. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.activeElement && document.activeElement.closest("details.edition-cite[open]");
    if (open) {
      open.open = false;
      open.querySelector("summary").focus();
    }
  });

  function init() {
    setupCopy(document);
    setupQuotes(document);
    markTarget();
  }
  window.addEventListener("hashchange", markTarget);
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
