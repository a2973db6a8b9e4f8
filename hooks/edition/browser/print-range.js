/* The Print page's choice of what to print: a range of paragraphs, full, short or no notes, and
   wide margins, kept in the address (?from=3&to=5&notes=short&margins=wide) so that it can be
   shared. The document's title (the PDF's name when saved) and the printed line under the
   headline say what it is: "Rekindled Pak-Russia Relations, ¶3–¶5, with notes". */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;
  var NOTES = { full: "with notes", short: "with short notes", none: "without notes" };

  /* The page's address in the printed pages' margin (print.css places it): this page with its choice. */
  function marginAddress(address) {
    var style = document.getElementById("edition-print-address");
    if (!style) {
      style = document.createElement("style");
      style.id = "edition-print-address";
      style.media = "print";
      document.head.appendChild(style);
    }
    style.textContent = "@page { @bottom-left { content: " + JSON.stringify(address) + "; } }";
  }

  function setupPrintRange() {
    var form = document.querySelector(".edition-print-range");
    if (!form) return;
    form.hidden = false;
    var from = form.elements["from"], to = form.elements["to"], margins = form.elements["margins"];
    var status = form.querySelector(".edition-print-range__status");
    var title = form.getAttribute("data-title") || document.title;
    var canonical = document.querySelector('link[rel="canonical"]');
    var params = new URLSearchParams(location.search);
    function valid(select, value) {
      return Array.prototype.some.call(select.options, function (option) { return option.value === value; });
    }
    if (valid(from, params.get("from"))) from.value = params.get("from");
    if (valid(to, params.get("to"))) to.value = params.get("to");
    if (NOTES[params.get("notes")]) form.querySelector('input[name="notes"][value="' + params.get("notes") + '"]').checked = true;
    margins.checked = params.get("margins") === "wide";

    function apply() {
      var low = Math.min(+from.value, +to.value), high = Math.max(+from.value, +to.value);
      var all = low === 1 && high === from.options.length;
      var notes = form.querySelector('input[name="notes"]:checked').value;
      function inside(n) { return n >= low && n <= high; }
      each(".handout", document, function (handout) {
        handout.setAttribute("data-notes", notes);
        if (margins.checked) handout.setAttribute("data-margins", "wide");
        else handout.removeAttribute("data-margins");
      });
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
      var range = all ? "" : "¶" + low + (high > low ? "–¶" + high : "");
      var what = (range ? range + ", " : "") + NOTES[notes];
      each(".handout-range", document, function (line) {
        line.textContent = what.charAt(0).toUpperCase() + what.slice(1);
        line.hidden = all && notes === "full";
      });
      var query = [];
      if (!all) query.push("from=" + low, "to=" + high);
      if (notes !== "full") query.push("notes=" + notes);
      if (margins.checked) query.push("margins=wide");
      var search = query.length ? "?" + query.join("&") : "";
      history.replaceState(null, "", location.pathname + search + location.hash);
      document.title = title + ", " + what;
      status.textContent = "Prints " + (all ? "the whole text" : range) + ", " + NOTES[notes] +
        (margins.checked ? ", wide margins" : "") + ".";
      marginAddress((canonical ? canonical.href.split(/[?#]/)[0] : location.href.split(/[?#]/)[0]) + search);
    }
    form.addEventListener("change", apply);
    form.querySelector("[data-print]").addEventListener("click", function () { window.print(); });
    apply();
  }
  edition.ready(setupPrintRange);
})();
