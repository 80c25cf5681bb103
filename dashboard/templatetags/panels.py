"""`{% panel panel %}`: a dashboard panel, written by `dashboard.panels`."""

from django import template

from dashboard.panels import panel_html

register = template.Library()


@register.simple_tag(takes_context=True)
def panel(context, panel):
    return panel_html(
        panel,
        quarter=context["dashboard"].quarter,
        indicator_base=context["indicator_base"],
        board_sees_submitted=context["partnership"].board_sees_submitted,
    )
