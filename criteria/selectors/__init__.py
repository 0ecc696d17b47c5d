"""Reads for the criteria app: sets, assessments, per-commune grids, province statistics and
where communes stood at the end of any period (standings).

Every function runs a fixed number of queries, whatever the number of rows.
"""

from criteria.selectors.assessments import (
    STAGE_RANK_SQL,
    CarriedValue,
    StartingPoint,
    assessable_commune_get,
    assessment_detail_list,
    assessment_get,
    assessment_list,
    assessments_ranked,
    assessments_starting_points,
    commune_assessment_history,
    commune_assessments,
    commune_current_values,
    commune_unmet_criteria,
    current_rule,
    current_rule_changes,
)
from criteria.selectors.gaps import (
    CriterionGap,
    LostCriterion,
    communes_gaps,
    communes_lost_criteria,
    lost_criterion_results,
    lost_results,
    shortfall,
)
from criteria.selectors.grids import (
    CriteriaGrid,
    CriterionLine,
    IndicatorLine,
    assessment_grid,
    commune_criteria_grid,
)
from criteria.selectors.lineage import MergedHistory, UnitHistory, commune_merged_history
from criteria.selectors.sets import (
    CriterionWithIndicators,
    IndicatorWithThresholds,
    criteria_set_current,
    criteria_set_for_period,
    criteria_set_get,
    criteria_set_list,
    criteria_with_thresholds,
    criterion_rules,
    scored_in_force,
    scored_out_of,
)
from criteria.selectors.standings import StandingCount, standing_counts
from criteria.selectors.stats import CriterionStat, province_criterion_stats, province_met_counts
from criteria.selectors.tables import CriteriaSetTable, criteria_set_table

__all__ = [
    "STAGE_RANK_SQL",
    "CarriedValue",
    "StartingPoint",
    "assessments_ranked",
    "assessments_starting_points",
    "CriterionGap",
    "LostCriterion",
    "communes_gaps",
    "communes_lost_criteria",
    "lost_criterion_results",
    "lost_results",
    "shortfall",
    "CriteriaGrid",
    "CriteriaSetTable",
    "CriterionLine",
    "CriterionStat",
    "CriterionWithIndicators",
    "IndicatorLine",
    "IndicatorWithThresholds",
    "StandingCount",
    "assessable_commune_get",
    "assessment_detail_list",
    "assessment_get",
    "assessment_grid",
    "assessment_list",
    "commune_assessment_history",
    "commune_assessments",
    "commune_criteria_grid",
    "commune_merged_history",
    "MergedHistory",
    "UnitHistory",
    "commune_current_values",
    "commune_unmet_criteria",
    "current_rule",
    "current_rule_changes",
    "criteria_set_current",
    "criteria_set_for_period",
    "scored_in_force",
    "scored_out_of",
    "criteria_set_get",
    "criteria_set_list",
    "criteria_set_table",
    "criteria_with_thresholds",
    "criterion_rules",
    "province_criterion_stats",
    "province_met_counts",
    "standing_counts",
]
