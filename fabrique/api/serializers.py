from rest_framework import serializers

from fabrique.territories.models import EPCI, Commune


class TerritoryHitSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["commune", "epci", "departement"])
    code = serializers.CharField(help_text="Code Insee (commune, département) ou SIREN (EPCI)")
    name = serializers.CharField()
    departement = serializers.CharField(help_text="Code du département ; vide pour un EPCI")
    population = serializers.IntegerField(allow_null=True)
    url = serializers.SerializerMethodField()

    def get_url(self, hit) -> str:
        request = self.context.get("request")
        return request.build_absolute_uri(hit.url) if request else hit.url


class CommuneSerializer(serializers.ModelSerializer):
    departement = serializers.CharField(source="departement.code")
    epci = serializers.CharField(source="epci.siren", allow_null=True, default=None)
    eligible = serializers.BooleanField(source="is_eligible")
    url = serializers.SerializerMethodField()

    class Meta:
        model = Commune
        fields = ["insee", "name", "population", "departement", "epci", "eligible", "email",
                  "phone", "website", "url"]  # fmt: skip

    def get_url(self, commune) -> str:
        return self.context["request"].build_absolute_uri(commune.get_absolute_url())


class EPCISerializer(serializers.ModelSerializer):
    eligible = serializers.BooleanField(source="is_eligible")
    url = serializers.SerializerMethodField()

    class Meta:
        model = EPCI
        fields = ["siren", "name", "kind", "population", "member_count", "eligible", "url"]

    def get_url(self, epci) -> str:
        return self.context["request"].build_absolute_uri(epci.get_absolute_url())
