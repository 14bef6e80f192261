from django import template

from roadmap.data_sources import data_source_labels

from ..key_activities import key_activity

register = template.Library()


@register.filter
def data_labels(keys) -> list[str]:
    return data_source_labels(keys or [])


@register.filter
def key_activity_label(key) -> str:
    activity = key_activity(key)
    return activity.citation if activity else key
