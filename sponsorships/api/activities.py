"""API for agencies, assignments and activities (issue 3)."""


def register(router) -> None:
    """Register this module's viewsets on the sponsorships router."""
