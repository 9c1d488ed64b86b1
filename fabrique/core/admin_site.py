"""The administration site, in French down to the apps that ship only in English: the
background tasks' app is renamed by its own config (core/library_apps.py) and its model's labels
translated by fabrique/locale; its admin class is redone here for the columns it writes in
English."""

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.apps import AdminConfig
from django.db import models, transaction
from django.http import Http404
from simple_history.admin import SimpleHistoryAdmin

from fabrique.core import numbers
from fabrique.core.history import FrenchHistoryHelper


def row_number_column(model, field: str, write):
    """For `list_display`: a number whose writing depends on its row, `write(obj, value)` (an
    indicator's value, in its unit: « 1 500 000 € », « 4,5 »), sortable like the field."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def column(obj):
        value = getattr(obj, field)
        return None if value is None else write(obj, value)  # None: the admin's empty mark

    column.__name__ = f"{field}_in_french"
    return column


def _number_column(model, field: str, write):
    """A list column showing `field` of `model` written by `write`, sortable like the field."""
    return row_number_column(model, field, lambda obj, value: write(value))


def euros_column(model, field: str):
    """For `list_display`: an amount as the site writes it, « 1 500 000 € » (not « 1500000 »)."""
    return _number_column(model, field, numbers.euros)


def integer_column(model, field: str):
    """For `list_display`: a count or a population with French digit grouping, « 34 935 »."""
    return _number_column(model, field, numbers.integer)


@admin.action(permissions=["delete"], description="Supprimer la sélection")
def delete_selection(modeladmin, request, queryset):
    """Django's deletion of the selected rows, named without agreeing a participle with the
    model (« Supprimer les investigations sélectionnés » was Django's French)."""
    return delete_selected(modeladmin, request, queryset)


class FabriqueAdminSite(admin.AdminSite):
    site_header = "Administration de Fabrique"
    site_title = "Fabrique"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_action(delete_selection, "delete_selected")  # same name: the same confirmation

    def app_index(self, request, app_label, extra_context=None):
        """A section's page titled « Administration : Mesure d'impact » (Django's French wrote
        « Administration de Accompagnement sur-mesure », without elision)."""
        try:
            name = apps.get_app_config(app_label).verbose_name
        except LookupError:
            raise Http404("Aucune section de ce nom.") from None
        context = {"title": f"Administration : {name}", **(extra_context or {})}
        return super().app_index(request, app_label, extra_context=context)


class DeletedThroughService:
    """An admin whose deletions (one row, or the selection) go through the app's service
    `delete_service(obj)`, so that what the service does beside the row (the files of its
    attachments removed after the commit, the signals) is not skipped from here."""

    def delete_service(self, obj) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_service(obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.delete_service(obj)


class HistoryAdmin(SimpleHistoryAdmin):
    """The admin of a model with a history: its « Historique » page in French (labels of the
    choices, dates, empty values), see core/history.py."""

    # Addresses typed without a scheme are https, as on the site's forms (core.forms).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_historical_record_context_helper(self, request, historical_record):
        return FrenchHistoryHelper(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # A version number typed by hand (« …/history/abc/ ») is a page that does not exist,
        # not a server error.
        if not str(version_id).isdigit():
            raise Http404("Aucune version de ce numéro.")
        return super().history_form_view(request, object_id, version_id, extra_context)


class FabriqueAdminConfig(AdminConfig):
    default_site = "fabrique.core.admin_site.FabriqueAdminSite"

    def ready(self):
        super().ready()  # autodiscover: the libraries register their admin classes
        _french_task_results_admin()


def _french_task_results_admin() -> None:
    """The background tasks' results, with French column and field labels. The model's own
    labels are translated by fabrique/locale (they are marked for translation); the admin class
    of django-tasks-db names two columns in English plain strings, redone here in a subclass."""
    from django_tasks_db.admin import DBTaskResultAdmin
    from django_tasks_db.models import DBTaskResult

    class TaskResultAdmin(DBTaskResultAdmin):
        list_display = (
            "id", "task_label", "status", "enqueued_at", "started_at", "finished_at", "priority",
            "queue_name",
        )  # fmt: skip

        def change_view(self, request, object_id, form_url="", extra_context=None):
            # The library's results have no name of their own: « DBTaskResult object (…) »;
            # the page, its breadcrumb (templates/admin/…) and its history name the task.
            return super().change_view(
                request,
                object_id,
                form_url,
                {**self._named(request, object_id), **(extra_context or {})},
            )

        def history_view(self, request, object_id, extra_context=None):
            named = self._named(request, object_id)
            if named:
                named["title"] = f"Historique des modifications : {named['subtitle']}"
            return super().history_view(request, object_id, {**named, **(extra_context or {})})

        def _named(self, request, object_id) -> dict:
            result = self.get_object(request, object_id)
            if result is None:
                return {}
            return {"subtitle": f"{result.task_path} — {result.get_status_display()}"}

        @admin.display(description="tâche", ordering="task_path")
        def task_label(self, obj):
            return obj.task_name

        @admin.display(description="trace de l'erreur")
        def formatted_traceback(self, obj):
            return super().formatted_traceback(obj)

        @admin.display(description="à exécuter après le")
        def display_run_after(self, obj):
            return super().display_run_after(obj)

    if admin.site.is_registered(DBTaskResult):
        admin.site.unregister(DBTaskResult)
    admin.site.register(DBTaskResult, TaskResultAdmin)
