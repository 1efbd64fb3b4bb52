from django.core.management.base import BaseCommand, CommandError

from hogokan.core.backup import BackupError, restore


class Command(BaseCommand):
    help = ("Restore a backup made by `hogokan backup` into the empty data directory or database that "
            "HOGOKAN_DATA_DIR / DATABASE_URL name; checksums are verified before anything is written.")

    def add_arguments(self, parser):
        parser.add_argument("dir", help="the folder `hogokan backup` wrote")

    def handle(self, *args, dir, **options):  # noqa: A002 (the argument's name in the help)
        try:
            summary = restore(dir)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"復元しました: {summary.folder}（{summary.tables} 表・{summary.rows} 行・"
                          f"ファイル {summary.files} 件、件数は目録と一致）")
