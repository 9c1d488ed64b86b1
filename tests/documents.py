"""Open produced documents back, as a reader would: the text of a PDF (pypdf) and of an ODT."""

import io
import zipfile

from odf import teletype, text
from odf.opendocument import load
from pypdf import PdfReader


def pdf_text(data: bytes) -> str:
    """The text of every page of a PDF, whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def odt_text(data: bytes) -> str:
    """The text of an ODT document: headings, then paragraphs (table cells included)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.read("mimetype") == b"application/vnd.oasis.opendocument.text"
    document = load(io.BytesIO(data))
    blocks = [
        teletype.extractText(element)
        for kind in (text.H, text.P)
        for element in document.text.getElementsByType(kind)
    ]
    return " ".join(" ".join(blocks).split())
