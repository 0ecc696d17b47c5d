"""Demo data for this app (sample data, labelled as such in the UI)."""


def load(**kwargs):
    raise NotImplementedError
