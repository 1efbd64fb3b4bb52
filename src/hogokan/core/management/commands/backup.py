from django.core.management.base import BaseCommand, CommandError

from hogokan.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded files into DIR (new or empty), with a manifest of counts and checksums."

    def add_arguments(self, parser):
        parser.add_argument("dir", help="a new or empty folder")

    def handle(self, *args, dir, **options):  # noqa: A002 (the argument's name in the help)
        try:
            summary = backup(dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"バックアップしました: {summary.folder}（{summary.tables} 表・{summary.rows} 行・"
                          f"ファイル {summary.files} 件）")
