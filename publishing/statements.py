"""Statements the site makes on many pages, written once.

Safety advice must read the same wherever a patient meets it: the rule about driving
after a session, the FDA's warning about compounded ketamine taken at home, and who
esketamine is approved for. A page's Markdown names a statement, as ``{{ driving }}``;
render_markdown() writes the statement's words, in the page's language, in its place,
and adds the statement's references to the page's own reference list. A change here
reaches every page the next time pages are rendered (load_content does that).
"""

import re

from django.conf import settings
from django.utils.translation import get_language

STATEMENT = re.compile(r"\{\{\s*([a-z][a-z0-9-]*)\s*\}\}")
FOOTNOTE_REFERENCE = re.compile(r"\[\^([\w-]+)\](?!:)")

STATEMENTS = {
    "driving": {
        "en": (
            "Do not drive or use machines until the next day, after a restful sleep.[^spravato-label] "
            "Someone else needs to take you home."
        ),
        "es": (
            "No maneje ni use máquinas hasta el día siguiente, después de dormir bien.[^spravato-label] "
            "Otra persona tiene que llevarle a casa."
        ),
    },
    "compounded-ketamine": {
        "en": (
            "In 2023 the FDA warned people about ketamine made by compounding pharmacies, "
            "such as pills or lozenges taken at home. These products are not approved by the FDA. "
            "At home, no one checks your breathing or blood pressure. "
            "One person taking it at home had dangerously slow breathing.[^fda-compounded-ketamine]"
        ),
        "es": (
            "En 2023 la FDA advirtió sobre la ketamina hecha en farmacias de compuestos, "
            "como pastillas o tabletas para tomar en casa. Estos productos no están aprobados por la FDA. "
            "En casa, nadie vigila su respiración ni su presión arterial. "
            "Una persona que la tomó en casa tuvo una respiración peligrosamente lenta.[^fda-compounded-ketamine]"
        ),
    },
    "age": {
        "en": (
            "Esketamine (Spravato) is approved for adults only, aged 18 and over. "
            "It is not approved for children or teenagers.[^spravato-label]"
        ),
        "es": (
            "La esketamina (Spravato) está aprobada solo para adultos de 18 años o más. "
            "No está aprobada para niños ni adolescentes.[^spravato-label]"
        ),
    },
    "pregnancy": {
        "en": (
            "Esketamine may harm an unborn baby, so it is not recommended in pregnancy. "
            "It passes into breast milk, so it is not recommended while breastfeeding.[^spravato-label]"
        ),
        "es": (
            "La esketamina puede dañar al bebé antes de nacer, por eso no se recomienda en el embarazo. "
            "Pasa a la leche materna, por eso no se recomienda durante la lactancia.[^spravato-label]"
        ),
    },
    "not-a-candidate": {
        "en": """The Spravato label says esketamine must not be used if you:[^spravato-label]

- have a bulging or weak blood vessel (aneurysm), or a tangle of blood vessels (arteriovenous malformation)
- have ever had bleeding in the brain
- have had an allergic reaction to esketamine or ketamine

A US expert group advises great care with ketamine, or not using it, if you:[^sanacora2017]

- have heart disease or high blood pressure that is not well controlled
- have now, or had in the past, times of losing touch with reality (psychosis)
- have severe liver disease
- have high pressure inside your skull or your eyes
- have a current problem with alcohol or drug use

{{ age }} {{ pregnancy }}""",
        "es": """La etiqueta de Spravato dice que no se debe usar esketamina si usted:[^spravato-label]

- tiene un vaso sanguíneo abultado o débil (aneurisma), o un enredo de vasos sanguíneos (malformación arteriovenosa)
- ha tenido alguna vez sangrado en el cerebro
- ha tenido una reacción alérgica a la esketamina o a la ketamina

Un grupo de expertos de EE. UU. aconseja mucho cuidado con la ketamina, o no usarla, si usted:[^sanacora2017]

- tiene una enfermedad del corazón o presión alta que no está bien controlada
- tiene ahora, o tuvo en el pasado, momentos de pérdida de contacto con la realidad (psicosis)
- tiene una enfermedad grave del hígado
- tiene presión alta dentro del cráneo o de los ojos
- tiene ahora un problema con el consumo de alcohol o drogas

{{ age }} {{ pregnancy }}""",
    },
    "side-effects-in-numbers": {
        "en": """In the short trials for the Spravato label, 346 people with depression used Spravato and 222 used a dummy spray (placebo). Everyone also took an antidepressant. The table shows how many in every 100 people had each side effect.[^spravato-label]

| Side effect | Spravato | Placebo |
|---|---|---|
| Feeling detached or unreal (dissociation) | 41 in 100 | 9 in 100 |
| Dizziness | 29 in 100 | 8 in 100 |
| Feeling sick (nausea) | 28 in 100 | 9 in 100 |
| Sleepiness (sedation) | 23 in 100 | 9 in 100 |
| A spinning feeling (vertigo) | 23 in 100 | 3 in 100 |
| Numbness (hypoesthesia) | 18 in 100 | 2 in 100 |
| Anxiety | 13 in 100 | 6 in 100 |
| Tiredness (lethargy) | 11 in 100 | 5 in 100 |
| Higher blood pressure | 10 in 100 | 3 in 100 |
| Being sick (vomiting) | 9 in 100 | 2 in 100 |
| Feeling drunk | 5 in 100 | fewer than 1 in 100 |

Most of these were mild or moderate and passed on the same day. A large rise in blood pressure happened in 8 to 19 in 100 people on Spravato. On placebo, it happened in 1 to 4 in 100. It was highest about 40 minutes after a dose and lasted about 4 hours. About 3 in 1,000 people on Spravato briefly could not be woken.[^spravato-label]""",
        "es": """En los estudios cortos para la etiqueta de Spravato, 346 personas con depresión usaron Spravato y 222 usaron un aerosol sin medicamento (placebo). Todas tomaban también un antidepresivo. La tabla muestra cuántas de cada 100 personas tuvieron cada efecto secundario.[^spravato-label]

| Efecto secundario | Spravato | Placebo |
|---|---|---|
| Sentirse desconectado o irreal (disociación) | 41 de 100 | 9 de 100 |
| Mareo | 29 de 100 | 8 de 100 |
| Náuseas | 28 de 100 | 9 de 100 |
| Sueño (sedación) | 23 de 100 | 9 de 100 |
| Sensación de que todo da vueltas (vértigo) | 23 de 100 | 3 de 100 |
| Adormecimiento (hipoestesia) | 18 de 100 | 2 de 100 |
| Ansiedad | 13 de 100 | 6 de 100 |
| Cansancio (letargo) | 11 de 100 | 5 de 100 |
| Presión arterial más alta | 10 de 100 | 3 de 100 |
| Vómitos | 9 de 100 | 2 de 100 |
| Sentirse borracho | 5 de 100 | menos de 1 de 100 |

La mayoría fueron leves o moderados y pasaron el mismo día. Una subida fuerte de la presión arterial pasó en 8 a 19 de cada 100 personas con Spravato. Con placebo, pasó en 1 a 4 de cada 100. Fue más alta unos 40 minutos después de la dosis y duró unas 4 horas. Unas 3 de cada 1,000 personas con Spravato no se pudieron despertar por un rato.[^spravato-label]""",
    },
    "follow-up": {
        "en": (
            "After a course, your provider at the center checks in with you on how you are doing. "
            "Together you decide whether to stop, have sessions less often, or try something else. "
            "Keep seeing your usual doctor or therapist during and after treatment."
        ),
        "es": (
            "Después de un ciclo, su proveedor del centro habla con usted sobre cómo se siente. "
            "Juntos deciden si parar, tener sesiones con menos frecuencia o probar otra cosa. "
            "Siga viendo a su médico o terapeuta habitual durante y después del tratamiento."
        ),
    },
}

# The references statements cite, added to a page's list when the page uses them.
REFERENCES = {
    "spravato-label": {
        "en": (
            "Janssen Pharmaceuticals. *SPRAVATO (esketamine) nasal spray: Prescribing Information "
            "and Medication Guide*. DailyMed, U.S. National Library of Medicine. "
            "[dailymed.nlm.nih.gov](https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=d81a6a79-a74a-44b7-822c-0dfa3036eaed)"
        ),
        "es": (
            "Janssen Pharmaceuticals. *SPRAVATO (esketamine) nasal spray: Prescribing Information "
            "and Medication Guide* (en inglés). DailyMed, Biblioteca Nacional de Medicina de EE. UU. "
            "[dailymed.nlm.nih.gov](https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=d81a6a79-a74a-44b7-822c-0dfa3036eaed)"
        ),
    },
    "sanacora2017": {
        "en": (
            "Sanacora G, Frye MA, McDonald W, et al. *JAMA Psychiatry*. 2017;74(4):399–405. "
            "[doi:10.1001/jamapsychiatry.2017.0080](https://doi.org/10.1001/jamapsychiatry.2017.0080)"
        ),
    },
    "fda-compounded-ketamine": {
        "en": (
            "U.S. Food and Drug Administration. *FDA warns patients and health care providers about "
            "potential risks associated with compounded ketamine products, including oral formulations, "
            "for the treatment of psychiatric disorders*. October 10, 2023. "
            "[fda.gov](https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-and-health-care-providers-about-potential-risks-associated-compounded-ketamine)"
        ),
        "es": (
            "Administración de Alimentos y Medicamentos de EE. UU. (FDA). *FDA warns patients and health "
            "care providers about potential risks associated with compounded ketamine products, including "
            "oral formulations, for the treatment of psychiatric disorders* (en inglés). 10 de octubre de 2023. "
            "[fda.gov](https://www.fda.gov/drugs/human-drug-compounding/fda-warns-patients-and-health-care-providers-about-potential-risks-associated-compounded-ketamine)"
        ),
    },
}


def _in_language(texts, language):
    return texts.get(language) or texts[settings.LANGUAGE_CODE]


def statement(name, language=None):
    """The Markdown of statement ``name`` in ``language`` (by default, the active one)."""
    return _in_language(STATEMENTS[name], (language or get_language() or "")[:2])


def unknown_statements(markdown_text):
    """Names written as {{ name }} in ``markdown_text`` that are not statements."""
    return sorted({name for name in STATEMENT.findall(markdown_text or "") if name not in STATEMENTS})


def expand_statements(markdown_text, language=None):
    """``markdown_text`` with each {{ name }} replaced by its statement, and the shared
    references it cites (REFERENCES) defined at the end unless the page defines them."""
    language = (language or get_language() or "")[:2]
    expanded = markdown_text or ""
    # A statement may name others (the candidates statement names {{ age }}).
    for _depth in range(3):
        expanded, count = STATEMENT.subn(
            lambda match: (
                statement(match.group(1), language) if match.group(1) in STATEMENTS else match.group(0)
            ),
            expanded,
        )
        if not count or "{{" not in expanded:
            break
    cited = dict.fromkeys(label for label in FOOTNOTE_REFERENCE.findall(expanded) if label in REFERENCES)
    missing = [label for label in cited if f"[^{label}]:" not in expanded]
    definitions = "".join(f"\n\n[^{label}]: {_in_language(REFERENCES[label], language)}" for label in missing)
    return expanded + definitions


def expand_plain_statements(text, language=None):
    """``text`` (one line, not Markdown) with each {{ name }} replaced by its statement's
    words, without reference marks: for key facts, which are printed as they are."""
    language = (language or get_language() or "")[:2]
    return STATEMENT.sub(
        lambda match: (
            FOOTNOTE_REFERENCE.sub("", statement(match.group(1), language))
            if match.group(1) in STATEMENTS
            else match.group(0)
        ),
        text or "",
    )
