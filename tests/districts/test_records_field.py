"""Choices of several records refuse ids no integer column can hold, on every database."""

import pytest
from django.core.exceptions import ValidationError

from sel_planner.districts.forms import RecordsField
from sel_planner.districts.models import School


@pytest.mark.parametrize("value", ["99999999999999999999", "-99999999999999999999"])
def test_an_id_past_any_integer_column_is_not_a_choice(cast, value):
    field = RecordsField(queryset=School.objects.filter(district=cast.district))
    with pytest.raises(ValidationError) as error:
        field.clean([str(cast.school.pk), value])
    assert error.value.code == "invalid_pk_value"


def test_the_districts_own_records_are_still_chosen(cast):
    field = RecordsField(queryset=School.objects.filter(district=cast.district))
    assert list(field.clean([str(cast.school.pk)])) == [cast.school]
    with pytest.raises(ValidationError):
        field.clean(["not-a-number"])
