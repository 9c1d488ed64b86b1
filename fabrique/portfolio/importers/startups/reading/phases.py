"""Reading the phases of a startup file (or the older single `status:`): names old and new,
dates checked for plausibility, open phases closed, problems written into the notes."""

from dataclasses import replace
from datetime import date

from django.utils import timezone

from fabrique.core.forms import EARLIEST_YEAR, LATEST_YEARS_AHEAD, implausible_date
from fabrique.core.frontmatter import text_value
from fabrique.core.text import fold

from ....rules import label
from ....vocabulary import LEGACY_PHASE_NAMES, PHASE_ORDER, PhaseName
from ..parsing import PhaseData, StartupFileError, parse_date, parse_optional_date

# Older beta.gouv.fr phase words that vocabulary.py lacks: its abandon and its hand-over.
OLD_STATUS_NAMES = {"death": PhaseName.ABANDONED, "passation": PhaseName.TRANSFERRED}
# The same phases as people write them by hand, in French or as a past participle
# (« transfert », the spelling of the beta.gouv.fr site's own code, « Succès », « Pérennisé »,
# « abandonnée »); each word names one phase, nothing is guessed from a partial word.
HAND_WRITTEN_NAMES = {
    "transfert": PhaseName.TRANSFERRED,
    "transferee": PhaseName.TRANSFERRED,
    "succes": PhaseName.OPERATED,
    "perennise": PhaseName.OPERATED,
    "perennisee": PhaseName.OPERATED,
    "operee": PhaseName.OPERATED,
    "abandonne": PhaseName.ABANDONED,
    "abandonnee": PhaseName.ABANDONED,
    "abandoned": PhaseName.ABANDONED,
}


def _folded_name(raw_name: str) -> str:
    """A phase word without case nor accents, its spaces as dashes: « Accéleration » and
    « ACCÉLÉRATION » read « acceleration », « Abandon investigation » « abandon-investigation »."""
    return fold(raw_name).replace(" ", "-")


PHASE_WORDS = {
    _folded_name(word): name
    for word, name in {**LEGACY_PHASE_NAMES, **OLD_STATUS_NAMES, **HAND_WRITTEN_NAMES}.items()
}


def close_open_phases(phases: list["PhaseData"], notes: list[str]) -> list["PhaseData"]:
    """A phase without end that is followed by another ended when the next one started.

    beta.gouv.fr files often leave earlier phases open; the platform closes the open phase
    on the day the next one starts (see services.phase_save), so the import reads them alike.
    Later phases close it when they start strictly after it, or the same day when they come
    later in a project's life (`investigation` and `construction` both on 13/03/2019: the
    investigation ends that day, and the notes say so). Other overlaps stay flagged.
    """
    ordered = sorted(phases, key=lambda phase: (phase.start, PHASE_ORDER.get(phase.name, 99)))
    closed = []
    for index, phase in enumerate(ordered):
        later = [other for other in ordered[index + 1 :] if _comes_after(other, phase)]
        if phase.end is None and later:
            phase = replace(phase, end=min(other.start for other in later))
            if phase.end == phase.start:
                following = next(other for other in later if other.start == phase.start)
                notes.append(
                    f"Les phases « {label(phase.name)} » et « {label(following.name)} » "
                    f"commencent le même jour ({phase.start:%d/%m/%Y}) : « {label(phase.name)} » "
                    "a été close ce jour-là."
                )
        closed.append(phase)
    return closed


def _comes_after(other: "PhaseData", phase: "PhaseData") -> bool:
    if other.start != phase.start:
        return other.start > phase.start
    return PHASE_ORDER.get(other.name, 99) > PHASE_ORDER.get(phase.name, 99)


def implausible_note(day: date, what: str) -> str | None:
    """« Phase « X », début : date peu plausible (01/06/2120, plus de 10 ans dans le futur) »
    for a year before 2000 or more than ten years ahead (2120 typed for 2020), else None.
    The rule is the forms' one (`core.forms.implausible_date`)."""
    if implausible_date(day, timezone.localdate()) is None:
        return None
    why = (
        f"avant {EARLIEST_YEAR}"
        if day.year < EARLIEST_YEAR
        else f"plus de {LATEST_YEARS_AHEAD} ans dans le futur"
    )
    return f"{what} : date peu plausible ({day.day:02d}/{day.month:02d}/{day.year:04d}, {why})"


def capitalised(reason: str) -> str:
    return (reason[:1].upper() + reason[1:]).removesuffix(".")


def is_absent(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _phase_name(raw_name: str) -> str | None:
    return PHASE_WORDS.get(_folded_name(raw_name))


def _phase_from(name: str, raw_start, raw_end, comment: str, notes: list[str]) -> PhaseData | None:
    """One phase, or None (noted) when the file gives it no start: it cannot be placed."""
    what = f"phase « {label(name)} »"
    if is_absent(raw_start):
        notes.append(
            f"La phase « {label(name)} » n'a pas de date de début dans le fichier : elle n'a pas "
            "été importée."
        )
        return None
    try:
        start = parse_date(raw_start, f"{what}, début")
        end = parse_optional_date(raw_end, f"{what}, fin")
    except StartupFileError as error:  # 2020-15-01, "mars 2022": the phase cannot be placed
        notes.append(f"{capitalised(str(error))} : cette phase n'a pas été importée.")
        return None
    if problem := implausible_note(start, f"{capitalised(what)}, début"):
        notes.append(f"{problem} : cette phase n'a pas été importée.")
        return None
    if end is not None and (problem := implausible_note(end, f"{capitalised(what)}, fin")):
        notes.append(f"{problem} : cette fin n'a pas été importée.")
        end = None
    if end is not None and end < start:
        notes.append(
            f"La phase « {label(name)} » du {start:%d/%m/%Y} finit le {end:%d/%m/%Y} dans le "
            "fichier, avant son début : cette fin n'a pas été importée."
        )
        end = None
    return PhaseData(name=str(name), start=start, end=end, comment=comment)


def _phase(entry, position: int, notes: list[str]) -> PhaseData | None:
    """One phase of `phases:`, or None (noted) when it cannot be read: like a phase without
    start, a malformed entry is left out and the rest of the file imports."""
    what = f"La phase n° {position}"
    if not isinstance(entry, dict):
        notes.append(
            f"{what} n'est pas écrite « name », « start », « end » : elle n'a pas été importée."
        )
        return None
    raw_name = text_value(entry.get("name"))
    if not raw_name:
        notes.append(f"{what} n'a pas de nom (« name ») : elle n'a pas été importée.")
        return None
    name = _phase_name(raw_name)
    if name is None:
        notes.append(f"Phase inconnue « {raw_name} » : elle n'a pas été importée.")
        return None
    return _phase_from(
        name, entry.get("start"), entry.get("end"), text_value(entry.get("comment")), notes
    )


def read_phases(data: dict, notes: list[str]) -> list[PhaseData]:
    """`phases:`, or in the oldest files a single `status:` with `start:` and `end:`."""
    raw_phases = data.get("phases")
    if isinstance(raw_phases, dict):  # a single phase written without its "- "
        raw_phases = [raw_phases]
    if raw_phases is not None and not isinstance(raw_phases, list):
        raise StartupFileError("« phases » doit être une liste.")
    status = text_value(data.get("status"))
    if not raw_phases:
        if not status:
            return []
        name = _phase_name(status)
        if name is None:
            raise StartupFileError(f"statut inconnu « {status} ».")
        phase = _phase_from(name, data.get("start"), data.get("end"), "", notes)
        return [phase] if phase else []
    phases = [
        phase
        for position, entry in enumerate(raw_phases, start=1)
        if (phase := _phase(entry, position, notes)) is not None
    ]
    if status and phases:
        name = _phase_name(status)
        last = sorted(phases, key=lambda phase: phase.start)[-1].name
        if name is None:
            notes.append(f"Statut « {status} » inconnu, ignoré : les phases du fichier font foi.")
        elif name != last:
            notes.append(
                f"Le fichier indique le statut « {label(name)} » mais sa dernière phase est "
                f"« {label(last)} » : les phases ont été importées telles quelles."
            )
    return phases
