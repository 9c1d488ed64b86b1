"""The deliverable of a mission: produce a version, make it final, download it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.views.decorators.http import require_POST

from fabrique.core.views_helpers import require

from .. import services
from ..access import deliverable_for_user_or_404, mission_for_user_or_404
from .missions import back_to_mission


@require_POST
def deliverable_generate(request, pk):
    item = mission_for_user_or_404(request.user, pk, need="work")
    try:
        deliverable = services.deliverable_generate(mission=item, by=request.user)
        messages.success(request, f"Livrable produit : version {deliverable.version} (PDF et ODT).")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return back_to_mission(item, "#livrable")


@require_POST
def deliverable_final(request, pk):
    deliverable = deliverable_for_user_or_404(request.user, pk)
    mission_for_user_or_404(request.user, deliverable.mission_id, need="work")
    try:
        services.deliverable_finalize(deliverable=deliverable)
        messages.success(request, f"Version {deliverable.version} finale : la mission est livrée.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return back_to_mission(deliverable.mission, "#livrable")


def deliverable_file(request, pk, fmt):
    deliverable = deliverable_for_user_or_404(request.user, pk)
    require(fmt in ("pdf", "odt"))
    field = deliverable.pdf if fmt == "pdf" else deliverable.odt
    return FileResponse(
        field.open("rb"), as_attachment=True,
        filename=f"accompagnement-{deliverable.mission.pk}-v{deliverable.version}.{fmt}",
    )  # fmt: skip
