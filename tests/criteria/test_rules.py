"""The evaluation engine, table-driven and without the database."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from criteria import rules
from criteria.rules import (
    BOOLEAN,
    EQ,
    GTE,
    LTE,
    MET,
    NOT_ASSESSED,
    NOT_MET,
    NUMBER,
    PERCENT,
    CriterionRule,
    IndicatorRule,
)


def rule(kind=PERCENT, comparator=GTE, threshold=D(90), code="x"):
    return IndicatorRule(code=code, kind=kind, comparator=comparator, threshold=threshold)


@pytest.mark.parametrize(
    ("kind", "comparator", "threshold", "value", "expected"),
    [
        # ≥: the threshold itself meets it
        (PERCENT, GTE, D(90), D(90), MET),
        (PERCENT, GTE, D(90), D("89.99"), NOT_MET),
        (PERCENT, GTE, D(90), D("90.01"), MET),
        (PERCENT, GTE, D(100), D(100), MET),
        # ≤: the threshold itself meets it
        (PERCENT, LTE, D(10), D(10), MET),
        (PERCENT, LTE, D(10), D("10.01"), NOT_MET),
        (PERCENT, LTE, D(10), D(0), MET),
        # =
        (NUMBER, EQ, D(3), D(3), MET),
        (NUMBER, EQ, D(3), D("3.00"), MET),
        (NUMBER, EQ, D(3), D("2.99"), NOT_MET),
        # boolean: 1 is Đạt, 0 is Chưa đạt, whatever the comparator
        (BOOLEAN, EQ, D(1), D(1), MET),
        (BOOLEAN, EQ, D(1), D(0), NOT_MET),
        (BOOLEAN, GTE, D(1), D(0), NOT_MET),
        # missing value or missing threshold: not assessed, never met and never silently not met
        (PERCENT, GTE, D(90), None, NOT_ASSESSED),
        (PERCENT, GTE, None, D(100), NOT_ASSESSED),
        (BOOLEAN, EQ, None, D(1), NOT_ASSESSED),
        (NUMBER, LTE, None, None, NOT_ASSESSED),
    ],
)
def test_indicator_result(kind, comparator, threshold, value, expected):
    assert rules.indicator_result(rule(kind, comparator, threshold), value) == expected


def test_unknown_comparator_is_an_error_not_a_result():
    with pytest.raises(ValueError, match="Unknown comparator"):
        rules.indicator_result(rule(comparator="between"), D(5))


@pytest.mark.parametrize(
    ("results", "expected"),
    [
        ([], NOT_ASSESSED),  # a criterion with no indicators is not met: all([]) is True
        ([MET], MET),
        ([MET, MET, MET], MET),
        ([MET, NOT_MET], NOT_MET),
        ([MET, NOT_ASSESSED], NOT_ASSESSED),
        ([NOT_MET, NOT_ASSESSED], NOT_MET),  # one not met decides: it cannot become met
        ([NOT_ASSESSED, NOT_ASSESSED], NOT_ASSESSED),
    ],
)
def test_criterion_result(results, expected):
    assert rules.criterion_result(results) == expected


def nineteen_boolean_criteria():
    return [
        CriterionRule(number=n, indicators=(rule(BOOLEAN, EQ, D(1), code=f"{n}.1"),))
        for n in range(1, 20)
    ]


def test_nineteen_of_nineteen_meets_the_standard():
    evaluation = rules.evaluate(nineteen_boolean_criteria(), {f"{n}.1": D(1) for n in range(1, 20)})

    assert (evaluation.criteria_met, evaluation.criteria_total) == (19, 19)
    assert evaluation.meets_standard is True


def test_eighteen_met_and_one_not_assessed_does_not_meet_the_standard():
    values = {f"{n}.1": D(1) for n in range(1, 19)}

    evaluation = rules.evaluate(nineteen_boolean_criteria(), values)

    assert (evaluation.criteria_met, evaluation.criteria_not_assessed) == (18, 1)
    assert evaluation.meets_standard is False


def test_evaluate_reports_each_indicator_with_the_threshold_applied():
    criteria = [
        CriterionRule(number=1, indicators=(rule(code="1.1"), rule(PERCENT, LTE, D(10), "1.2")))
    ]

    evaluation = rules.evaluate(criteria, {"1.1": D(95), "1.2": D(12)})

    outcome = evaluation.criteria[0]
    assert outcome.result == NOT_MET
    assert [(o.code, o.value, o.threshold, o.result) for o in outcome.indicators] == [
        ("1.1", D(95), D(90), MET),
        ("1.2", D(12), D(10), NOT_MET),
    ]
    assert outcome.indicators_met == 1


def test_criterion_with_no_indicators_is_not_assessed_and_blocks_the_standard():
    criteria = [
        CriterionRule(number=1, indicators=(rule(code="1.1"),)),
        CriterionRule(number=2, indicators=()),
    ]

    evaluation = rules.evaluate(criteria, {"1.1": D(100)})

    assert [c.result for c in evaluation.criteria] == [MET, NOT_ASSESSED]
    assert evaluation.meets_standard is False


def test_evaluate_keeps_each_criterion_under_its_own_number():
    criteria = [CriterionRule(number=n, indicators=(rule(code=f"{n}.1"),)) for n in (3, 1, 7)]

    evaluation = rules.evaluate(criteria, {"3.1": D(95), "1.1": D(10)})

    assert [(c.number, c.result) for c in evaluation.criteria] == [
        (3, MET),
        (1, NOT_MET),
        (7, NOT_ASSESSED),
    ]


def test_empty_set_never_meets_the_standard():
    assert rules.evaluate([], {}).meets_standard is False


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        (PERCENT, D(0), None),
        (PERCENT, D(100), None),
        (PERCENT, D("100.01"), "percent"),  # just over 100 % is refused, not rounded
        (PERCENT, D(140), "percent"),
        (PERCENT, D("-0.01"), "percent"),
        (NUMBER, D(0), None),
        (NUMBER, D(1_000_000), None),
        (NUMBER, D(-3), "negative"),
        (BOOLEAN, D(1), None),
        (BOOLEAN, D("1.00"), None),
        (BOOLEAN, D(0), None),
        (BOOLEAN, D(2), "boolean"),
        (BOOLEAN, D("0.5"), "boolean"),
        (PERCENT, D("NaN"), "not_finite"),
        (NUMBER, D("Infinity"), "not_finite"),
    ],
)
def test_value_error(kind, value, expected):
    assert rules.value_error(kind, value) == expected


# (key, year, value) rows as stored: tdmnpb has 2022 and 2025 rows, dbsh a general one.
INCOME = [("tdmnpb", 2022, D(39)), ("tdmnpb", 2025, D(48)), ("dbsh", None, D(50))]


@pytest.mark.parametrize(
    ("rows", "key", "year", "expected"),
    [
        (INCOME, "tdmnpb", 2022, D(39)),  # the exact year
        (INCOME, "tdmnpb", 2025, D(48)),
        (INCOME, "tdmnpb", 2023, D(39)),  # the latest earlier year still applies
        (INCOME, "tdmnpb", 2026, D(48)),
        (INCOME, "tdmnpb", 2021, None),  # before the first year: nothing applies
        (INCOME, "dbsh", 2023, D(50)),  # general row
        (INCOME, "btb", 2023, None),  # another region's rows never apply
        ([("k", None, D(36)), ("k", 2022, D(39))], "k", 2021, D(36)),  # general before any year
        (
            [("k", None, D(36)), ("k", 2022, D(39))],
            "k",
            2024,
            D(39),
        ),  # a started year beats general
        ([("k", None, D(36)), ("k", 2030, D(60))], "k", 2024, D(36)),  # a future year does not
        ([("k", 2025, D(48)), ("k", 2022, D(39))], "k", 2026, D(48)),  # newest first
        ([("k", 2025, D(48)), ("k", 2022, D(39))], "k", 2023, D(39)),
        ([("k", 2022, D(39)), ("k", 2022, D(40))], "k", 2024, D(39)),  # a duplicate: the first
        ([("k", None, D(36)), ("k", None, D(37))], "k", 2024, D(36)),  # like general rows
        ([("k", None, None)], "k", 2024, None),  # a known-missing value
        ([], "k", 2024, None),
    ],
)
def test_choose_threshold(rows, key, year, expected):
    assert rules.choose_threshold(rows, key, year) == expected


@pytest.mark.parametrize(
    ("value", "threshold", "comparator", "shortfall", "margin"),
    [
        (D("93.5"), D(95), GTE, D("1.5"), D("-1.5")),  # short of ≥ 95
        (D(97), D(95), GTE, D(0), D(2)),  # beyond: no shortfall, a positive margin
        (D(95), D(95), GTE, D(0), D(0)),
        (D(12), D(10), LTE, D(2), D(-2)),  # over ≤ 10
        (D(7), D(10), LTE, D(0), D(3)),
        (D(0), D(1), EQ, D(1), D(-1)),  # = is short either way, never beyond
        (D(3), D(1), EQ, D(2), D(-2)),
        (D(1), D(1), EQ, D(0), D(0)),
        (None, D(95), GTE, None, None),  # missing value or threshold: no distance
        (D(95), None, GTE, None, None),
        (None, None, LTE, None, None),
    ],
)
def test_shortfall_and_margin(value, threshold, comparator, shortfall, margin):
    assert rules.shortfall(value, threshold, comparator) == shortfall
    assert rules.margin(value, threshold, comparator) == margin


@pytest.mark.parametrize(
    ("total", "below", "critical", "expected"),
    [
        (19, 0, False, False),
        (19, 5, True, False),  # 26 %: under 30 % even with a critical one
        (19, 6, False, False),  # 31.6 % without a critical one
        (19, 6, True, True),  # 31.6 % with a critical one
        (19, 9, True, True),  # 47.4 %
        (19, 9, False, False),
        (19, 10, False, True),  # 52.6 %: always
        (10, 3, True, True),  # exactly 30 %
        (10, 5, False, True),  # exactly 50 %
        (10, 4, False, False),  # 40 %: under 50 %, nothing critical
        (1, 1, False, True),  # a set of one criterion
        (1, 0, True, False),
        (0, 0, True, False),
    ],
)
def test_revocation_rule_of_qd_18_2022(total, below, critical, expected):
    assert (
        rules.revocation_applies(
            criteria_total=total, below_standard=below, critical_below=critical
        )
        is expected
    )


# --- properties -------------------------------------------------------------------------------

results = st.sampled_from([MET, NOT_MET, NOT_ASSESSED])
decimals = st.decimals(min_value=0, max_value=100, places=2, allow_nan=False, allow_infinity=False)
ORDER = {NOT_MET: 0, NOT_ASSESSED: 1, MET: 2}


@given(st.lists(results, max_size=8))
def test_adding_a_met_indicator_never_lowers_a_criterion(existing):
    before = rules.criterion_result(existing)
    after = rules.criterion_result([*existing, MET])
    assert ORDER[after] >= ORDER[before]


@given(st.lists(results, min_size=1, max_size=8))
def test_criterion_is_met_only_when_every_indicator_is(indicator_results):
    met = rules.criterion_result(indicator_results) == MET
    assert met == all(r == MET for r in indicator_results)


@given(
    st.lists(
        st.lists(
            st.tuples(st.sampled_from([GTE, LTE, EQ]), decimals, st.none() | decimals), max_size=4
        ),
        max_size=19,
    )
)
def test_met_count_never_exceeds_total(criteria_specs):
    criteria, values = [], {}
    for n, indicators in enumerate(criteria_specs, start=1):
        rules_ = []
        for i, (comparator, threshold, value) in enumerate(indicators):
            code = f"{n}.{i}"
            rules_.append(rule(PERCENT, comparator, threshold, code))
            values[code] = value
        criteria.append(CriterionRule(number=n, indicators=tuple(rules_)))

    evaluation = rules.evaluate(criteria, values)

    assert 0 <= evaluation.criteria_met <= evaluation.criteria_total == len(criteria)
    assert evaluation.criteria_met + evaluation.criteria_not_assessed <= evaluation.criteria_total
    assert evaluation.meets_standard == (
        evaluation.criteria_total > 0 and evaluation.criteria_met == evaluation.criteria_total
    )


@given(decimals, decimals)
def test_gte_and_lte_agree_at_the_boundary(threshold, value):
    met_gte = rules.indicator_result(rule(PERCENT, GTE, threshold), value) == MET
    met_lte = rules.indicator_result(rule(PERCENT, LTE, threshold), value) == MET
    assert met_gte or met_lte  # every value meets at least one side
    assert (met_gte and met_lte) == (value == threshold)


@given(st.none() | decimals, st.none() | decimals)
def test_a_missing_value_or_threshold_is_never_met(threshold, value):
    if threshold is None or value is None:
        assert rules.indicator_result(rule(PERCENT, GTE, threshold), value) == NOT_ASSESSED
