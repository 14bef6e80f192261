"""What the inventory's pages share beyond the page toolkit (`districts.pages`)."""

from django.shortcuts import redirect


def to(name, cycle, **kwargs):
    return redirect(f"inventory:{name}", district=cycle.district.slug, cycle=cycle.slug, **kwargs)
