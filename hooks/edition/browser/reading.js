/* Reading controls: all notes / fact-checks only / clean text. The choice is data-edition-reading
   on <html>: the theme's main.html sets the remembered one before the first paint and applies
   (and remembers, in localStorage) each new one, so that the controls work without this file.
   Here the controls show the current choice, and a change is announced as the "edition:reading"
   event once applied. The legend of the verdict marks is a <details> beside them (no script
   needed); Escape closes it. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;

  function setupControls() {
    each(".edition-reading", document, function (controls) {
      controls.hidden = false;
      each('input[name="edition-reading"]', controls, function (input) { input.checked = input.value === edition.mode(); });
    });
  }

  /* After main.html's listener (registered earlier on the same node), which applies the choice. */
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.name === "edition-reading" && input.checked) {
      document.dispatchEvent(new CustomEvent("edition:reading", { detail: edition.mode() }));
    }
  });

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
