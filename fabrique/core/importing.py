"""What every file import shares: the report, the progress bar, the fingerprint, French
database errors.

- `ImportReport`: how many records were created, updated, left unchanged; the items skipped
  (with their line or file and a French reason) and the warnings; one French summary line
  (`summary`) and one way to print it (`write_report`).
- `progress(verbosity)`: the progress bar of the import commands, yielding the `track(items,
  description)` function the importers take (`no_progress` when there is no bar).
- `fingerprint(*parts)`: the SHA-256 of texts, bytes and files, for idempotent imports (skip
  what was already imported, stable identifiers).
- `french_database_errors`: a command's `handle` that reports a database problem in French.

Nothing here imports an app.
"""

import functools
import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from django.core.management.base import CommandError
from django.db import InternalError, OperationalError
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from .numbers import integer
from .text import database_problem

CREATED, UPDATED, UNCHANGED = "created", "updated", "unchanged"
OUTCOMES = (CREATED, UPDATED, UNCHANGED)

Track = Callable[[Iterable, str], Iterable]


def no_progress(items: Iterable, description: str) -> Iterable:
    """The `track` of an import run without a progress bar (tests, demo, views)."""
    return items


# --- The report ---------------------------------------------------------------------------


class Item(NamedTuple):
    """A skipped record or a warning: where (a file name, « ligne 12 », a slug) and why, in
    French. A pair, so `for where, reason in report.skipped` reads it."""

    where: str
    reason: str

    def __str__(self) -> str:
        return f"{self.where} : {self.reason}" if self.where else self.reason


@dataclass
class ImportReport:
    """What one import did. Counts for every import; `keys` keeps, per outcome, the natural
    keys (slugs) of the records when the importer gives them (`record(outcome, key)`)."""

    source: str = ""  # the file (or folder) read, named in the summary
    read: int = 0  # records (or files) read
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    skipped: list[Item] = field(default_factory=list)
    warnings: list[Item] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def record(self, outcome: str, key: str | None = None) -> None:
        """Count one record `created`, `updated` or `unchanged` (and keep its key)."""
        if outcome not in OUTCOMES:
            raise ValueError(f"unknown import outcome: {outcome!r}")
        setattr(self, outcome, getattr(self, outcome) + 1)
        if key is not None:
            self.keys[outcome].append(key)

    def skip(self, where, reason: str) -> None:
        self.skipped.append(Item(str(where), reason))

    def warn(self, where, reason: str) -> None:
        self.warnings.append(Item(str(where), reason))

    @property
    def imported(self) -> int:
        return self.created + self.updated + self.unchanged

    @property
    def total(self) -> int:
        """Records imported plus records skipped."""
        return self.imported + len(self.skipped)

    def summary(self, noun: tuple[str, str], feminine: bool = False) -> str:
        """« sill.json : 240 fiches lues — 12 créées, 3 mises à jour, 225 inchangées. »

        `noun`: singular and plural of what is read; `feminine` agrees the participles."""

        def past(count: int, masculine: str) -> str:
            word = masculine + ("e" if feminine else "")
            plural = word if word.endswith("s") else word + "s"
            return f"{count} {plural if count > 1 else word}"

        parts = [past(self.created, "créé"), f"{past(self.updated, 'mis')} à jour",
                 past(self.unchanged, "inchangé")]  # fmt: skip
        if self.skipped:
            parts.append(past(len(self.skipped), "ignoré"))
        read = f"{self.read} {noun[self.read > 1]} {past(self.read, 'lu').split(' ', 1)[1]}"
        prefix = f"{self.source} : " if self.source else ""
        return f"{prefix}{read} — {', '.join(parts)}."

    def as_dict(self) -> dict:
        """Plain data for an API answer, a view or a log."""
        counts = ("source", "read", *OUTCOMES)
        lists = ("skipped", "warnings")
        return {name: getattr(self, name) for name in counts} | {
            name: [item._asdict() for item in getattr(self, name)] for name in lists
        }


def write_items(command, heading: str, items: Iterable[Item]) -> None:
    """A warning heading (« Fichiers ignorés : »), then one `  - where : reason` line each."""
    items = list(items)
    if items:
        command.stdout.write(command.style.WARNING(heading))
        for item in items:
            command.stdout.write(f"  - {item}")


def write_report(command, report: ImportReport, noun: tuple[str, str], feminine=False) -> None:
    """The summary line, the warnings, then the skipped items, as every import prints them."""
    command.stdout.write(command.style.SUCCESS(report.summary(noun, feminine)))
    for warning in report.warnings:
        command.stdout.write(f"  - {warning}")
    for skipped in report.skipped:
        command.stdout.write(command.style.WARNING(f"  - ignoré : {skipped}"))


# --- Files ------------------------------------------------------------------------------


def collect_files(
    paths: Iterable[str | Path],
    accept: Callable[[Path], bool],
    *,
    refused: str,
    recursive: bool = False,
) -> tuple[list[Path], list[Item]]:
    """The files named, or found in the folders given (sorted, hidden files left out, the
    subfolders too when `recursive`), that `accept` keeps; and the paths given that cannot be
    imported, each with its French reason (`refused` for a file `accept` turns down).

    A subfolder that holds files to import, when it is not read, is said (« sous-dossier non
    lu »). A file is read once: a symbolic link to a file already found is left out (said), so
    that it does not come in a second time under the link's name; a broken link is said too."""
    files: list[Path] = []
    problems: list[Item] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            children = path.rglob("*") if recursive else path.iterdir()
            for child in sorted(children):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue  # hidden files and what hidden folders hold (.git)
                if not recursive and child.is_dir() and not child.is_symlink():
                    if count := sum(1 for f in child.rglob("*") if f.is_file() and accept(f)):
                        problems.append(Item(str(child), _subfolder_not_read(count)))
                elif child.is_symlink() and not child.exists():
                    problems.append(
                        Item(str(child), "lien symbolique cassé : sa cible est introuvable.")
                    )
                elif child.is_file() and accept(child):
                    files.append(child)
        elif not path.exists():
            problems.append(Item(str(path), "fichier ou dossier introuvable."))
        elif not accept(path):
            problems.append(Item(str(path), refused))
        else:
            files.append(path)
    return _once_each(files, problems)


def _subfolder_not_read(count: int) -> str:
    plural = "s" if count > 1 else ""
    return (
        f"sous-dossier non lu ({count} fichier{plural} à importer, ses dossiers compris) : seuls "
        "les fichiers du dossier donné sont lus ; donnez à la commande chaque dossier qui en "
        "contient."
    )


def _once_each(files: list[Path], problems: list[Item]) -> tuple[list[Path], list[Item]]:
    """The files with the links to a file already there left out, each said in `problems`."""
    first: dict[Path, Path] = {}
    for path in sorted(files, key=lambda path: path.is_symlink()):  # real files first
        first.setdefault(path.resolve(), path)
    kept = []
    for path in files:
        original = first[path.resolve()]
        if original is path:
            kept.append(path)
        elif path.is_symlink():
            problems.append(
                Item(str(path), f"lien symbolique vers « {original} », déjà lu : ignoré.")
            )
        else:  # the same file named twice
            continue
    return kept, problems


# --- Fingerprint --------------------------------------------------------------------------


def fingerprint(
    *parts: str | bytes | Path, length: int | None = None, algorithm: str = "sha256"
) -> str:
    """Hexadecimal SHA-256 of the parts one after the other (texts in UTF-8, bytes as they
    are, a `Path` by its content, read by chunks), cut to `length` characters if given.

    Parts are not separated: put a separator in the texts when their boundary matters.
    `algorithm` (a `hashlib` name) only keeps identifiers already stored with another hash."""
    digest = hashlib.new(algorithm, usedforsecurity=False)
    for part in parts:
        if isinstance(part, Path):
            with part.open("rb") as handle:
                for chunk in iter(lambda h=handle: h.read(1 << 20), b""):
                    digest.update(chunk)
        elif isinstance(part, bytes):
            digest.update(part)
        else:
            digest.update(part.encode("utf-8"))
    return digest.hexdigest()[:length]


# --- Commands -----------------------------------------------------------------------------


def french_database_errors(handle):
    """A command's `handle` that reports an unwritable or unreachable database in French (one
    line, no English traceback); its transaction has left the database as it was."""

    @functools.wraps(handle)
    def wrapper(*args, **options):
        try:
            return handle(*args, **options)
        except (OperationalError, InternalError) as error:
            problem = database_problem(error)
            raise CommandError(f"Import impossible : {problem} Rien n'a été modifié.") from error

    return wrapper


class LinesRead(ProgressColumn):
    """« 37 530 lignes lues »: for files read as they come, whose length is not known
    beforehand (no « 37530/? »)."""

    def render(self, task) -> Text:
        count = integer(task.completed)
        plural = "s" if task.completed > 1 else ""
        return Text(f"{count} ligne{plural} lue{plural}")


@contextmanager
def progress(verbosity: int, *, lines: bool = False, shown_from: int = 1, transient=False):
    """The progress bar of every import command: yields `track(items, description)`, the
    function the importers take. Counted (« 12/40 ») or, with `lines`, lines read; hidden below
    `shown_from` (`--verbosity`)."""
    count = LinesRead() if lines else MofNCompleteColumn()
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        count,
        TimeElapsedColumn(),
        disable=verbosity < shown_from,
        transient=transient,
    ) as bar:

        def track(items, description):
            if lines:
                return bar.track(items, description=description)
            items = items if hasattr(items, "__len__") else list(items)
            return bar.track(items, total=len(items), description=description)

        yield track
