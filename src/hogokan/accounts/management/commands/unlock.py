from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hogokan.accounts.services import lock_release


class Command(BaseCommand):
    help = "Lift the login lock of USERNAME from every address (recorded in the person's change history)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--reason", default="", help="why, added to the change history")

    def handle(self, *args, username, reason, **options):
        try:
            lock = lock_release(actor=None, username=username, reason=reason)
        except ValidationError as exc:
            raise CommandError(exc.messages[0]) from exc
        self.stdout.write(f"ログインのロックを解除しました（{lock.describe()}）。")
