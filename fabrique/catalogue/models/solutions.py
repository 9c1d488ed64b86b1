"""Solutions for collectivités: the solution, its words, references and uses, and the solutions
people suggest.

Multi-valued choices (categories, hosting) are stored as " value value " strings (see
`vocabulary.encode`); `search_text` and `name_key` are the folded forms that the
accent-insensitive search matches, filled by the services and the imports, never typed.
"""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from fabrique.core.fields import MarkdownHTMLField
from fabrique.core.markdown import validate_markdown
from fabrique.territories.models import TerritoryLink

from .. import vocabulary
from ..vocabulary import (
    Category,
    CostModel,
    Hosting,
    Maturity,
    Origin,
    ReferenceSource,
    SuggestionStatus,
)

NEGATIVE_COST = "Le coût annuel ne peut pas être négatif."


class Solution(models.Model):
    name = models.CharField("nom", max_length=200)
    slug = models.SlugField("identifiant", max_length=120, unique=True)
    origin = models.CharField("origine", max_length=20, choices=Origin.choices, db_index=True)
    summary = models.CharField("en une phrase", max_length=500, blank=True, default="")
    description = models.TextField(
        "description (Markdown)", blank=True, default="", validators=[validate_markdown]
    )
    description_html = MarkdownHTMLField("description (HTML)", source="description")
    categories = models.CharField("catégories", max_length=500, blank=True, default="")
    licence = models.CharField(
        "licence (SPDX)",
        max_length=200,
        blank=True,
        default="",
        db_index=True,
        help_text="Expression SPDX : MIT, GPL-3.0-or-later, EUPL-1.2… Vide pour une offre "
        "propriétaire.",
    )
    website = models.URLField("site", max_length=500, blank=True, default="")
    repository_url = models.URLField("code source", max_length=500, blank=True, default="")
    cost_model = models.CharField(
        "modèle de coût", max_length=20, choices=CostModel.choices, db_index=True
    )
    yearly_cost = models.DecimalField(
        "coût annuel indicatif pour une petite commune (€)",
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0, message=NEGATIVE_COST)],
    )
    hosting = models.CharField("hébergement", max_length=100, blank=True, default="")
    maturity = models.CharField(
        "maturité", max_length=20, choices=Maturity.choices, default=Maturity.STABLE
    )
    project = models.ForeignKey(
        "portfolio.Project",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogue_solutions",
        verbose_name="projet du portefeuille",
    )
    similar = models.ManyToManyField("self", blank=True, verbose_name="solutions similaires")
    user_count = models.PositiveIntegerField("collectivités utilisatrices", default=0)
    name_key = models.CharField("clé du nom", max_length=300, editable=False, default="")
    search_text = models.TextField("texte de recherche", editable=False, default="")
    created_at = models.DateTimeField("créée le", auto_now_add=True)
    updated_at = models.DateTimeField("modifiée le", auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_text", "name_key", "user_count"])

    class Meta:
        verbose_name = "solution"
        verbose_name_plural = "solutions"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                name="solution_cost_positive",
                condition=Q(yearly_cost__isnull=True) | Q(yearly_cost__gte=0),
                violation_error_message=NEGATIVE_COST,
            )
        ]
        indexes = [
            models.Index(fields=["-user_count", "name"], name="solution_popular"),
            # Covers what the search reads (facets, order), so that it scans this index rather
            # than the rows with their long descriptions.
            models.Index(
                fields=[
                    *("origin", "cost_model", "licence", "hosting", "categories"),
                    *("user_count", "name", "name_key"),
                ],
                name="solution_facets",
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:solution", args=[self.slug])

    @property
    def category_list(self) -> list[str]:
        return vocabulary.decode(self.categories)

    @property
    def category_labels(self) -> list[str]:
        return vocabulary.labels(self.categories, Category)

    @property
    def category_pairs(self) -> list[tuple[str, str]]:
        return list(zip(self.category_list, self.category_labels, strict=True))

    @property
    def hosting_list(self) -> list[str]:
        return vocabulary.decode(self.hosting)

    @property
    def hosting_labels(self) -> list[str]:
        return vocabulary.labels(self.hosting, Hosting)


class SolutionWord(models.Model):
    """One folded word of a solution's searchable text: the inverted index of the search.

    A word typed is looked up as a range of this indexed column (`word >= 'carto' AND word <
    'cartp'`), the same on SQLite and PostgreSQL, instead of scanning every solution's text.
    """

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="words", verbose_name="solution"
    )
    word = models.CharField("mot", max_length=60)

    class Meta:
        verbose_name = "mot indexé"
        verbose_name_plural = "mots indexés"
        indexes = [models.Index(fields=["word", "solution"], name="solution_word")]

    def __str__(self):
        return self.word


class SolutionReference(models.Model):
    """The identifier of a solution in an imported source: how a new import finds it again."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="references", verbose_name="solution"
    )
    source = models.CharField("source", max_length=30, choices=ReferenceSource.choices)
    external_id = models.CharField("identifiant dans la source", max_length=100)

    class Meta:
        verbose_name = "référence externe"
        verbose_name_plural = "références externes"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "external_id"],
                name="reference_unique",
                violation_error_message=(
                    "Cette référence externe (source et identifiant) est déjà liée à une solution."
                ),
            )
        ]

    def __str__(self):
        return f"{self.get_source_display()} {self.external_id}"


class SolutionUse(TerritoryLink):
    """A collectivité that uses a solution, since a given date when known."""

    solution = models.ForeignKey(
        Solution, on_delete=models.CASCADE, related_name="uses", verbose_name="solution"
    )
    since = models.DateField("depuis", null=True, blank=True)
    history = HistoricalRecords()

    class Meta(TerritoryLink.Meta):
        verbose_name = "collectivité utilisatrice"
        verbose_name_plural = "collectivités utilisatrices"
        constraints = [
            *TerritoryLink.Meta.constraints,
            *(
                models.UniqueConstraint(
                    fields=["solution", field],
                    name=f"solution_use_unique_{field}",
                    violation_error_message=(
                        "Cette collectivité est déjà enregistrée "
                        "comme utilisatrice de cette solution."
                    ),
                )
                for field in TerritoryLink.TERRITORY_FIELDS
            ),
        ]
        indexes = [
            models.Index(fields=["commune", "solution"], name="solution_use_commune"),
            models.Index(fields=["epci", "solution"], name="solution_use_epci"),
        ]

    def __str__(self):
        return f"{self.solution} — {self.territory}"


class SolutionSuggestion(models.Model):
    """A solution proposed by a logged-in person, published only once the team accepts it."""

    name = models.CharField("nom de la solution", max_length=200)
    website = models.URLField("site", max_length=500, blank=True, default="")
    origin = models.CharField(
        "origine", max_length=20, choices=Origin.choices, blank=True, default=""
    )
    categories = models.CharField("catégories", max_length=500, blank=True, default="")
    description = models.TextField("description")
    comment = models.TextField(
        "pourquoi la recommandez-vous ?", blank=True, default="",
        help_text="Votre usage, ce qu'elle a changé, son coût, son hébergement…",
    )  # fmt: skip
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="solution_suggestions",
        verbose_name="proposée par",
    )
    submitted_at = models.DateTimeField("proposée le", auto_now_add=True)
    status = models.CharField(
        "état",
        max_length=20,
        choices=SuggestionStatus.choices,
        default=SuggestionStatus.PENDING,
        db_index=True,
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="modérée par",
    )
    moderated_at = models.DateTimeField("modérée le", null=True, blank=True)
    moderation_note = models.TextField("réponse de l'équipe", blank=True, default="")
    solution = models.ForeignKey(
        Solution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name="solution créée",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "suggestion de solution"
        verbose_name_plural = "suggestions de solutions"
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("catalogue:suggestion", args=[self.pk])

    @property
    def category_labels(self) -> list[str]:
        return vocabulary.labels(self.categories, Category)
