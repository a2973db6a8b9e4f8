/* Fixes to Material's tooltips (content.tooltips, content.footnote.tooltips), found by running
   axe-core and the keyboard tests in tests/browser/ with tooltips open.

   Material creates a tooltip element when its host is hovered or focused, appends it to <body>,
   and removes it 250 ms after both end. Three things are missing:
   - Escape does not dismiss it (WCAG 1.4.13 "Content on Hover or Focus"). Escape now marks the
     open tooltips as dismissed, which docs/assets/fixes.css hides; focus stays where it is, and
     the next focus or hover of the host shows its tooltip again.
   - Appended to <body>, it lies outside every landmark (axe "region"). It is moved into <main>:
     <main> and its ancestors up to <body> are statically positioned, so the tooltip's absolute
     position, which Material computes against <body>, does not change.
   - A note's tooltip has role="dialog" and no name (axe "aria-dialog-name"). It takes the name of
     the note marker that opened it ("Note 5: Fact-check"). */
(function () {
  "use strict";

  /* Dismissed tooltip element -> its host. A host focused or entered again within Material's
     250 ms gets the same element back, so the mark must be taken off explicitly. */
  var dismissed = new Map();

  function hostOf(tooltip) {
    return document.querySelector('[aria-describedby="' + tooltip.id + '"], [aria-controls="' + tooltip.id + '"]');
  }

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".md-tooltip2--active:not(.md-tooltip2--dismissed)");
    Array.prototype.forEach.call(open, function (tooltip) {
      dismissed.set(tooltip, hostOf(tooltip));
      tooltip.classList.add("md-tooltip2--dismissed");
    });
  });

  function revive(event) {
    dismissed.forEach(function (host, tooltip) {
      if (host !== event.target && tooltip.isConnected) return;
      tooltip.classList.remove("md-tooltip2--dismissed");
      dismissed.delete(tooltip);
    });
  }
  document.addEventListener("focusin", revive);
  /* mouseenter does not bubble; a capturing listener still sees it for every element entered. */
  document.addEventListener("mouseenter", revive, true);

  function adopt(tooltip) {
    var main = document.querySelector("main");
    if (main && tooltip.parentNode !== main) main.appendChild(tooltip);
    if (tooltip.getAttribute("role") === "dialog" && !tooltip.hasAttribute("aria-label")) {
      /* Material sets aria-controls on the host in the same task that appends the tooltip,
         before this observer's callback runs. */
      var host = tooltip.id && document.querySelector('[aria-controls="' + tooltip.id + '"]');
      var name = host && (host.getAttribute("aria-label") || host.textContent.trim());
      if (name) tooltip.setAttribute("aria-label", name);
    }
  }

  new MutationObserver(function (records) {
    records.forEach(function (record) {
      Array.prototype.forEach.call(record.addedNodes, function (node) {
        if (node.nodeType === 1 && node.classList.contains("md-tooltip2")) adopt(node);
      });
    });
  }).observe(document.body, { childList: true });
})();
