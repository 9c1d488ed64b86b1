"""Accounts log in by email; each has one role, and agents are attached to collectivités."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from fabrique.core.text import of
from fabrique.territories.models import TerritoryLink

from .vocabulary import AccountRequestStatus, RequesterKind

# Erased accounts keep a unique address at this domain, which never receives mail (RFC 2606).
ERASED_DOMAIN = "efface.invalid"


class Role(models.TextChoices):
    ADMIN = "admin", "Administrateur·rice"
    INCUBATOR = "incubateur", "Équipe incubateur"
    COACH = "coach", "Coach / consultant·e"
    AGENT = "agent", "Agent de collectivité"
    SERVICE_OWNER = "porteur", "Porteur de service"


class UserManager(DjangoUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("L'adresse électronique est obligatoire.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.update(is_staff=True, is_superuser=True, role=Role.ADMIN)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField("adresse électronique", unique=True)
    role = models.CharField("rôle", max_length=20, choices=Role.choices, default=Role.AGENT)
    organisation = models.CharField("organisation", max_length=200, blank=True, default="")

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = "utilisateur·rice"
        verbose_name_plural = "utilisateur·rices"
        ordering = ["email"]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.email


class Membership(TerritoryLink):
    """An agent attached to one collectivité: a commune, an EPCI, a département or a région."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name="compte"
    )
    position = models.CharField("fonction", max_length=200, blank=True, default="")

    class Meta(TerritoryLink.Meta):
        verbose_name = "rattachement à une collectivité"
        verbose_name_plural = "rattachements à une collectivité"
        constraints = [
            *TerritoryLink.Meta.constraints,
            *(
                models.UniqueConstraint(
                    fields=["user", field],
                    name=f"membership_unique_{field}",
                    violation_error_message=(
                        "Cette personne est déjà rattachée à cette collectivité."
                    ),
                )
                for field in TerritoryLink.TERRITORY_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.collectivite}"

    @property
    def collectivite(self):
        return self.territory


class SecurityEventKind(models.TextChoices):
    LOGIN = "login", "Connexion"
    LOGIN_FAILED = "login_failed", "Échec de connexion"
    LOCKOUT = "lockout", "Blocage après échecs"
    UNLOCK = "unlock", "Déblocage par un·e administrateur·rice"
    LOGOUT = "logout", "Déconnexion"
    PASSWORD_CHANGED = "password", "Mot de passe changé"
    PASSWORD_RESET_ASKED = "password_reset", "Lien de mot de passe oublié demandé"
    ROLE_CHANGED = "role", "Changement de rôle"
    MEMBERSHIP_ADDED = "membership_added", "Rattachement ajouté"
    MEMBERSHIP_REMOVED = "membership_removed", "Rattachement retiré"
    TOKEN_CREATED = "token_created", "Jeton créé"
    TOKEN_REVOKED = "token_revoked", "Jeton révoqué"
    PERSONAL_EXPORT = "export", "Export de données personnelles"
    ERASURE_REQUESTED = "erasure_requested", "Demande d'effacement"
    ERASED = "erased", "Personne effacée"


class SecurityEvent(models.Model):
    """One line of the security log (kept `SECURITY_LOG_DAYS`, see `purge_security_events`).

    Append-only: no history table, never edited; `email` keeps who it was about even when the
    account is deleted.
    """

    at = models.DateTimeField("date", auto_now_add=True, db_index=True)
    kind = models.CharField("événement", max_length=30, choices=SecurityEventKind.choices)
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="compte concerné",
    )
    email = models.CharField("adresse concernée", max_length=254, blank=True, default="")
    actor = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="auteur·rice",
    )
    ip_address = models.GenericIPAddressField("adresse IP", null=True, blank=True)
    detail = models.CharField("détail", max_length=500, blank=True, default="")

    class Meta:
        verbose_name = "événement de sécurité"
        verbose_name_plural = "journal de sécurité"
        ordering = ["-at", "-pk"]

    def __str__(self):
        at = timezone.localtime(self.at)
        return f"{at:%d/%m/%Y %H:%M} {self.get_kind_display()} {self.email}"


class DeletionRequestStatus(models.TextChoices):
    PENDING = "en_attente", "En attente"
    DONE = "effectuee", "Effacement effectué"
    CANCELLED = "annulee", "Annulée"


class DeletionRequest(models.Model):
    """A person asks for their personal data to be erased; the team erases (`person_erase`)."""

    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deletion_requests",
        verbose_name="compte",
    )
    email = models.CharField("adresse au moment de la demande", max_length=254)
    message = models.TextField("précisions", blank=True, default="", max_length=2000)
    status = models.CharField(
        "statut",
        max_length=20,
        choices=DeletionRequestStatus.choices,
        default=DeletionRequestStatus.PENDING,
    )
    requested_at = models.DateTimeField("demandée le", auto_now_add=True)
    done_at = models.DateTimeField("traitée le", null=True, blank=True)
    done_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="traitée par",
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = "demande d'effacement"
        verbose_name_plural = "demandes d'effacement"
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status="en_attente"),
                name="deletion_request_one_pending",
                violation_error_message=(
                    "Une demande de suppression de ce compte est "
                    "déjà en attente : attendez sa réponse."
                ),
            )
        ]

    def __str__(self):
        return f"Demande d'effacement du {self.requested_at:%d/%m/%Y} ({self.email})"


class AccountRequest(models.Model):
    """Someone without an account asks for one (« Demander un compte »); the team accepts it
    (the account is created, see `account_request_accept`) or declines it with a reason.

    Kept `ACCOUNT_REQUEST_RETENTION_MONTHS` after the decision (`purge_account_requests`).
    """

    first_name = models.CharField("prénom", max_length=150)
    last_name = models.CharField("nom", max_length=150)
    email = models.EmailField("adresse électronique", db_index=True)
    kind = models.CharField("qui êtes-vous", max_length=20, choices=RequesterKind.choices)
    commune = models.ForeignKey(
        "territories.Commune",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="commune",
    )
    epci = models.ForeignKey(
        "territories.EPCI",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="EPCI",
    )
    position = models.CharField("fonction", max_length=200, blank=True, default="")
    message = models.TextField("message", blank=True, default="", max_length=2000)
    consent_at = models.DateTimeField("accord donné le")
    source_hash = models.CharField(
        "empreinte de la source", max_length=64, blank=True, default="", db_index=True
    )
    status = models.CharField(
        "statut",
        max_length=20,
        choices=AccountRequestStatus.choices,
        default=AccountRequestStatus.PENDING,
        db_index=True,
    )
    created_at = models.DateTimeField("demandée le", auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField("décidée le", null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="décidée par",
    )
    granted_role = models.CharField(
        "rôle donné", max_length=20, choices=Role.choices, blank=True, default=""
    )
    decline_reason = models.TextField("motif du refus", blank=True, default="")
    user = models.ForeignKey(
        User,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="account_requests",
        verbose_name="compte créé",
    )
    history = HistoricalRecords(excluded_fields=["source_hash"])

    class Meta:
        verbose_name = "demande de compte"
        verbose_name_plural = "demandes de compte"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                name="account_request_at_most_one_collectivite",
                condition=models.Q(commune=None) | models.Q(epci=None),
            )
        ]

    def __str__(self):
        return f"Demande de compte {of(self.full_name)} ({self.email})"

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    @property
    def collectivite(self):
        return self.commune or self.epci
