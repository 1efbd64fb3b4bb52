"""``python -m tests.faults._notify N TAG``: N users with addresses, one unsent notification each."""

import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from hogokan.core.models import Notification  # noqa: E402


def main(count: int, tag: str) -> None:
    users = get_user_model().objects.bulk_create(
        get_user_model()(username=f"{tag}{index:03d}", email=f"{tag}{index:03d}@city.example.lg.jp")
        for index in range(count))
    Notification.objects.bulk_create(
        Notification(recipient=user, subject=f"期限の通知 {user.username}", body="点検の提出期限が近づいています。")
        for user in users)


if __name__ == "__main__":
    main(int(sys.argv[1]), sys.argv[2])
