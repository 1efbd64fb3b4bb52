"""``python -m tests.faults._prepare N``: N sections with an officer each, an API token each and an open
self-inspection for all of them; prints ``{"jobs": [[response_id, token], …], "numbers": […]}``.

Run in its own process against the fault test's own database (the environment names it).
"""

import json
import os
import sys
from datetime import date

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
import django  # noqa: E402

django.setup()

from bench.inspections import prepare_submits  # noqa: E402

from hogokan.org.models import Organ, OrgUnit, UnitKind  # noqa: E402


def main(count: int) -> None:
    organ = Organ.objects.create(code="mayor", name="市長", display_order=1)
    bureau = OrgUnit.objects.create(organ=organ, code="B000", name="第1局", kind=UnitKind.BUREAU,
                                    valid_from=date(2010, 4, 1))
    OrgUnit.objects.bulk_create(
        OrgUnit(organ=organ, parent=bureau, code=f"S{index:04d}", name=f"第{index + 1}課", kind=UnitKind.SECTION,
                valid_from=date(2010, 4, 1))
        for index in range(count))
    jobs, numbers = prepare_submits(count)
    print(json.dumps({"jobs": jobs, "numbers": numbers}))


if __name__ == "__main__":
    main(int(sys.argv[1]))
