"""API for monthly reports (issue 4)."""


def register(router) -> None:
    """Register this module's viewsets on the sponsorships router."""
