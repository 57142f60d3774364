"""The Markdown editor's preview and image upload: staff only, safe input only."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

PREVIEW_URL = "/markdownx/markdownify/"
UPLOAD_URL = "/markdownx/upload/"


def image_bytes(image_format="PNG", size=(40, 30), **save_options):
    output = io.BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(output, format=image_format, **save_options)
    return output.getvalue()


def upload(client, content, name="photo.png", content_type="image/png"):
    return client.post(
        UPLOAD_URL,
        {"image": SimpleUploadedFile(name, content, content_type=content_type)},
        headers={"x-requested-with": "XMLHttpRequest"},
    )


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()] if media_root.exists() else []


@pytest.fixture
def anonymous_client(client, db):
    return client


@pytest.fixture
def staff_without_permissions_client(client, django_user_model):
    """Staff status and nothing else (no group, no permission)."""
    user = django_user_model.objects.create_user(username="bare-staff", is_staff=True)
    client.force_login(user)
    return client


@pytest.fixture
def intake_client(client, django_user_model):
    """What the Intake group may do (the requests), given directly: a transactional
    test earlier in the run may have emptied the groups the migrations made."""
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user(username="intake-only", is_staff=True)
    user.user_permissions.add(*Permission.objects.filter(content_type__app_label="consultations"))
    client.force_login(user)
    return client


REFUSED = ["anonymous_client", "member_client", "staff_without_permissions_client", "intake_client"]


@pytest.mark.parametrize("who", REFUSED)
def test_preview_refuses_anyone_but_staff(request, who):
    client = request.getfixturevalue(who)

    response = client.post(PREVIEW_URL, {"content": "<script>alert(1)</script>"})

    assert response.status_code == 403
    assert b"<script>alert(1)" not in response.content


@pytest.mark.parametrize("who", REFUSED)
def test_upload_refuses_anyone_but_staff_and_writes_nothing(request, who, media_root):
    client = request.getfixturevalue(who)

    response = upload(
        client, b"<html><script>alert(1)</script></html>", name="evil.html", content_type="image/gif"
    )

    assert response.status_code == 403
    assert stored_files(media_root) == []


def test_preview_renders_with_the_same_sanitising_renderer(superuser_client):
    response = superuser_client.post(
        PREVIEW_URL, {"content": "## Risks\n\n**ok** <script>alert(1)</script> [x](javascript:alert(1))"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert '<h2 id="risks">Risks</h2>' in html
    assert "<strong>ok</strong>" in html
    assert "<script" not in html and "javascript:" not in html


def test_preview_refuses_text_over_the_size_limit(superuser_client, settings):
    response = superuser_client.post(PREVIEW_URL, {"content": "a" * (settings.MARKDOWN_BODY_MAX_LENGTH + 1)})

    assert response.status_code == 400


def test_preview_answers_get_with_405(superuser_client):
    assert superuser_client.get(PREVIEW_URL).status_code == 405


@pytest.mark.parametrize(("image_format", "extension"), [("PNG", "png"), ("JPEG", "jpg"), ("WEBP", "webp")])
def test_staff_upload_of_a_real_image_is_stored_under_a_random_name(
    superuser_client, media_root, image_format, extension
):
    response = upload(superuser_client, image_bytes(image_format), name="../../My Photo.gif")

    assert response.status_code == 200
    files = stored_files(media_root)
    assert len(files) == 1
    assert files[0].suffix == f".{extension}"
    assert "photo" not in files[0].name.lower()
    assert len(files[0].stem) == 32
    assert response.json()["image_code"] == f"![](/media/markdownx/{files[0].name})"


def test_upload_names_the_file_from_its_content_not_the_client_name(superuser_client, media_root):
    upload(superuser_client, image_bytes("JPEG"), name="picture.png", content_type="image/png")

    assert stored_files(media_root)[0].suffix == ".jpg"


def test_upload_strips_metadata(superuser_client, media_root):
    exif = Image.Exif()
    exif[0x010E] = "Patient name in a description"  # ImageDescription
    response = upload(
        superuser_client, image_bytes("JPEG", exif=exif.tobytes()), name="x.jpg", content_type="image/jpeg"
    )

    assert response.status_code == 200
    stored = stored_files(media_root)[0].read_bytes()
    assert b"Patient name" not in stored
    assert not Image.open(io.BytesIO(stored)).getexif()


@pytest.mark.parametrize(
    ("content", "name", "content_type"),
    [
        (b"<html><script>alert(1)</script></html>", "evil.html", "image/gif"),
        (b"GIF89a" + b"\x00" * 20, "fake.gif", "image/gif"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "x.svg", "image/svg+xml"),
        (b"%PDF-1.4 not an image", "x.png", "image/png"),
        (image_bytes("GIF"), "real.gif", "image/gif"),
        (image_bytes("PNG")[:60], "truncated.png", "image/png"),
    ],
    ids=["html-as-gif", "gif-header-only", "svg", "pdf", "gif", "truncated-png"],
)
def test_upload_refuses_anything_but_a_decodable_jpeg_png_or_webp(
    superuser_client, media_root, content, name, content_type
):
    response = upload(superuser_client, content, name=name, content_type=content_type)

    assert response.status_code == 400
    assert response.json()["image"]
    assert stored_files(media_root) == []


def test_upload_refuses_a_file_over_five_megabytes(superuser_client, media_root, settings):
    settings.IMAGE_UPLOAD_MAX_BYTES = 1000

    response = upload(superuser_client, image_bytes("PNG", size=(400, 400)))

    assert response.status_code == 400
    assert "too large" in response.json()["image"][0]
    assert stored_files(media_root) == []


def test_upload_without_a_file_is_a_clear_400(superuser_client):
    response = superuser_client.post(UPLOAD_URL, {}, headers={"x-requested-with": "XMLHttpRequest"})

    assert response.status_code == 400


def test_an_editor_may_preview_and_upload(client, editor, media_root):
    client.force_login(editor)

    assert client.post(PREVIEW_URL, {"content": "Hello"}).status_code == 200
    assert upload(client, image_bytes()).status_code == 200


def test_upload_refuses_more_than_16_megapixels_before_decoding(superuser_client, media_root):
    response = upload(superuser_client, image_bytes(size=(4001, 4001)))

    assert response.status_code == 400
    assert "too many pixels" in response.json()["image"][0]
    assert stored_files(media_root) == []


@pytest.mark.parametrize(("image_format", "size"), [("PNG", (3999, 3999)), ("JPEG", (4600, 3450))])
def test_a_large_upload_is_stored_no_wider_than_a_page_shows(
    superuser_client, media_root, image_format, size
):
    # Writing the image back dominates an upload's time: a 16-megapixel PNG at its full
    # size took 10 s on this machine; no page shows more than 2,000 pixels across.
    response = upload(superuser_client, image_bytes(image_format, size=size))

    assert response.status_code == 200
    stored = Image.open(stored_files(media_root)[0])
    assert max(stored.size) == 2000
    assert abs(stored.size[0] / stored.size[1] - size[0] / size[1]) < 0.01  # the same shape


FRAME_URL = "/markdownx/preview-frame/"


@pytest.mark.parametrize("who", REFUSED)
def test_preview_frame_refuses_anyone_but_staff_who_edit(request, who):
    assert request.getfixturevalue(who).get(FRAME_URL).status_code == 403


def test_preview_frame_is_the_public_stylesheet_shown_only_inside_the_admin(client, editor):
    client.force_login(editor)

    response = client.get(FRAME_URL, {"language": "es"})

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert re.search(r'<link rel="stylesheet" href="/static/css/site\.[0-9a-f]+\.css">', html)
    assert "<script" not in html and "style=" not in html
    # Framed by the site's own pages only; every other page refuses any frame.
    assert response.headers["x-frame-options"] == "SAMEORIGIN"
    policy = response.headers["content-security-policy"]
    assert "frame-ancestors 'self'" in policy and "script-src 'self'" in policy
    # The text it shows comes from the preview endpoint, which no page may frame.
    preview = client.post(PREVIEW_URL, {"content": "Hello"})
    assert "frame-ancestors 'none'" in preview.headers["content-security-policy"]


def test_preview_frame_answers_post_with_405(superuser_client):
    assert superuser_client.post(FRAME_URL).status_code == 405


def squeeze(html):
    return re.sub(r">\s+<", "><", html)


def test_preview_places_the_text_as_the_public_template_of_its_kind_does(superuser_client):
    content = {"content": "The main message.\n\nMore.\n\n- An item"}

    condition = superuser_client.post(PREVIEW_URL + "?language=en&kind=condition", content).content.decode()
    page = superuser_client.post(PREVIEW_URL + "?language=en&kind=page", content).content.decode()

    assert '<div class="prose prose--lead"><p>The main message.</p></div><div class="prose"><p>More.</p>' in (
        squeeze(condition)
    )
    assert '<div class="prose"><p>The main message.</p><p>More.</p>' in squeeze(page)
    assert "prose--lead" not in page


def test_each_warning_carries_the_sentence_it_is_about(superuser_client):
    html = superuser_client.post(
        PREVIEW_URL,
        {"content": "Plain words here. Ketamine **cures** pain for all.\n\n![](/media/x.png)\n\n#### Deep"},
    ).content.decode()

    assert re.search(
        r'<button type="button" class="editor-aids__warning" data-sentence="Ketamine cures pain for all\.">Absolute claims: “cures”',
        html,
    )
    assert 'data-sentence="Deep">A heading skips from level 1 to level 4' in html
    assert 'data-image="/media/x.png">1 image(s) have no alt text' in html
