/* Tooltips for every element with a title, made on demand through one delegated listener.

   Material's content.tooltips feature mounts a tooltip component on each element with a title
   when the page loads (about ninety on the article, some 400 ms of script under a phone's
   slower CPU) and leaves Escape, landmarks and names to be fixed after it. This does the same job
   with one listener per event type on the document and one tooltip element, created the first
   time a tooltip is wanted and reused:

   - pointer over or keyboard focus on an element with a title shows the title in a tooltip drawn
     with Material's colours, shadow and type (docs/assets/edition.css), below the element or
     above it in the lower part of the screen, linked to it by aria-describedby; showing it reads
     the layout once and then only writes, so it costs one frame;
   - while it is shown the title attribute is set aside (data-edition-title), so the browser does
     not draw its own tooltip on top; it is put back when the tooltip hides, so the page without
     this script, and assistive technology at rest, see the plain title;
   - Escape dismisses it (WCAG 1.4.13) and keeps the focus where it is; moving the pointer from
     the element onto the tooltip keeps it open (it is hoverable), leaving both hides it after
     250 ms, as Material's do;
   - it is appended to <main>, inside a landmark; <main> and its ancestors are statically
     positioned, so page coordinates place it.

   On touch, where nothing hovers, a tap on a glossary mention opens the entry's summary in a
   sheet at the bottom of the screen (the same kind of sheet as a note's on a phone), with a link
   to the entry; the page scrolls so the mention stays visible above it. Escape, a tap outside or
   its button closes it, and the focus returns to the mention.

   Without JavaScript the titles are ordinary titles, and a mention is a link to its entry. */
(function () {
  "use strict";

  var HIDE_DELAY = 250;
  var tip = null;
  var inner = null;
  var host = null;        /* the element whose title is shown */
  var hideTimer = 0;
  var dismissed = null;   /* the element whose tooltip Escape dismissed, until it is left */

  function create() {
    tip = document.createElement("div");
    tip.id = "edition-tooltip";
    tip.className = "edition-tooltip";
    tip.setAttribute("role", "tooltip");
    inner = document.createElement("div");
    inner.className = "edition-tooltip__inner md-typeset";
    tip.appendChild(inner);
    tip.addEventListener("pointerenter", cancelHide);
    tip.addEventListener("pointerleave", scheduleHide);
    (document.querySelector("main") || document.body).appendChild(tip);
  }

  function hostOf(target) {
    if (!target || target.nodeType !== 1 || !target.closest) return null;
    if (tip && tip.contains(target)) return null;
    var found = target.closest("[title], [data-edition-title]");
    if (!found || found === document.documentElement || found.closest("svg")) return null;
    return found;
  }

  function titleOf(element) {
    return element.getAttribute("title") || element.getAttribute("data-edition-title") || "";
  }

  /* One layout read (the host's first line box and the viewport), then only writes: the
     tooltip's size comes from CSS (max-content up to a maximum width), so it is never measured.
     It hangs below the host, or above it (translated by its own height) in the lower part of
     the viewport. */
  function place(element) {
    var box = element.getClientRects()[0] || element.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var below = box.bottom < window.innerHeight * 0.6;
    var x = Math.max(0, Math.min(box.left, width - 16 - Math.min(360, width - 32))) + window.scrollX;
    var y = (below ? box.bottom + 8 : box.top - 8) + window.scrollY;
    tip.style.setProperty("--edition-tooltip-x", x + "px");
    tip.style.setProperty("--edition-tooltip-y", y + "px");
    tip.classList.toggle("edition-tooltip--above", !below);
  }

  function show(element) {
    cancelHide();
    if (element === dismissed) return;
    if (host === element && tip && tip.classList.contains("edition-tooltip--active")) return;
    if (host && host !== element) release();
    var text = titleOf(element);
    if (!text) return;
    if (!tip) create();
    place(element);
    host = element;
    if (element.hasAttribute("title")) {
      element.setAttribute("data-edition-title", text);
      element.removeAttribute("title");
    }
    inner.textContent = text;
    element.setAttribute("aria-describedby", tip.id);
    tip.classList.add("edition-tooltip--active");
  }

  /* The title goes back on the element; the tooltip is hidden. */
  function release() {
    if (!host) return;
    if (host.hasAttribute("data-edition-title")) {
      host.setAttribute("title", host.getAttribute("data-edition-title"));
      host.removeAttribute("data-edition-title");
    }
    if (host.getAttribute("aria-describedby") === tip.id) host.removeAttribute("aria-describedby");
    host = null;
    tip.classList.remove("edition-tooltip--active");
  }

  function cancelHide() {
    clearTimeout(hideTimer);
    hideTimer = 0;
  }

  function scheduleHide() {
    cancelHide();
    hideTimer = setTimeout(function () {
      if (host && host === document.activeElement) return;
      release();
    }, HIDE_DELAY);
  }

  document.addEventListener("pointerover", function (event) {
    if (event.pointerType === "touch") return;
    var element = hostOf(event.target);
    if (element) show(element);
  });
  document.addEventListener("pointerout", function (event) {
    var to = event.relatedTarget;
    if (dismissed && !(to && dismissed.contains(to))) dismissed = null;
    if (!host || event.pointerType === "touch") return;
    if (to && (host.contains(to) || (tip && tip.contains(to)))) return;
    if (host.contains(event.target)) scheduleHide();
  });
  document.addEventListener("focusin", function (event) {
    var element = hostOf(event.target);
    dismissed = null;  /* a new focus is a new request */
    if (element && element === event.target) show(element);
  });
  document.addEventListener("focusout", function (event) {
    if (host && event.target === host) release();
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !host) return;
    dismissed = host;
    release();
  });
  /* ------------------------------------------------------------ a glossary entry in a sheet (touch) */

  var pointer = "mouse";
  var sheet = null;
  var sheetOpener = null;

  function makeSheet() {
    sheet = document.createElement("div");
    sheet.id = "edition-entry-sheet";
    sheet.className = "edition-sheet edition-entry-sheet md-typeset";
    sheet.setAttribute("popover", "auto");
    sheet.setAttribute("role", "dialog");
    sheet.setAttribute("aria-labelledby", "edition-entry-sheet-title");
    sheet.setAttribute("data-apparatus", "");
    sheet.innerHTML = '<button type="button" class="edition-note-popover__close" aria-label="Close the summary">\u00d7</button>'
      + '<p class="edition-sheet__title" id="edition-entry-sheet-title"></p><p class="edition-sheet__summary"></p>'
      + '<p class="edition-sheet__link"><a href="#">Read the entry</a></p>';
    sheet.querySelector("button").addEventListener("click", function () { sheet.hidePopover(); });
    sheet.addEventListener("toggle", function (event) {
      if (event.newState !== "closed" || !sheetOpener) return;
      var link = sheetOpener;
      sheetOpener = null;
      link.classList.remove("is-active");
      link.focus({ preventScroll: true });
    });
    (document.querySelector(".md-content .md-typeset") || document.body).appendChild(sheet);
  }

  function openEntry(link) {
    if (!sheet || !sheet.isConnected) makeSheet();
    if (host) release();
    sheetOpener = link;
    sheet.querySelector(".edition-sheet__title").textContent = link.textContent;
    sheet.querySelector(".edition-sheet__summary").textContent = titleOf(link);
    sheet.querySelector(".edition-sheet__link a").href = link.href;
    sheet.querySelector(".edition-sheet__link a").setAttribute("aria-label", "Read the entry: " + link.textContent);
    link.classList.add("is-active");
    sheet.showPopover();
    /* The mention stays visible above the sheet. */
    var header = document.querySelector(".md-header");
    var headerBottom = header ? header.getBoundingClientRect().bottom : 0;
    var box = link.getBoundingClientRect();
    var needed = box.bottom + 16 - sheet.getBoundingClientRect().top;
    if (needed > 0) window.scrollBy(0, Math.max(0, Math.min(needed, box.top - headerBottom - 8)));
    sheet.querySelector("button").focus({ preventScroll: true });
  }

  document.addEventListener("pointerdown", function (event) { pointer = event.pointerType; }, true);
  document.addEventListener("click", function (event) {
    if (pointer !== "touch" || event.defaultPrevented) return;
    var link = event.target.closest && event.target.closest("a.edition-mention[data-entry]");
    if (!link || typeof link.showPopover !== "function" || link.closest(".edition-sheet")) return;
    event.preventDefault();
    openEntry(link);
  });

  /* The tooltip is placed in page coordinates, so it scrolls with its element. It is hidden when
     the page scrolls away from under the pointer, as a title would be, but not while the pointer
     is still on the element or the element has the focus (a scroll that ends just after the
     pointer arrives, as when an element is scrolled into view, leaves it open). */
  window.addEventListener("scroll", function () {
    if (host && host !== document.activeElement && !host.matches(":hover")) release();
  }, { passive: true });
})();
