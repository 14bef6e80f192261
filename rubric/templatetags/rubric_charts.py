"""The rubric results charts and number filters, drawn by the product's chart module."""

from django import template

from sel_planner import charts

register = template.Library()

score = register.filter(charts.score)
signed = register.filter(charts.signed)
averages_chart = register.simple_tag(charts.averages_chart)
heatmap_chart = register.simple_tag(charts.heatmap_chart)
trend_chart = register.simple_tag(charts.trend_chart)
