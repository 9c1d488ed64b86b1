"""Defect 3 of issue 17: uploads checked by their content, without unbounded decompression."""

import io
import resource
import time
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from fabrique.core.uploads import DOCUMENTS, ODT, PDF, check_document

REAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bomb(unpacked: int) -> bytes:
    """An .odt whose `mimetype` entry unpacks to `unpacked` bytes (streamed: little memory)."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive,
        archive.open("mimetype", "w", force_zip64=True) as entry,
    ):
        chunk = b"a" * (1024 * 1024)
        for _ in range(unpacked // len(chunk)):
            entry.write(chunk)
    return buffer.getvalue()


def test_a_real_pdf_and_odt_are_accepted():
    odt = io.BytesIO()
    with zipfile.ZipFile(odt, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    assert check_document(SimpleUploadedFile("a.pdf", REAL_PDF)) == PDF
    assert check_document(SimpleUploadedFile("a.odt", odt.getvalue())) == ODT


def test_a_file_that_merely_starts_with_the_pdf_marker_is_refused():
    with pytest.raises(ValidationError) as error:
        check_document(SimpleUploadedFile("faux.pdf", b"%PDF-" + b"MZ executable" * 100))
    assert "Seuls les documents PDF et ODT" in error.value.message_dict["file"][0]


def test_a_zip_bomb_is_refused_without_being_unpacked():
    bomb = zip_bomb(2 * 1024 * 1024 * 1024)  # 2 GiB of "a" in the mimetype entry
    assert len(bomb) < 5 * 1024 * 1024
    memory_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.monotonic()
    with pytest.raises(ValidationError):
        check_document(SimpleUploadedFile("bombe.odt", bomb), kinds=DOCUMENTS)
    assert time.monotonic() - started < 5
    # ru_maxrss is in KiB: the check itself adds nothing near the unpacked size.
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - memory_before < 100 * 1024


def test_size_is_checked_before_reading_and_said_in_french():
    with pytest.raises(ValidationError) as error:
        check_document(SimpleUploadedFile("gros.pdf", REAL_PDF + b"0" * (11 * 1024 * 1024)))
    assert error.value.message_dict["file"][0].endswith(": 10 Mo au plus.")


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["../../config/settings/base.pdf", "Compte rendu du comité.pdf"])
def test_uploaded_names_never_reach_the_storage_path(sent):
    """Issue 17, part 2, item 7: a committee document and a problem's attachment are stored
    under a random name with the extension of their checked type; the name sent by the browser
    is only kept in the record (shown, and offered at download)."""
    import re

    from fabrique.investigations.services import attachment_add
    from fabrique.portfolio.services import committee_document_add
    from tests.investigations.factories import ProblemFactory
    from tests.portfolio.factories import CommitteeFactory

    document = committee_document_add(
        committee=CommitteeFactory(), upload=SimpleUploadedFile(sent, REAL_PDF)
    )
    attachment = attachment_add(problem=ProblemFactory(), upload=SimpleUploadedFile(sent, REAL_PDF))
    for record, folder in ((document, "comites"), (attachment, "problemes")):
        assert re.fullmatch(rf"{folder}/\d{{4}}/[0-9a-f]{{32}}\.pdf", record.file.name)
        assert record.name == sent.rsplit("/", 1)[-1]
        with record.file.open("rb") as stored:
            assert stored.read() == REAL_PDF
    assert document.file.name != attachment.file.name


def test_a_size_just_over_the_limit_is_never_written_as_the_limit():
    upload = SimpleUploadedFile("a.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        check_document(upload)
    assert refused.value.message_dict["file"] == [
        "Fichier trop volumineux (10,1 Mo) : 10 Mo au plus."
    ]
