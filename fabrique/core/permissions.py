"""The permissions' names in French. Django names the four permissions of each model in English
(« Can add demande de compte »), whatever the language, and the administration shows these
names on the groups' and the users' pages: after each migration they are renamed in French
(« Peut ajouter demande de compte »), the history tables named as such."""

from django.utils.translation import override

ACTIONS = {"add": "ajouter", "change": "modifier", "delete": "supprimer", "view": "voir"}


def model_name_in_french(model) -> str:
    with override("fr"):
        original = getattr(model, "instance_type", None)  # a django-simple-history table
        if original is not None:
            return f"historique de {original._meta.verbose_name}"
        return str(model._meta.verbose_name)


def french_permission_names(sender, using="default", **kwargs) -> int:
    """post_migrate receiver: rename the default permissions of `sender`'s models; returns how
    many were renamed (those already in French are left alone)."""
    from django.contrib.auth.models import Permission
    from django.contrib.contenttypes.models import ContentType

    renamed = 0
    for model in sender.get_models():
        content_type = ContentType.objects.db_manager(using).get_for_model(
            model, for_concrete_model=False
        )
        name = model_name_in_french(model)
        for action, verb in ACTIONS.items():
            french = f"Peut {verb} {name}"[:255]
            renamed += (
                Permission.objects.using(using)
                .filter(content_type=content_type, codename=f"{action}_{model._meta.model_name}")
                .exclude(name=french)
                .update(name=french)
            )
    return renamed
