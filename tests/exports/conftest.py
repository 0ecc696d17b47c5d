"""A test export kind ("tests.numbers"): rows of numbers, optionally failing half-way."""

import pytest

from exports import registry
from ntm_portal.documents import xlsx
from ntm_portal.permissions import has_portal_role

KIND = "tests.numbers"


def write_numbers(target, *, user, params, progress):
    total = int(params.get("rows", 3))
    progress(0, total)

    def rows():
        for i in range(total):
            if params.get("fail_at") == i:
                raise RuntimeError("hỏng giữa chừng")
            yield [i, i * 1_000]

    columns = [xlsx.Column("Số", 8, xlsx.INTEGER), xlsx.Column("Giá trị", 12, xlsx.MONEY)]
    sheet = xlsx.Sheet(name="Số liệu", columns=columns, rows=rows())
    return xlsx.write_workbook(target, [sheet], progress=lambda done: progress(done, total))


@pytest.fixture(autouse=True)
def numbers_kind():
    kind = registry.ExportKind(
        name=KIND,
        label="Số liệu thử",
        allowed=has_portal_role,
        write=write_numbers,
        filename=lambda params: "so-lieu.xlsx",
    )
    registry.register(kind)
    yield kind
    registry.unregister(KIND)
