from django import template

from sel_planner.districts import registry

register = template.Library()


@register.simple_tag
def cycle_tools(cycle):
    """The workbook tools of a cycle, in workbook order, for the cycle navigation."""
    return [
        {"slug": tool.slug, "order": tool.order, "title": tool.title, "url": tool.url(cycle)}
        for tool in registry.tools()
    ]
