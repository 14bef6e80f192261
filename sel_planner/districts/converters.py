"""The path converter for tokens and codes, so that a segment no token could hold is a 404."""


class TokenConverter:
    """Matches what a link token, a password-reset part or a rubric item code can hold.

    Tokens come from `secrets.token_urlsafe` (URL-safe base64), password-reset links from
    Django's base64 user id and token, item codes look like "1-A": all of them letters,
    digits, "-" and "_". Anything else (a NUL, a space, a percent sign, a non-ASCII letter)
    cannot be one, so the URL does not match and the answer is a 404 before any query runs.
    """

    regex = "[-A-Za-z0-9_]{1,128}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
