from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hogokan.accounts.services import token_issue


class Command(BaseCommand):
    help = "Print a new API token for USERNAME (the token is shown only this once)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="コマンドで発行", help="what the token is for")

    def handle(self, *args, username, name, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"利用者「{username}」は存在しません。")
        if not user.is_active:
            raise CommandError(f"利用者「{username}」は利用停止中です。")
        _token, raw = token_issue(actor=None, user=user, name=name)  # the history names システム
        self.stdout.write(raw)
