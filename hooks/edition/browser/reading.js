/* Reading controls: all notes / fact-checks only / clean text, remembered across pages in
   localStorage and applied as data-edition-reading on <html> (set before the first paint by the
   theme's main.html). A change is announced as the "edition:reading" event. The legend of the
   verdict marks is a <details> beside them (no script needed); Escape closes it. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;
  var KEY = "edition.reading";

  function setMode(value) {
    if (edition.MODES.indexOf(value) < 0) value = "all";
    edition.root.setAttribute("data-edition-reading", value);
    try { localStorage.setItem(KEY, value); } catch (error) { /* private mode: not remembered */ }
    each('input[name="edition-reading"]', document, function (input) { input.checked = input.value === value; });
    document.dispatchEvent(new CustomEvent("edition:reading", { detail: value }));
  }

  function setupControls() {
    each(".edition-reading", document, function (controls) {
      controls.hidden = false;
      each('input[name="edition-reading"]', controls, function (input) {
        input.checked = input.value === edition.mode();
        input.addEventListener("change", function () { if (input.checked) setMode(input.value); });
      });
    });
  }

  /* Escape closes the verdict marks, opened behind their button, and leaves the focus on it. */
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var box = event.target.closest && event.target.closest("details.edition-legend-box[open]");
    if (!box) return;
    box.open = false;
    box.querySelector("summary").focus();
  });

  edition.ready(setupControls);
})();
