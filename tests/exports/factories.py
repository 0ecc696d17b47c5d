import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from exports.models import ExportJob
from exports.services.jobs import params_key
from tests.factories import UserFactory


class ExportJobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExportJob

    requested_by = factory.SubFactory(UserFactory)
    kind = "tests.numbers"
    params = factory.LazyFunction(dict)
    params_key = factory.LazyAttribute(lambda job: params_key(job.params))


def done_job(user, *, days_left: int = 7, **kwargs) -> ExportJob:
    """A finished job with a small file in default storage."""
    now = timezone.now()
    job = ExportJobFactory(
        requested_by=user,
        status=ExportJob.Status.DONE,
        progress=100,
        filename="so-lieu.xlsx",
        finished_at=now,
        expires_at=now + dt.timedelta(days=days_left),
        **kwargs,
    )
    job.file.save("so-lieu.xlsx", ContentFile(b"PK-noi-dung"), save=True)
    return job
