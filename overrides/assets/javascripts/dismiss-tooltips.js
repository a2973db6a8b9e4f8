/* Escape dismisses Material's tooltips (WCAG 1.4.13 "Content on Hover or Focus").
   Material shows a tooltip while its host is hovered or focused and removes the tooltip element
   when both end; it offers no way to hide one without moving focus or the pointer. Escape marks the
   open tooltips as dismissed (docs/assets/fixes.css hides them); Material creates a new element
   the next time a host is hovered or focused, so dismissing lasts until then. Focus stays put. */
(function () {
  "use strict";
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var open = document.querySelectorAll(".md-tooltip2--active:not(.md-tooltip2--dismissed)");
    Array.prototype.forEach.call(open, function (tooltip) {
      tooltip.classList.add("md-tooltip2--dismissed");
    });
  });
})();
