"""What is saved with a consultation request: the answers and, for staff, a readable
summary in English with the flags first.

Worked out once, when the patient sends it, so the consultations app shows it without
depending on this app (apps depend on publishing, never on each other's code the other way).
"""

from .questions import QUESTIONS
from .scoring import BAND_NAMES, DOCTOR_FIRST, NOT_NOW, result_for

RESULT_FOR_STAFF = {
    NOT_NOW: "Probably not right now",
    DOCTOR_FIRST: "Talk to their own doctor first",
    "option": "May be an option worth discussing",
}


def _answer_text(question, value):
    labels = {choice: label.in_language("en") for choice, label in question.choices}
    if isinstance(value, list):
        return ", ".join(labels.get(item, item) for item in value) or "None of these"
    return labels.get(value, value)


def for_staff(answers):
    result = result_for(answers)
    flags = []
    if result.crisis:
        flags.append("SAFETY: thoughts of suicide now (crisis help was shown)")
    flags += [
        f"{RESULT_FOR_STAFF[result.kind]}: {reason.text.in_language('en')}" for reason in result.reasons
    ]
    flags += [f"Note: {note.text.in_language('en')}" for note in result.notes]
    scores = []
    for name, score in (("PHQ-9", result.phq9), ("GAD-7", result.gad7)):
        if score is not None:
            scores.append(f"{name}: {score[0]} ({BAND_NAMES[score[1]].in_language('en')})")
    lines = [
        f"{question.wording.in_language('en')} {_answer_text(question, answers[key])}"
        for key, question in QUESTIONS.items()
        if key in answers
    ]
    return {
        "result": result.kind,
        "result_text": RESULT_FOR_STAFF[result.kind],
        "flags": flags,
        "scores": scores,
        "answers": answers,
        "lines": lines,
    }
