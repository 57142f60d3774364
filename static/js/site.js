/* Small progressive enhancements. Every page works fully without this file. */
(function () {
  "use strict";

  // "On this page" starts open where there is room for it.
  if (window.matchMedia("(min-width: 64rem)").matches) {
    document.querySelectorAll("details[data-open-when-wide]").forEach(function (details) {
      details.open = true;
    });
  }

  // Print buttons exist only where they can work.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  });

  // A form is sent once, even on a double click (the server also ignores repeats).
  document.querySelectorAll("form").forEach(function (form) {
    form.addEventListener("submit", function () {
      var button = form.querySelector("[data-submit-once]");
      if (button) {
        window.setTimeout(function () {
          button.disabled = true;
        }, 0);
      }
    });
  });

  // A message box says how much room is left as one types (the limit is said anyway).
  document.querySelectorAll("textarea[data-count-to]").forEach(function (box) {
    var limit = parseInt(box.getAttribute("data-count-to"), 10);
    var status = document.getElementById(box.id + "_count");
    var timer;
    function update() {
      var left = limit - box.value.length;
      var text = status.getAttribute(left >= 0 ? "data-left" : "data-over");
      status.textContent = text.replace("{count}", String(Math.abs(left)));
      status.classList.toggle("field__count--over", left < 0);
    }
    // Screen readers hear the count when typing pauses, not at every key.
    box.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(update, 400);
    });
    update();
  });

  // After a failed send, take the reader to the list of problems.
  var summary = document.querySelector(".error-summary");
  if (summary) {
    summary.focus();
  }

  // "Copy link": without JavaScript it is a plain link to the page itself.
  document.querySelectorAll("[data-copy-link]").forEach(function (link) {
    if (!navigator.clipboard) {
      return;
    }
    link.setAttribute("role", "button");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var status = link.closest(".share").querySelector(".share__status");
      navigator.clipboard.writeText(link.href).then(
        function () {
          status.textContent = link.getAttribute("data-copied-text");
        },
        function () {
          status.textContent = link.href;
        }
      );
    });
  });
})();
