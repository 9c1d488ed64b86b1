"""Documents the apps produce: PDF (WeasyPrint, nothing fetched) and ODT (odfpy)."""

import functools
from io import BytesIO

from odf import text as odf_text
from odf.opendocument import OpenDocumentText
from odf.style import ParagraphProperties, Style, TableColumnProperties, TextProperties
from odf.table import Table, TableCell, TableColumn, TableRow

# The PDF's font: the DSFR's Marianne, as django-dsfr ships it (WOFF). The `@font-face` rules of
# `documents/pdf_base.html` name each face by this scheme ("fabrique-police:Marianne-Bold"); the
# fetcher below answers those names and `data:` URLs only, nothing from the disk or the network.
FONT_SCHEME = "fabrique-police"
THIN_SPACE, NARROW_NO_BREAK_SPACE = 0x2009, 0x202F
MARIANNE_FACES = ("Marianne-Regular", "Marianne-Bold", "Marianne-Regular_Italic",
                  "Marianne-Bold_Italic")  # fmt: skip


@functools.cache
def marianne_faces() -> dict[str, bytes]:
    """Each Marianne face as TrueType bytes, unpacked from its WOFF once per process (WeasyPrint
    would unpack it at every document). Empty when django-dsfr's files are not found: the
    documents then fall back to Arial or the system's sans-serif."""
    from django.contrib.staticfiles import finders
    from fontTools.ttLib import TTFont

    faces = {}
    for name in MARIANNE_FACES:
        path = finders.find(f"dsfr/dist/fonts/{name}.woff")
        if path:
            font = TTFont(path)
            font.flavor = None
            # Ligatures and kerning tables dropped: subsetting them costs WeasyPrint ≈ 0,1 s per
            # face and per document without HarfBuzz-subset; the copied text keeps "fi" as two
            # letters.
            for table in ("GSUB", "GPOS", "GDEF", "DSIG"):
                if table in font:
                    del font[table]
            # French typography's narrow no-break space (before « ; : ! ? », in 10 000) drawn
            # with Marianne's thin space rather than a fallback font.
            for subtable in font["cmap"].tables:
                if subtable.isUnicode() and THIN_SPACE in subtable.cmap:
                    subtable.cmap.setdefault(NARROW_NO_BREAK_SPACE, subtable.cmap[THIN_SPACE])
            unpacked = BytesIO()
            font.save(unpacked)
            faces[name] = unpacked.getvalue()
    return faces


def pdf_fetcher():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class DocumentFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            scheme, _, name = url.partition(":")
            if scheme == FONT_SCHEME:
                if name not in marianne_faces():
                    raise ValueError(f"Police inconnue : {name}")
                return URLFetcherResponse(url, marianne_faces()[name], {"Content-Type": "font/ttf"})
            return super().fetch(url, headers)

    return DocumentFetcher(allowed_protocols={"data"})


def render_pdf(html: str):
    """A laid-out WeasyPrint document (`.pages`, `.write_pdf()`); nothing is fetched but the
    Marianne faces and `data:` URLs."""
    from weasyprint import HTML  # heavy import (≈ 0,5 s), only when a PDF is asked for

    return HTML(string=html, url_fetcher=pdf_fetcher()).render()


class OdtWriter:
    """A simple editable text document: headings, paragraphs, bullet lists and tables, in the
    DSFR spirit (Marianne-like sans-serif, blue headings), opened by LibreOffice."""

    def __init__(self):
        self.document = OpenDocumentText()
        styles = self.document.styles
        self.h1 = self._style(styles, "Titre1", "paragraph", size="20pt", bold=True)
        self.h2 = self._style(styles, "Titre2", "paragraph", size="14pt", bold=True)
        self.body = self._style(styles, "Corps", "paragraph", size="10.5pt")
        self.cell = self._style(styles, "Cellule", "paragraph", size="9pt")
        self.head = self._style(styles, "EnTete", "paragraph", size="9pt", bold=True)
        self.column = Style(name="Colonne", family="table-column")
        self.column.addElement(TableColumnProperties(columnwidth="3cm"))
        self.document.automaticstyles.addElement(self.column)

    @staticmethod
    def _style(styles, name, family, *, size, bold=False):
        style = Style(name=name, family=family)
        style.addElement(
            TextProperties(
                fontsize=size, fontfamily="Marianne, Arial, sans-serif",
                fontweight="bold" if bold else "normal",
                color="#000091" if bold and size != "9pt" else "#161616",
            )
        )  # fmt: skip
        style.addElement(ParagraphProperties(marginbottom="0.2cm"))
        styles.addElement(style)
        return style

    def heading(self, text: str, level: int = 1):
        element = odf_text.H(outlinelevel=level, stylename=self.h1 if level == 1 else self.h2)
        element.addText(text)
        self.document.text.addElement(element)

    def paragraph(self, text: str):
        for line in (text or "").splitlines() or [""]:
            element = odf_text.P(stylename=self.body)
            element.addText(line)
            self.document.text.addElement(element)

    def table(self, headers: list[str], rows: list[list]):
        table = Table(name=f"Tableau{len(self.document.text.childNodes)}")
        for _ in headers:
            table.addElement(TableColumn(stylename=self.column))
        for values, style in [(headers, self.head)] + [(row, self.cell) for row in rows]:
            row_element = TableRow()
            for value in values:
                cell = TableCell(valuetype="string")
                paragraph = odf_text.P(stylename=style)
                paragraph.addText("" if value is None else str(value))
                cell.addElement(paragraph)
                row_element.addElement(cell)
            table.addElement(row_element)
        self.document.text.addElement(table)

    def to_bytes(self) -> bytes:
        buffer = BytesIO()
        self.document.write(buffer)
        return buffer.getvalue()
