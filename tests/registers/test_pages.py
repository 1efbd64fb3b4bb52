"""Every page of the module renders for the roles that use it, and the dashboard lists the chief's work."""

from datetime import date

import pytest

from hogokan.registers import services
from hogokan.registers.api import affairs_for, dashboard_items, files_for

from .conftest import actor, file_data


@pytest.fixture
def everything(town, chief, published, draft):
    affair = services.affair_start(actor=chief, organ=town.mayor, unit=town.citizens, name="住民基本台帳事務",
                                   started_on=date(2020, 4, 1))
    specific = services.file_load_published(actor=chief, **file_data(town, name="特定ファイル", is_specific=True))
    pia = services.pia_save(actor=chief, file=specific, persons=5000, handlers=10, serious_accident=False,
                            published_on=date(2024, 6, 1))
    return {"affair": affair, "pia": pia, "file": published, "draft": draft}


@pytest.mark.parametrize("role", ["chief", "officer", "staff", "manager", "auditor"])
def test_pages_render(client_for, everything, role):
    client = client_for(role)
    file, affair, pia = everything["file"], everything["affair"], everything["pia"]
    urls = ["/registers/", "/registers/?status=all&kind=statutory&q=住民", "/registers/affairs/",
            "/registers/affairs/?state=all", "/registers/counts/", "/registers/pias/", f"/registers/files/{file.pk}/",
            f"/registers/files/{file.pk}/versions/1/", f"/registers/affairs/{affair.pk}/", f"/registers/pias/{pia.pk}/",
            "/registers/export/", "/registers/import/template/?format=csv", "/registers/public/"]
    for url in urls:
        assert client.get(url).status_code == 200, url
    if role in ("chief", "officer", "staff"):
        for url in ["/registers/files/new/", "/registers/affairs/new/", "/registers/pias/new/",
                    f"/registers/pias/{pia.pk}/reevaluate/", f"/registers/affairs/{affair.pk}/change/"]:
            assert client.get(url).status_code == 200, url
    else:
        assert client.get("/registers/files/new/").status_code == 403


def test_dashboard_and_read_helpers(town, everything):
    chief = actor(town, "chief")
    services.file_submit(actor=town.user("officer"), file=everything["draft"])
    labels = [item.label for item in dashboard_items(chief, date(2026, 11, 29))]
    assert any("承認待ち" in label for label in labels)
    officer = actor(town, "officer")
    assert {f.name for f in files_for(officer)} >= {"住民基本台帳ファイル"}
    assert not files_for(actor(town, "officer2")).filter(unit=town.citizens).exists()
    assert [a.name for a in affairs_for(officer, on=date(2025, 3, 31))] == ["住民基本台帳事務"]
    assert dashboard_items(actor(town, "contractor"), date(2026, 11, 29)) == []
