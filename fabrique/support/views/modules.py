"""Procured expert modules: list and board, one module and its steps, deliverables, exports."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from fabrique.core import exports as core_exports
from fabrique.core.numbers import euros
from fabrique.core.views_helpers import form_page, require

from .. import access, exports, rules, selectors, services
from ..forms import MODULE_STEPS, DeliverableForm, DeliveryForm, ModuleForm, OrderForm
from ..models import ExpertModule
from ..services.modules import ORDER_RESERVED, ORDERED_BY_TEAM
from ..vocabulary import ModuleStatus
from .common import crumbs, history_page, module_links

# What each step did, said after it (rather than a bare « Le module est à jour »).
STEP_DONE = {
    "devis": "Devis enregistré : le module est à l'étape « Devis ».",
    "commande": "Commande enregistrée : le module est commandé.",
    "service-fait": "Service fait attesté : le montant est inscrit au budget du projet.",
    "cloture": "Module clos avec son évaluation.",
}
# The status each step's form moves the module to.
STEP_TARGET = {step: rules.next_status(status) for status, (step, *_) in MODULE_STEPS.items()}
MARK_DONE = {
    ModuleStatus.IN_PROGRESS: "Prestation démarrée : le module est en cours.",
    ModuleStatus.DELIVERED: "Livraison enregistrée : attestez maintenant le service fait.",
}


def _back(module):
    return reverse("support:module", args=[module.pk])


def modules(request):
    require(request.user.is_authenticated)
    modules, filterset = selectors.modules_list(request.user, request.GET)
    return render(
        request,
        "support/module_list.html",
        {
            "title": "Modules d'expertise",
            "modules": modules,
            "filterset": filterset,
            "board": selectors.modules_board() if access.can_manage_offer(request.user) else None,
            "can_manage": access.can_manage_offer(request.user),
            "breadcrumb_data": crumbs(current="Modules d'expertise"),
        },
    )


def module_detail(request, pk):
    module = access.module_for_user_or_404(request.user, pk)
    step = MODULE_STEPS.get(module.status)
    return render(
        request,
        "support/module.html",
        {
            "title": str(module),
            "module": module,
            "deliverables": list(module.deliverables.all()),
            # The next module that takes the unused remainder, linked both ways.
            "carried_to": list(module.carried_to.all()),
            "step": step,
            "can_manage": access.can_manage_offer(request.user),
            "can_deliver": access.can_manage_offer(request.user)
            or module.follower_id == request.user.pk,
            "ordered_by_team": ORDERED_BY_TEAM,
            "statuses": ModuleStatus,
            "change_problem": rules.module_change_problem(module.status),
            "deliverables_frozen": bool(rules.deliverable_delete_problem(module.status)),
            "breadcrumb_data": crumbs(module_links(module)[0], current=str(module)),
        },
    )


def module_create(request):
    require(access.can_manage_offer(request.user))
    form = ModuleForm(
        request.POST if request.method == "POST" else None,
        initial={"project": request.GET.get("project")},
    )

    def save(data):
        return _back(services.module_create(**data))

    return form_page(
        request,
        form,
        save=save,
        title="Nouveau besoin d'expertise",
        back_url=reverse("support:modules"),
        success_message="Le besoin d'expertise est enregistré.",
        breadcrumb=crumbs(("Modules d'expertise", reverse("support:modules")), current="Nouveau"),
    )


ORDER_FIELDS = (
    "order_reference",
    "amount_excl_vat",
    "amount_incl_vat",
    "days",
    "ordered_on",
    "due_on",
)


def _order_correct(request, module):
    """A mistake in the order (reference, amounts, days, dates) is corrected until the service
    fait; the module stays at its step."""
    initial = {name: getattr(module, name) for name in ORDER_FIELDS}
    form = OrderForm(request.POST if request.method == "POST" else None, initial=initial)

    def save(data):
        services.module_order_correct(module=module, by=request.user, **data)
        return _back(module)

    return form_page(
        request, form, save=save, title=f"Corriger la commande — {module}",
        back_url=_back(module), success_message="Commande corrigée.",
        extra={"intro": "Mêmes règles qu'à la commande ; le module reste à son étape. "
               + ORDER_RESERVED},
        breadcrumb=crumbs(*module_links(module), current="Corriger la commande"),
    )  # fmt: skip


def module_step(request, pk, step):
    module = access.module_for_user_or_404(request.user, pk, need="edit")
    if step == "commande" and module.status in rules.ORDER_CORRECTABLE:
        return _order_correct(request, module)
    current = MODULE_STEPS.get(module.status)
    if current is None or current[0] != step:
        if step not in STEP_TARGET:
            raise Http404
        # A step out of turn (an old link, a bookmark): say why, as the service would.
        messages.error(request, rules.move_problem(module.status, STEP_TARGET[step]))
        return redirect(_back(module))
    _, form_class, title = current
    initial, intro = None, ORDER_RESERVED if step == "commande" else ""
    carried = module.carried_from
    if step == "commande" and carried is not None and carried.remainder:
        # The unused remainder of the previous order is carried to this one: said, and proposed.
        initial = {"amount_incl_vat": carried.remainder}
        intro = (
            f"Reliquat reporté du module n° {carried.pk} « {carried.expertise} » : "
            f"{euros(carried.remainder)} TTC non consommés, proposés comme montant TTC de cette "
            f"commande. {ORDER_RESERVED}"
        )
    if step == "service-fait":
        # The service fait is counted TTC, as the order's TTC amount: said, and proposed.
        initial = {"paid_incl_vat": module.amount_incl_vat}
        intro = (
            f"Commande : {euros(module.amount_excl_vat)} HT, {euros(module.amount_incl_vat)} TTC."
            " Le service fait se compte TTC : toute la commande, ou moins si elle se clôt plus "
            "tôt (le reliquat TTC est alors affiché et peut être reporté)."
        )
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)

    def save(data):
        if step == "devis":
            services.module_quote(module=module, **data)
        elif step == "commande":
            services.module_order(module=module, by=request.user, **data)
        elif step == "service-fait":
            services.module_attest(
                module=module, by=request.user, paid_incl_vat=data["paid_incl_vat"]
            )
        else:
            services.module_close(
                module=module, evaluation=data["evaluation"], score=data["evaluation_score"]
            )
        return _back(module)

    return form_page(
        request,
        form,
        save=save,
        title=f"{title} — {module}",
        back_url=_back(module),
        success_message=STEP_DONE[step],
        extra={"intro": intro},
        breadcrumb=crumbs(*module_links(module), current=title),
    )


@require_POST
def module_mark(request, pk, target):
    module = access.module_for_user_or_404(request.user, pk, need="deliver")
    try:
        if target == "reliquat":
            require(access.can_manage_offer(request.user))
            new = services.module_carry_over(module=module)
            messages.success(request, "Le reliquat est reporté sur un nouveau module.")
            return redirect(_back(new))
        delivered_on = None
        if target == ModuleStatus.DELIVERED:
            form = DeliveryForm(request.POST)
            if not form.is_valid():
                raise ValidationError("Indiquez la date de livraison (jj/mm/aaaa).")
            delivered_on = form.cleaned_data["delivered_on"]
        services.module_mark(module=module, target=target, delivered_on=delivered_on)
    except ValidationError as error:
        for text in error.messages:
            messages.error(request, text)
    else:
        messages.success(request, MARK_DONE[target])
    return redirect(_back(module))


def deliverable_add(request, pk):
    module = access.module_for_user_or_404(request.user, pk, need="deliver")
    form = DeliverableForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
    )

    def save(data):
        services.module_deliverable_add(module=module, title=data["title"], upload=data["file"])
        return _back(module)

    return form_page(
        request,
        form,
        save=save,
        title=f"Déposer un livrable — {module}",
        back_url=_back(module),
        success_message="Le livrable est déposé.",
        breadcrumb=crumbs(*module_links(module), current="Déposer un livrable"),
    )


def deliverable_download(request, pk):
    item = access.module_deliverable_for_user_or_404(request.user, pk)
    return FileResponse(
        item.file.open("rb"),
        as_attachment=True,
        filename=f"{item.title}.pdf"
        if item.content_type == "application/pdf"
        else f"{item.title}.odt",
    )


def module_history(request, pk):
    module = access.module_for_user_or_404(request.user, pk, need="edit")
    return history_page(
        request,
        module,
        back_url=_back(module),
        breadcrumb_data=crumbs(*module_links(module), current="Historique"),
    )


def modules_export(request, fmt):
    require(access.can_manage_offer(request.user))
    if fmt not in core_exports.SPREADSHEETS:
        raise Http404
    rows = exports.module_rows(
        ExpertModule.objects.select_related("project", "supplier").order_by("ordered_on", "pk")
    )
    return core_exports.response(
        rows, fmt, exports.MODULE_COLUMNS, "Modules d'expertise", "modules-expertise"
    )
