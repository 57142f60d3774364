/* The self-check, one question at a time, with no request until "Send".
 *
 * Without this file the check is a plain multi-step form (each step posts, the earlier
 * answers travel signed). With it, every step's questions, already in the page but
 * switched off, are switched on and shown one by one, and the result is worked out in
 * the page: the page carries every result, reason and note with the rule that shows it
 * (data-when, written by selfcheck/scoring.py, whose tests hold them), and the crisis
 * help with its own. Nothing leaves the page until "Send", which posts the answers
 * (step=all) for the consultation form.
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

  function currentAnswers() {
    var answers = {};
    new FormData(form).forEach(function (value, name) {
      var input = form.querySelector('[name="' + name + '"]');
      if (input && input.type === "checkbox") {
        (answers[name] = answers[name] || []).push(value);
      } else {
        answers[name] = value;
      }
    });
    return answers;
  }

  // The same rule as scoring.applies: one alternative whose every question is answered
  // with one of its values (for "choose all that apply": one of the chosen is).
  function applies(when, answers) {
    return JSON.parse(when).some(function (alternative) {
      return Object.keys(alternative).every(function (question) {
        var answer = answers[question];
        var accepted = alternative[question];
        if (Array.isArray(answer)) {
          return answer.some(function (item) {
            return accepted.indexOf(item) !== -1;
          });
        }
        return accepted.indexOf(answer) !== -1;
      });
    });
  }

  form.addEventListener("change", function () {
    var wasHidden = crisis.hidden;
    crisis.hidden = !applies(crisis.dataset.when, currentAnswers());
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
  var heading = document.querySelector("h1");
  var askedTitle = heading.textContent;
  var outcome = null;

  function score(item, answers) {
    var total = 0;
    form.querySelectorAll('[name^="' + item.dataset.score + '_"]:checked').forEach(function (input) {
      total += Number(input.value);
    });
    var band = JSON.parse(item.dataset.bands).find(function (entry) {
      return total >= entry[0];
    });
    item.textContent = item.textContent.replace("{score}", total).replace("{band}", band[1]);
  }

  function showOutcome() {
    var answers = currentAnswers();
    outcome = document.createElement("div");
    outcome.append(form.querySelector("template[data-selfcheck-outcome]").content.cloneNode(true));
    outcome.querySelectorAll("[data-when]").forEach(function (item) {
      if (!applies(item.dataset.when, answers)) item.remove();
    });
    outcome.querySelectorAll("[data-for-condition]").forEach(function (link) {
      if (link.dataset.forCondition !== answers.condition) link.remove();
    });
    var reasons = outcome.querySelector(".selfcheck__reasons");
    var kind = "option";
    if (reasons.querySelector('[data-kind-of="not-now"]')) kind = "not-now";
    else if (reasons.children.length) kind = "doctor-first";
    if (!reasons.children.length) reasons.remove();
    var notes = outcome.querySelector("[data-notes]");
    if (!notes.querySelector("li")) notes.remove();
    outcome.querySelectorAll("[data-kind]").forEach(function (result) {
      if (result.dataset.kind !== kind) result.remove();
    });
    outcome.querySelector("[data-result]").classList.add("selfcheck__result--" + kind);
    outcome.querySelectorAll("[data-score]").forEach(function (item) {
      score(item, answers);
    });
    outcome.querySelector("[data-selfcheck-change]").addEventListener("click", function () {
      outcome.remove();
      outcome = null;
      heading.textContent = askedTitle;
      progress.hidden = actions.hidden = false;
      show(questions.length - 1, true);
    });
    questions.forEach(function (question) {
      question.hidden = true;
    });
    form.querySelectorAll("[data-selfcheck-step]").forEach(function (step) {
      step.hidden = true;
    });
    progress.hidden = problem.hidden = actions.hidden = true;
    form.append(outcome);
    heading.textContent = strings.resultTitle;
    heading.tabIndex = -1;
    heading.focus();
    window.scrollTo(0, 0);
  }

  form.addEventListener("submit", function (event) {
    if (outcome !== null) return; // "Send": the answers go with the consultation form
    event.preventDefault();
    var missing = questions.findIndex(function (question) {
      return !answered(question);
    });
    if (missing !== -1) {
      show(missing, true);
      problem.textContent = strings.choose;
      problem.hidden = false;
      return;
    }
    showOutcome();
  });

  show(0, false);
})();
