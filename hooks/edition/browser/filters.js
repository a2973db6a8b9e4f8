/* Filters of the claims table (by verdict) and of the timeline (events in the text only). */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;

  function setupFilters() {
    each(".edition-claims__filter", document, function (filter) {
      filter.hidden = false;
      filter.addEventListener("change", function (event) {
        var value = event.target.value;
        each("table.edition-claims tbody tr", document, function (row) {
          row.hidden = value !== "all" && row.getAttribute("data-verdict") !== value;
        });
      });
    });
    each(".edition-timeline__filter", document, function (filter) {
      filter.hidden = false;
      filter.addEventListener("change", function (event) {
        document.querySelector(".md-content").classList.toggle("edition-timeline--in-text-only",
                                                                event.target.value === "in-text");
      });
    });
  }
  edition.ready(setupFilters);
})();
