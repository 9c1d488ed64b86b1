"""The shared readers of real files: dates as people write them, encodings, header keys."""

from datetime import date, datetime

import pytest

from fabrique.core.dates import read_date
from fabrique.core.frontmatter import FrontMatterError, known_keys, read
from fabrique.core.text import LATIN_NOTE, UnreadableText, decode_text, yes_no


@pytest.mark.parametrize(
    "written",
    ["2023-01-05", "2023-1-5", "2023/01/05", "05/01/2023", "5-1-2023", "05.01.2023",
     "5 janvier 2023", "5 Janvier 2023", "jeudi 5 janvier 2023", "5 janv. 2023",
     "2023-01-05T10:00:00+02:00", "2023-01-05T10:00:00.000Z", "2023-01-05 10:00:00 +0200",
     date(2023, 1, 5), datetime(2023, 1, 5, 23, 0)],
)  # fmt: skip
def test_dates_are_read_as_written(written):
    assert read_date(written) == date(2023, 1, 5)


@pytest.mark.parametrize(
    "written", [None, "", "2023", 2023, "2023-13-05", "31/02/2023", "janvier 2023", "bientôt",
                "2022-04-T15:00:00.000Z", ["2023-01-05"]],
)  # fmt: skip
def test_a_date_is_never_guessed(written):
    assert read_date(written) is None


def test_utf8_windows_and_binary_files():
    assert decode_text("\ufeffÉté".encode()) == ("Été", "")
    assert decode_text("Été – œuvre".encode("cp1252")) == ("Été – œuvre", LATIN_NOTE)
    with pytest.raises(UnreadableText, match=r"caractère nul \(octet 0\) ligne 2"):
        decode_text(b"---\n\x00")
    with pytest.raises(UnreadableText, match="caractère de contrôle ligne 1"):
        decode_text(b"\x1b[31m")
    assert decode_text(b"ligne\x0bcoup\x0cpage") == ("ligne\x0bcoup\x0cpage", "")


def test_a_file_saved_as_unicode_by_windows_is_read():
    """Notepad's « Unicode » is UTF-16 with a byte order mark: it was refused as a binary file
    (« caractère nul ligne 1 »)."""
    text = "---\r\ntitle: Chargé·e de déploiement\r\n---\r\n"
    assert decode_text(text.encode("utf-16")) == (text, "")
    assert decode_text(text.encode("utf-16-be").join([b"\xfe\xff", b""])) == (text, "")
    with pytest.raises(UnreadableText, match="fichier marqué UTF-16 mais abîmé"):
        decode_text(text.encode("utf-16")[:-1])


def test_keys_in_another_case_or_misspelt_are_read_and_noted():
    notes = []
    data = known_keys(
        {"Title": "A", "mision": "B", "stats": True, "title_fr": "C", "Phases": []},
        {"title", "mission", "phases", "stats", "status"},
        notes,
    )
    assert data == {"stats": True, "title": "A", "mission": "B", "title_fr": "C", "phases": []}
    assert notes == [
        "Champ « Title » lu comme « title ».",
        "Champ « mision » lu comme « mission ».",
        "Champ « Phases » lu comme « phases ».",
    ]
    # A key already written as known wins over its variant.
    assert known_keys({"title": "A", "TITLE": "B"}, {"title"}, []) == {"title": "A", "TITLE": "B"}


def test_an_empty_file_is_said_empty():
    with pytest.raises(FrontMatterError, match="fichier vide"):
        read("\ufeff\r\n  \n")


def test_tabs_are_read_as_the_editor_showed_them():
    """A tab where the other lines of the phase have four spaces."""
    header, _ = read("---\nphases:\n  - name: investigation\n\tstart: 2022-01-10\n---\n")
    assert header == {"phases": [{"name": "investigation", "start": "2022-01-10"}]}


def test_a_line_that_starts_with_a_tab_is_named_with_its_tab():
    """`\topen: true` under `title:` reads as the rest of the title with any tab width: the
    reason said « « : » inattendu (mettre la valeur entre guillemets) », at a column of the
    header with its tab made spaces, which sent the author looking for a quote."""
    with pytest.raises(FrontMatterError) as refused:
        read("---\ntitle: Développeur·se\n\topen: true\ndate: 2023-03-13\n---\nTexte\n")
    assert str(refused.value) == (
        "en-tête YAML illisible à la ligne 3 : tabulation en début de ligne, que YAML n'accepte "
        "pas (retirez-la, ou indentez avec des espaces)."
    )


def test_nested_yaml_aliases_are_refused_before_they_hang_an_import():
    """Nine levels of nine aliases: the importers walked 387 million values (a hang)."""
    lines = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]']
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    text = "---\n" + "\n".join(lines) + "\ntitle: *i\n---\ncorps\n"
    with pytest.raises(FrontMatterError, match="alias"):
        read(text)
    # Ordinary anchors, as people use them, are read.
    header, _ = read("---\nstart: &debut 2021-03-01\nend: *debut\ntags: &t [a, b]\nmore: *t\n---\n")
    assert header == {
        "start": "2021-03-01",
        "end": "2021-03-01",
        "tags": ["a", "b"],
        "more": ["a", "b"],
    }


@pytest.mark.parametrize(
    ("written", "meant"),
    [(True, True), (0, False), ("oui", True), ("Non", False), ("YES", True), ("vrai", True),
     ("faux", False), ("1", True), ("peut-être", None), (2, None), (None, None), ([], None)],
)  # fmt: skip
def test_yes_and_no_as_people_write_them(written, meant):
    assert yes_no(written) is meant


@pytest.mark.parametrize(
    ("written", "day"),
    [("2021-03-14T23:00:00.000Z", date(2021, 3, 15)), ("2022-02-22T23:00:00.000Z",
     date(2022, 2, 23)), ("2021-08-30T11:05:00.515Z", date(2021, 8, 30)),
     ("2019-05-07 23:30:00 -0200", date(2019, 5, 8)), ("2021-07-01T00:30:00+02:00",
     date(2021, 7, 1)), ("2021-07-01 23:30:00", date(2021, 7, 1))],
)  # fmt: skip
def test_a_time_with_its_zone_is_read_as_the_day_in_france(written, day):
    """A site editor stores the day picked in France as midnight in UTC: « 2021-03-14T23:00Z »
    is 15 March; it was read 14 March, a day early (offers closing the day before)."""
    assert read_date(written) == day
