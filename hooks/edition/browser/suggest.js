/* Suggest a note from a selection (its own file, loaded on demand by suggest-start.js).

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

  function field(label, control, hint) {
    var wrapper = document.createElement("label");
    wrapper.className = "edition-suggest-dialog__field";
    var words = document.createElement("span");
    words.className = "edition-suggest-dialog__label";
    words.textContent = label;
    wrapper.appendChild(words);
    if (hint) {
      var small = document.createElement("span");
      small.className = "edition-suggest-dialog__hint";
      small.textContent = hint;
      wrapper.appendChild(small);
    }
    wrapper.appendChild(control);
    return wrapper;
  }

  function button(text, className) {
    var element = document.createElement("button");
    element.type = "button";
    element.className = "md-button" + (className ? " " + className : "");
    element.textContent = text;
    return element;
  }

  function link(text, className) {
    var element = document.createElement("a");
    element.className = "md-button" + (className ? " " + className : "");
    element.textContent = text;
    return element;
  }

  function where(chosen) {
    return /^\d+$/.test(chosen.key) ? "¶" + chosen.key : "the " + chosen.key.replace("-", " ");
  }

  /* The site's root, from Material's configuration (the page may be in a folder). */
  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (error) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/"), location.href).href;
  }

  /* Copy `text`; say so in `status` (or, where the browser refuses, how to copy by hand). */
  function copyText(text, status, fallback, done) {
    function manually() {
      fallback.hidden = false;
      fallback.select();
      status.textContent = "Your browser did not let the page copy. The text is selected below: copy it with Ctrl+C (⌘C on a Mac).";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, manually);
    } else {
      manually();
    }
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
    var emails = (config.editors || []).filter(function (person) { return person.email; });
    var names = (config.editors || []).map(function (person) { return person.name; }).join(", ");
    var place = where(chosen);
    var title = document.createElement("h2");
    title.id = "edition-suggest-title";
    title.textContent = "Suggest a note on " + place;
    var quote = document.createElement("blockquote");
    quote.textContent = (chosen.prefix ? "…" + chosen.prefix : "") + "[" + chosen.exact + "]" + (chosen.suffix ? chosen.suffix + "…" : "");

    /* ---- For everyone: three plain questions, then GitHub, e-mail or copy. */
    var form = document.createElement("form");
    form.className = "edition-suggest-dialog__form";
    form.noValidate = true;
    var what = document.createElement("textarea");
    what.name = "note"; what.rows = 4; what.required = true;
    var source = document.createElement("input");
    source.name = "source"; source.type = "text"; source.required = true;
    var credit = document.createElement("input");
    credit.name = "credit"; credit.type = "text"; credit.autocomplete = "name";
    form.appendChild(field("What should readers know about these words?", what));
    form.appendChild(field("A source", source, "Its address, or its author, title and date."));
    form.appendChild(field("Your name, to credit you (optional)", credit));
    var how = document.createElement("p");
    how.className = "edition-suggest-dialog__how";
    var actions = document.createElement("p");
    actions.className = "edition-suggest-dialog__actions";
    var github = config.repo ? link("Suggest on GitHub", "md-button--primary") : null;
    if (github) { github.target = "_blank"; github.rel = "noopener"; }
    var email = emails.length ? link("Send by e-mail", github ? "" : "md-button--primary") : null;
    var copyPlain = button("Copy the text", github || email ? "" : "md-button--primary");
    var close = button("Close");
    [github, email, copyPlain, close].forEach(function (part) { if (part) actions.appendChild(part); });
    var status = document.createElement("p");
    status.className = "edition-suggest-dialog__status";
    status.setAttribute("role", "status");
    var plain = document.createElement("textarea");
    plain.className = "edition-suggest-dialog__text";
    plain.readOnly = true; plain.rows = 7; plain.hidden = true;
    plain.setAttribute("aria-label", "Your suggestion, as text");
    var routes = [];
    if (github) routes.push("Suggest on GitHub opens the edition's suggestion form with all of this filled in (it needs a free GitHub account)");
    if (email) routes.push("Send by e-mail writes it to the editors in your e-mail program (no account needed)");
    how.textContent = routes.length
      ? routes.join("; ") + ". Or copy the text and send it as you like."
      : "This edition has no public issue tracker or e-mail address for suggestions. Copy the text and send it to the editors" +
        (names ? " (" + names + ")" : "") + " by any means you have.";

    function message() {
      var lines = ["Suggested note on " + place + " of “" + config.title + "”", "",
                   "The words: “" + chosen.exact + "”" + (chosen.prefix ? " (after “" + chosen.prefix.trim() + "”)" : "") +
                     (chosen.suffix ? " (before “" + chosen.suffix.trim() + "”)" : ""),
                   "", "What readers should know:", what.value.trim(), "", "Source: " + source.value.trim(),
                   "Credit: " + (credit.value.trim() || "(no name given)")];
      if (config.address) lines.push("Where: " + config.address + (/^\d+$/.test(chosen.key) ? "#p" + chosen.key : "#" + chosen.key));
      return lines.join("\n");
    }
    function issueTitle() { return "Note on " + place + ": “" + (chosen.exact.length > 60 ? chosen.exact.slice(0, 57) + "…" : chosen.exact) + "”"; }
    function updatePlain() {
      var text = message();
      plain.value = text;
      if (github) {
        var query = { template: "suggest-a-note.yml", title: issueTitle(), paragraph: chosen.key, quotation: chosen.exact,
                      context: chosen.prefix ? "after “" + chosen.prefix.trim() + "”" : chosen.suffix ? "before “" + chosen.suffix.trim() + "”" : "",
                      note: what.value.trim(), sources: source.value.trim(), credit: credit.value.trim() };
        github.href = config.repo + "/issues/new?" + Object.keys(query).filter(function (key) { return query[key]; })
          .map(function (key) { return key + "=" + encodeURIComponent(query[key]); }).join("&");
      }
      if (email) {
        email.href = "mailto:" + emails.map(function (person) { return encodeURIComponent(person.email); }).join(",") +
          "?subject=" + encodeURIComponent(issueTitle()) + "&body=" + encodeURIComponent(text);
      }
    }
    /* What is missing, said in words, before anything is sent. */
    function complete() {
      what.setCustomValidity(what.value.trim() ? "" : "Say what readers should know about these words.");
      source.setCustomValidity(source.value.trim() ? "" : "Give a source: its address, or its author, title and date.");
      var missing = [what, source].filter(function (control) { return !control.checkValidity(); });
      missing.forEach(function (control) { control.setAttribute("aria-invalid", "true"); });
      [what, source].forEach(function (control) { if (missing.indexOf(control) < 0) control.removeAttribute("aria-invalid"); });
      if (missing.length) {
        status.textContent = missing.map(function (control) { return control.validationMessage; }).join(" ");
        missing[0].focus();
        return false;
      }
      return true;
    }
    form.addEventListener("input", function () { updatePlain(); if (status.textContent) status.textContent = ""; });
    [github, email].forEach(function (action) {
      if (action) action.addEventListener("click", function (event) { if (!complete()) event.preventDefault(); });
    });
    copyPlain.addEventListener("click", function () {
      if (!complete()) return;
      copyText(plain.value, status, plain, function () {
        copyPlain.textContent = "Copied";
        status.textContent = "Copied. Paste it into an e-mail or a message to the editors" + (names ? " (" + names + ")" : "") + ".";
      });
    });
    close.addEventListener("click", function () { dialog.close(); });

    /* ---- For editors: the complete note file, anchored as the check finds it. */
    var editors = document.createElement("details");
    editors.className = "edition-suggest-dialog__editors";
    var summary = document.createElement("summary");
    summary.textContent = "For editors: the note file";
    editors.appendChild(summary);
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
    id.type = "text";
    id.value = noteId(config, chosen);
    id.setAttribute("pattern", "[a-z0-9]+(-[a-z0-9]+)*");
    id.setAttribute("spellcheck", "false");
    var file = document.createElement("textarea");
    file.readOnly = true;
    file.rows = 12;
    file.className = "edition-suggest-dialog__file";
    file.setAttribute("aria-label", "The note file");
    var help = document.createElement("p");
    var folder = document.createElement("code");
    var guide = document.createElement("a");
    guide.href = siteRoot() + "contributing/";
    guide.textContent = "the contributing guide";
    help.append("A complete note file, its words anchored as the check finds them. Save it as ", folder,
                " in the edition's repository, write the fields marked TODO (the sources go in bibliography.json) and run make check; ",
                guide, " explains each step.");
    var fileActions = document.createElement("p");
    fileActions.className = "edition-suggest-dialog__actions";
    var copy = button("Copy");
    var download = link("Download");
    var newFile = config.repo ? link("Open on GitHub") : null;
    if (newFile) { newFile.target = "_blank"; newFile.rel = "noopener"; }
    var fileStatus = document.createElement("p");
    fileStatus.className = "edition-suggest-dialog__status";
    fileStatus.setAttribute("role", "status");
    function updateFile() {
      var content = noteFile(config, chosen, id.value, type.value);
      file.value = content;
      folder.textContent = config.notes + "/" + id.value + ".md";
      download.href = "data:text/markdown;charset=utf-8," + encodeURIComponent(content);
      download.setAttribute("download", id.value + ".md");
      if (newFile) {
        newFile.href = config.repo + "/new/" + config.branch + "/" + config.notes + "?filename=" +
          encodeURIComponent(id.value + ".md") + "&value=" + encodeURIComponent(content);
      }
    }
    type.addEventListener("change", updateFile);
    id.addEventListener("input", updateFile);
    copy.addEventListener("click", function () {
      copyText(file.value, fileStatus, file, function () { copy.textContent = "Copied"; });
    });
    [copy, download, newFile].forEach(function (part) { if (part) fileActions.appendChild(part); });
    [field("Note type", type), field("File name (id)", id), help, file, fileActions, fileStatus].forEach(function (part) {
      editors.appendChild(part);
    });

    [title, quote, form, how, actions, status, plain, editors].forEach(function (part) { dialog.appendChild(part); });
    updatePlain();
    updateFile();
    dialog.showModal();
    what.focus();
  }

  /* Loaded by suggest-start.js (part of edition.js) on the reader's first selection in the text:
     the button is placed for that selection at once, and the dialog opened if Alt+N asked. */
  edition.suggest = {
    start: function (open) {
      placeSuggestButton();
      var chosen = open && selectionInBlock();
      if (chosen) openSuggestion(chosen);
    }
  };
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(placeSuggestButton.timer);
    placeSuggestButton.timer = window.setTimeout(placeSuggestButton, 120);
  });
  document.addEventListener("keydown", function (event) {
    if (edition.isSuggestKey(event)) {
      var chosen = selectionInBlock();
      if (chosen) { event.preventDefault(); openSuggestion(chosen); }
    }
  });
})();
