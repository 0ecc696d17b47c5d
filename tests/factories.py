"""Users. Each app's factories live in tests/<app>/factories.py."""

import factory

from ntm_portal.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Nguyễn"
    last_name = factory.Sequence(lambda n: f"Văn {n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.gov.vn")
    password = factory.django.Password("mat-khau-thu-nghiem")
    role = User.Role.LEADER
