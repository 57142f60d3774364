import json

import segno
from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString

register = template.Library()

# As django.utils.html.json_script: keep the JSON from closing the script element.
JSON_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def ld_json(data):
    """A schema.org JSON-LD data block (not executable, so no CSP nonce is needed)."""
    payload = json.dumps(data, ensure_ascii=False, sort_keys=True).translate(JSON_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', SafeString(payload))


@register.simple_tag
def qr_code(url, label):
    """An inline SVG QR code that opens ``url``; the SVG is generated here, never user input.

    One unit of its viewBox is one module and it has no fixed size, so the stylesheet
    can size it for the screen and for paper without cropping it; the border is the
    quiet zone of 4 modules that the QR code standard asks for, so phones find it.
    """
    svg = segno.make(url, error="m").svg_inline(
        scale=1, border=4, omitsize=True, dark="#000000", light="#ffffff", svgclass="qr-code", lineclass=None
    )
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return SafeString(svg)


@register.filter
def get_item(mapping, key):
    """mapping[key] in a template, for keys held in variables."""
    return mapping.get(key, "") if hasattr(mapping, "get") else ""
