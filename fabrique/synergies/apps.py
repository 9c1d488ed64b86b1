from django.apps import AppConfig


class SynergiesConfig(AppConfig):
    """The Django side of synergies (models, recomputation, pages).

    The engine modules (`engine`, `text`, `features`, `search`, `groups`, `evaluate`) never
    import Django: they stay usable, and tested, without a database.
    """

    name = "fabrique.synergies"
    label = "synergies"
    verbose_name = "Synergies"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from fabrique.core.signals import records_changed
        from fabrique.diagnostics.models import Need

        from .services import on_need_changed, on_records_changed
        from .sources import NEED_KIND, NEED_LABEL, need_entries, register_source

        records_changed.connect(on_records_changed, dispatch_uid="synergies.recompute")
        # The needs found by the diagnostics are items of the index (the diagnostics app does
        # not send `records_changed`: a saved or deleted need asks for a recomputation).
        register_source(NEED_KIND, NEED_LABEL, need_entries)
        post_save.connect(on_need_changed, sender=Need, dispatch_uid="synergies.need_saved")
        post_delete.connect(on_need_changed, sender=Need, dispatch_uid="synergies.need_deleted")
