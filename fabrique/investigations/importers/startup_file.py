"""An investigation written back as a beta.gouv.fr startup file (the « Fiche beta.gouv.fr »
export), which the import reads again unchanged.
"""

import yaml

from ..exports import collectivite_codes
from ..models import Investigation
from ..vocabulary import Decision
from .reading import WEEKS_KEY
from .statement import markdown_escaped


class _PlainDumper(yaml.SafeDumper):
    """YAML as the startup files are written by hand: no anchors nor aliases (`&id001`) when a
    date is used twice."""

    def ignore_aliases(self, data):
        return True


def startup_markdown(investigation: Investigation) -> str:
    """The investigation as a beta.gouv.fr startup file (what `import_investigations` reads)."""
    problem = investigation.problem
    names = [link.territory.name for link in problem.collectivites.all()]
    # The investigation's last day: its last phase's closing, else its decision; none while
    # it is in progress (an end would read back as « ended without a decision »).
    last = max(investigation.phases.all(), key=lambda phase: phase.step, default=None)
    end = (last and last.closed_on) or investigation.decided_on
    decided = investigation.decided_on or end
    phases = [{"name": "investigation", "start": investigation.start}]
    if end:
        phases[0]["end"] = end
    if investigation.decision == Decision.GO:
        phases.append({"name": "construction", "start": decided})
    elif investigation.decision == Decision.NO_GO:
        phases.append({"name": "abandon-investigation", "start": decided, "end": decided})
    header = {
        "title": problem.title,
        "mission": problem.title,
        "sponsors": names,
        "phases": phases,
        "collectivites": collectivite_codes(problem),
        WEEKS_KEY: investigation.weeks,
    }
    front = yaml.dump(header, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False)
    body = markdown_escaped(problem.statement)
    if names:
        body += "\n\nCollectivité sponsor : " + ", ".join(names)
    return f"---\n{front}---\n\n{body}\n"


def startup_filename(investigation: Investigation) -> str:
    if investigation.project:
        return f"{investigation.project.slug}.md"
    return f"{investigation.source_id or f'investigation-{investigation.pk}'}.md"
