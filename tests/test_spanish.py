"""The whole site in Spanish: addresses, switch, hreflang, interface, content, fallback.

English stays at its addresses; Spanish lives under /es/, with Spanish slugs and
Spanish path segments (/es/condiciones/...). Each page in one language links to the
same page in the other.
"""

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from clinic_site.catalogues import catalogues, compile_catalogues
from conditions.models import Condition
from pages.models import Page
from publishing.markdown import headings
from publishing.models import Status
from publishing.readability import spanish_reading_ease
from tests.factories import admin_url

from .test_content_quality import ABSOLUTE_CLAIMS, REFERENCE_LINK, visible_text

CATALOGUE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"
# The Spanish version of each English page, by English slug.
SPANISH_CONDITIONS = {
    "treatment-resistant-depression": "depresion-resistente-al-tratamiento",
    "anxiety-disorders": "trastornos-de-ansiedad",
    "ptsd": "estres-postraumatico",
    "chronic-pain": "dolor-cronico",
    "suicidal-ideation": "pensamientos-suicidas",
    "bipolar-disorder": "trastorno-bipolar",
}
SPANISH_PAGES = {
    "ketamine-therapy": "terapia-con-ketamina",
    "what-to-expect": "que-esperar",
    "faq": "preguntas-frecuentes",
    "for-providers": "para-profesionales",
    "about": "sobre-el-centro",
    "privacy": "privacidad",
    "accessibility": "accesibilidad",
    "cost-and-insurance": "costos-y-seguro-medico",
    "how-we-rate-the-evidence": "como-calificamos-la-evidencia",
}
SPANISH_SECTIONS = [
    r"¿Qué (es|son) .+\?",
    r"Tratamientos habituales",
    r"Cómo puede ayudar la terapia con ketamina",
    r"Qué muestra la investigación",
    r"Después de un ciclo de tratamiento",
    r"Riesgos y efectos secundarios",
    r"Cómo es una visita",
    r"Preguntas para su proveedor",
    r"Referencias",
]
# Every public address, as (English, Spanish).
PAGE_PAIRS = (
    [("/", "/es/"), ("/conditions/", "/es/condiciones/")]
    + [(f"/conditions/{en}/", f"/es/condiciones/{es}/") for en, es in SPANISH_CONDITIONS.items()]
    + [
        (f"/conditions/{en}/handout/", f"/es/condiciones/{es}/folleto/")
        for en, es in SPANISH_CONDITIONS.items()
    ]
    + [(f"/{en}/", f"/es/{es}/") for en, es in SPANISH_PAGES.items() if en != "ketamine-therapy"]
    + [
        ("/contact/", "/es/contacto/"),
        ("/contact/thanks/", "/es/contacto/gracias/"),
        ("/refer/", "/es/referir/"),
        ("/refer/thanks/", "/es/referir/gracias/"),
        ("/search/?q=ketamine", "/es/buscar/?q=ketamina"),
    ]
)


class PageParts(HTMLParser):
    """The parts of a page the language features live in."""

    def __init__(self):
        super().__init__()
        self.html_lang = None
        self.switch = {}  # hreflang: href of the language switch's links
        self.alternates = {}  # hreflang: href of <link rel="alternate">
        self.lang_elements = []  # (tag, lang) of every element with a lang attribute
        self._in_switch = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.html_lang = attributes.get("lang")
        elif "lang" in attributes:
            self.lang_elements.append((tag, attributes["lang"]))
        if tag == "p" and "language-switch" in (attributes.get("class") or ""):
            self._in_switch = True
        if tag == "a" and self._in_switch:
            self.switch[attributes["hreflang"]] = attributes["href"]
        if tag == "link" and attributes.get("rel") == "alternate" and "hreflang" in attributes:
            self.alternates[attributes["hreflang"]] = attributes["href"]

    def handle_endtag(self, tag):
        if tag == "p":
            self._in_switch = False


def parts(response):
    parser = PageParts()
    parser.feed(response.content.decode())
    return parser


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


# 1. Addresses
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("english", "spanish"), PAGE_PAIRS, ids=[es for _, es in PAGE_PAIRS])
def test_every_public_page_answers_in_both_languages(client, site_content, english, spanish):
    for url, language in ((english, "en"), (spanish, "es")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert parts(response).html_lang == language, url
        assert response["Content-Language"] == language


@pytest.mark.parametrize(("english", "spanish"), PAGE_PAIRS, ids=[es for _, es in PAGE_PAIRS])
def test_the_language_switch_keeps_the_reader_on_the_same_page(client, site_content, english, spanish):
    from_english = parts(client.get(english)).switch
    from_spanish = parts(client.get(spanish)).switch

    assert list(from_english) == ["es"] and list(from_spanish) == ["en"]
    assert from_english["es"].split("?")[0] == spanish.split("?")[0]
    assert from_spanish["en"].split("?")[0] == english.split("?")[0]
    assert client.get(from_english["es"]).status_code == 200


def test_a_search_keeps_its_query_across_the_switch(client, site_content):
    switch = parts(client.get("/search/?q=blood+pressure")).switch

    assert switch["es"] == "/es/buscar/?q=blood+pressure"


def test_spanish_page_at_its_english_slug_redirects_to_its_spanish_address(client, site_content):
    response = client.get("/es/conditions/ptsd/")  # also the English path segment
    assert response.status_code == 404  # /es/ addresses use Spanish segments

    response = client.get("/es/condiciones/ptsd/")

    assert response.status_code == 301
    assert response["Location"] == "/es/condiciones/estres-postraumatico/"


def test_english_address_with_a_spanish_slug_is_not_found(client, site_content):
    assert client.get("/conditions/estres-postraumatico/").status_code == 404


def test_unknown_spanish_address_gets_the_spanish_not_found_page(client, site_content):
    response = client.get("/es/no-existe/")

    assert response.status_code == 404
    html = response.content.decode()
    assert parts(response).html_lang == "es"
    assert 'href="/es/condiciones/estres-postraumatico/"' in html  # the Spanish pages are offered


# 2. hreflang, lang and the sitemap
# ----------------------------------------------------------------------------


@pytest.mark.parametrize(("english", "spanish"), list(SPANISH_CONDITIONS.items()))
def test_condition_pages_name_each_other_as_alternates(client, site_content, english, spanish):
    expected = {
        "en": f"http://testserver/conditions/{english}/",
        "es": f"http://testserver/es/condiciones/{spanish}/",
        "x-default": f"http://testserver/conditions/{english}/",
    }
    for url in (f"/conditions/{english}/", f"/es/condiciones/{spanish}/"):
        assert parts(client.get(url)).alternates == expected


def test_a_page_without_a_spanish_version_has_no_spanish_alternate(client, site_content):
    Condition.objects.filter(slug="estres-postraumatico").update(status=Status.DRAFT)

    alternates = parts(client.get("/conditions/ptsd/")).alternates

    assert set(alternates) == {"en", "x-default"}


def test_spanish_pages_mark_their_language_and_the_switch_its_own(client, site_content):
    page = parts(client.get("/es/condiciones/estres-postraumatico/"))

    assert page.html_lang == "es"
    assert ("a", "en") in page.lang_elements  # the "English" link is in English
    english = parts(client.get("/conditions/ptsd/"))
    assert english.html_lang == "en"
    assert ("a", "es") in english.lang_elements and ("p", "es") in english.lang_elements  # the crisis line


def test_sitemap_lists_both_languages_with_their_alternates(client, site_content):
    response = client.get("/sitemap.xml")
    namespaces = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.fromstring(response.content)
    entries = {
        path_of(url.find("s:loc", namespaces).text): {
            link.get("hreflang"): path_of(link.get("href")) for link in url.findall("x:link", namespaces)
        }
        for url in root.findall("s:url", namespaces)
    }

    for english, spanish in PAGE_PAIRS:
        if "thanks" in english or "search" in english or "handout" in english:
            continue  # not pages for search engines
        assert english in entries and spanish in entries, english
        assert entries[english] == entries[spanish]
        assert entries[english]["en"] == english and entries[english]["es"] == spanish
        assert entries[english]["x-default"] == english


# 3. The interface
# ----------------------------------------------------------------------------


def test_the_spanish_catalogue_compiles_with_no_empty_or_fuzzy_entries(tmp_path):
    copy = tmp_path / "locale" / "es" / "LC_MESSAGES" / "django.po"
    copy.parent.mkdir(parents=True)
    shutil.copy(CATALOGUE, copy)

    report = compile_catalogues([tmp_path / "locale"])

    assert report.compiled == [copy.with_suffix(".mo")]
    assert report.untranslated == [] and report.fuzzy == []
    assert polib.mofile(str(copy.with_suffix(".mo"))).find("Get help now").msgstr
    if shutil.which("msgfmt"):  # GNU gettext's own checks, where it is installed
        subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(copy)], check=True)


def test_the_compiler_reports_what_is_missing(tmp_path):
    catalogue = polib.POFile()
    catalogue.metadata = {"Content-Type": "text/plain; charset=UTF-8"}
    catalogue.append(polib.POEntry(msgid="Done", msgstr="Hecho"))
    catalogue.append(polib.POEntry(msgid="Empty", msgstr=""))
    catalogue.append(polib.POEntry(msgid="Unsure", msgstr="Inseguro", flags=["fuzzy"]))
    path = tmp_path / "es" / "LC_MESSAGES" / "django.po"
    path.parent.mkdir(parents=True)
    catalogue.save(str(path))

    report = compile_catalogues([tmp_path])

    assert [msgid for _, msgid in report.untranslated] == ["Empty"]
    assert [msgid for _, msgid in report.fuzzy] == ["Unsure"]
    compiled = polib.mofile(str(path.with_suffix(".mo")))
    assert [entry.msgid for entry in compiled] == ["Done"]  # nothing doubtful reaches a page


def test_the_catalogue_keeps_every_placeholder():
    placeholder = re.compile(r"%\(\w+\)[sd]|\{\w*\}|<[^>]+>")
    for entry in polib.pofile(str(CATALOGUE)):
        translations = [entry.msgstr] if not entry.msgid_plural else list(entry.msgstr_plural.values())
        for text in translations:
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(entry.msgid)), entry.msgid


def test_every_catalogue_is_found(settings):
    assert CATALOGUE in list(catalogues(settings.LOCALE_PATHS))


def interface_strings():
    """English interface strings long enough to recognise on a page."""
    strings = []
    for entry in polib.pofile(str(CATALOGUE)):
        text = re.sub(r"<[^>]+>|%\(\w+\)[sd]|\{\w*\}", "\x00", entry.msgid)
        for fragment in text.split("\x00"):
            fragment = " ".join(fragment.split())
            if len(fragment) >= 14 and fragment not in entry.msgstr:
                strings.append(fragment)
    return strings


@pytest.mark.parametrize("spanish", [es for _, es in PAGE_PAIRS] + ["/es/no-existe/"])
def test_no_english_interface_string_on_a_spanish_page(client, site_content, spanish):
    text = visible_text(client.get(spanish).content.decode())
    text = " ".join(text.split())

    leftovers = [string for string in interface_strings() if string in text]

    assert leftovers == []


def test_the_crisis_line_offers_spanish_on_every_page(client, site_content):
    for english, spanish in PAGE_PAIRS:
        for url in (english, spanish):
            html = client.get(url).content.decode()
            footer = html[html.index('<footer class="site-footer">') :]
            assert "llame al 988 y marque 2" in footer and "la palabra AYUDA" in footer, url
            assert 'href="tel:988"' in footer and 'href="sms:988' in footer, url
        # English pages say it in Spanish, marked as Spanish, with AYUDA ready to send.
        assert '<p class="crisis-spanish" lang="es">' in client.get(english).content.decode()


def test_spanish_contact_form_errors_are_in_spanish(client, site_content):
    response = client.post("/es/contacto/", {"name": "", "message": ""})

    assert response.status_code == 400
    html = response.content.decode()
    assert "Escriba su nombre." in html and "Elija de qué le gustaría hablar." in html
    assert "This field is required" not in html and "Enter your name" not in html


# 4. Content
# ----------------------------------------------------------------------------


@pytest.fixture
def spanish_conditions(site_content):
    return {condition.translation_of.slug: condition for condition in Condition.objects.in_language("es")}


def test_every_page_and_condition_has_a_published_spanish_version(site_content):
    for model, expected in ((Condition, SPANISH_CONDITIONS), (Page, SPANISH_PAGES)):
        spanish = {
            page.translation_of.slug: page.slug for page in model.objects.published().in_language("es")
        }
        assert spanish == expected


@pytest.mark.parametrize("english", SPANISH_CONDITIONS)
def test_spanish_condition_page_has_every_section_in_order(spanish_conditions, english):
    found = [title for _id, title in headings(spanish_conditions[english].body_html)]

    assert len(found) == len(SPANISH_SECTIONS)
    for pattern, title in zip(SPANISH_SECTIONS, found, strict=True):
        assert re.fullmatch(pattern, title), title


@pytest.mark.parametrize("english", SPANISH_CONDITIONS)
def test_spanish_condition_page_keeps_the_references_of_the_english(spanish_conditions, english):
    spanish = spanish_conditions[english]
    links = set(re.findall(r'href="(https://[^"]+)"', spanish.translation_of.body_html))
    reference_links = {link for link in links if REFERENCE_LINK.search(f'href="{link}"')}

    assert reference_links
    for link in reference_links:
        assert link in spanish.body_html


@pytest.mark.parametrize("english", SPANISH_CONDITIONS)
def test_spanish_condition_page_reads_plainly(spanish_conditions, english, record_property):
    spanish = spanish_conditions[english]

    score = spanish_reading_ease(spanish.body_text)

    record_property("fernandez_huerta", score)
    print(f"{spanish.slug}: Fernández Huerta {score:.1f}")
    assert score >= 60


def test_the_spanish_measure_tells_plain_from_dense_text():
    plain = "La ketamina es un medicamento. Puede ayudar a algunas personas. Hable con su médico."
    dense = (
        "La administración intravenosa de antagonistas del receptor N-metil-D-aspartato "
        "constituye una intervención farmacológica experimental caracterizada por "
        "modificaciones neuroplásticas glutamatérgicas extraordinariamente complejas."
    )
    assert spanish_reading_ease(plain) >= 60 > spanish_reading_ease(dense)


def test_spanish_pages_make_no_absolute_promises(site_content):
    spanish_claims = re.compile(r"\b(cura|curar|garantiza\w*|milagro\w*|sin riesgos?)\b|100\s?%", re.I)
    for model in (Condition, Page):
        for page in model.objects.in_language("es"):
            assert not ABSOLUTE_CLAIMS.search(page.body_text), page.slug
            assert not spanish_claims.search(page.body_text), page.slug


def test_spanish_crisis_pages_open_with_the_crisis_box(client, site_content):
    html = client.get("/es/condiciones/pensamientos-suicidas/").content.decode()
    main = html[html.index("<main") :]

    assert main.index('class="crisis-box"') < main.index("<h2", main.index("crisis-box") + 40)
    assert "Obtenga ayuda" in main or "Busque ayuda" in main or "ayuda ahora" in main.lower()


# 5. A page without a Spanish version
# ----------------------------------------------------------------------------


def test_page_without_a_spanish_version_shows_the_english_with_a_spanish_notice(client, site_content):
    Page.objects.filter(slug="preguntas-frecuentes").update(status=Status.DRAFT)

    response = client.get("/es/faq/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Questions people often ask" in html  # the English page itself
    assert "Esta página aún no está disponible en su idioma, por eso la mostramos en inglés." in html
    page = parts(response)
    assert page.html_lang == "es"  # the interface is Spanish; the page's own words are marked English
    assert ("h1", "en") in page.lang_elements and ("div", "en") in page.lang_elements
    assert set(page.alternates) == {"en", "x-default"}
    # The Spanish draft's address is not public.
    assert client.get("/es/preguntas-frecuentes/").status_code == 404


def test_spanish_listing_marks_conditions_shown_in_english(client, site_content):
    Condition.objects.filter(slug="dolor-cronico").update(status=Status.DRAFT)

    html = client.get("/es/condiciones/").content.decode()

    assert 'href="/es/condiciones/chronic-pain/"' in html
    assert "(en inglés)" in html.lower()
    assert client.get("/es/condiciones/chronic-pain/").status_code == 200


def test_spanish_navigation_links_the_spanish_pages(client, site_content):
    html = client.get("/es/").content.decode()

    for spanish in SPANISH_PAGES.values():
        if spanish != "terapia-con-ketamina":
            assert f'href="/es/{spanish}/"' in html, spanish


# 6. Content files
# ----------------------------------------------------------------------------


def test_export_writes_the_spanish_files_beside_the_english(site_content, tmp_path):
    call_command("export_content", directory=tmp_path, verbosity=0)

    for folder, slugs in (("conditions", SPANISH_CONDITIONS), ("pages", SPANISH_PAGES)):
        for english, spanish in slugs.items():
            written = tmp_path / "es" / folder / f"{spanish}.md"
            assert written.read_text() == (settings.CONTENT_DIR / "es" / folder / f"{spanish}.md").read_text()
            assert f"translation_of: {english}\n" in written.read_text()


def test_load_links_each_spanish_file_to_its_english_page(site_content):
    ptsd = Condition.objects.get(slug="ptsd")

    assert [version.slug for version in ptsd.translations.all()] == ["estres-postraumatico"]
    assert ptsd.translations.get().language == "es"


def test_interface_language_follows_the_address_not_the_browser(client, site_content):
    response = client.get("/conditions/ptsd/", HTTP_ACCEPT_LANGUAGE="es")

    assert parts(response).html_lang == "en"
    with translation.override("es"):
        assert Condition.objects.get(slug="ptsd").get_absolute_url() == "/conditions/ptsd/"


# 7. Editing in admin, per language
# ----------------------------------------------------------------------------


def spanish_version_data(english, **changes):
    from tests.factories import form_data

    data = form_data(
        english,
        title="Afección de prueba",
        slug="afeccion-de-prueba",
        summary="Un resumen corto.",
        body="El mensaje principal.\n\n## ¿Qué es?\n\nUnas palabras.",
        status=Status.DRAFT,
        related=[],
        language="es",
        translation_of=english.pk,
    )
    data.pop("edit_version")
    data.update(changes)
    return data


def test_staff_write_the_spanish_version_beside_the_english(superuser_client, center, make_condition):
    english = make_condition(title="Test condition", slug="test-condition")
    change_page = superuser_client.get(admin_url(Condition, "change", english.pk)).content.decode()
    add_url = admin_url(Condition, "add") + f"?language=es&amp;translation_of={english.pk}"
    assert add_url in change_page  # "Write the Spanish version"

    form = superuser_client.get(add_url.replace("&amp;", "&"))
    assert form.status_code == 200
    response = superuser_client.post(
        admin_url(Condition, "add") + "?language=es", spanish_version_data(english)
    )

    assert response.status_code == 302
    spanish = Condition.objects.get(slug="afeccion-de-prueba")
    assert (spanish.language, spanish.translation_of, spanish.status) == ("es", english, Status.DRAFT)
    # A draft: staff preview it at its address, the public cannot see it.
    assert superuser_client.get("/es/condiciones/afeccion-de-prueba/").status_code == 200
    superuser_client.logout()
    assert superuser_client.get("/es/condiciones/afeccion-de-prueba/").status_code == 404
    assert superuser_client.get("/es/condiciones/test-condition/").status_code == 200  # English, with notice


def test_spanish_edit_form_shows_the_english_original_for_reference(superuser_client, site_content):
    spanish = Condition.objects.get(slug="estres-postraumatico")

    html = superuser_client.get(admin_url(Condition, "change", spanish.pk)).content.decode()

    assert '<pre class="english-original" lang="en">' in html
    assert "Fernández Huerta" in html  # the reading measure for Spanish
    assert "?language=es" in html  # the live preview renders and measures it as Spanish


def test_a_second_spanish_version_of_one_page_is_refused(superuser_client, center, make_condition):
    english = make_condition(title="Test condition", slug="test-condition")
    superuser_client.post(admin_url(Condition, "add") + "?language=es", spanish_version_data(english))

    response = superuser_client.post(
        admin_url(Condition, "add") + "?language=es",
        spanish_version_data(english, slug="otra-version", title="Otra versión"),
    )

    assert response.status_code == 200  # the form again, with the reason
    assert Condition.objects.filter(translation_of=english).count() == 1
    assert "errornote" in response.content.decode()


def test_a_spanish_page_must_say_which_english_page_it_translates(superuser_client, center):
    data = spanish_version_data(Condition(title="x", slug="x"), translation_of="")

    response = superuser_client.post(admin_url(Condition, "add") + "?language=es", data)

    assert response.status_code == 200
    assert not Condition.objects.filter(slug="afeccion-de-prueba").exists()


def test_each_language_version_keeps_its_own_history_and_review_dates(superuser_client, site_content):
    from tests.factories import form_data

    spanish = Condition.objects.get(slug="estres-postraumatico")
    english = spanish.translation_of
    before = english.history.count()

    response = superuser_client.post(
        admin_url(Condition, "change", spanish.pk),
        form_data(spanish, summary="Un resumen nuevo.", last_reviewed="2026-11-20", next_review_due=""),
    )

    assert response.status_code == 302
    spanish.refresh_from_db()
    assert spanish.summary == "Un resumen nuevo."
    assert spanish.next_review_due.isoformat() == "2027-11-20"
    assert spanish.history.count() == 2
    assert english.history.count() == before
    history = superuser_client.get(admin_url(Condition, "history", spanish.pk))
    assert history.status_code == 200


# 8. Requests sent from Spanish pages
# ----------------------------------------------------------------------------


def test_a_request_from_the_spanish_form_is_marked_spanish_for_staff(client, site_content, mailoutbox):
    from consultations.models import ContactRequest
    from tests.factories import consultation

    html = client.get("/es/condiciones/estres-postraumatico/").content.decode()
    assert 'href="/es/contacto/?topic=ptsd' in html  # the call to action chooses the condition

    response = client.post("/es/contacto/", consultation(topic="ptsd"), follow=True)

    assert response.redirect_chain == [("/es/contacto/gracias/", 302)]
    assert parts(response).html_lang == "es"
    saved = ContactRequest.objects.get()
    assert saved.language == "es" and saved.topic == "ptsd"
    # Staff are told in English, with the language to reply in.
    body = mailoutbox[0].body
    assert "New consultation request" in mailoutbox[0].subject
    assert "Language: Español" in body and "Topic: Post-traumatic stress disorder (PTSD)" in body


def test_a_request_from_the_english_form_is_marked_english(client, site_content):
    from consultations.models import ContactRequest
    from tests.factories import consultation

    client.post("/contact/", consultation())

    assert ContactRequest.objects.get().language == "en"


def test_the_spanish_form_lists_each_condition_once_by_its_spanish_title(client, site_content):
    html = client.get("/es/contacto/").content.decode()

    options = re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', html)
    conditions = [(value, label) for value, label in options if value in SPANISH_CONDITIONS]
    assert len(conditions) == 6
    assert ("ptsd", "Trastorno de estrés postraumático (TEPT)") in conditions
    assert not any(value in SPANISH_CONDITIONS.values() for value, _label in options)


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "405.html", "410.html"])
def test_error_pages_are_spanish_under_es(rf, site_content, template):
    from django.template.loader import render_to_string

    with translation.override("es"):
        html = render_to_string(template, {"conditions": []}, request=rf.get("/es/x/"))

    text = " ".join(visible_text(html).split())
    assert '<html lang="es">' in html
    assert [string for string in interface_strings() if string in text] == []


@pytest.mark.parametrize("template", ["500.html", "503.html"])
def test_outage_pages_are_spanish_under_es(site_content, template):
    from clinic_site.error_pages import outage_page

    with translation.override("es"):
        html = outage_page(template)

    text = " ".join(visible_text(html).split())
    assert '<html lang="es">' in html and "marque 2" in html
    assert [string for string in interface_strings() if string in text] == []


def test_the_admin_speaks_the_editors_language(superuser_client, site_content):
    ptsd = Condition.objects.get(slug="ptsd")
    url = admin_url(Condition, "change", ptsd.pk)

    spanish = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    english = superuser_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Mostrar el recuadro “Pida ayuda ahora”" in spanish  # our own help text
    assert "Show the “Get help now” box" in english
    assert '<html lang="es"' in spanish
    # Public pages follow their address, whatever the browser prefers.
    assert (
        '<html lang="en">'
        in superuser_client.get("/conditions/ptsd/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    )


@pytest.mark.parametrize("query", ["presion arterial", "PRESIÓN ARTERIAL", "presión arterial"])
def test_spanish_search_ignores_accents_and_case(client, site_content, query):
    html = client.get("/es/buscar/", {"q": query}).content.decode()

    assert 'href="/es/condiciones/depresion-resistente-al-tratamiento/"' in html
    assert "<mark>presión</mark>" in html  # highlighted as written, accent and all


def test_search_folds_text_without_changing_its_length():
    from search.text import fold

    for text in ["Presión ARTERIAL", "niño", "İstanbul ǅ ß", "ﬁ café"]:
        assert len(fold(text)) == len(text)
    assert fold("Presión ÁRBOL Ñandú") == "presion arbol nandu"
