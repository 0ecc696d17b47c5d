import factory

from communes.models import Commune, District, Province, Region, Village


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ("code",)

    code = "06"
    name = "Bắc Kạn"
    region = Region.TDMNPB


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"9{n:02d}")
    name = factory.Sequence(lambda n: f"Huyện {n}")
    kind = "Huyện"


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    province = factory.SubFactory(ProvinceFactory)
    district = factory.SubFactory(DistrictFactory, province=factory.SelfAttribute("..province"))
    code = factory.Sequence(lambda n: f"9{n:04d}")
    name = factory.Sequence(lambda n: f"Xã {n}")
    kind = Commune.Kind.XA
    region = Region.TDMNPB


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    commune = factory.SubFactory(CommuneFactory)
    name = factory.Sequence(lambda n: f"Thôn {n}")
