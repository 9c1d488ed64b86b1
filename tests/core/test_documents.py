"""PDF documents are set in Marianne, the DSFR's font, whatever fonts the machine has."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from fabrique.core.documents import marianne_faces, pdf_fetcher, render_pdf
from tests.documents import pdf_text


def embedded_fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            names.add(str(font.get_object()["/BaseFont"]).split("+")[-1])
    return names


def test_marianne_faces_are_unpacked_from_django_dsfr():
    faces = marianne_faces()
    assert set(faces) == {"Marianne-Regular", "Marianne-Bold", "Marianne-Regular_Italic",
                          "Marianne-Bold_Italic"}  # fmt: skip
    assert all(face[:4] == b"OTTO" for face in faces.values())  # OpenType, no longer WOFF


def test_a_document_embeds_only_marianne_even_for_narrow_spaces_and_the_page_footer():
    html = (
        "{% extends 'documents/pdf_base.html' %}{% block body %}"
        "<h1>Diagnostic</h1><p>Population\u202f: 1\u202f234 habitants, <em>fin</em> "
        "<strong><em>efficace</em></strong></p>{% endblock %}"
    )
    from django.template import engines

    data = render_pdf(engines["django"].from_string(html).render({})).write_pdf()
    fonts = embedded_fonts(data)
    assert fonts and all(name.startswith("Marianne") for name in fonts), fonts
    text = pdf_text(data)
    assert "efficace" in text and "fin" in text  # no ligature glyph in the copied text
    assert "page 1 sur 1" in text


@pytest.mark.parametrize("url", ["file:///etc/passwd", "fabrique-police:../../settings",
                                 "https://example.org/x.png"])  # fmt: skip
def test_nothing_else_is_fetched(url):
    with pytest.raises(ValueError):
        pdf_fetcher().fetch(url)


def test_a_known_face_is_served_as_opentype():
    response = pdf_fetcher().fetch("fabrique-police:Marianne-Bold")
    assert response.read()[:4] == b"OTTO"
