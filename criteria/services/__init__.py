"""Writes for the criteria app: importing criteria sets and entering assessments."""

from criteria.services.assessments import (
    AssessmentEntry,
    assessment_create,
    assessments_create_many,
)
from criteria.services.imports import criteria_set_import
from criteria.services.validation import values_field

__all__ = [
    "AssessmentEntry",
    "assessment_create",
    "assessments_create_many",
    "criteria_set_import",
    "values_field",
]
