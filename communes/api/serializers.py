"""Output serializers for administrative units (read-only; explicit fields)."""

from rest_framework import serializers

from communes.models import Commune, CommuneGroup, District, Province


class ProvinceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Province
        fields = ["id", "code", "name", "region", "is_sample_data", "valid_from", "valid_to"]


class DistrictSerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = District
        fields = ["id", "code", "name", "kind", "province", "valid_from", "valid_to"]


class CommuneSerializer(serializers.ModelSerializer):
    province = serializers.SlugRelatedField(slug_field="code", read_only=True)
    district = serializers.SlugRelatedField(slug_field="code", read_only=True, allow_null=True)
    district_name = serializers.CharField(
        source="district.name", read_only=True, default=None, allow_null=True
    )
    # Declared so the schema allows "" (read-only model fields lose allow_blank).
    commune_group = serializers.ChoiceField(
        choices=CommuneGroup.choices, allow_blank=True, read_only=True
    )
    villages = serializers.SlugRelatedField(slug_field="name", many=True, read_only=True)

    class Meta:
        model = Commune
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "province",
            "district",
            "district_name",
            "region",
            "commune_group",
            "difficulty",
            "ntm_level",
            "ntm_level_year",
            "target_year",
            "criteria_met",
            "criteria_total",
            "meets_standard",
            "assessed_period",
            "valid_from",
            "valid_to",
            "villages",
        ]
        read_only_fields = fields
