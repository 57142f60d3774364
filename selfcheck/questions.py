"""The self-check's questions, grouped in steps, in English and Spanish.

Keys and answer values are what scoring.py reads: change the wording freely, never
a key or a value without scoring.py and its tests.
"""

from dataclasses import dataclass, field

from .texts import Text as T

YES_NO = [("no", T("No", "No")), ("yes", T("Yes", "Sí"))]
YES_NO_UNSURE = [*YES_NO, ("unsure", T("I'm not sure", "No estoy seguro/a"))]


@dataclass
class Question:
    key: str
    wording: T
    why: T
    choices: list
    multiple: bool = False


@dataclass
class Step:
    key: str
    title: T
    intro: T
    questions: list = field(default_factory=list)


# PHQ-9 and GAD-7: the published wording (English, and Pfizer's Spanish for the US), 0 to 3 each.
FREQUENCY = [
    ("0", T("Not at all", "Ningún día")),
    ("1", T("Several days", "Varios días")),
    ("2", T("More than half the days", "Más de la mitad de los días")),
    ("3", T("Nearly every day", "Casi todos los días")),
]
GAD_FREQUENCY = [("0", T("Not at all", "Nunca")), *FREQUENCY[1:]]

PHQ9_ITEMS = [
    T("Little interest or pleasure in doing things", "Poco interés o placer en hacer cosas"),
    T("Feeling down, depressed, or hopeless", "Se ha sentido decaído(a), deprimido(a) o sin esperanzas"),
    T(
        "Trouble falling or staying asleep, or sleeping too much",
        "Ha tenido dificultad para quedarse o permanecer dormido(a), o ha dormido demasiado",
    ),
    T("Feeling tired or having little energy", "Se ha sentido cansado(a) o con poca energía"),
    T("Poor appetite or overeating", "Sin apetito o ha comido en exceso"),
    T(
        "Feeling bad about yourself — or that you are a failure or have let yourself or your family down",
        "Se ha sentido mal con usted mismo(a) – o que es un fracaso o que ha quedado mal con usted "
        "mismo(a) o con su familia",
    ),
    T(
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Ha tenido dificultad para concentrarse en ciertas actividades, tales como leer el periódico "
        "o ver la televisión",
    ),
    T(
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — being "
        "so fidgety or restless that you have been moving around a lot more than usual",
        "¿Se ha movido o hablado tan lento que otras personas podrían haberlo notado? o lo contrario "
        "– muy inquieto(a) o agitado(a) que ha estado moviéndose mucho más de lo normal",
    ),
    T(
        "Thoughts that you would be better off dead or of hurting yourself in some way",
        "Pensamientos de que estaría mejor muerto(a) o de lastimarse de alguna manera",
    ),
]
GAD7_ITEMS = [
    T(
        "Feeling nervous, anxious or on edge",
        "Se ha sentido nervioso(a), ansioso(a) o con los nervios de punta",
    ),
    T("Not being able to stop or control worrying", "No ha sido capaz de parar o controlar su preocupación"),
    T("Worrying too much about different things", "Se ha preocupado demasiado por motivos diferentes"),
    T("Trouble relaxing", "Ha tenido dificultad para relajarse"),
    T(
        "Being so restless that it is hard to sit still",
        "Se ha sentido tan inquieto(a) que no ha podido quedarse quieto(a)",
    ),
    T("Becoming easily annoyed or irritable", "Se ha molestado o irritado fácilmente"),
    T(
        "Feeling afraid as if something awful might happen",
        "Ha tenido miedo de que algo terrible fuera a pasar",
    ),
]
PHQ9_WHY = T(
    "These are the 9 questions of the PHQ-9. Doctors use them to see how much depression affects you.",
    "Estas son las 9 preguntas del PHQ-9. Los médicos las usan para ver cuánto le afecta la depresión.",
)
GAD7_WHY = T(
    "These are the 7 questions of the GAD-7. Doctors use them to see how much worry affects you.",
    "Estas son las 7 preguntas del GAD-7. Los médicos las usan para ver cuánto le afecta la preocupación.",
)

STEPS = [
    Step(
        "you",
        T("About you", "Sobre usted"),
        T(
            "Answer for yourself. Nothing is saved unless you choose to send it.",
            "Responda por usted. No se guarda nada a menos que usted decida enviarlo.",
        ),
        [
            Question(
                "crisis_now",
                T(
                    "Right now, are you having thoughts of ending your life?",
                    "En este momento, ¿tiene pensamientos de quitarse la vida?",
                ),
                T(
                    "Your safety comes first. If the answer is yes, we show you where to get help now.",
                    "Su seguridad es lo primero. Si la respuesta es sí, le mostramos dónde pedir ayuda ahora.",
                ),
                YES_NO,
            ),
            Question(
                "age",
                T("How old are you?", "¿Cuántos años tiene?"),
                T(
                    "Ketamine treatment at the center is for adults.",
                    "El tratamiento con ketamina en el centro es para adultos.",
                ),
                [
                    ("under-18", T("Under 18", "Menos de 18")),
                    ("18-64", T("18 to 64", "De 18 a 64")),
                    ("65-plus", T("65 or older", "65 o más")),
                ],
            ),
            Question(
                "condition",
                T("What would you like help with most?", "¿Con qué necesita más ayuda?"),
                T(
                    "Ketamine is studied for some conditions more than others.",
                    "La ketamina se ha estudiado más para algunas condiciones que para otras.",
                ),
                [
                    ("depression", T("Depression", "Depresión")),
                    ("anxiety", T("Anxiety", "Ansiedad")),
                    (
                        "ptsd",
                        T("PTSD (after a very bad event)", "Estrés postraumático (después de algo muy malo)"),
                    ),
                    ("pain", T("Long-term pain", "Dolor que dura mucho tiempo")),
                    ("bipolar", T("Bipolar disorder", "Trastorno bipolar")),
                    ("not-sure", T("I'm not sure", "No estoy seguro/a")),
                ],
            ),
            Question(
                "duration",
                T("How long have you had it?", "¿Desde hace cuánto tiempo lo tiene?"),
                T(
                    "Ketamine is usually for problems that have lasted a long time.",
                    "La ketamina suele ser para problemas que duran mucho tiempo.",
                ),
                [
                    ("under-6-months", T("Less than 6 months", "Menos de 6 meses")),
                    ("6-24-months", T("6 months to 2 years", "De 6 meses a 2 años")),
                    ("over-2-years", T("More than 2 years", "Más de 2 años")),
                ],
            ),
        ],
    ),
    Step(
        "treatments",
        T("Treatments", "Tratamientos"),
        T(
            "Tell us what you have tried and what you take now.",
            "Díganos qué ha probado y qué toma ahora.",
        ),
        [
            Question(
                "medicines_tried",
                T(
                    "How many medicines have you tried for it, each for at least 6 weeks?",
                    "¿Cuántas medicinas ha probado para esto, cada una por 6 semanas o más?",
                ),
                T(
                    "Ketamine is usually tried after other medicines did not help enough.",
                    "La ketamina se suele probar cuando otras medicinas no ayudaron lo suficiente.",
                ),
                [
                    ("0", T("None", "Ninguna")),
                    ("1", T("One", "Una")),
                    ("2-plus", T("Two or more", "Dos o más")),
                ],
            ),
            Question(
                "therapy",
                T(
                    "Have you had talk therapy with a therapist or counselor?",
                    "¿Ha ido a terapia para hablar con un terapeuta o consejero?",
                ),
                T(
                    "Talk therapy is a main treatment. Ketamine does not replace it.",
                    "La terapia es un tratamiento principal. La ketamina no la reemplaza.",
                ),
                YES_NO,
            ),
            Question(
                "current_medicines",
                T(
                    "Do you take any of these now? Choose all that apply.",
                    "¿Toma ahora alguna de estas? Marque todas las que tome.",
                ),
                T(
                    "Some medicines change how ketamine works or raise blood pressure. Do not stop any "
                    "medicine on your own.",
                    "Algunas medicinas cambian cómo funciona la ketamina o suben la presión. No deje "
                    "ninguna medicina por su cuenta.",
                ),
                [
                    (
                        "maoi",
                        T(
                            "An MAOI (such as phenelzine or tranylcypromine)",
                            "Un IMAO (como fenelzina o tranilcipromina)",
                        ),
                    ),
                    (
                        "benzodiazepine",
                        T(
                            "A calming medicine (such as lorazepam or alprazolam)",
                            "Una medicina para calmarse (como lorazepam o alprazolam)",
                        ),
                    ),
                    ("stimulant", T("A stimulant (such as for ADHD)", "Un estimulante (como para el TDAH)")),
                    ("lamotrigine", T("Lamotrigine", "Lamotrigina")),
                    (
                        "opioid",
                        T("A strong pain medicine (opioid)", "Una medicina fuerte para el dolor (opioide)"),
                    ),
                ],
                multiple=True,
            ),
        ],
    ),
    Step(
        "health",
        T("Your health", "Su salud"),
        T(
            "These questions are about safety. A provider would ask them too.",
            "Estas preguntas son sobre su seguridad. Un proveedor también las haría.",
        ),
        [
            Question(
                "blood_pressure",
                T("Do you have high blood pressure?", "¿Tiene la presión alta?"),
                T(
                    "Ketamine raises blood pressure for a few hours.",
                    "La ketamina sube la presión por unas horas.",
                ),
                [
                    ("no", T("No", "No")),
                    ("controlled", T("Yes, and it is well controlled", "Sí, y está bien controlada")),
                    (
                        "uncontrolled",
                        T("Yes, and it is not well controlled", "Sí, y no está bien controlada"),
                    ),
                    ("unsure", T("I'm not sure", "No estoy seguro/a")),
                ],
            ),
            Question(
                "blood_vessels",
                T(
                    "Have you ever had an aneurysm, bleeding in the brain, or a tangle of blood vessels (AVM)?",
                    "¿Ha tenido alguna vez un aneurisma, sangrado en el cerebro o un enredo de vasos "
                    "sanguíneos (MAV)?",
                ),
                T(
                    "The Spravato label says people with these must not use it.",
                    "La etiqueta de Spravato dice que las personas con esto no deben usarla.",
                ),
                YES_NO_UNSURE,
            ),
            Question(
                "heart",
                T("Do you have heart disease?", "¿Tiene una enfermedad del corazón?"),
                T(
                    "Higher blood pressure puts more strain on the heart.",
                    "La presión más alta le da más trabajo al corazón.",
                ),
                YES_NO_UNSURE,
            ),
            Question(
                "psychosis",
                T(
                    "Have you ever lost touch with reality, such as hearing or seeing things others don't (psychosis)?",
                    "¿Ha perdido alguna vez el contacto con la realidad, como oír o ver cosas que otros "
                    "no ven (psicosis)?",
                ),
                T(
                    "Ketamine can make psychosis worse.",
                    "La ketamina puede empeorar la psicosis.",
                ),
                [
                    ("no", T("No", "No")),
                    ("past", T("Yes, in the past", "Sí, en el pasado")),
                    ("now", T("Yes, now", "Sí, ahora")),
                ],
            ),
            Question(
                "mania",
                T(
                    "Have you had times of very high energy, little sleep and racing thoughts (mania)?",
                    "¿Ha tenido momentos de mucha energía, poco sueño y pensamientos muy rápidos (manía)?",
                ),
                T(
                    "A provider needs to know about mania before ketamine.",
                    "Un proveedor necesita saber si ha tenido manía antes de la ketamina.",
                ),
                [
                    ("no", T("No", "No")),
                    ("past", T("Yes, in the past", "Sí, en el pasado")),
                    ("now", T("Yes, now", "Sí, ahora")),
                ],
            ),
            Question(
                "pregnancy",
                T(
                    "Are you pregnant, breastfeeding, or planning a pregnancy?",
                    "¿Está embarazada, dando pecho o planeando un embarazo?",
                ),
                T(
                    "Esketamine may harm an unborn baby and passes into breast milk.",
                    "La esketamina puede dañar al bebé antes de nacer y pasa a la leche materna.",
                ),
                [
                    ("no", T("No, or this does not apply to me", "No, o esto no se aplica a mí")),
                    ("pregnant", T("I am pregnant", "Estoy embarazada")),
                    ("breastfeeding", T("I am breastfeeding", "Estoy dando pecho")),
                    ("planning", T("I am planning a pregnancy", "Estoy planeando un embarazo")),
                ],
            ),
            Question(
                "substances",
                T(
                    "Do you have a problem with alcohol or drugs?",
                    "¿Tiene un problema con el alcohol o las drogas?",
                ),
                T(
                    "Experts advise great care with ketamine for people with a current problem.",
                    "Los expertos aconsejan mucho cuidado con la ketamina si tiene un problema ahora.",
                ),
                [
                    ("no", T("No", "No")),
                    ("past", T("In the past, not now", "En el pasado, no ahora")),
                    ("now", T("Yes, now", "Sí, ahora")),
                ],
            ),
            Question(
                "allergy",
                T(
                    "Have you had an allergic reaction to ketamine or esketamine?",
                    "¿Ha tenido una reacción alérgica a la ketamina o a la esketamina?",
                ),
                T(
                    "The Spravato label says people with this allergy must not use it.",
                    "La etiqueta de Spravato dice que las personas con esta alergia no deben usarla.",
                ),
                YES_NO,
            ),
        ],
    ),
    Step(
        "phq9",
        T("Mood in the last 2 weeks", "Su ánimo en las últimas 2 semanas"),
        T(
            "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
            "Durante las últimas 2 semanas, ¿qué tan seguido ha tenido molestias debido a los "
            "siguientes problemas?",
        ),
        [Question(f"phq9_{number}", item, PHQ9_WHY, FREQUENCY) for number, item in enumerate(PHQ9_ITEMS, 1)],
    ),
    Step(
        "gad7",
        T("Worry in the last 2 weeks", "Su preocupación en las últimas 2 semanas"),
        T(
            "Over the last 2 weeks, how often have you been bothered by the following problems?",
            "Durante las últimas 2 semanas, ¿con qué frecuencia le han molestado los siguientes problemas?",
        ),
        [
            Question(f"gad7_{number}", item, GAD7_WHY, GAD_FREQUENCY)
            for number, item in enumerate(GAD7_ITEMS, 1)
        ],
    ),
    Step(
        "ride",
        T("Getting home", "Volver a casa"),
        T("One last question.", "Una última pregunta."),
        [
            Question(
                "ride_home",
                T(
                    "Could someone take you home after a treatment?",
                    "¿Alguien podría llevarle a casa después de un tratamiento?",
                ),
                T(
                    "You cannot drive until the next day, after a restful sleep.",
                    "No puede manejar hasta el día siguiente, después de dormir bien.",
                ),
                YES_NO_UNSURE,
            ),
        ],
    ),
]

STEP_KEYS = [step.key for step in STEPS]
QUESTIONS = {question.key: question for step in STEPS for question in step.questions}
