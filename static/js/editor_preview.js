/* The Markdown editor's live preview, beside the text on a wide screen and behind a
   Write / Preview switch on a narrow one.

   django-markdownx posts the text to /markdownx/markdownify/ and writes the answer
   (the writing aids, then the rendered text) into its .markdownx-preview element;
   this script moves the aids beside the preview and the text into a frame that holds
   only the public site's stylesheet (publishing/editor.py, preview_frame), so staff
   see the type patients see. The frame follows the caret, and a warning, clicked,
   marks its sentence in the preview and selects it in the text.

   Without JavaScript nothing here runs: the text area and the (empty) preview stay
   one above the other. */
(function () {
  "use strict";

  var script = document.currentScript;
  var WIDE = window.matchMedia("(min-width: 1100px)");
  var BLOCKS = "p, li, h1, h2, h3, h4, h5, h6, td, th, dt, dd, blockquote, pre, figcaption";

  function words(text) {
    return (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []).join(" ");
  }

  /* The words of a Markdown line, without its markup (list marks, link addresses). */
  function lineWords(line) {
    return words(
      line
        .replace(/^\s*(#{1,6}|[-*+]|\d+[.)]|>|\|)\s+/, "")
        .replace(/\]\([^)]*\)/g, "]")
        .replace(/\[\^[^\]]*\]/g, "")
    );
  }

  function setUp(root) {
    var textarea = root.querySelector("textarea.markdownx-editor");
    var source = root.querySelector(".markdownx-preview");
    if (!textarea || !source) return;

    var url = textarea.getAttribute("data-markdownx-urls-path");
    textarea.setAttribute(
      "data-markdownx-urls-path",
      url + (url.indexOf("?") < 0 ? "?" : "&") + "kind=" + encodeURIComponent(script.dataset.kind)
    );
    var language = new URLSearchParams(url.split("?")[1] || "").get("language") || "";

    root.classList.add("editor-split", "editor-split--write");
    source.hidden = true; // markdownx writes here; the pane below shows it

    var pane = document.createElement("div");
    pane.className = "editor-pane";
    pane.id = textarea.id + "-preview-pane";
    var aids = document.createElement("div");
    aids.className = "editor-pane__aids";
    var frame = document.createElement("iframe");
    frame.className = "editor-pane__frame";
    frame.title = script.dataset.previewLabel;
    frame.src = script.dataset.frameUrl + "?language=" + encodeURIComponent(language);
    pane.append(frame, aids);

    var toggle = document.createElement("div");
    toggle.className = "editor-switch";
    toggle.setAttribute("role", "group");
    toggle.setAttribute("aria-label", script.dataset.switchLabel);
    var writeButton = switchButton(script.dataset.writeLabel, textarea.id, true);
    var previewButton = switchButton(script.dataset.previewLabel, pane.id, false);
    toggle.append(writeButton, previewButton);
    root.prepend(toggle);
    root.append(pane);

    function switchButton(label, controls, pressed) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "editor-switch__button";
      button.textContent = label;
      button.setAttribute("aria-controls", controls);
      button.setAttribute("aria-pressed", String(pressed));
      return button;
    }

    function show(preview) {
      root.classList.toggle("editor-split--preview", preview);
      root.classList.toggle("editor-split--write", !preview);
      writeButton.setAttribute("aria-pressed", String(!preview));
      previewButton.setAttribute("aria-pressed", String(preview));
    }
    writeButton.addEventListener("click", function () { show(false); });
    previewButton.addEventListener("click", function () { show(true); });

    // The frame's document: filled when both it and a preview have arrived.
    var rendered = null;
    function article() {
      var doc = frame.contentDocument;
      return doc && doc.readyState === "complete" ? doc.querySelector("article") : null;
    }
    function fill() {
      var target = article();
      if (!target || rendered === null) return;
      var top = frame.contentWindow.scrollY;
      target.className = script.dataset.pageClass;
      target.innerHTML = rendered;
      // A fresh preview keeps the place the editor last chose: the caret's block, or,
      // after the text was scrolled without moving the caret, the scrolled place.
      if (document.activeElement === textarea && !followingScroll) follow();
      else frame.contentWindow.scrollTo(0, top);
    }
    frame.addEventListener("load", fill);

    root.addEventListener("markdownx.update", function () {
      var answer = source.querySelector(".editor-rendered");
      var checks = source.querySelector(".editor-aids");
      rendered = answer ? answer.innerHTML : source.innerHTML;
      aids.replaceChildren();
      if (checks) aids.append(checks);
      source.replaceChildren(); // nothing shown twice, no ids repeated in the admin page
      fill();
    });

    // The preview follows the caret: the block whose text starts as the caret's line
    // does (the nth such block for the nth such line), else the same proportion.
    function scrollFrameTo(element, fraction) {
      var win = frame.contentWindow;
      if (!win) return;
      var doc = frame.contentDocument.documentElement;
      if (element) {
        var box = element.getBoundingClientRect();
        if (box.top >= 0 && box.bottom <= win.innerHeight) return; // already in view
      }
      var top = element
        ? element.getBoundingClientRect().top + win.scrollY - win.innerHeight / 3
        : fraction * (doc.scrollHeight - win.innerHeight);
      win.scrollTo(0, Math.max(0, top));
    }

    function follow() {
      var target = article();
      if (!target) return;
      var text = textarea.value;
      caret = textarea.selectionStart;
      followingScroll = false;
      var lines = text.slice(0, textarea.selectionStart).split("\n");
      var caretLine = lines.length - 1;
      var all = text.split("\n");
      var index = caretLine;
      while (index > 0 && !lineWords(all[index])) index -= 1;
      var wanted = lineWords(all[index] || "").split(" ").slice(0, 8).join(" ");
      var before = 0;
      for (var i = 0; i < index; i += 1) {
        if (wanted && lineWords(all[i]).indexOf(wanted) === 0) before += 1;
      }
      // A block that starts with the line's words (a heading, a list item, a
      // paragraph's first line), else one that holds them (a paragraph's next line).
      var found = wanted && (nth(target, wanted, before, true) || nth(target, wanted, 0, false));
      target.querySelectorAll(".editor-current").forEach(function (block) {
        block.classList.remove("editor-current");
      });
      if (found) found.classList.add("editor-current");
      scrollFrameTo(found, all.length > 1 ? caretLine / (all.length - 1) : 0);
    }

    function nth(target, wanted, count, atStart) {
      var blocks = target.querySelectorAll(BLOCKS);
      for (var b = 0; b < blocks.length; b += 1) {
        var position = words(blocks[b].textContent).indexOf(wanted);
        if (atStart ? position === 0 : position >= 0) {
          if (count === 0) return blocks[b];
          count -= 1;
        }
      }
      return null;
    }

    var pending = 0;
    var caret = 0; // where the caret was when the preview last followed it
    var followingScroll = false; // the preview last followed the text's scrolling
    function followSoon() {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(follow);
    }
    ["keyup", "click", "focus", "select"].forEach(function (type) {
      textarea.addEventListener(type, followSoon);
    });
    // Scrolled without moving the caret (a wheel, a scroll bar): the same proportion.
    textarea.addEventListener("scroll", function () {
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(function () {
        if (!article() || textarea.selectionStart !== caret) return;
        var range = textarea.scrollHeight - textarea.clientHeight;
        followingScroll = true;
        scrollFrameTo(null, range > 0 ? textarea.scrollTop / range : 0);
      });
    });

    // A warning, clicked: its sentence marked in the preview, and selected in the text.
    aids.addEventListener("click", function (event) {
      var button = event.target.closest(".editor-aids__warning");
      if (!button) return;
      var target = article();
      if (!target) return;
      unmark(target);
      var marked = button.dataset.image
        ? markImage(target, button.dataset.image)
        : markText(target, button.dataset.sentence || "");
      if (marked) scrollFrameTo(marked, 0);
      if (button.dataset.sentence && WIDE.matches) selectInText(button.dataset.sentence);
    });

    function selectInText(sentence) {
      var parts = sentence.match(/[\p{L}\p{N}]+/gu);
      if (!parts) return;
      var escaped = parts.map(function (part) {
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      });
      // Between two words: spaces, markup, or a link's address.
      var ending = sentence.match(/[^\p{L}\p{N}\s]*$/u)[0].replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      var pattern = new RegExp(escaped.join("(?:\\]\\([^)]*\\)|[^\\p{L}\\p{N}])+") + ending, "iu");
      var match = pattern.exec(textarea.value);
      if (!match) return;
      textarea.focus({ preventScroll: true });
      textarea.setSelectionRange(match.index, match.index + match[0].length);
      // Bring the selection into the text area's view: the lines above it, measured.
      var lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
      var lineNumber = textarea.value.slice(0, match.index).split("\n").length - 1;
      textarea.scrollTop = Math.max(0, lineNumber * lineHeight - textarea.clientHeight / 3);
    }
  }

  function unmark(target) {
    target.querySelectorAll("mark.editor-mark").forEach(function (mark) {
      mark.replaceWith.apply(mark, Array.from(mark.childNodes));
    });
    target.querySelectorAll(".editor-mark").forEach(function (element) {
      element.classList.remove("editor-mark");
    });
    target.normalize();
  }

  function markImage(target, src) {
    var image = Array.from(target.querySelectorAll("img")).find(function (img) {
      return img.getAttribute("src") === src;
    });
    if (image) image.classList.add("editor-mark");
    return image || null;
  }

  /* Wrap the first occurrence of ``sentence`` (spaces compared loosely) in <mark>s,
     one per text node it spans; return the first mark. */
  function markText(target, sentence) {
    var wanted = sentence.replace(/\s+/g, " ").trim();
    if (!wanted) return null;
    var doc = target.ownerDocument;
    var walker = doc.createTreeWalker(target, NodeFilter.SHOW_TEXT);
    var text = "";
    var positions = []; // for each character of text: [node, offset]
    var node;
    while ((node = walker.nextNode())) {
      for (var i = 0; i < node.data.length; i += 1) {
        var character = /\s/.test(node.data[i]) ? " " : node.data[i];
        if (character === " " && text.slice(-1) === " ") continue;
        text += character;
        positions.push([node, i]);
      }
    }
    var start = text.indexOf(wanted);
    if (start < 0) return null;
    var end = start + wanted.length - 1;
    // Split the text nodes from the last one backwards, so earlier offsets stay valid.
    var spans = [];
    for (var k = start; k <= end; k += 1) {
      var last = spans[spans.length - 1];
      if (last && last.node === positions[k][0]) last.to = positions[k][1];
      else spans.push({ node: positions[k][0], from: positions[k][1], to: positions[k][1] });
    }
    var first = null;
    for (var s = spans.length - 1; s >= 0; s -= 1) {
      var span = spans[s];
      var middle = span.node.splitText(span.from);
      middle.splitText(span.to - span.from + 1);
      var mark = doc.createElement("mark");
      mark.className = "editor-mark";
      middle.replaceWith(mark);
      mark.append(middle);
      first = mark;
    }
    return first;
  }

  document.querySelectorAll(".markdownx").forEach(setUp);
})();
