/* The Print page's range of paragraphs, kept in the address (?from=3&to=5) so that it can be shared. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;

  function setupPrintRange() {
    var form = document.querySelector(".edition-print-range");
    if (!form) return;
    form.hidden = false;
    var from = form.elements["from"], to = form.elements["to"];
    var status = form.querySelector(".edition-print-range__status");
    var params = new URLSearchParams(location.search);
    if (params.get("from")) from.value = params.get("from");
    if (params.get("to")) to.value = params.get("to");

    function apply() {
      var low = Math.min(+from.value, +to.value), high = Math.max(+from.value, +to.value);
      var all = low === 1 && high === from.options.length;
      function inside(n) { return n >= low && n <= high; }
      each(".handout [data-paragraph]", document, function (item) {
        var n = +item.getAttribute("data-paragraph");
        /* Notes on the byline and the author's note (0) go with the whole text only. */
        item.hidden = n === 0 ? !all : !inside(n);
      });
      each(".handout [data-paragraphs]", document, function (item) {
        var ns = item.getAttribute("data-paragraphs").split(" ").map(Number);
        item.hidden = !ns.some(function (n) { return n === 0 ? all : inside(n); });
      });
      each(".handout-front :is(.handout-byline, .handout-author-note)", document, function (item) { item.hidden = !all; });
      var query = all ? location.pathname : location.pathname + "?from=" + low + "&to=" + high;
      history.replaceState(null, "", query + location.hash);
      status.textContent = all ? "The whole text." : "¶" + low + (high > low ? "–¶" + high : "") + " and its notes.";
    }
    from.addEventListener("change", apply);
    to.addEventListener("change", apply);
    form.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    apply();
  }
  edition.ready(setupPrintRange);
})();
