"""Scores, safety routing and the result of the self-check, from the answers alone.

This is code, not editable text, on purpose: what sends someone to the crisis block and
what makes a result "probably not right now" must only change with its tests
(tests/test_selfcheck.py).
"""

import json
from dataclasses import dataclass, field, replace

from .texts import Text as T

PHQ9_KEYS = [f"phq9_{number}" for number in range(1, 10)]
GAD7_KEYS = [f"gad7_{number}" for number in range(1, 8)]

# (lowest score of the band, band), highest band first: the published cut-offs.
PHQ9_BANDS = [(20, "severe"), (15, "moderately-severe"), (10, "moderate"), (5, "mild"), (0, "minimal")]
GAD7_BANDS = [(15, "severe"), (10, "moderate"), (5, "mild"), (0, "minimal")]
BAND_NAMES = {
    "minimal": T("minimal", "mínimo"),
    "mild": T("mild", "leve"),
    "moderate": T("moderate", "moderado"),
    "moderately-severe": T("moderately severe", "moderadamente severo"),
    "severe": T("severe", "severo"),
}

OPTION, NOT_NOW, DOCTOR_FIRST = "option", "not-now", "doctor-first"
KINDS = [NOT_NOW, DOCTOR_FIRST, OPTION]


def _total(answers, keys):
    """The sum of the items, or None until every item is answered."""
    values = [answers.get(key) for key in keys]
    if any(value not in ("0", "1", "2", "3") for value in values):
        return None
    return sum(int(value) for value in values)


def _band(score, bands):
    return next(name for lowest, name in bands if score >= lowest)


def phq9(answers):
    score = _total(answers, PHQ9_KEYS)
    return None if score is None else (score, _band(score, PHQ9_BANDS))


def gad7(answers):
    score = _total(answers, GAD7_KEYS)
    return None if score is None else (score, _band(score, GAD7_BANDS))


def applies(when, answers):
    """Whether ``answers`` meet one of the alternatives in ``when``.

    Rules are data, not code, so that selfcheck.js applies exactly these in the browser
    (the page carries them) and no answer leaves the page before "Send". An alternative
    is {question: accepted answers}, met when every question's answer is one of those
    (for a "choose all that apply" question: when one of the chosen is).
    """

    def accepts(answer, accepted):
        if isinstance(answer, list):
            return any(item in accepted for item in answer)
        return answer in accepted

    return any(
        all(accepts(answers.get(question), accepted) for question, accepted in alternative.items())
        for alternative in when
    )


# Any sign of thoughts of suicide now: the crisis block comes before anything else.
CRISIS = [{"crisis_now": ["yes"]}, {"phq9_9": ["1", "2", "3"]}]


def needs_crisis_help(answers):
    return applies(CRISIS, answers)


@dataclass
class Reason:
    key: str
    text: T
    when: list
    # Where it is explained: a standalone page's English slug with underscores (see
    # pages/addresses.py), "condition:<English slug>" for a condition page, or
    # ANSWERED_CONDITION for the page of the condition the patient chose.
    page: str = "ketamine_therapy"
    kind: str = ""  # the result it leads to (NOT_NOW or DOCTOR_FIRST); "" for a note

    @property
    def when_json(self):
        return json.dumps(self.when)


ANSWERED_CONDITION = "condition:answered"


def _leading_to(kind, reasons):
    return [replace(reason, kind=kind) for reason in reasons]


# What makes the result "probably not right now": the label's contraindications and the
# expert group's cautions that apply now (see publishing/statements.py, "not-a-candidate").
NOT_NOW_RULES = _leading_to(
    NOT_NOW,
    [
        Reason(
            "under-18",
            T(
                "You are under 18. Esketamine is approved for adults only. A doctor who treats young "
                "people can help you with other options.",
                "Usted tiene menos de 18 años. La esketamina está aprobada solo para adultos. Un médico "
                "que atiende a jóvenes le puede ayudar con otras opciones.",
            ),
            [{"age": ["under-18"]}],
        ),
        Reason(
            "pregnancy",
            T(
                "You are pregnant or breastfeeding. Esketamine may harm an unborn baby, and it passes "
                "into breast milk.",
                "Usted está embarazada o dando pecho. La esketamina puede dañar al bebé antes de nacer, "
                "y pasa a la leche materna.",
            ),
            [{"pregnancy": ["pregnant", "breastfeeding"]}],
        ),
        Reason(
            "blood-vessels",
            T(
                "You have had an aneurysm, bleeding in the brain or an AVM. The Spravato label says "
                "people with these must not use it.",
                "Usted ha tenido un aneurisma, sangrado en el cerebro o una MAV. La etiqueta de Spravato "
                "dice que las personas con esto no deben usarla.",
            ),
            [{"blood_vessels": ["yes"]}],
        ),
        Reason(
            "allergy",
            T(
                "You have had an allergic reaction to ketamine or esketamine.",
                "Usted ha tenido una reacción alérgica a la ketamina o a la esketamina.",
            ),
            [{"allergy": ["yes"]}],
        ),
        Reason(
            "blood-pressure",
            T(
                "Your blood pressure is not well controlled. Ketamine raises it for a few hours. Your "
                "own doctor can help you bring it under control first.",
                "Su presión no está bien controlada. La ketamina la sube por unas horas. Su médico le "
                "puede ayudar a controlarla primero.",
            ),
            [{"blood_pressure": ["uncontrolled"]}],
        ),
        Reason(
            "psychosis",
            T(
                "You are losing touch with reality now. Ketamine can make this worse. Please talk to "
                "your own doctor soon.",
                "Usted está perdiendo el contacto con la realidad ahora. La ketamina puede empeorarlo. "
                "Hable pronto con su médico.",
            ),
            [{"psychosis": ["now"]}],
        ),
        Reason(
            "mania",
            T(
                "You have signs of mania now. This needs care first. Please talk to your own doctor soon.",
                "Usted tiene señales de manía ahora. Esto necesita atención primero. Hable pronto con su médico.",
            ),
            [{"mania": ["now"]}],
            page="condition:bipolar-disorder",
        ),
        Reason(
            "substances",
            T(
                "You have a problem with alcohol or drugs now. Experts advise great care with ketamine. "
                "Getting help for it first is safer.",
                "Usted tiene un problema con el alcohol o las drogas ahora. Los expertos aconsejan mucho "
                "cuidado con la ketamina. Es más seguro recibir ayuda para eso primero.",
            ),
            [{"substances": ["now"]}],
        ),
    ],
)

# What a provider should look at with your own doctor before anything else.
DOCTOR_FIRST_RULES = _leading_to(
    DOCTOR_FIRST,
    [
        Reason(
            "unsure-health",
            T(
                "You are not sure about your blood pressure or blood vessels. Your own doctor can check.",
                "Usted no está seguro/a de su presión o sus vasos sanguíneos. Su médico lo puede revisar.",
            ),
            [{"blood_pressure": ["unsure"]}, {"blood_vessels": ["unsure"]}],
        ),
        Reason(
            "heart",
            T(
                "You have, or may have, heart disease. Ketamine raises blood pressure, so your heart "
                "doctor should say if it is safe.",
                "Usted tiene, o puede tener, una enfermedad del corazón. La ketamina sube la presión, "
                "así que su cardiólogo debe decir si es seguro.",
            ),
            [{"heart": ["yes", "unsure"]}],
        ),
        Reason(
            "psychosis-past",
            T(
                "You have lost touch with reality in the past. Experts advise great care with ketamine.",
                "Usted perdió el contacto con la realidad en el pasado. Los expertos aconsejan mucho "
                "cuidado con la ketamina.",
            ),
            [{"psychosis": ["past"]}],
        ),
        Reason(
            "mania-past",
            T(
                "You have had mania in the past. The doctor who treats your mood should be part of the plan.",
                "Usted tuvo manía en el pasado. El médico que trata su ánimo debe ser parte del plan.",
            ),
            [{"mania": ["past"]}],
            page="condition:bipolar-disorder",
        ),
        Reason(
            "planning-pregnancy",
            T(
                "You are planning a pregnancy. Esketamine may harm an unborn baby.",
                "Usted está planeando un embarazo. La esketamina puede dañar al bebé antes de nacer.",
            ),
            [{"pregnancy": ["planning"]}],
        ),
        Reason(
            "no-treatment-yet",
            T(
                "You have not tried other treatments yet. Ketamine is usually for when other treatments "
                "did not help enough. Your own doctor can start with those.",
                "Usted todavía no ha probado otros tratamientos. La ketamina suele ser para cuando otros "
                "tratamientos no ayudaron lo suficiente. Su médico puede empezar con esos.",
            ),
            [{"medicines_tried": ["0"], "therapy": ["no"]}],
            page=ANSWERED_CONDITION,
        ),
    ],
)

# Things to tell the provider; they do not change the result.
NOTES = [
    Reason(
        "medicines",
        T(
            "You take a medicine that matters with ketamine. Tell the provider its name and dose. "
            "Do not stop it on your own.",
            "Usted toma una medicina que importa con la ketamina. Dígale al proveedor el nombre y la "
            "dosis. No la deje por su cuenta.",
        ),
        [{"current_medicines": ["maoi", "benzodiazepine", "stimulant", "lamotrigine", "opioid"]}],
        page="what_to_expect",
    ),
    Reason(
        "age-65",
        T(
            "You are 65 or older. Blood pressure rises more often at your age, so it is watched closely.",
            "Usted tiene 65 años o más. La presión sube más a menudo a su edad, así que se vigila de cerca.",
        ),
        [{"age": ["65-plus"]}],
    ),
    Reason(
        "ride-home",
        T(
            "You need someone to take you home after each treatment. You cannot drive until the next day.",
            "Necesita a alguien que le lleve a casa después de cada tratamiento. No puede manejar "
            "hasta el día siguiente.",
        ),
        [{"ride_home": ["no", "unsure"]}],
        page="what_to_expect",
    ),
]


@dataclass
class Result:
    kind: str
    reasons: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    crisis: bool = False
    phq9: tuple | None = None
    gad7: tuple | None = None

    @property
    def flags(self):
        """Keys staff read first: safety, then what decided the result, then notes."""
        return (["crisis"] if self.crisis else []) + [reason.key for reason in self.reasons + self.notes]


def _matching(rules, answers):
    return [reason for reason in rules if applies(reason.when, answers)]


def result_for(answers):
    not_now = _matching(NOT_NOW_RULES, answers)
    doctor_first = _matching(DOCTOR_FIRST_RULES, answers)
    if not_now:
        kind, reasons = NOT_NOW, not_now + doctor_first
    elif doctor_first:
        kind, reasons = DOCTOR_FIRST, doctor_first
    else:
        kind, reasons = OPTION, []
    return Result(
        kind=kind,
        reasons=reasons,
        notes=_matching(NOTES, answers),
        crisis=needs_crisis_help(answers),
        phq9=phq9(answers),
        gad7=gad7(answers),
    )


# Every reason and note by its key (staff may reword them: selfcheck.models.ReasonText).
REASONS = {reason.key: reason for reason in NOT_NOW_RULES + DOCTOR_FIRST_RULES + NOTES}


def as_worded(reasons, texts):
    """``reasons`` with the words staff gave them ({key: text}), the rest as in code."""
    return [replace(reason, text=texts[reason.key]) if reason.key in texts else reason for reason in reasons]
