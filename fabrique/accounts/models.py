"""Accounts log in by email; each has one role, and agents are attached to collectivités."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models

from fabrique.territories.models import TerritoryLink


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

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    position = models.CharField("fonction", max_length=200, blank=True, default="")

    class Meta(TerritoryLink.Meta):
        verbose_name = "rattachement à une collectivité"
        verbose_name_plural = "rattachements à une collectivité"
        constraints = [
            *TerritoryLink.Meta.constraints,
            *(
                models.UniqueConstraint(fields=["user", field], name=f"membership_unique_{field}")
                for field in TerritoryLink.TERRITORY_FIELDS
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.collectivite}"

    @property
    def collectivite(self):
        return self.territory
