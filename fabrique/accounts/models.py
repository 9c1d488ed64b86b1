"""Accounts log in by email; each has one role, and agents are attached to collectivités."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.db.models import Q


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


class Membership(models.Model):
    """An agent attached to one collectivité: a commune, an EPCI, a département or a région."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    commune = models.ForeignKey(
        "territories.Commune", on_delete=models.CASCADE, null=True, blank=True
    )
    epci = models.ForeignKey("territories.EPCI", on_delete=models.CASCADE, null=True, blank=True)
    departement = models.ForeignKey(
        "territories.Departement", on_delete=models.CASCADE, null=True, blank=True
    )
    region = models.ForeignKey(
        "territories.Region", on_delete=models.CASCADE, null=True, blank=True
    )
    position = models.CharField("fonction", max_length=200, blank=True, default="")

    TARGETS = ("commune", "epci", "departement", "region")

    class Meta:
        verbose_name = "rattachement à une collectivité"
        verbose_name_plural = "rattachements à une collectivité"
        constraints = [
            models.CheckConstraint(
                name="membership_exactly_one_collectivite",
                condition=(
                    Q(commune__isnull=False, epci=None, departement=None, region=None)
                    | Q(commune=None, epci__isnull=False, departement=None, region=None)
                    | Q(commune=None, epci=None, departement__isnull=False, region=None)
                    | Q(commune=None, epci=None, departement=None, region__isnull=False)
                ),
            ),
            models.UniqueConstraint(fields=["user", "commune"], name="membership_unique_commune"),
            models.UniqueConstraint(fields=["user", "epci"], name="membership_unique_epci"),
            models.UniqueConstraint(
                fields=["user", "departement"], name="membership_unique_departement"
            ),
            models.UniqueConstraint(fields=["user", "region"], name="membership_unique_region"),
        ]

    def __str__(self):
        return f"{self.user} — {self.collectivite}"

    @property
    def collectivite(self):
        return self.commune or self.epci or self.departement or self.region
