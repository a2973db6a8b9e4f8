/* Citations: "Cite ¶n" opens the text's one citation panel over the page; copy buttons. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;
  var dialogPopover = edition.dialogPopover;

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
  /* The panel is no part of a printed page. */
  window.addEventListener("beforeprint", function () {
    var panel = document.getElementById("cite");
    if (panel && panel.matches(":popover-open")) panel.hidePopover();
  });
  edition.ready(setupCopy);
})();
