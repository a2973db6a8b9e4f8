/* Fixes to Material's tooltips (content.tooltips, content.footnote.tooltips), found by running
   axe-core and the keyboard tests in tests/browser/ with tooltips open.

   Material creates a tooltip element when its host is hovered or focused, appends it to <body>,
   and removes it when both end. Three things are missing:
   - Escape does not dismiss it (WCAG 1.4.13 "Content on Hover or Focus"). Escape now marks the
     open tooltips as dismissed, which docs/assets/fixes.css hides; focus stays where it is, and
     the next hover or focus of a host shows its tooltip again.
   - Appended to <body>, it lies outside every landmark (axe "region"). It is moved into <main>:
     <main> and its ancestors up to <body> are statically positioned, so the tooltip's absolute
     position, which Material computes against <body>, does not change.
   - A note's tooltip has role="dialog" and no name (axe "aria-dialog-name"). It takes the name of
     the note marker that opened it ("Note 5: Fact-check"). */
(function () {
  "use strict";

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".md-tooltip2--active:not(.md-tooltip2--dismissed)");
    Array.prototype.forEach.call(open, function (tooltip) {
      tooltip.classList.add("md-tooltip2--dismissed");
    });
  });

  /* Material keeps a tooltip for 250 ms after its host loses focus or the pointer, so a host
     focused or entered again within that time gets the same, still dismissed, element back. */
  function revive(event) {
    var host = event.target;
    if (!host || host.nodeType !== 1) return;
    var id = host.getAttribute("aria-describedby") || host.getAttribute("aria-controls");
    var tooltip = id && document.getElementById(id);
    if (tooltip && tooltip.classList.contains("md-tooltip2")) {
      tooltip.classList.remove("md-tooltip2--dismissed");
    }
  }
  document.addEventListener("focusin", revive);
  document.addEventListener("mouseenter", revive, true);

  function adopt(tooltip) {
    var main = document.querySelector("main");
    if (main && tooltip.parentNode !== main) main.appendChild(tooltip);
    if (tooltip.getAttribute("role") === "dialog" && !tooltip.hasAttribute("aria-label")) {
      /* Material sets aria-controls on the host in the same task that appends the tooltip,
         so it is there when this observer runs. */
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
