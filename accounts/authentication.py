"""API authentication by named, hashed, expiring tokens (django-rest-knox)."""

from knox.auth import TokenAuthentication


class ApiTokenAuthentication(TokenAuthentication):
    """knox's token check; its ``WWW-Authenticate: Token`` makes refusals a 401."""
