"""The national data set's INSERT … SELECT statements (bench/national.py runs them in order).

Rows are spread by arithmetic on the row number, so every run builds the same data set: commune
n is difficult when n mod 10 is 0 or 1 (especially difficult at 2), recognised when n mod 5 is
4, planned for this year when n mod 10 is 3, and left without a sponsor when difficult and
n mod 7 is 0; commune n mod 10 = 5 has a second sponsor.
"""

PROVINCES = """
INSERT INTO communes_province (code, name, region, is_sample_data)
SELECT lpad((p + 1)::text, 2, '0'), 'Tỉnh thử tải ' || (p + 1),
       (%(regions)s::text[])[p %% cardinality(%(regions)s::text[]) + 1], false
FROM generate_series(0, %(count)s - 1) p
"""

DISTRICTS = """
INSERT INTO communes_district (code, name, kind, province_id)
SELECT 'D' || lpad(d::text, 5, '0'), 'Huyện thử tải ' || d, 'Huyện', pr.id
FROM generate_series(0, %(count)s - 1) d
JOIN (SELECT id, row_number() OVER (ORDER BY code) - 1 AS k, count(*) OVER () AS total
      FROM communes_province) pr ON pr.k = d %% pr.total
"""

COMMUNES = """
WITH d AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(province_id ORDER BY id) AS provinces
           FROM communes_district)
INSERT INTO communes_commune (code, name, search_name, kind, region, commune_group, difficulty,
    ntm_level, ntm_level_year, target_year, meets_standard, district_id, province_id,
    assessed_stage)
SELECT 'C' || lpad(n::text, 5, '0'), 'Xã thử tải ' || n, 'xa thu tai ' || n, 'xa', p.region, '',
       CASE WHEN n %% 10 IN (0, 1) THEN 'difficult'
            WHEN n %% 10 = 2 THEN 'especially_difficult' ELSE 'normal' END,
       CASE WHEN n %% 5 = 4 THEN 'standard' ELSE 'none' END,
       CASE WHEN n %% 5 = 4 THEN 2021 + n %% 4 END,
       CASE WHEN n %% 10 = 3 THEN %(year)s END,
       false, d.ids[n %% cardinality(d.ids) + 1], p.id, ''
FROM d CROSS JOIN generate_series(0, %(count)s - 1) n
JOIN communes_province p ON p.id = d.provinces[n %% cardinality(d.ids) + 1]
"""

# Criteria met climbs by one a quarter from a commune's own start, with the odd loss.
ASSESSMENTS = """
INSERT INTO criteria_assessment (period, stage, created_at, note, criteria_met, criteria_total,
    criteria_not_assessed, meets_standard, is_current, commune_id, entered_by_id,
    criteria_set_id, criteria_lost)
SELECT per.period, 'self_assessed', per.period + interval '20 days', '', m.met, 19, 0,
       m.met = 19, per.i = cardinality(%(periods)s::date[]), c.id, %(office)s, %(set_id)s, 0
FROM communes_commune c
CROSS JOIN unnest(%(periods)s::date[]) WITH ORDINALITY AS per(period, i)
CROSS JOIN LATERAL (
    SELECT least(19, greatest(0, (c.id * 7919) %% 12 + per.i::int
                 - CASE WHEN (c.id + per.i) %% 5 = 0 THEN 3 ELSE 0 END)) AS met
) m
"""

# Commune c meets the criteria whose (7 × number + c) mod 19 is below its count.
CRITERION_RESULTS = """
INSERT INTO criteria_criterionresult
    (assessment_id, criterion_id, result, indicators_met, indicators_total, is_current)
SELECT a.id, c.id, r.result, CASE WHEN r.result = 'met' THEN 1 ELSE 0 END, 1, a.is_current
FROM criteria_assessment a CROSS JOIN criteria_criterion c
CROSS JOIN LATERAL (
    SELECT CASE WHEN (7 * c.number + a.commune_id) %% 19 < a.criteria_met
                THEN 'met' ELSE 'not_met' END AS result
) r
WHERE c.criteria_set_id = %(set_id)s
"""

INDICATOR_VALUES = """
INSERT INTO criteria_indicatorvalue (value, threshold_value, result, assessment_id, indicator_id)
SELECT 1, NULL, cr.result, a.id, i.id
FROM criteria_assessment a
JOIN criteria_criterionresult cr ON cr.assessment_id = a.id
JOIN criteria_indicator i ON i.criterion_id = cr.criterion_id
JOIN criteria_criterion c ON c.id = cr.criterion_id AND c.criteria_set_id = %(set_id)s
WHERE a.is_current
"""

COMMUNE_STANDINGS = """
UPDATE communes_commune c
SET criteria_met = a.criteria_met, criteria_total = a.criteria_total,
    meets_standard = a.meets_standard, assessed_period = a.period, assessed_stage = a.stage
FROM criteria_assessment a WHERE a.commune_id = c.id AND a.is_current
"""

AGENCIES = """
INSERT INTO sponsorships_agency (created_at, updated_at, name, short_name, kind, contact_name,
    phone, email, address)
SELECT now(), now(), 'Cơ quan thử tải ' || n, 'CQ' || n, 'department', '', '', '', ''
FROM generate_series(0, %(count)s - 1) n
"""

ASSIGNMENTS = """
WITH c AS (SELECT id, difficulty, row_number() OVER (ORDER BY id) - 1 AS n FROM communes_commune),
ag AS (SELECT array_agg(id ORDER BY id) AS ids FROM sponsorships_agency),
pairs AS (
    SELECT c.id AS commune_id, c.n, 0 AS extra FROM c
    WHERE c.difficulty = 'normal' OR c.n %% 7 <> 0
    UNION ALL
    SELECT c.id, c.n, 1 FROM c WHERE c.n %% 10 = 5
)
INSERT INTO sponsorships_assignment (created_at, updated_at, start_date, decision_number,
    decision_issuer, goals, agency_id, commune_id)
SELECT now(), now(), DATE '2025-01-01', pairs.n || '/QĐ-UBND', '', '',
       ag.ids[(pairs.n + 7 * pairs.extra) %% cardinality(ag.ids) + 1], pairs.commune_id
FROM pairs CROSS JOIN ag
"""

# Assignment ids in an array: a join on "row number = n mod count" is a nested loop.
ACTIVITIES = """
WITH a AS (SELECT array_agg(id ORDER BY id) AS ids FROM sponsorships_assignment)
INSERT INTO sponsorships_supportactivity (created_at, updated_at, date, kind, title, description,
    amount, quantity_unit, beneficiary_unit, funding_source, version, assignment_id, is_sample)
SELECT now(), now(), %(today)s::date - (n * 7919 %% 366)::int,
       (%(kinds)s::text[])[n %% cardinality(%(kinds)s::text[]) + 1],
       'Hoạt động thử tải ' || n, '', (n * 31 %% 200) * 500000, '', '', 'agency_budget', 1,
       a.ids[n %% cardinality(a.ids) + 1], false
FROM a CROSS JOIN generate_series(0::bigint, %(count)s - 1) n
"""

PAST_REPORTS = """
INSERT INTO sponsorships_monthlyreport (created_at, updated_at, period, due_at, status,
    submitted_at, is_late, difficulties, proposals, next_month_plan, reminders_sent, version,
    assignment_id)
SELECT now(), now(), %(period)s, %(due)s,
       CASE WHEN id %% 10 = 0 THEN 'submitted' ELSE 'accepted' END,
       %(due)s::timestamptz - interval '2 days', false, '', '', '', 0, 1, id
FROM sponsorships_assignment
"""

# Community contributions: each commune records CONTRIBUTIONS_PER_QUARTER (its villages', say)
# in each of the quarters assessed.
CONTRIBUTIONS = """
INSERT INTO campaigns_contribution (created_at, updated_at, commune_id, period_start, period_end,
    land_m2, labour_days, money, goods_value, contributors, note, is_sample)
SELECT now(), now(), c.id, q, (q + interval '3 months' - interval '1 day')::date,
       (c.id * 13 + k * 7) %% 50 * 10, (c.id + k) %% 40, ((c.id * 31 + k) %% 200) * 100000,
       ((c.id * 17 + k) %% 100) * 50000, 'Nhân dân thôn ' || (k + 1), '', false
FROM communes_commune c CROSS JOIN unnest(%(periods)s::date[]) q
CROSS JOIN generate_series(0, %(per_quarter)s - 1) k
"""
