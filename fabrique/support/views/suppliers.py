"""Suppliers of the expert modules: the team's list, with add, edit and delete."""

from django.shortcuts import render
from django.urls import reverse

from fabrique.core.views_helpers import confirm_delete, form_page, require

from .. import access, selectors, services
from ..forms import SupplierForm
from .common import crumbs


def _list_link():
    return ("Prestataires", reverse("support:suppliers"))


def suppliers(request):
    require(access.can_manage_offer(request.user))
    return render(
        request,
        "support/supplier_list.html",
        {
            "title": "Prestataires des modules d'expertise",
            "suppliers": selectors.suppliers_list(),
            "breadcrumb_data": crumbs(
                ("Modules d'expertise", reverse("support:modules")), current="Prestataires"
            ),
        },
    )


def _save(item=None):
    def save(data):
        services.supplier_save(supplier=item, **data)
        return reverse("support:suppliers")

    return save


def supplier_create(request):
    require(access.can_manage_offer(request.user))
    form = SupplierForm(request.POST if request.method == "POST" else None)
    return form_page(
        request,
        form,
        save=_save(),
        title="Nouveau prestataire",
        back_url=reverse("support:suppliers"),
        success_message="Le prestataire est ajouté.",
        breadcrumb=crumbs(_list_link(), current="Nouveau prestataire"),
    )


def supplier_edit(request, pk):
    item = access.supplier_for_user_or_404(request.user, pk)
    form = SupplierForm(request.POST if request.method == "POST" else None, instance=item)
    return form_page(
        request,
        form,
        save=_save(item),
        title=f"Modifier « {item.name} »",
        back_url=reverse("support:suppliers"),
        success_message="Le prestataire est modifié.",
        breadcrumb=crumbs(_list_link(), current=f"Modifier « {item.name} »"),
    )


def supplier_delete(request, pk):
    item = access.supplier_for_user_or_404(request.user, pk)
    return confirm_delete(
        request,
        delete=lambda: services.supplier_delete(supplier=item),
        what=f"le prestataire « {item.name} »",
        back_url=reverse("support:suppliers"),
        done_url=reverse("support:suppliers"),
        breadcrumb=crumbs(_list_link(), current="Supprimer"),
    )
