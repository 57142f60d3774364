"""Links that preview well, print well and never break."""

import io
import json
import re
import xml.etree.ElementTree as ElementTree

import pytest
from django.utils import timezone
from django.utils.http import http_date
from PIL import Image

from center.models import Center
from conditions.models import Condition
from conditions.share_images import storage_name
from pages.models import Page
from publishing.models import Status
from tests.factories import admin_url

CONDITION_URLS = [
    f"/conditions/{slug}/" for slug in ["treatment-resistant-depression", "ptsd", "suicidal-ideation"]
]
PUBLIC_URLS = ["/", "/conditions/", "/contact/", "/faq/", "/for-providers/", *CONDITION_URLS]


def meta(html, key):
    found = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def structured_data(html):
    return [
        json.loads(block)
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    ]


def visible(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# 1. Link previews
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_every_public_page_has_canonical_and_link_preview_tags(client, site_content, url):
    html = client.get(url).content.decode()

    assert f'<link rel="canonical" href="http://testserver{url}">' in html
    assert meta(html, "og:title") and meta(html, "og:description")
    assert meta(html, "og:url") == f"http://testserver{url}"
    assert meta(html, "og:site_name") == "Ketamine Therapy Center"
    assert meta(html, "og:locale") == "en_US"
    assert meta(html, "og:image").startswith("http://testserver/") and meta(html, "og:image").endswith(".png")
    assert meta(html, "twitter:card") == "summary_large_image"
    # X falls back to the og: tags; repeating them would only add bytes to every page.
    assert meta(html, "twitter:image") is None and meta(html, "twitter:title") is None


def test_each_condition_has_its_own_share_image(client, site_content):
    images = set()
    for condition in Condition.objects.all():
        html = client.get(condition.get_absolute_url()).content.decode()
        assert meta(html, "og:image") == f"http://testserver{condition.get_share_image_url()}"
        images.add(meta(html, "og:image"))

    assert len(images) == 12  # six conditions, in English and in Spanish


def png(response):
    return Image.open(io.BytesIO(b"".join(response.streaming_content)))


@pytest.mark.parametrize("url", ["/conditions/ptsd/share.png", "/share.png"])
def test_share_images_are_1200_by_630_pngs(client, site_content, url):
    response = client.get(url)

    image = png(response)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert image.format == "PNG" and image.size == (1200, 630)


def test_share_image_is_drawn_in_the_sites_colours(client, site_content):
    image = png(client.get("/conditions/ptsd/share.png")).convert("RGB")

    assert image.getpixel((600, 600)) == (0xE4, 0xF0, 0xEE)  # --brand-tint
    assert image.getpixel((10, 300)) == (0x1F, 0x5F, 0x5B)  # --brand


def test_share_image_is_redrawn_when_the_title_changes(client, site_content, media_root):
    before = png(client.get("/conditions/ptsd/share.png")).tobytes()
    condition = Condition.objects.get(slug="ptsd")
    condition.title = "PTSD (post-traumatic stress disorder)"
    condition.save()

    after = png(client.get("/conditions/ptsd/share.png")).tobytes()

    assert after != before
    center = Center.objects.get()
    assert (
        media_root / storage_name("condition-ptsd", condition.title, center.name, center.tagline)
    ).exists()


def test_make_share_images_draws_all_and_removes_old_ones(site_content, media_root):
    from django.core.management import call_command

    stale = media_root / "share-images" / "condition-old-title-0000000000000000.png"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_bytes(b"old")

    call_command("make_share_images", verbosity=0)

    assert not stale.exists()
    # Twelve condition pages (six in each language) and the site's own image.
    assert len(list((media_root / "share-images").glob("*.png"))) == 13


def test_share_image_of_a_draft_is_not_served(client, site_content):
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)

    assert client.get("/conditions/ptsd/share.png").status_code == 404


# 2. Structured data
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", CONDITION_URLS)
def test_condition_pages_describe_themselves_as_medical_web_pages(client, site_content, url):
    html = client.get(url).content.decode()
    (data,) = structured_data(html)
    condition = Condition.objects.get(slug=url.split("/")[2])
    text = visible(html)

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["about"] == {"@type": "MedicalCondition", "name": condition.title}
    assert data["lastReviewed"] == condition.last_reviewed.isoformat()
    assert data["reviewedBy"] == {"@type": "Person", "name": condition.reviewed_by}
    assert data["inLanguage"] == "en"
    assert len(data["citation"]) >= 2
    for url in data["citation"]:
        assert url.startswith(
            (
                "https://doi.org/",
                "https://pubmed.ncbi.nlm.nih.gov/",
                "https://www.ncbi",
                # The Spravato label and the FDA's warning, cited from their own sites.
                "https://dailymed.nlm.nih.gov/",
                "https://www.fda.gov/",
            )
        )
        assert f'href="{url}"' in html.replace("&amp;", "&")
    # Only what the page shows.
    assert condition.title in text and condition.reviewed_by in text


@pytest.mark.parametrize("url", ["/", "/contact/"])
def test_home_and_contact_describe_the_clinic(client, site_content, url):
    html = client.get(url).content.decode()
    (data,) = structured_data(html)
    center = Center.objects.get()
    text = visible(html)

    assert data["@type"] == "MedicalClinic"
    assert data["name"] == center.name and center.name in text
    assert data["telephone"] == center.phone and center.phone in text
    assert data["address"]["@type"] == "PostalAddress"
    assert data["address"]["postalCode"] == center.postal_code and center.postal_code in text
    assert center.street_address in data["address"]["streetAddress"] and center.street_address in text
    days = [spec["dayOfWeek"] for spec in data["openingHoursSpecification"]]
    assert days == ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
    assert data["openingHoursSpecification"][0]["opens"] == "08:00"
    assert "Monday to Friday" in text


def test_structured_data_cannot_break_out_of_its_script_element(client, site_content):
    Condition.objects.filter(slug="ptsd").update(title="</script><script>alert(1)</script>")

    html = client.get("/conditions/ptsd/").content.decode()

    assert "</script><script>alert(1)" not in html
    assert structured_data(html)[0]["about"]["name"] == "</script><script>alert(1)</script>"


# 3. sitemap.xml and robots.txt
# ----------------------------------------------------------------------------


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ElementTree.fromstring(response.content)
    return {
        url.find("s:loc", namespace).text: getattr(url.find("s:lastmod", namespace), "text", None)
        for url in root.findall("s:url", namespace)
    }


def test_sitemap_lists_every_published_page_with_lastmod(client, site_content):
    entries = sitemap_entries(client)

    for item in [*Condition.objects.all(), *Page.objects.all()]:
        location = f"http://testserver{item.get_absolute_url()}"
        assert location in entries
        assert entries[location] == timezone.localtime(item.updated).date().isoformat()


def test_sitemap_never_lists_drafts(client, site_content):
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)

    assert "http://testserver/conditions/ptsd/" not in sitemap_entries(client)


def test_robots_txt_points_to_the_sitemap_and_does_not_name_the_admin(client, db):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"].startswith("text/plain")
    assert not any("admin" in line for line in lines)
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_admin_responses_tell_search_engines_not_to_index_them(db, superuser_client):
    from django.test import Client
    from django.urls import reverse

    client = Client()  # signed out
    assert client.get(reverse("admin:login"))["X-Robots-Tag"] == "noindex, nofollow"
    assert client.get(reverse("admin:index"))["X-Robots-Tag"] == "noindex, nofollow"  # the redirect
    assert superuser_client.get(reverse("admin:index"))["X-Robots-Tag"] == "noindex, nofollow"
    assert "X-Robots-Tag" not in client.get("/conditions/").headers


# 4. Share row
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/conditions/ptsd/", "/faq/"])
def test_share_row_offers_copy_link_email_and_print_without_third_parties(client, site_content, url):
    html = client.get(url).content.decode()
    share = re.search(r'<section class="share".*?</section>', html, re.S).group(0)

    assert f'<a class="share__action" href="http://testserver{url}" data-copy-link' in share
    assert re.search(rf'href="mailto:\?subject=[^"&]+&amp;body=http%3A//testserver{re.escape(url)}"', share)
    assert "data-print hidden" in share  # shown by the script, which can print
    hosts = set(re.findall(r'(?:href|src)="https?://([^/"]+)', share))
    assert hosts == {"testserver"}


# 5. Referral handout
# ----------------------------------------------------------------------------


def test_handout_has_main_message_key_facts_call_to_action_and_qr_code(client, site_content):
    condition = Condition.objects.get(slug="chronic-pain")
    center = Center.objects.get()

    response = client.get("/conditions/chronic-pain/handout/")

    html = response.content.decode()
    assert response.status_code == 200
    assert condition.body_parts[0] in html
    for fact in condition.key_fact_list:
        assert fact in html
    assert center.phone in html and center.street_address in html
    assert '<svg role="img" aria-label="QR code that opens this page"' in html and 'class="qr-code"' in html
    assert "http://testserver/conditions/chronic-pain/" in html
    assert 'name="robots" content="noindex"' in html


def test_handout_qr_code_scales_without_cropping_and_keeps_its_quiet_zone(client, site_content):
    import segno

    html = client.get("/conditions/chronic-pain/handout/").content.decode()
    svg = re.search(r'<svg role="img".*?</svg>', html, re.S).group(0)

    code = segno.make("http://testserver/conditions/chronic-pain/", error="m")
    modules = code.symbol_size(border=0)[0]
    # No fixed size: the stylesheet sizes it, and the viewBox keeps every module in view.
    opening = svg.split(">", 1)[0]
    assert "width=" not in opening and "height=" not in opening
    assert f'viewBox="0 0 {modules + 8} {modules + 8}"' in opening
    # The first dark module starts 4 modules in from the top and the left.
    first_move = re.search(r'd="M(\d+) (\d+(?:\.\d+)?)', svg.split('stroke="#000"', 1)[1])
    assert (int(first_move.group(1)), float(first_move.group(2))) == (4, 4.5)


# 6. The page for referring providers
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", CONDITION_URLS)
def test_every_condition_page_links_to_the_referring_providers_page(client, site_content, url):
    html = client.get(url).content.decode()

    assert 'href="/for-providers/"' in html[html.index("<main") :]
    assert client.get("/for-providers/").status_code == 200


# 7. Conditional requests
# ----------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/conditions/ptsd/", "/faq/"])
def test_public_pages_send_etag_last_modified_and_a_short_public_cache_life(client, site_content, url):
    response = client.get(url)

    assert response["ETag"]
    assert response["Last-Modified"]
    assert "public" in response["Cache-Control"] and "max-age=120" in response["Cache-Control"]


@pytest.mark.parametrize("url", ["/", "/conditions/ptsd/", "/conditions/ptsd/share.png"])
def test_repeat_request_with_if_none_match_gets_304(client, site_content, url):
    etag = client.get(url)["ETag"]

    response = client.get(url, headers={"if-none-match": etag})

    assert response.status_code == 304
    assert not response.content


def test_repeat_request_with_if_modified_since_gets_304(client, site_content):
    last_modified = client.get("/conditions/ptsd/")["Last-Modified"]

    response = client.get("/conditions/ptsd/", headers={"if-modified-since": last_modified})

    assert response.status_code == 304


def test_a_content_change_answers_200_again(client, site_content):
    first = client.get("/conditions/ptsd/")
    condition = Condition.objects.get(slug="ptsd")
    condition.summary = "A newly reviewed summary."
    condition.save()

    again = client.get(
        "/conditions/ptsd/",
        headers={"if-none-match": first["ETag"], "if-modified-since": first["Last-Modified"]},
    )

    assert again.status_code == 200
    assert again["ETag"] != first["ETag"]
    assert "A newly reviewed summary." in again.content.decode()


def test_last_modified_follows_the_latest_content_change(client, site_content):
    condition = Condition.objects.get(slug="ptsd")
    condition.summary = "Changed."
    condition.save()

    assert client.get("/faq/")["Last-Modified"] == http_date(condition.updated.timestamp())


def test_staff_previews_are_never_cached(client, site_content, superuser):
    client.force_login(superuser)
    Condition.objects.filter(slug="ptsd").update(status=Status.DRAFT)

    for url in ["/conditions/ptsd/", "/faq/", admin_url(Condition, "changelist")]:
        cache_control = client.get(url)["Cache-Control"]
        assert "private" in cache_control or "no-store" in cache_control, url
        assert "public" not in cache_control


# 8. Stable links
# ----------------------------------------------------------------------------


def test_after_a_slug_change_every_shared_address_redirects(client, superuser_client, site_content):
    from tests.factories import form_data

    condition = Condition.objects.get(slug="ptsd")
    superuser_client.post(
        admin_url(Condition, "change", condition.pk),
        form_data(
            condition, slug="post-traumatic-stress-disorder", related=[c.pk for c in condition.related.all()]
        ),
    )

    for old, new in [
        ("/conditions/ptsd/", "/conditions/post-traumatic-stress-disorder/"),
        ("/conditions/ptsd/handout/", "/conditions/post-traumatic-stress-disorder/handout/"),
        ("/conditions/ptsd/share.png", "/conditions/post-traumatic-stress-disorder/share.png"),
    ]:
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"] == new
        assert client.get(new).status_code == 200


def test_absolute_links_start_with_the_site_address_whatever_the_host_header(client, site_content):
    """A Host header is the visitor's to choose; links others will follow are the site's."""
    host = {"HTTP_HOST": "127.0.0.1:666"}
    page = client.get("/conditions/ptsd/", **host).content.decode()
    handout = client.get("/conditions/ptsd/handout/", **host).content.decode()
    sitemap = client.get("/sitemap.xml", **host).content.decode()
    robots = client.get("/robots.txt", **host).content.decode()

    assert '<link rel="canonical" href="http://testserver/conditions/ptsd/">' in page
    assert meta(page, "og:url") == "http://testserver/conditions/ptsd/"
    assert "Sitemap: http://testserver/sitemap.xml" in robots
    for text in (page, handout, sitemap, robots):
        assert "666" not in text
