"""A generated investigation programme: problems, investigations, their five planned phases
(some closed, in order) and a days ledger, in bulk. Shared by the benchmark
(`bench/investigations.py`) and the tests that compare the SQL versions of the rules with
`rules` on generated data (`tests/investigations/test_step_rule_in_sql.py`)."""

from datetime import date, timedelta

from ..models import DayEntry, Investigation, InvestigationPhase, Problem, ProblemCollectivite
from ..rules import planned_phase_dates

WORDS = (
    "cantine inscription déchetterie horaires salle réservation voirie signalement transport "
    "demande personnes âgées école périscolaire eau assainissement urbanisme permis cimetière "
    "concession marché forain associations subvention bibliothèque prêt mairie accueil"
).split()


def generate_programme(rng, *, count: int, today: date, commune) -> None:
    """`count` selected problems of `commune`, a tenth of them investigated: started up to 120
    days before `today`, 0 to 5 phases closed (on their planned end)."""
    problems = Problem.objects.bulk_create(
        Problem(
            title=" ".join(rng.sample(WORDS, 4)).capitalize(),
            statement=" ".join(rng.choices(WORDS, k=40)),
            theme=rng.choice(["Éducation", "Déchets", "Voirie", "Mobilité"]),
            status="retenu",
        )
        for _ in range(count)
    )
    ProblemCollectivite.objects.bulk_create(
        ProblemCollectivite(problem=p, commune=commune) for p in problems
    )
    investigations = Investigation.objects.bulk_create(
        Investigation(problem=p, start=today - timedelta(days=rng.randrange(0, 120)), weeks=10)
        for p in problems[: count // 10]
    )
    phases, days = [], []
    for inv in investigations:
        closed = rng.randrange(0, 6)
        for step, (begin, end) in enumerate(planned_phase_dates(inv.start, inv.weeks), 1):
            phases.append(
                InvestigationPhase(
                    investigation=inv,
                    step=step,
                    planned_start=begin,
                    planned_end=end,
                    closed_on=end if step <= closed else None,
                    summary="ok" if step <= closed else "",
                    figures="12 000 usagers",
                )
            )
        days.extend(
            DayEntry(investigation=inv, full_name="Coach", role="coach", day=inv.start, days=1)
            for _ in range(3)
        )
    InvestigationPhase.objects.bulk_create(phases, batch_size=2000)
    DayEntry.objects.bulk_create(days, batch_size=2000)
