"""Names the builder gives and the load client signs in with (no Django needed)."""

PASSWORD = "bench-password-2026"


def district_slug(index: int) -> str:
    return f"bench-{index:03d}"


def lead_email(index: int) -> str:
    return f"lead@{district_slug(index)}.example"
