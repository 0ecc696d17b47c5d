"""Serializers for agencies, assignments and activities: output (ModelSerializer, explicit
fields, read only) and input (ntm_portal.api.InputSerializer, named for the action). The agency
and the recording user are never inputs."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from communes.models import Commune, Village
from criteria.models import Criterion
from ntm_portal.api import InputSerializer
from sponsorships.models import Agency, Assignment, SupportActivity
from sponsorships.selectors.agencies import today
from sponsorships.services.agencies import AGENCY_FIELDS


@extend_schema_field(
    {"anyOf": [{"type": "string", "format": "email"}, {"type": "string", "maxLength": 0}]}
)
class OptionalEmailField(serializers.EmailField):
    """An e-mail address or "" (none recorded): ``format: email`` alone would refuse ""."""


class AgencySerializer(serializers.ModelSerializer):
    email = OptionalEmailField(read_only=True)

    class Meta:
        model = Agency
        fields = ["id", *AGENCY_FIELDS]
        read_only_fields = fields


class AgencyBriefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name"]
        read_only_fields = fields


class CommuneBriefSerializer(serializers.ModelSerializer):
    district = serializers.CharField(
        source="district.name", default=None, allow_null=True, read_only=True
    )

    class Meta:
        model = Commune
        fields = ["id", "code", "name", "district"]
        read_only_fields = fields


class AssignmentSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(read_only=True)
    commune = CommuneBriefSerializer(read_only=True)
    focus_criteria = serializers.SerializerMethodField()
    is_active = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = [
            "id",
            "agency",
            "commune",
            "start_date",
            "end_date",
            "decision_number",
            "decision_date",
            "decision_issuer",
            "focus_criteria",
            "goals",
            "is_active",
        ]
        read_only_fields = fields

    def get_focus_criteria(self, assignment: Assignment) -> list[int]:
        return [criterion.number for criterion in assignment.focus_criteria.all()]

    def get_is_active(self, assignment: Assignment) -> bool:
        return assignment.covers(today())


class SupportActivitySerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(source="assignment.agency", read_only=True)
    commune = CommuneBriefSerializer(source="assignment.commune", read_only=True)
    target_criteria = serializers.SerializerMethodField()
    # Declared so the schema allows "" (read-only model fields lose allow_blank).
    beneficiary_unit = serializers.ChoiceField(
        choices=SupportActivity.BeneficiaryUnit.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = SupportActivity
        fields = [
            "id",
            "assignment",
            "agency",
            "commune",
            "date",
            "kind",
            "title",
            "description",
            "village",
            "target_criteria",
            "amount",
            "quantity",
            "quantity_unit",
            "labour_days",
            "beneficiaries",
            "beneficiary_unit",
            "funding_source",
            "is_sample",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_target_criteria(self, activity: SupportActivity) -> list[int]:
        return [criterion.number for criterion in activity.target_criteria.all()]


class AgencyWriteSerializer(InputSerializer):
    name = serializers.CharField(max_length=255)
    short_name = serializers.CharField(max_length=64, required=False, allow_blank=True, default="")
    kind = serializers.ChoiceField(choices=Agency.Kind.choices)
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None
    )
    contact_name = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    phone = serializers.CharField(max_length=32, required=False, allow_blank=True, default="")
    email = OptionalEmailField(required=False, allow_blank=True, default="")
    address = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class AssignmentWriteSerializer(InputSerializer):
    agency = serializers.PrimaryKeyRelatedField(queryset=Agency.objects.all())
    commune = serializers.PrimaryKeyRelatedField(queryset=Commune.objects.all())
    start_date = serializers.DateField()
    end_date = serializers.DateField(required=False, allow_null=True, default=None)
    decision_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    decision_issuer = serializers.CharField(
        max_length=255, required=False, allow_blank=True, default=""
    )
    focus_criteria = serializers.PrimaryKeyRelatedField(
        queryset=Criterion.objects.all(), many=True, required=False, default=list
    )
    goals = serializers.CharField(required=False, allow_blank=True, default="")


class SupportActivityUpdateSerializer(InputSerializer):
    """Fields a recorder sets; negative numbers pass here so the service can refuse them with
    the same message as the page."""

    date = serializers.DateField()
    kind = serializers.ChoiceField(choices=SupportActivity.Kind.choices)
    title = serializers.CharField(max_length=255)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )
    target_criteria = serializers.PrimaryKeyRelatedField(
        queryset=Criterion.objects.all(), many=True, required=False, default=list
    )
    amount = serializers.IntegerField(required=False, default=0)
    quantity = serializers.DecimalField(
        max_digits=14, decimal_places=2, required=False, allow_null=True, default=None
    )
    quantity_unit = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    labour_days = serializers.DecimalField(
        max_digits=10, decimal_places=1, required=False, allow_null=True, default=None
    )
    beneficiaries = serializers.IntegerField(required=False, allow_null=True, default=None)
    beneficiary_unit = serializers.ChoiceField(
        choices=SupportActivity.BeneficiaryUnit.choices,
        required=False,
        allow_blank=True,
        default="",
    )
    funding_source = serializers.ChoiceField(choices=SupportActivity.FundingSource.choices)


class SupportActivityCreateSerializer(SupportActivityUpdateSerializer):
    assignment = serializers.PrimaryKeyRelatedField(queryset=Assignment.objects.all())
