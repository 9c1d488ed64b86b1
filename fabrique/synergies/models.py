"""Synergies stored: local initiatives (public data), the computed neighbours and groups, and
the decisions of the incubator team on pairs. Computed rows (`SimilarityLink`, `SynergyGroup`,
`SynergyMember`, `SynergyPair`) are replaced as a whole by each recomputation (`services`);
decisions and initiatives are never touched by it.
"""

from django.conf import settings
from django.db import models
from django.utils.timezone import localtime

from fabrique.territories.models import Commune, Departement, Region

from .vocabulary import DecisionStatus, ItemKind, LinkList, kind_label, pair_key


class LocalInitiative(models.Model):
    """A project of a collectivité known from public data (e.g. the Fonds vert): the demo
    corpus and the stand-in for the problems raised by collectivités."""

    title = models.CharField("intitulé", max_length=500)
    commune = models.ForeignKey(
        Commune, on_delete=models.CASCADE, related_name="local_initiatives", verbose_name="commune"
    )
    measure = models.CharField("mesure / thème", max_length=300, blank=True, default="")
    beneficiary = models.CharField("bénéficiaire", max_length=300, blank=True, default="")
    source = models.CharField("source", max_length=100)
    external_id = models.CharField("identifiant dans la source", max_length=64)
    year = models.PositiveSmallIntegerField("année", null=True, blank=True)
    amount = models.DecimalField(
        "montant engagé (€)", max_digits=14, decimal_places=2, null=True, blank=True
    )

    class Meta:
        verbose_name = "initiative locale"
        verbose_name_plural = "initiatives locales"
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="synergies_initiative_unique_source_id",
                violation_error_message=(
                    "Cette initiative (source et identifiant) est déjà enregistrée."
                ),
            )
        ]

    def __str__(self):
        return self.title


class SimilarityLink(models.Model):
    """One computed neighbour: `target` is the `rank`-th most similar item to `source`."""

    source_kind = models.CharField("type de l'élément", max_length=20, choices=ItemKind.choices)
    source_id = models.PositiveBigIntegerField("identifiant de l'élément")
    target_kind = models.CharField("type de l'élément lié", max_length=20, choices=ItemKind.choices)
    target_id = models.PositiveBigIntegerField("identifiant de l'élément lié")
    relation = models.CharField(
        "liste", max_length=20, choices=LinkList.choices, default=LinkList.NEIGHBOURS
    )
    score = models.FloatField("similarité")
    rank = models.PositiveSmallIntegerField("rang")
    reasons = models.JSONField("explication", default=list)
    target_label = models.CharField("nom de l'élément lié", max_length=500)
    target_url = models.CharField(
        "adresse de l'élément lié", max_length=500, blank=True, default=""
    )
    target_place = models.CharField("lieu de l'élément lié", max_length=300, blank=True, default="")

    class Meta:
        verbose_name = "lien de similarité"
        verbose_name_plural = "liens de similarité"
        ordering = ["source_kind", "source_id", "relation", "rank"]
        indexes = [models.Index(fields=["source_kind", "source_id", "relation"])]

    def __str__(self):
        return f"{self.source_kind}:{self.source_id} → {self.target_kind}:{self.target_id}"

    @property
    def source_key(self) -> str:
        return f"{self.source_kind}:{self.source_id}"

    @property
    def target_key(self) -> str:
        return f"{self.target_kind}:{self.target_id}"

    @property
    def pair_key(self) -> str:
        return pair_key(self.source_key, self.target_key)


class SynergyGroup(models.Model):
    """Items that belong together; `span`: how many distinct collectivités or projects."""

    position = models.PositiveIntegerField("rang")
    score = models.FloatField("score moyen")
    reasons = models.JSONField("explication", default=list)
    size = models.PositiveIntegerField("taille")
    span = models.PositiveIntegerField("collectivités ou projets distincts")
    computed_at = models.DateTimeField("calculé le")

    class Meta:
        verbose_name = "groupe de synergie"
        verbose_name_plural = "groupes de synergie"
        ordering = ["position"]

    def __str__(self):
        return f"Groupe {self.position} ({self.size} éléments)"


class SynergyMember(models.Model):
    group = models.ForeignKey(
        SynergyGroup,
        on_delete=models.CASCADE,
        related_name="members",
        verbose_name="groupe de synergie",
    )
    kind = models.CharField("type", max_length=20, choices=ItemKind.choices)
    object_id = models.PositiveBigIntegerField("identifiant")
    label = models.CharField("nom", max_length=500)
    url = models.CharField("adresse", max_length=500, blank=True, default="")
    place = models.CharField("lieu", max_length=300, blank=True, default="")
    # The collectivité or project it belongs to (`sources.Entry.owner`): what a group's span
    # counts, also among the members a viewer may read.
    owner = models.CharField("collectivité ou projet", max_length=100, blank=True, default="")
    departement = models.ForeignKey(
        Departement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="département",
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="région",
    )

    class Meta:
        verbose_name = "membre d'un groupe de synergie"
        verbose_name_plural = "membres d'un groupe de synergie"
        ordering = ["group", "pk"]

    def __str__(self):
        return self.label

    @property
    def key(self) -> str:
        return f"{self.kind}:{self.object_id}"

    @property
    def kind_label(self) -> str:
        """The kind in French, built-in or registered by another app (« Problème »)."""
        return kind_label(self.kind)


class SynergyPair(models.Model):
    """A tie between two members of a group, the unit on which the team decides."""

    group = models.ForeignKey(
        SynergyGroup,
        on_delete=models.CASCADE,
        related_name="pairs",
        verbose_name="groupe de synergie",
    )
    pair_key = models.CharField("clé de la paire", max_length=100, db_index=True)
    a_key = models.CharField("clé du premier élément", max_length=45)
    b_key = models.CharField("clé du second élément", max_length=45)
    a_label = models.CharField("premier élément", max_length=500)
    b_label = models.CharField("second élément", max_length=500)
    score = models.FloatField("similarité")
    reasons = models.JSONField("explication", default=list)

    class Meta:
        verbose_name = "paire d'un groupe de synergie"
        verbose_name_plural = "paires d'un groupe de synergie"
        ordering = ["group", "-score", "pair_key"]

    def __str__(self):
        return f"{self.a_label} ↔ {self.b_label}"


class SynergyDecision(models.Model):
    """What the team decided on a pair (append-only log: nothing is changed or deleted, the
    log is the history). A pair with a « écartée » decision is filtered out of every list and
    every recomputation until a later « rétablie » decision (`services.restore`) brings it back.
    The labels are those of the items when the decision was taken (empty before they were
    kept)."""

    pair_key = models.CharField("clé de la paire", max_length=100, db_index=True)
    a_key = models.CharField("clé du premier élément", max_length=45)
    b_key = models.CharField("clé du second élément", max_length=45)
    a_label = models.CharField("premier élément", max_length=500, blank=True, default="")
    b_label = models.CharField("second élément", max_length=500, blank=True, default="")
    status = models.CharField("décision", max_length=20, choices=DecisionStatus.choices)
    note = models.TextField("note", blank=True, default="")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="par",
    )
    decided_at = models.DateTimeField("le", auto_now_add=True)

    class Meta:
        verbose_name = "décision de synergie"
        verbose_name_plural = "décisions de synergie"
        ordering = ["-decided_at", "-pk"]

    def __str__(self):
        return f"{self.pair_key} : {self.get_status_display()}"


class RecomputeState(models.Model):
    """One row (pk=1): when a recomputation was asked for, and what the last one did."""

    requested_at = models.DateTimeField("demandé le", null=True, blank=True)
    started_at = models.DateTimeField("commencé le", null=True, blank=True)
    finished_at = models.DateTimeField("terminé le", null=True, blank=True)
    items = models.PositiveIntegerField("éléments", default=0)
    links = models.PositiveIntegerField("liens", default=0)
    groups = models.PositiveIntegerField("groupes", default=0)
    message = models.TextField("message", blank=True, default="")

    class Meta:
        verbose_name = "état du calcul des synergies"
        verbose_name_plural = "états du calcul des synergies"

    def __str__(self):
        if self.finished_at is None:
            return "Calcul des synergies (jamais terminé)"
        return f"Calcul des synergies (terminé le {localtime(self.finished_at):%d/%m/%Y à %H:%M})"
