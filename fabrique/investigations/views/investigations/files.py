"""The files of an investigation for the team: its PDF summary and its beta.gouv.fr startup
file."""

from django.http import HttpResponse
from django.utils import timezone

from ... import access, exports
from ...importers.startup_file import startup_filename, startup_markdown


def investigation_pdf(request, pk):
    investigation = access.investigation_for_user_or_404(request.user, pk, need="internals")
    content = exports.investigation_pdf(
        investigation=investigation,
        phases=list(investigation.phases.all()),
        days=list(investigation.days.all()),
        today=timezone.localdate(),
    )
    reply = HttpResponse(content, content_type="application/pdf")
    reply["Content-Disposition"] = f'attachment; filename="investigation-{investigation.pk}.pdf"'
    return reply


def startup_file(request, pk):
    """The investigation as a beta.gouv.fr startup file (Markdown with YAML front matter)."""
    investigation = access.investigation_for_user_or_404(request.user, pk, need="internals")
    reply = HttpResponse(
        startup_markdown(investigation), content_type="text/markdown; charset=utf-8"
    )
    reply["Content-Disposition"] = f'attachment; filename="{startup_filename(investigation)}"'
    return reply
