"""The ODS writer: valid OpenDocument that LibreOffice and odfpy open, typed cells."""

import re
import zipfile
from datetime import date
from decimal import Decimal
from io import BytesIO

import tablib
from odf.opendocument import load
from odf.table import Table

from fabrique.core.exports import DATE, MONEY, NUMBER, Column, to_ods

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


def test_ods_opens_back_with_odfpy_and_tablib_with_typed_values():
    data = to_ods(ROWS, COLUMNS, "Commandes")
    document = load(BytesIO(data))
    assert document.spreadsheet.getElementsByType(Table)[0].getAttribute("name") == "Commandes"
    dataset = tablib.Dataset().load(data, format="ods")
    assert dataset.headers == ["Nom", "Date", "Montant", "Jours"]
    assert dataset[0] == ("=1+1", date(2026, 3, 5), 1234.5, 3.0)
    assert dataset[1] == ("Bêta", "", "", "")
    content = _content()
    assert "05/03/2026" in content
    assert 'office:value-type="string"' in content  # a text never becomes a formula
