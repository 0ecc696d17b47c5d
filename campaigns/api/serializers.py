"""Campaign API serializers: output (read only) and input (named for the action). The recording
user and the version are never inputs."""

from __future__ import annotations

from rest_framework import serializers

from campaigns.models import (
    Award,
    AwardForm,
    Campaign,
    Contribution,
    EmulationTitle,
    Pledge,
    RecipientKind,
)
from communes.models import Commune, Village
from ntm_portal.api import InputSerializer
from sponsorships.api.activity_serializers import AgencyBriefSerializer, CommuneBriefSerializer
from sponsorships.models import Agency


class CampaignSerializer(serializers.ModelSerializer):
    class Meta:
        model = Campaign
        fields = [
            "id",
            "name",
            "level",
            "kind",
            "parent",
            "launched_by",
            "decision_number",
            "decision_date",
            "start_date",
            "end_date",
            "goals",
            "target_communes_standard",
            "target_criteria_gained",
            "target_money",
            "is_sample",
            "version",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class CampaignWriteSerializer(InputSerializer):
    """Negative targets pass here so the service refuses them with the page's message."""

    name = serializers.CharField(max_length=255)
    level = serializers.ChoiceField(choices=Campaign.Level.choices)
    kind = serializers.ChoiceField(
        choices=Campaign.Kind.choices, required=False, default=Campaign.Kind.CAMPAIGN
    )
    parent = serializers.PrimaryKeyRelatedField(
        queryset=Campaign.objects.all(), required=False, allow_null=True, default=None
    )
    launched_by = serializers.CharField(max_length=255)
    decision_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    start_date = serializers.DateField()
    end_date = serializers.DateField()
    goals = serializers.CharField(required=False, allow_blank=True, default="")
    target_communes_standard = serializers.IntegerField(
        required=False, allow_null=True, default=None, max_value=2_000_000_000
    )
    target_criteria_gained = serializers.IntegerField(
        required=False, allow_null=True, default=None, max_value=2_000_000_000
    )
    target_money = serializers.IntegerField(
        required=False, allow_null=True, default=None, max_value=9_000_000_000_000_000_000
    )


class PledgeSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(read_only=True, allow_null=True)
    commune = CommuneBriefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Pledge
        fields = [
            "id",
            "campaign",
            "agency",
            "commune",
            "content",
            "due_date",
            "target_criteria_gained",
            "target_amount",
            "is_sample",
            "created_at",
        ]
        read_only_fields = fields


class PledgeCreateSerializer(InputSerializer):
    """``agency`` / ``commune``: the office names one; agency staff and commune officers may
    leave it out (their own) and may not name another."""

    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None
    )
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True, default=None
    )
    content = serializers.CharField()
    due_date = serializers.DateField()
    target_criteria_gained = serializers.IntegerField(
        required=False, allow_null=True, default=None, max_value=2_000_000_000
    )
    target_amount = serializers.IntegerField(
        required=False, allow_null=True, default=None, max_value=9_000_000_000_000_000_000
    )


class ContributionSerializer(serializers.ModelSerializer):
    commune = CommuneBriefSerializer(read_only=True)

    class Meta:
        model = Contribution
        fields = [
            "id",
            "commune",
            "village",
            "period_start",
            "period_end",
            "land_m2",
            "labour_days",
            "money",
            "goods_value",
            "contributors",
            "note",
            "is_sample",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ContributionWriteSerializer(InputSerializer):
    """Negative amounts pass here so the service refuses them with the page's message.
    ``commune``: a commune officer may leave it out (their own) and may not name another."""

    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True, default=None
    )
    village = serializers.PrimaryKeyRelatedField(
        queryset=Village.objects.all(), required=False, allow_null=True, default=None
    )
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    land_m2 = serializers.DecimalField(max_digits=14, decimal_places=1, required=False, default=0)
    labour_days = serializers.DecimalField(
        max_digits=14, decimal_places=1, required=False, default=0
    )
    money = serializers.IntegerField(required=False, default=0, max_value=9_000_000_000_000_000_000)
    goods_value = serializers.IntegerField(
        required=False, default=0, max_value=9_000_000_000_000_000_000
    )
    contributors = serializers.CharField(required=False, allow_blank=True, default="")
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AwardSerializer(serializers.ModelSerializer):
    agency = AgencyBriefSerializer(read_only=True, allow_null=True)
    commune = CommuneBriefSerializer(read_only=True, allow_null=True)
    title = serializers.CharField(
        source="title.name", read_only=True, allow_null=True, default=None
    )
    form = serializers.CharField(source="form.name", read_only=True, allow_null=True, default=None)

    class Meta:
        model = Award
        fields = [
            "id",
            "campaign",
            "title",
            "form",
            "recipient_kind",
            "recipient_name",
            "agency",
            "commune",
            "reason",
            "status",
            "review_note",
            "decision_number",
            "decision_date",
            "signer",
            "is_sample",
            "version",
            "created_at",
        ]
        read_only_fields = fields


class AwardProposeSerializer(InputSerializer):
    campaign = serializers.PrimaryKeyRelatedField(queryset=Campaign.objects.all())
    title = serializers.PrimaryKeyRelatedField(
        queryset=EmulationTitle.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    form = serializers.PrimaryKeyRelatedField(
        queryset=AwardForm.objects.filter(is_active=True),
        required=False,
        allow_null=True,
        default=None,
    )
    recipient_kind = serializers.ChoiceField(choices=RecipientKind.choices)
    recipient_name = serializers.CharField(max_length=255)
    agency = serializers.PrimaryKeyRelatedField(
        queryset=Agency.objects.all(), required=False, allow_null=True, default=None
    )
    commune = serializers.PrimaryKeyRelatedField(
        queryset=Commune.objects.all(), required=False, allow_null=True, default=None
    )
    reason = serializers.CharField()


class AwardReviewSerializer(InputSerializer):
    approve = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="")


class AwardDecideSerializer(InputSerializer):
    """Number and date are checked by the service, with the page's message."""

    decision_number = serializers.CharField(
        max_length=64, required=False, allow_blank=True, default=""
    )
    decision_date = serializers.DateField(required=False, allow_null=True, default=None)
    signer = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
