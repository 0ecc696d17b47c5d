"""Reads of the dashboards, scoped by user; each module serves one page and its API."""
