from django.utils.functional import SimpleLazyObject


def navigation(request):
    """The signed-in person's districts for the district switcher (evaluated only if shown)."""
    if not request.user.is_authenticated:
        return {}
    from sel_planner.districts.selectors import districts_for_user

    return {"my_districts": SimpleLazyObject(lambda: list(districts_for_user(user=request.user)))}
