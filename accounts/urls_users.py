"""The coordination office's user management pages, under /accounts/users/."""

from django.urls import path

from accounts.views import user_imports, users

urlpatterns = [
    path("users/", users.user_list_view, name="user_list"),
    path("users/new/", users.user_create_view, name="user_create"),
    path("users/import/", user_imports.user_import_view, name="user_import"),
    path("users/import/apply/", user_imports.user_import_apply_view, name="user_import_apply"),
    path(
        "users/import/template.csv",
        user_imports.user_import_template_view,
        name="user_import_template",
    ),
    path("users/<int:pk>/", users.user_detail_view, name="user_detail"),
    path("users/<int:pk>/edit/", users.user_update_view, name="user_update"),
    path("users/<int:pk>/deactivate/", users.user_deactivate_view, name="user_deactivate"),
    path("users/<int:pk>/reactivate/", users.user_reactivate_view, name="user_reactivate"),
    path(
        "users/<int:pk>/temporary-password/",
        users.user_temporary_password_view,
        name="user_temporary_password",
    ),
    path(
        "users/<int:pk>/password-reset/",
        users.user_password_reset_view,
        name="user_password_reset",
    ),
    path("users/<int:pk>/invitation/", users.user_invitation_send_view, name="user_invitation"),
    path("users/<int:pk>/unlock/", users.user_unlock_view, name="user_unlock"),
]
