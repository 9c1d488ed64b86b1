"""Uploaded documents checked by their content, the same way in every app.

`check_document(upload, kinds=...)` reads the size first (before the body), then the first
bytes, and for OpenDocument files the zip directory: the `mimetype` entry is read with a
bounded size, so an archive that would unpack to gigabytes (a zip bomb) is refused without
being decompressed. A PDF must start with `%PDF-` *and* end with an `%%EOF` marker.
Uploaded names are never used as paths: `RandomName` (an `upload_to`) stores each file under a
random name with the extension of its checked type; the name the person chose is kept apart, in
the record, to be shown and offered at download.
"""

import math
import secrets
import zipfile

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.formats import number_format

PDF = "application/pdf"
ODT = "application/vnd.oasis.opendocument.text"
PNG = "image/png"
JPEG = "image/jpeg"
LABELS = {PDF: "PDF", ODT: "ODT (texte OpenDocument)", PNG: "PNG", JPEG: "JPEG"}
DOCUMENTS = (PDF, ODT)
EXTENSIONS = {PDF: "pdf", ODT: "odt", PNG: "png", JPEG: "jpg"}
MAX_BYTES = 10 * 1024 * 1024
# The `mimetype` entry of an OpenDocument file is a few dozen bytes.
MIMETYPE_MAX_BYTES = 100
MAX_ENTRIES = 10_000
MAX_UNPACKED_BYTES = 200 * 1024 * 1024


@deconstructible
class RandomName:
    """`upload_to` of an uploaded file: `<folder>/<year>/<32 random hex>.<ext>`. The extension
    comes from the record's checked `content_type` (never from the name sent by the browser);
    nothing of the uploaded name reaches the storage path."""

    def __init__(self, folder: str):
        self.folder = folder.strip("/")

    def __call__(self, instance, filename: str) -> str:
        extension = EXTENSIONS.get(getattr(instance, "content_type", ""), "bin")
        year = timezone.localdate().year
        return f"{self.folder}/{year}/{secrets.token_hex(16)}.{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and other.folder == self.folder


MEGABYTE = 1024 * 1024  # the Mo of file managers (« 30 720 Ko » is 30 Mo), and of every limit


def megabytes(size: int) -> str:
    """A size in Mo, in French (« 31,5 », « 30 », « 1 024 »), rounded up to the tenth: a file
    over a limit is never written as big as the limit itself."""
    tenths = math.ceil(size * 10 / MEGABYTE)
    return number_format(tenths / 10, 0 if tenths % 10 == 0 else 1, force_grouping=True)


def limit(max_bytes: int) -> str:
    """A size limit as people say it, in the same Mo as `megabytes`: « 10 Mo »."""
    return f"{megabytes(max_bytes)} Mo"


def _is_pdf(upload) -> bool:
    upload.seek(0)
    if upload.read(5) != b"%PDF-":
        return False
    upload.seek(max(0, upload.size - 1024))
    return b"%%EOF" in upload.read()


def _odf_kind(upload) -> str | None:
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                return None
            if sum(entry.file_size for entry in entries) > MAX_UNPACKED_BYTES:
                return None
            info = archive.getinfo("mimetype")
            if info.file_size > MIMETYPE_MAX_BYTES:
                return None
            with archive.open(info) as entry:
                declared = entry.read(MIMETYPE_MAX_BYTES + 1)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, EOFError, NotImplementedError):
        return None
    if len(declared) > MIMETYPE_MAX_BYTES:
        return None
    return declared.strip().decode("ascii", "replace")


def sniff(upload) -> str | None:
    """The content type of an upload recognised by its bytes, or None."""
    upload.seek(0)
    head = upload.read(8)
    if head.startswith(b"%PDF-"):
        return PDF if _is_pdf(upload) else None
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK"):
        return _odf_kind(upload)
    return None


def check_document(upload, *, kinds=DOCUMENTS, max_bytes: int = MAX_BYTES, field: str = "file"):
    """The content type of an acceptable upload; a French ValidationError otherwise."""
    if upload is None:
        raise ValidationError({field: "Choisissez un fichier."})
    if upload.size > max_bytes:
        raise ValidationError(
            {
                field: f"Fichier trop volumineux ({megabytes(upload.size)} Mo) : "
                f"{limit(max_bytes)} au plus."
            }
        )
    kind = sniff(upload)
    upload.seek(0)
    if kind not in kinds:
        labels = [LABELS[k] for k in kinds]
        allowed = " et ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        raise ValidationError(
            {field: f"Seuls les documents {allowed} sont acceptés (vérifié sur leur contenu)."}
        )
    return kind
