"""{% chart c %}: an ntm_portal.charts.Chart on a page (with its numbers behind "xem số liệu")
or in a PDF ({% chart c table=False %}: paper shows the figures in the document's own tables)."""

from django import template

register = template.Library()


@register.inclusion_tag("includes/_chart.html")
def chart(chart, table: bool = True, caption: str = "") -> dict:
    return {"chart": chart, "table": table, "caption": caption}
