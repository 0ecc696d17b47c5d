"""{% several_provinces as flag %}: whether the deployment holds more than one province the
user may see, for the national overview's menu entry (one small query)."""

from django import template

from communes.selectors import province_list

register = template.Library()


@register.simple_tag(takes_context=True)
def several_provinces(context: template.Context) -> bool:
    user = context.get("user")
    if user is None or not user.is_authenticated:
        return False
    return province_list(user=user).order_by()[:2].count() > 1
