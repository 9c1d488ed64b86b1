"""Comments on a mission: add (from the mission page), edit and delete (their author, or the
team). Thin: parse, one access call, one service, render."""

from fabrique.core.views_helpers import form_page, require

from .. import services
from ..access import can_comment, comment_for_user_or_404, mission_for_user_or_404
from ..forms import CommentForm
from .common import confirm_delete, crumbs, mission_link

ANCHOR = "#commentaires"


def comment_add(request, pk):
    mission = mission_for_user_or_404(request.user, pk)
    require(can_comment(request.user, mission))
    back = mission.get_absolute_url() + ANCHOR
    form = CommentForm(request.POST or None)

    def save(data):
        services.comment_save(mission=mission, author=request.user, body=data["body"])
        return back

    return form_page(
        request, form, save=save, title=f"Commenter la mission — {mission.collectivite}",
        back_url=back, success_message="Commentaire publié.",
        breadcrumb=crumbs(mission_link(mission), current="Commenter"),
    )  # fmt: skip


def comment_edit(request, pk):
    comment = comment_for_user_or_404(request.user, pk)
    back = comment.mission.get_absolute_url() + ANCHOR
    form = CommentForm(request.POST or None, initial={"body": comment.body})

    def save(data):
        services.comment_save(
            mission=comment.mission, author=comment.author, body=data["body"], comment=comment
        )
        return back

    return form_page(
        request, form, save=save, title="Modifier le commentaire", back_url=back,
        success_message="Commentaire modifié.",
        breadcrumb=crumbs(mission_link(comment.mission), current="Modifier le commentaire"),
    )  # fmt: skip


def comment_delete(request, pk):
    comment = comment_for_user_or_404(request.user, pk)
    back = comment.mission.get_absolute_url() + ANCHOR
    return confirm_delete(
        request, delete=lambda: services.comment_delete(comment=comment),
        what=f"le commentaire du {comment.created_at:%d/%m/%Y}", back_url=back, done_url=back,
    )  # fmt: skip
