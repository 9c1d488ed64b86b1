"""Shared behaviour of the management commands."""

import functools
from contextlib import contextmanager

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

from .text import database_problem


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
        count = f"{int(task.completed):,}".replace(",", "\u202f")
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
