"""Output serializers of the dashboards' JSON: the dataclasses of dashboards.selectors, with
every field declared so the schema says exactly what the pages show. Amounts are whole đồng,
averages of criteria met have two decimals (the pages' format)."""

from __future__ import annotations

from rest_framework import serializers

AVERAGE = {"max_digits": 5, "decimal_places": 2, "allow_null": True}


class ProvinceRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class SpanSerializer(serializers.Serializer):
    label = serializers.CharField(help_text="2025, Q3/2026")
    start = serializers.DateField()
    end = serializers.DateField(help_text="Ngày đầu tiên sau kỳ (giới hạn mở).")


class CountFigureSerializer(serializers.Serializer):
    value = serializers.IntegerField()
    previous = serializers.IntegerField()
    change = serializers.IntegerField()


class AverageFigureSerializer(serializers.Serializer):
    value = serializers.DecimalField(**AVERAGE)
    previous = serializers.DecimalField(**AVERAGE)
    change = serializers.DecimalField(**AVERAGE)


class FiguresSerializer(serializers.Serializer):
    """Now and at the end of the previous period; recognition levels against the end of the
    previous year (decisions carry a year only)."""

    at_standard = CountFigureSerializer()
    level_standard = CountFigureSerializer()
    level_advanced = CountFigureSerializer()
    level_model = CountFigureSerializer()
    average_met = AverageFigureSerializer()


class BreakdownSerializer(serializers.Serializer):
    value = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()


class TotalsSerializer(serializers.Serializer):
    communes = serializers.IntegerField()
    xa = serializers.IntegerField()
    assessed = serializers.IntegerField()
    difficult = serializers.IntegerField()
    recognised = serializers.IntegerField()
    by_level = BreakdownSerializer(many=True)
    by_difficulty = BreakdownSerializer(many=True)


class DistributionSerializer(serializers.Serializer):
    criteria_met = serializers.IntegerField()
    communes = serializers.IntegerField()


class CriterionStatSerializer(serializers.Serializer):
    criterion_id = serializers.IntegerField()
    number = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    met = serializers.IntegerField()
    not_met = serializers.IntegerField()
    not_assessed = serializers.IntegerField()
    assessed = serializers.IntegerField()
    percent_met = serializers.IntegerField()


class TrendPointSerializer(serializers.Serializer):
    label = serializers.CharField()
    end = serializers.DateField()
    is_running = serializers.BooleanField()
    assessed = serializers.IntegerField()
    at_standard = serializers.IntegerField()
    average_met = serializers.DecimalField(**AVERAGE)


class GroupRowSerializer(serializers.Serializer):
    key = serializers.CharField(
        allow_null=True, help_text="Id của huyện, hoặc mã nhóm xã; null: không thuộc nhóm nào."
    )
    label = serializers.CharField()
    communes = serializers.IntegerField()
    xa = serializers.IntegerField()
    assessed = serializers.IntegerField()
    at_standard = serializers.IntegerField()
    at_standard_before = serializers.IntegerField()
    percent_at_standard = serializers.IntegerField()
    recognised = serializers.IntegerField()
    average_met = serializers.DecimalField(**AVERAGE)
    average_met_before = serializers.DecimalField(**AVERAGE)
    difficult = serializers.IntegerField()


class MonthTotalSerializer(serializers.Serializer):
    month = serializers.DateField()
    count = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="đồng")


class AgencyTotalSerializer(serializers.Serializer):
    agency_id = serializers.IntegerField(source="key")
    name = serializers.CharField(source="label")
    count = serializers.IntegerField()
    amount = serializers.IntegerField(help_text="đồng")


class SponsorshipYearSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    count = serializers.IntegerField(source="summary.count")
    amount = serializers.IntegerField(source="summary.amount", help_text="đồng")
    labour_days = serializers.DecimalField(
        source="summary.labour_days", max_digits=12, decimal_places=1
    )
    agencies = serializers.IntegerField(source="summary.agencies")
    communes = serializers.IntegerField(source="summary.communes")
    months = MonthTotalSerializer(many=True)
    top_agencies = AgencyTotalSerializer(many=True)


class CompletenessSerializer(serializers.Serializer):
    expected = serializers.IntegerField()
    submitted = serializers.IntegerField()
    on_time = serializers.IntegerField()
    late = serializers.IntegerField()
    missing = serializers.IntegerField()
    returned = serializers.IntegerField()
    percent_submitted = serializers.IntegerField()


class ProvinceOverviewSerializer(serializers.Serializer):
    province = ProvinceRefSerializer()
    trend_kind = serializers.ChoiceField(choices=["year", "quarter"])
    previous = SpanSerializer(help_text="Kỳ trước: thay đổi được tính từ cuối kỳ này.")
    recognition_year = serializers.IntegerField()
    figures = FiguresSerializer(source="figures_by_key")
    totals = TotalsSerializer()
    distribution = DistributionSerializer(source="distribution_rows", many=True)
    criteria = CriterionStatSerializer(many=True, help_text="Tiêu chí yếu nhất trước.")
    trend = TrendPointSerializer(many=True)
    group_by = serializers.ChoiceField(choices=["district", "commune_group"])
    on = serializers.DateField(allow_null=True, help_text="Ngày của cơ cấu hành chính, nếu có.")
    comparison = GroupRowSerializer(many=True)
    sponsorship = SponsorshipYearSerializer()
    completeness_period = serializers.DateField()
    completeness = CompletenessSerializer(
        allow_null=True, help_text="null cho vai trò không xem được tình hình nộp báo cáo."
    )


class ProvinceRowSerializer(serializers.Serializer):
    province = ProvinceRefSerializer()
    communes = serializers.IntegerField()
    xa = serializers.IntegerField()
    assessed = serializers.IntegerField()
    at_standard = serializers.IntegerField()
    at_standard_before = serializers.IntegerField()
    percent_at_standard = serializers.IntegerField()
    recognised = serializers.IntegerField()
    advanced = serializers.IntegerField()
    model = serializers.IntegerField()
    average_met = serializers.DecimalField(**AVERAGE)
    average_met_before = serializers.DecimalField(**AVERAGE)


class NationalOverviewSerializer(serializers.Serializer):
    is_national = serializers.BooleanField(help_text="false khi cổng chỉ quản lý một tỉnh.")
    previous = SpanSerializer()
    provinces = ProvinceRowSerializer(many=True)
