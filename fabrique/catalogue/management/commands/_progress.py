"""Progress bars and the French summary shared by the catalogue import commands."""

from fabrique.core.commands import progress


def tracker(verbosity: int):
    """The catalogue imports show their bars from `--verbosity 2`, cleared at the end."""
    return progress(verbosity, shown_from=2, transient=True)


def print_report(command, report, noun: tuple[str, str], feminine: bool = False) -> None:
    command.stdout.write(command.style.SUCCESS(report.summary(noun, feminine)))
    for note in report.notes:
        command.stdout.write(f"  - {note}")
    for skipped in report.skipped:
        command.stdout.write(command.style.WARNING(f"  - ignoré : {skipped}"))
