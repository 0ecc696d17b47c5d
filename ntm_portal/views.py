"""Kernel views: notifications and the JSON-aware 404."""

from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    HttpResponseRedirect,
    JsonResponse,
)
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.defaults import page_not_found
from django.views.generic import ListView

from ntm_portal.forms import NotificationMarkReadForm
from ntm_portal.http import safe_next
from ntm_portal.models import Notification
from ntm_portal.pagination import ClampedPaginationMixin


class NotificationListView(ClampedPaginationMixin, ListView):
    template_name = "ntm_portal/notification_list.html"
    paginate_by = 30

    def get_queryset(self):
        return Notification.objects.filter(user=self.request.user)


class NotificationMarkReadView(View):
    """POST marks one notification (``id``) or all of the user's notifications as read."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = NotificationMarkReadForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Mã thông báo không hợp lệ."))
        notifications = Notification.objects.filter(user=request.user, read_at__isnull=True)
        if form.cleaned_data["id"] is not None:
            notifications = notifications.filter(pk=form.cleaned_data["id"])
        notifications.update(read_at=timezone.now())
        return HttpResponseRedirect(safe_next(request, "notification_list"))


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """API paths get a JSON 404 (as the schema says), pages the Vietnamese HTML page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": _("Không tìm thấy.")}, status=404)
    return page_not_found(request, exception)
