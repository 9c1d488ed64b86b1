"""Progress bars and the French summary shared by the catalogue import commands."""

from contextlib import contextmanager

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


@contextmanager
def tracker(verbosity: int):
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        disable=verbosity < 2,
        transient=True,
    ) as progress:

        def track(items, description):
            items = list(items)
            return progress.track(items, total=len(items), description=description)

        yield track


def print_report(command, report, noun: tuple[str, str], feminine: bool = False) -> None:
    command.stdout.write(command.style.SUCCESS(report.summary(noun, feminine)))
    for note in report.notes:
        command.stdout.write(f"  - {note}")
    for skipped in report.skipped:
        command.stdout.write(command.style.WARNING(f"  - ignoré : {skipped}"))
