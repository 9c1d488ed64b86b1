"""The ODS writer: valid OpenDocument that LibreOffice and odfpy open, typed cells."""

import re
import zipfile
from datetime import date, datetime
from decimal import Decimal
from io import BytesIO

from odf.opendocument import load
from odf.table import Table

from fabrique.core.exports import DATE, DECIMAL, MONEY, NUMBER, Column, to_ods
from tests.documents import ods_cells, ods_rows

COLUMNS = [Column("Nom"), Column("Date", DATE), Column("Montant", MONEY), Column("Jours", NUMBER)]
ROWS = [["=1+1", date(2026, 3, 5), Decimal("1234.50"), 3], ["Bêta", None, None, None]]


def _content() -> str:
    with zipfile.ZipFile(BytesIO(to_ods(ROWS, COLUMNS, "Commandes"))) as archive:
        return archive.read("content.xml").decode()


def test_ods_names_no_missing_style_and_no_invalid_value_type():
    content = _content()
    assert 'style-name="None"' not in content
    assert 'value-type="void"' not in content


def test_ods_every_style_used_is_declared():
    content = _content()
    declared = set(re.findall(r'style:name="([^"]+)"', content))
    used = set(re.findall(r'table:style-name="([^"]+)"', content))
    assert used <= declared


def test_ods_opens_back_with_odfpy_with_typed_values():
    data = to_ods(ROWS, COLUMNS, "Commandes")
    document = load(BytesIO(data))
    assert document.spreadsheet.getElementsByType(Table)[0].getAttribute("name") == "Commandes"
    rows = ods_rows(data)
    assert rows[0] == ["Nom", "Date", "Montant", "Jours"]
    assert rows[1] == ["=1+1", date(2026, 3, 5), 1234.5, 3.0]
    assert rows[2] == ["Bêta", "", "", ""]
    content = _content()
    assert "05/03/2026" in content
    assert 'office:value-type="string"' in content  # a text never becomes a formula


def test_every_typed_cell_carries_the_text_libreoffice_shows():
    """Number cells had their value and no `<text:p>`: readers that show the text (previews,
    converters, odfpy) showed them empty. Each now says what LibreOffice shows in French."""
    columns = [
        Column("Nombre", NUMBER), Column("Décimal", NUMBER), Column("Jours", DECIMAL),
        Column("Montant", MONEY), Column("Date", DATE), Column("Horodatage", DATE),
    ]  # fmt: skip
    rows = [
        [1234, 1234.5, Decimal("10.5"), Decimal("1234.5"), date(2026, 3, 5),
         datetime(2026, 3, 5, 14, 30)],
        [0, Decimal("12.50"), 3, -50, None, None],
    ]  # fmt: skip
    cells = ods_cells(to_ods(rows, columns, "Nombres"))
    assert [shown for _, shown in cells[1]] == [
        "1234", "1234,5", "10,5", "1\u202f234,50\u00a0€", "05/03/2026", "05/03/2026 14:30",
    ]  # fmt: skip
    assert [value for value, _ in cells[1][:4]] == [1234.0, 1234.5, 10.5, 1234.5]
    assert [shown for _, shown in cells[2]] == ["0", "12,5", "3,0", "-50,00\u00a0€", "", ""]
