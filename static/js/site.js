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
