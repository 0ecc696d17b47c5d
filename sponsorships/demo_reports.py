"""Demo monthly reports (issue 4)."""


def load(**kwargs) -> None:
    """Open and fill some monthly reports for the demo assignments."""
