"""Writes for the criteria app: importing criteria sets and entering assessments."""

from criteria.services.assessments import assessment_create, values_field
from criteria.services.imports import criteria_set_import

__all__ = ["assessment_create", "criteria_set_import", "values_field"]
