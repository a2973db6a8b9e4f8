/* Suggest a note from a selection.

   Select words inside one block of the text: a "Suggest a note" button (or Alt+N) writes the
   note file. The quotation is computed as the check resolves it: the block's text without the
   apparatus (note markers, numbers, panels), the selected words exactly, and the words just
   before them (or after) only when they occur more than once in the block. */
(function () {
  "use strict";

  var edition = window.edition;
  var each = edition.each;

  var suggestButton = null;
  var suggestDialog = null;
  var pending = null;   /* {block, key, exact, prefix, suffix} of the current selection */

  function baseText(node) {
    var copy = node.cloneNode(true);
    each("[data-apparatus]", copy, function (element) { element.remove(); });
    return copy.textContent;
  }

  function offsetIn(block, container, offset) {
    var range = document.createRange();
    range.setStart(block, 0);
    range.setEnd(container, offset);
    var fragment = range.cloneContents();
    each("[data-apparatus]", fragment, function (element) { element.remove(); });
    return fragment.textContent.length;
  }

  function positions(text, exact) {
    var found = [], at = text.indexOf(exact);
    while (at !== -1) { found.push(at); at = text.indexOf(exact, at + 1); }
    return found;
  }

  /* The shortest run of whole words before (or else after) the quotation that makes it unique. */
  function context(text, start, end) {
    var exact = text.slice(start, end);
    var all = positions(text, exact);
    if (all.length <= 1) return { prefix: "", suffix: "" };
    function unique(test) { return all.filter(test).length === 1; }
    for (var from = start; from > 0;) {
      from = text.lastIndexOf(" ", from - 2) + 1;
      var prefix = text.slice(from, start);
      if (unique(function (at) { return text.slice(at - prefix.length, at) === prefix; })) return { prefix: prefix, suffix: "" };
      if (from === 0) break;
    }
    for (var to = end; to < text.length;) {
      var next = text.indexOf(" ", to + 1);
      to = next === -1 ? text.length : next;
      var suffix = text.slice(end, to);
      if (unique(function (at) { return text.slice(at + exact.length, at + exact.length + suffix.length) === suffix; })) {
        return { prefix: "", suffix: suffix };
      }
    }
    return { prefix: "", suffix: "" };
  }

  function selectionInBlock() {
    var text = document.querySelector(".edition-text[data-suggest]");
    var selection = window.getSelection();
    if (!text || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
    var range = selection.getRangeAt(0);
    function blockOf(node) {
      var element = node.nodeType === 1 ? node : node.parentElement;
      return element && element.closest("[data-block]");
    }
    var block = blockOf(range.startContainer);
    if (!block || block !== blockOf(range.endContainer) || !text.contains(block)) return null;
    var whole = baseText(block);
    var start = offsetIn(block, range.startContainer, range.startOffset);
    var end = offsetIn(block, range.endContainer, range.endOffset);
    while (start < end && /\s/.test(whole[start])) start += 1;
    while (end > start && /\s/.test(whole[end - 1])) end -= 1;
    if (end <= start) return null;
    var around = context(whole, start, end);
    return { block: block, key: block.getAttribute("data-block"), exact: whole.slice(start, end),
             prefix: around.prefix, suffix: around.suffix, range: range };
  }

  function slug(words) {
    return words.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, " ").trim().split(" ").slice(0, 4).join("-");
  }

  function noteId(config, chosen) {
    var head = /^\d+$/.test(chosen.key) ? "p" + chosen.key : chosen.key;
    var base = head + "-" + (slug(chosen.exact) || "note");
    var id = base, n = 2;
    while (config.ids.indexOf(id) >= 0) { id = base + "-" + n; n += 1; }
    return id;
  }

  function yamlString(value) { return JSON.stringify(value); }

  function noteFile(config, chosen, id, type) {
    var today = new Date().toISOString().slice(0, 10);
    var paragraph = chosen.key;
    var lines = [
      "---"];
    if (config.schema) lines.push("# yaml-language-server: $schema=" + config.schema);
    lines.push(
      "# Written by the page's \"Suggest a note\". Replace every TODO, then run `make check`.",
      "id: " + id,
      "title: \"TODO: what the note is about, in a few words\"",
      "target:",
      "  paragraph: " + paragraph,
      "  exact: " + yamlString(chosen.exact));
    if (chosen.prefix) lines.push("  prefix: " + yamlString(chosen.prefix));
    if (chosen.suffix) lines.push("  suffix: " + yamlString(chosen.suffix));
    lines.push("type: " + type);
    if (type === "fact-check") {
      lines.push("verdict: TODO-verdict   # " + config.verdicts.join(", "));
    }
    lines.push("authors:", "  - name: \"TODO: your name as it should be printed\"",
               "date: \"" + today + "\"",
               "sources:   # each the key of an item in bibliography.json (see CONTRIBUTING.md)",
               "  - key: TODO-bibliography-key",
               "    quote: \"TODO: the sentence of the source that supports the note, copied exactly\"",
               "---",
               "TODO: the note, in Markdown. " + (type === "fact-check"
                 ? "Open with the verdict and the evidence (\"Accurate: the report of 20 November says …\")."
                 : "Explain what a reader of the text would need to know."),
               "");
    return lines.join("\n");
  }

  function makeSuggestButton() {
    suggestButton = document.createElement("button");
    suggestButton.type = "button";
    suggestButton.className = "edition-suggest md-button md-button--primary";
    suggestButton.textContent = "Suggest a note";
    suggestButton.setAttribute("aria-keyshortcuts", "Alt+N");
    suggestButton.hidden = true;
    /* Keep the selection when the button is pressed with a mouse. */
    suggestButton.addEventListener("mousedown", function (event) { event.preventDefault(); });
    suggestButton.addEventListener("click", function () { if (pending) openSuggestion(pending); });
    suggestButton.setAttribute("data-apparatus", "");
  }

  function placeSuggestButton() {
    var text = document.querySelector(".edition-text[data-suggest]");
    if (!text) return;
    if (!suggestButton) makeSuggestButton();
    pending = selectionInBlock();
    if (!pending) { suggestButton.hidden = true; return; }
    /* The button follows the paragraph in the document, so that Tab from the selection reaches it
       after the paragraph's own links; it is drawn just below the selection's last line. */
    if (suggestButton.previousElementSibling !== pending.block) {
      pending.block.parentNode.insertBefore(suggestButton, pending.block.nextSibling);
    }
    var rects = pending.range.getClientRects();
    var last = rects[rects.length - 1] || pending.range.getBoundingClientRect();
    suggestButton.hidden = false;
    var origin = (suggestButton.offsetParent || document.body).getBoundingClientRect();
    var left = Math.max(8, Math.min(last.right - suggestButton.offsetWidth,
                                    document.documentElement.clientWidth - suggestButton.offsetWidth - 8));
    suggestButton.style.top = (last.bottom + 6 - origin.top) + "px";
    suggestButton.style.left = (left - origin.left) + "px";
  }

  function field(label, control) {
    var wrapper = document.createElement("label");
    wrapper.className = "edition-suggest-dialog__field";
    wrapper.appendChild(document.createTextNode(label + " "));
    wrapper.appendChild(control);
    return wrapper;
  }

  function openSuggestion(chosen) {
    var config = JSON.parse(document.querySelector(".edition-text[data-suggest]").getAttribute("data-suggest"));
    if (!suggestDialog) {
      suggestDialog = document.createElement("dialog");
      suggestDialog.className = "edition-suggest-dialog md-typeset";
      suggestDialog.setAttribute("aria-labelledby", "edition-suggest-title");
      (document.querySelector(".md-content .md-typeset") || document.body).appendChild(suggestDialog);
    }
    var dialog = suggestDialog;
    dialog.textContent = "";
    var title = document.createElement("h2");
    title.id = "edition-suggest-title";
    title.textContent = "Suggest a note on " + (/^\d+$/.test(chosen.key) ? "¶" + chosen.key : "the " + chosen.key.replace("-", " "));
    var quote = document.createElement("blockquote");
    quote.textContent = (chosen.prefix ? "…" + chosen.prefix : "") + "[" + chosen.exact + "]" + (chosen.suffix ? chosen.suffix + "…" : "");
    var type = document.createElement("select");
    type.name = "type";
    config.types.forEach(function (term) {
      var option = document.createElement("option");
      option.value = term.value;
      option.textContent = term.label + ": " + term.description;
      type.appendChild(option);
    });
    var id = document.createElement("input");
    id.name = "id";
    id.value = noteId(config, chosen);
    id.setAttribute("pattern", "[a-z0-9]+(-[a-z0-9]+)*");
    var file = document.createElement("textarea");
    file.readOnly = true;
    file.rows = 16;
    file.className = "edition-suggest-dialog__file";
    file.setAttribute("aria-label", "The note file");
    var help = document.createElement("p");
    help.textContent = "This is a complete note file: the words are anchored exactly as the check finds them. " +
      "Write the fields marked TODO, add your sources to bibliography.json, and run make check.";
    var actions = document.createElement("p");
    actions.className = "edition-suggest-dialog__actions";
    var copy = document.createElement("button");
    copy.type = "button"; copy.className = "md-button"; copy.textContent = "Copy";
    var download = document.createElement("a");
    download.className = "md-button"; download.textContent = "Download";
    var github = document.createElement("a");
    github.className = "md-button md-button--primary"; github.textContent = "Open on GitHub";
    github.target = "_blank"; github.rel = "noopener";
    var close = document.createElement("button");
    close.type = "button"; close.className = "md-button"; close.textContent = "Close";
    function update() {
      var content = noteFile(config, chosen, id.value, type.value);
      file.value = content;
      download.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(content);
      download.setAttribute("download", id.value + ".md");
      if (config.repo) {
        github.href = config.repo + "/new/" + config.branch + "/" + config.notes + "?filename=" +
          encodeURIComponent(id.value + ".md") + "&value=" + encodeURIComponent(content);
      }
    }
    type.addEventListener("change", update);
    id.addEventListener("input", update);
    copy.addEventListener("click", function () {
      if (navigator.clipboard) navigator.clipboard.writeText(file.value).then(function () { copy.textContent = "Copied"; });
      else { file.select(); document.execCommand("copy"); }
    });
    close.addEventListener("click", function () { dialog.close(); });
    actions.appendChild(copy);
    actions.appendChild(download);
    if (config.repo) actions.appendChild(github);
    actions.appendChild(close);
    [title, quote, field("Note type", type), field("File name (id)", id), help, file, actions].forEach(function (part) {
      dialog.appendChild(part);
    });
    update();
    dialog.showModal();
    type.focus();
  }

  document.addEventListener("selectionchange", function () {
    window.clearTimeout(placeSuggestButton.timer);
    placeSuggestButton.timer = window.setTimeout(placeSuggestButton, 120);
  });
  document.addEventListener("keydown", function (event) {
    if (event.altKey && (event.key === "n" || event.key === "N" || event.code === "KeyN")) {
      var chosen = selectionInBlock();
      if (chosen) { event.preventDefault(); openSuggestion(chosen); }
    }
  });
})();
