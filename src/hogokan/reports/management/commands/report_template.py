from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from hogokan.reports.word_template import build


class Command(BaseCommand):
    help = "Write the default Word template of the reports (docxtpl tags; docs/reports.md) to --output."

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="the .docx file to write (an existing file is not overwritten)")

    def handle(self, *args, output, **options):
        path = Path(output)
        if path.suffix.lower() != ".docx":
            raise CommandError("出力先は .docx のファイル名にしてください。")
        if path.exists():
            raise CommandError(f"{path} はすでにあります。別の名前を指定してください（上書きしません）。")
        build(path)
        self.stdout.write(f"Word のひな形を書き出しました: {path}")
