"""The handout prints on one page with a QR code that opens the page; "Copy link"
copies the address."""

import re

import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from .conftest import screenshot


def pdf_page_count(pdf):
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


HANDOUTS = {
    "treatment-resistant-depression": "/conditions/treatment-resistant-depression/handout/",
    "suicidal-ideation": "/conditions/suicidal-ideation/handout/",
    "chronic-pain": "/conditions/chronic-pain/handout/",
    # Spanish runs longer than English.
    "depresion-resistente-al-tratamiento": "/es/condiciones/depresion-resistente-al-tratamiento/folleto/",
    "pensamientos-suicidas": "/es/condiciones/pensamientos-suicidas/folleto/",
    "trastorno-bipolar": "/es/condiciones/trastorno-bipolar/folleto/",
}


@pytest.mark.parametrize("slug", HANDOUTS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_handout_prints_on_one_page(loaded_site, open_page, artifacts_dir, slug, paper):
    page = open_page(1280, 800)
    assert page.goto(f"{loaded_site}{HANDOUTS[slug]}").status == 200

    pdf = page.pdf(format=paper, print_background=True)

    (artifacts_dir / f"handout-{slug}-{paper}.pdf").write_bytes(pdf)
    assert pdf_page_count(pdf) == 1


PRINT_DPI = 150
CM_PER_INCH = 2.54


@pytest.mark.parametrize("slug", HANDOUTS)
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_printed_handout_qr_code_scans_to_the_page(loaded_site, open_page, artifacts_dir, slug, paper):
    """As a patient uses it: the handout printed on paper, the paper seen by a camera
    (the PDF rasterised at 150 dpi, a modest office printer's worth of detail)."""
    page = open_page(1280, 800)
    page.goto(f"{loaded_site}{HANDOUTS[slug]}")
    pdf = pypdfium2.PdfDocument(page.pdf(format=paper, print_background=True))
    printed = pdf[0].render(scale=PRINT_DPI / 72).to_pil()
    printed.save(artifacts_dir / f"handout-{slug}-{paper}-{PRINT_DPI}dpi.png")

    (result,) = zxingcpp.read_barcodes(printed, formats=zxingcpp.BarcodeFormat.QRCode)

    condition_path = HANDOUTS[slug].rsplit("/", 2)[0] + "/"
    assert result.text == f"{loaded_site}{condition_path}"
    corners = result.position
    side = corners.top_right.x - corners.top_left.x
    assert side / PRINT_DPI * CM_PER_INCH >= 2.5, f"printed {side / PRINT_DPI * CM_PER_INCH:.2f} cm wide"
    # The quiet zone of 4 modules is white on paper too: nothing cropped or printed over it.
    modules = page.evaluate("document.querySelector('.qr-code').viewBox.baseVal.width") - 8
    margin = round(4 * side / modules)
    left, top = corners.top_left.x, corners.top_left.y
    right, bottom = corners.bottom_right.x, corners.bottom_right.y
    grey = printed.convert("L")
    ring = [
        grey.getpixel((x, y))
        for x in range(left - margin, right + margin)
        for y in range(top - margin, bottom + margin)
        if not (left - 1 <= x <= right + 1 and top - 1 <= y <= bottom + 1)
    ]
    assert min(ring) > 200, "something dark in the quiet zone"


def test_handout_qr_code_opens_the_page(loaded_site, open_page, artifacts_dir):
    page = open_page(1280, 800)
    page.goto(f"{loaded_site}/conditions/ptsd/handout/")
    path = artifacts_dir / "handout-qr.png"

    screenshot(page.locator(".qr-code"), path=str(path))

    (result,) = zxingcpp.read_barcodes(Image.open(path))
    assert result.text == f"{loaded_site}/conditions/ptsd/"
    assert page.goto(result.text).status == 200


def test_copy_link_copies_the_page_address(loaded_site, open_page):
    page = open_page(1280, 800)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.goto(f"{loaded_site}/conditions/ptsd/")

    page.get_by_role("button", name="Copy link").click()

    page.locator(".share__status", has_text="Link copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()") == f"{loaded_site}/conditions/ptsd/"


def test_copy_link_is_a_plain_link_without_javascript(loaded_site, open_page):
    page = open_page(1280, 800, java_script_enabled=False)
    page.goto(f"{loaded_site}/conditions/ptsd/")

    assert (
        page.get_by_role("link", name="Copy link").get_attribute("href") == f"{loaded_site}/conditions/ptsd/"
    )
    assert not page.get_by_role("button", name="Print").is_visible()
