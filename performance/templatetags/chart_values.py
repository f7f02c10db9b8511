"""`{{ value|in_unit:chart.unit }}`: a chart's number formatted by the shared number filters."""

from django import template

from otesite.lib import number_filters as numbers
from performance.web import charts

register = template.Library()

FORMATTERS = {
    charts.PCT: numbers.pct,
    charts.MONEY: numbers.money,
    charts.RATIO: numbers.ratio,
    charts.UNITS: numbers.units,
}


@register.filter
def in_unit(value, unit: str) -> str:
    return FORMATTERS[unit](value)
