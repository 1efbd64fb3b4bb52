"""The ``hogokan`` console script: Django's management commands under one name.

``hogokan demo``, ``hogokan serve``, ``hogokan worker`` and ``hogokan apitoken`` are management
commands of their apps; everything else (``migrate``, ``createsuperuser`` …) is Django's own.
"""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hogokan.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["hogokan", *sys.argv[1:]])


if __name__ == "__main__":
    main()
