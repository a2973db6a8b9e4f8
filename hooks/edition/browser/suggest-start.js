/* Suggest a note, on demand. suggest.js (the button and the dialog that write a note file: half
   of the edition's script) is its own file, fetched from beside edition.js the first time a
   reader selects words in the text or presses Alt+N, not with every page. Once it has loaded
   it acts on the selection of the moment and listens for itself. */
(function () {
  "use strict";

  var edition = window.edition;
  var script = document.currentScript;
  var source = script && script.src ? new URL("suggest.js", script.src).href : "";
  var state = "idle";   /* "loading", then "loaded" (or "failed": the feature is absent) */
  var openOnLoad = false;

  /* Alt+N, the shortcut of "Suggest a note" (suggest.js answers it once loaded). */
  edition.isSuggestKey = function (event) {
    return event.altKey && (event.key === "n" || event.key === "N" || event.code === "KeyN");
  };

  function load() {
    if (state !== "idle" || !source) return;
    state = "loading";
    var tag = document.createElement("script");
    tag.src = source;
    tag.onload = function () {
      state = "loaded";
      if (edition.suggest) edition.suggest.start(openOnLoad);
    };
    tag.onerror = function () { state = "failed"; };
    document.head.appendChild(tag);
  }

  function selectedInText() {
    var selection = window.getSelection();
    var where = document.querySelector(".edition-text[data-suggest]");
    return Boolean(where && selection && !selection.isCollapsed && selection.rangeCount &&
                   where.contains(selection.getRangeAt(0).commonAncestorContainer));
  }

  document.addEventListener("selectionchange", function () {
    if (state === "idle" && selectedInText()) load();
  });
  document.addEventListener("keydown", function (event) {
    if (state === "loaded") return;  /* suggest.js answers it */
    if (edition.isSuggestKey(event) && selectedInText()) {
      /* Claimed, as Material claims its own keys: its "n" (next page) ignores Alt and would
         leave the page, which it does not do once the dialog has the focus. */
      event.preventDefault();
      event.stopPropagation();
      openOnLoad = true;
      load();  /* nothing more if suggest.js could not be fetched */
    }
  });
})();
