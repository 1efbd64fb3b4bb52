from django.core.management import call_command

from hogokan.core.calendar import fiscal_year
from hogokan.training import demo, services
from hogokan.training.models import Attendance, Course, TransmissionReport


def test_demo_training_has_both_years_and_real_outstanding_lists(db):
    from django.utils import timezone

    call_command("demo", verbosity=0, stdout=__import__("io").StringIO())
    year = fiscal_year(timezone.localdate())
    assert set(Course.objects.values_list("fiscal_year", flat=True)) == {year - 1, year}
    everyone = Course.objects.get(title="個人情報保護研修（全職員）")
    left = services.outstanding(everyone)
    done = Attendance.objects.filter(course=everyone).count()
    assert left and done and done > len(left)  # about two thirds attended
    assert TransmissionReport.objects.exists()
    counts = (Course.objects.count(), Attendance.objects.count(), TransmissionReport.objects.count())
    demo.load()
    assert (Course.objects.count(), Attendance.objects.count(), TransmissionReport.objects.count()) == counts
