/* The self-check, one question at a time, with no request until the result.
 *
 * Without this file the check is a plain multi-step form (each step posts, the earlier
 * answers travel signed). With it, every step's questions, already in the page but
 * switched off, are switched on and shown one by one; the form posts once, with
 * step=all, when the last question is answered. Scoring and safety stay on the server;
 * this only shows the crisis help at once when an answer calls for it, as the server
 * does on the next page.
 */
(function () {
  "use strict";

  var form = document.querySelector("form[data-selfcheck]");
  if (!form) return;
  var crisis = document.querySelector("[data-selfcheck-crisis]");
  var strings = form.dataset;

  form.querySelectorAll("fieldset[data-later]").forEach(function (fieldset) {
    fieldset.disabled = false;
    fieldset.hidden = false;
  });
  form.querySelector('input[name="step"]').value = "all";

  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-selfcheck-step] > .field"));
  var actions = form.querySelector(".selfcheck__actions");
  var submit = actions.querySelector('button[value="next"]');
  var progress = document.createElement("p");
  progress.className = "selfcheck__progress";
  progress.setAttribute("aria-live", "polite");
  var problem = document.createElement("p");
  problem.className = "selfcheck__problem";
  problem.setAttribute("role", "alert");
  problem.hidden = true;
  var back = document.createElement("button");
  back.type = "button";
  back.className = "button button--secondary";
  back.textContent = strings.back;
  var next = document.createElement("button");
  next.type = "button";
  next.className = "button";
  next.textContent = strings.next;
  submit.textContent = strings.finish;
  actions.before(progress, problem);
  actions.prepend(next);
  actions.append(back);
  var current = 0;

  function answered(question) {
    if (question.querySelector('input[type="checkbox"]')) return true; // "choose all that apply"
    return question.querySelector("input:checked") !== null;
  }

  function show(index, moveFocus) {
    current = index;
    questions.forEach(function (question, position) {
      question.hidden = position !== index;
    });
    form.querySelectorAll("[data-selfcheck-step]").forEach(function (step) {
      step.hidden = !step.contains(questions[index]);
    });
    var last = index === questions.length - 1;
    next.hidden = last;
    submit.hidden = !last;
    back.hidden = index === 0;
    problem.hidden = true;
    progress.textContent = strings.progress
      .replace("{number}", index + 1)
      .replace("{count}", questions.length);
    if (moveFocus) {
      var legend = questions[index].querySelector("legend");
      legend.tabIndex = -1;
      legend.focus();
    }
  }

  function needsCrisisHelp() {
    var now = form.querySelector('input[name="crisis_now"]:checked');
    var item9 = form.querySelector('input[name="phq9_9"]:checked');
    return (now && now.value === "yes") || (item9 !== null && item9.value !== "0");
  }

  form.addEventListener("change", function () {
    var wasHidden = crisis.hidden;
    crisis.hidden = !needsCrisisHelp();
    if (wasHidden && !crisis.hidden) {
      crisis.scrollIntoView();
      var heading = crisis.querySelector("h2");
      heading.tabIndex = -1;
      heading.focus();
    }
  });

  next.addEventListener("click", function () {
    if (!answered(questions[current])) {
      problem.textContent = strings.choose;
      problem.hidden = false;
      return;
    }
    show(current + 1, true);
  });
  back.addEventListener("click", function () {
    show(current - 1, true);
  });
  form.addEventListener("submit", function (event) {
    var missing = questions.findIndex(function (question) {
      return !answered(question);
    });
    if (missing !== -1) {
      event.preventDefault();
      show(missing, true);
      problem.textContent = strings.choose;
      problem.hidden = false;
    }
  });

  show(0, false);
})();
