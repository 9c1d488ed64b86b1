"""Import of measurements from CSV and XLSX files: preview, errors by line and column, and
nothing saved while any line is wrong."""

import io
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fabrique.impact import selectors, services
from fabrique.impact.models import Measurement, MeasurementImport
from fabrique.impact.vocabulary import Frequency, Source, Unit
from tests.portfolio.factories import ProjectFactory

from .factories import IndicatorFactory, MeasurementFactory

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 22)


@pytest.fixture
def project():
    project = ProjectFactory(slug="salles")
    IndicatorFactory(project=project, name="Usagers actifs mensuels")
    IndicatorFactory(
        project=project, name="Satisfaction", unit=Unit.PERCENT, frequency=Frequency.QUARTERLY
    )
    return project


def upload(text: str, name="mesures.csv", encoding="utf-8"):
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def prepare(project, file, user):
    return services.import_prepare(project=project, upload=file, user=user, today=TODAY)


GOOD = """indicateur;date;valeur;commentaire
Usagers actifs mensuels;2026-01-31;1 200;
Usagers actifs mensuels;15/02/2026;1284;vacances
satisfaction;2026-03-31;87,5;enquête
"""


def test_csv_with_semicolons_is_previewed_then_saved(project, users):
    pending = prepare(project, upload(GOOD), users["porteur"])
    assert pending.errors == [] and pending.line_count == 3
    assert not Measurement.objects.exists()  # nothing before the confirmation
    preview = selectors.import_preview(pending)
    assert (preview.created, preview.updated, preview.unchanged) == (3, 0, 0)
    assert preview.rows[0][:4] == (2, "Usagers actifs mensuels", "janvier 2026", "1\u202f200")
    report = services.import_confirm(pending=pending, user=users["porteur"])
    assert report.created == 3
    rows = Measurement.objects.order_by("period").values_list("period", "value", "comment")
    assert list(rows) == [
        (date(2026, 1, 1), Decimal(1200), ""),
        (date(2026, 1, 1), Decimal("87.5"), "enquête"),
        (date(2026, 2, 1), Decimal(1284), "vacances"),
    ]
    assert set(Measurement.objects.values_list("source", flat=True)) == {Source.FILE}
    assert not MeasurementImport.objects.exists()
    assert Measurement.history.filter(history_type="+").count() == 3


def test_csv_with_commas_and_english_headers(project, users):
    text = 'indicator,date,value,comment\n"Usagers actifs mensuels",2026-03-01,"1500.5",\n'
    pending = prepare(project, upload(text), users["porteur"])
    assert pending.errors == []
    services.import_confirm(pending=pending, user=users["porteur"])
    assert Measurement.objects.get().value == Decimal("1500.5")


def test_windows_encoded_csv(project, users):
    text = "indicateur;date;valeur;commentaire\nSatisfaction;2026-03-31;80;réponse élevée\n"
    pending = prepare(project, upload(text, encoding="cp1252"), users["porteur"])
    assert pending.errors == []
    assert pending.rows[0][3] == "réponse élevée"


def test_a_binary_file_named_csv_is_refused_with_the_line(project, users):
    data = b"indicateur;date;valeur\nSatisfaction;2026-03-31;80\n\x00\x01\x02"
    file = SimpleUploadedFile("mesures.csv", data, content_type="text/csv")
    with pytest.raises(ValidationError) as error:
        prepare(project, file, users["porteur"])
    message = " ".join(error.value.messages)
    assert "n'est pas un CSV lisible" in message and "caractère nul (octet 0) ligne 3" in message
    assert not MeasurementImport.objects.exists()


def test_xlsx_is_read_like_a_csv(project, users):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["Indicateur", "Date", "Valeur", "Commentaire"])
    sheet.append(["Usagers actifs mensuels", date(2026, 4, 30), 1400, None])
    sheet.append(["Satisfaction", "2026-06-30", 91.2, "T2"])
    sheet.append(["Satisfaction", date(2026, 6, 1), 95, None])  # same quarter as line 3
    sheet.append(["Satisfaction", date(2026, 9, 1), 150, None])
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("mesures.xlsx", buffer.getvalue())
    pending = prepare(project, file, users["porteur"])
    messages = [
        f"ligne {line}, colonne « {column} » : {message}"
        for line, column, message in pending.errors
    ]
    assert len(messages) == 2
    assert messages[0].startswith("ligne 4, colonne « Date » : Même période (2e trimestre 2026)")
    assert "ligne 3" in messages[0]
    assert messages[1].startswith("ligne 5, colonne « Valeur » : Un pourcentage est compris")
    with pytest.raises(ValidationError):
        services.import_confirm(pending=pending, user=users["porteur"])
    assert not Measurement.objects.exists()


BAD = """indicateur;date;valeur;commentaire
Usagers actifs mensuels;2026-01-31;1200;
Usagers actifs mensuels;2026-02-28;beaucoup;
Indicateur fantôme;2026-02-28;12;
Satisfaction;2026-03-31;120;
Usagers actifs mensuels;1987-05-01;10;
Usagers actifs mensuels;2031-05-01;10;
Usagers actifs mensuels;2026-01-15;1300;doublon
"""


def test_every_bad_line_is_reported_by_line_and_column_and_nothing_saved(project, users):
    pending = prepare(project, upload(BAD), users["porteur"])
    errors = {(line, column): message for line, column, message in pending.errors}
    assert set(errors) == {
        (3, "valeur"), (4, "indicateur"), (5, "valeur"), (6, "date"), (7, "date"), (8, "date"),
    }  # fmt: skip
    assert errors[(3, "valeur")] == "« beaucoup » n'est pas un nombre."
    assert errors[(4, "indicateur")].startswith("Indicateur inconnu « Indicateur fantôme »")
    assert "entre 0 et 100" in errors[(5, "valeur")]
    assert "plausible" in errors[(6, "date")]
    assert "n'a pas commencé" in errors[(7, "date")]
    assert "que la ligne 2" in errors[(8, "date")]
    with pytest.raises(ValidationError):
        services.import_confirm(pending=pending, user=users["porteur"])
    assert not Measurement.objects.exists()


def test_fixed_file_is_saved_and_replaces_existing_values(project, users):
    indicator = project.indicators.get(name="Usagers actifs mensuels")
    MeasurementFactory(indicator=indicator, period=date(2026, 1, 1), value=Decimal(900))
    pending = prepare(project, upload(GOOD), users["porteur"])
    preview = selectors.import_preview(pending)
    assert (preview.created, preview.updated) == (2, 1)
    assert preview.rows[0][5:] == ("remplace", "900")
    services.import_confirm(pending=pending, user=users["porteur"])
    assert indicator.measurements.get(period=date(2026, 1, 1)).value == Decimal(1200)
    # The same file again changes nothing.
    again = services.import_confirm(
        pending=prepare(project, upload(GOOD), users["porteur"]), user=None
    )
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "vide"),
        ("date;valeur\n2026-01-01;3\n", "Colonne manquante : indicateur"),
        ("foo;bar\n1;2\n", "Colonnes manquantes : indicateur, date, valeur"),
    ],
)
def test_unreadable_files(project, users, text, message):
    with pytest.raises(ValidationError) as error:
        prepare(project, upload(text), users["porteur"])
    assert message in " ".join(error.value.message_dict["file"])


def test_a_zip_that_is_not_a_workbook_is_refused(project, users):
    buffer = io.BytesIO()
    import zipfile

    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("autre.txt", "rien")
    with pytest.raises(ValidationError) as error:
        prepare(project, SimpleUploadedFile("x.xlsx", buffer.getvalue()), users["porteur"])
    assert "CSV ou un classeur XLSX" in str(error.value)


def test_computed_indicators_cannot_be_imported(users):
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    text = "indicateur;date;valeur\nCoût par usage;2026-01-31;12\n"
    pending = prepare(project, upload(text), users["porteur"])
    assert "calculé par Fabrique" in pending.errors[0][2]


def test_expired_preview_is_refused(project, users):
    pending = prepare(project, upload(GOOD), users["porteur"])
    MeasurementImport.objects.filter(pk=pending.pk).update(
        created_at=pending.created_at - services.IMPORT_TTL * 2
    )
    pending.refresh_from_db()
    with pytest.raises(ValidationError, match="expiré"):
        services.import_confirm(pending=pending, user=users["porteur"])
    assert not Measurement.objects.exists()


def test_an_unknown_indicator_lists_only_the_ones_a_file_may_fill(users):
    """The message suggests names to use: a computed indicator is refused, so it is not one."""
    project = ProjectFactory()
    services.starter_set_add(project=project, today=TODAY)
    text = "indicateur;date;valeur\nUsagers;2026-01-31;12\n"
    pending = prepare(project, upload(text), users["porteur"])
    message = pending.errors[0][2]
    assert message.startswith("Indicateur inconnu « Usagers »")
    assert "« Usagers actifs mensuels »" in message
    assert "Coût par usage" not in message
    assert "Pénétration du marché" not in message
