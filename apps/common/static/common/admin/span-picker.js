/* Span picker for editor-added claims, quotes and commitments: shows the chosen article's text; the editor
 * selects the evidence with the mouse and "Use selection" fills the start/end fields with Python string
 * offsets (code points, not the UTF-16 units JavaScript counts in). */
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  function codePoints(s) { return Array.from(s).length; }

  ready(function () {
    var picker = document.getElementById("nr-span-picker");
    var articleInput = document.getElementById("id_article");
    if (!picker || !articleInput) return;
    var bodyEl = document.getElementById("nr-picker-body");
    var status = document.getElementById("nr-picker-status");
    var hint = picker.querySelector("p.nr-muted");
    var base = picker.getAttribute("data-body-url");
    var text = "";
    var loadedId = null;

    function load() {
      var id = articleInput.value;
      if (id === loadedId) return; // the widget may announce the same choice twice
      loadedId = id;
      bodyEl.textContent = "";
      text = "";
      if (!id) { hint.style.display = ""; return; }
      hint.textContent = "Loading the article…";
      fetch(base + encodeURIComponent(id) + "/body/", {credentials: "same-origin"})
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          if (loadedId !== id) return; // another article was chosen meanwhile
          text = data.body;
          bodyEl.textContent = text; // one text node: DOM offsets are offsets into the body
          hint.textContent = "Select the evidence in the text below, then press “Use selection as evidence”.";
          showCurrent();
        })
        .catch(function () { hint.textContent = "Could not load the article text."; });
    }

    function showCurrent() {
      var s = parseInt((document.getElementById("id_start") || {}).value, 10);
      var e = parseInt((document.getElementById("id_end") || {}).value, 10);
      if (!isNaN(s) && !isNaN(e) && text) {
        var chars = Array.from(text);
        status.textContent = "Evidence: “" + chars.slice(s, e).join("") + "”";
      }
    }

    document.getElementById("nr-use-selection").addEventListener("click", function () {
      var sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || !text) { status.textContent = "Select some words in the text first."; return; }
      var range = sel.getRangeAt(0);
      var node = bodyEl.firstChild;
      if (!node || !bodyEl.contains(range.startContainer) || !bodyEl.contains(range.endContainer)) {
        status.textContent = "The selection must be inside the article text."; return;
      }
      if (range.startContainer !== node || range.endContainer !== node) {
        status.textContent = "Select the words again: the selection must be inside the article text."; return;
      }
      var a = range.startOffset;
      var b = range.endOffset;
      // Trim surrounding white space, as editors rarely mean to include it.
      while (a < b && /\s/.test(text[a])) a++;
      while (b > a && /\s/.test(text[b - 1])) b--;
      if (a >= b) { status.textContent = "Select some words in the text first."; return; }
      var start = codePoints(text.slice(0, a)), end = start + codePoints(text.slice(a, b));
      document.getElementById("id_start").value = start;
      document.getElementById("id_end").value = end;
      var textField = document.getElementById("id_text");
      if (textField && !textField.value) textField.value = text.slice(a, b);
      status.textContent = "Evidence: characters " + start + "–" + end + ": “" + text.slice(a, b) + "”";
    });

    articleInput.addEventListener("change", load);
    if (window.django && window.django.jQuery) window.django.jQuery(articleInput).on("change", load);
    load();
  });
})();
