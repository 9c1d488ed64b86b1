from django.apps import AppConfig


class SynergiesConfig(AppConfig):
    """The Django side of synergies (models, recomputation, pages).

    The engine modules (the `rules` package, and `bench/evaluate_synergies.py`) never
    import Django: they stay usable, and tested, without a database.
    """

    name = "fabrique.synergies"
    label = "synergies"
    verbose_name = "Synergies"

    def ready(self):
        from fabrique.core.signals import records_changed

        from .services import on_records_changed

        # Other apps register their kinds (`sources.register_source`: diagnostics needs,
        # investigation problems) and announce their writes through `records_changed`.
        records_changed.connect(on_records_changed, dispatch_uid="synergies.recompute")
