from django.core.management import call_command
from django.core.management.base import BaseCommand

from hogokan.assets import demo as assets_demo
from hogokan.assets import demo_media as assets_media_demo
from hogokan.assets import demo_review as assets_review_demo
from hogokan.audits import demo as audits_demo
from hogokan.checklists import demo as checklists_demo
from hogokan.disclosures import demo as disclosures_demo
from hogokan.incidents import demo as incidents_demo
from hogokan.inspections import demo as inspections_demo
from hogokan.org import demo
from hogokan.outsourcing import demo as outsourcing_demo
from hogokan.purpose_uses import demo as purpose_uses_demo
from hogokan.registers import demo as registers_demo
from hogokan.training import demo as training_demo


class Command(BaseCommand):
    help = "Migrate and load the demo body (a fictional city). Running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--otp", metavar="USERNAME", help="print the current TOTP code of a demo user and exit")

    def handle(self, *args, otp=None, **options):
        if otp:
            self.stdout.write(demo.current_otp(otp))
            return
        call_command("migrate", interactive=False, verbosity=0)
        created = demo.load()
        checklists_demo.load()
        inspections_demo.load()
        for module in (registers_demo, outsourcing_demo, assets_demo, incidents_demo, disclosures_demo,
                       purpose_uses_demo, training_demo, audits_demo):
            module.load()
        assets_media_demo.load()  # after outsourcing (a contractor's take-out on its contract)
        assets_review_demo.load()
        self.stdout.write("デモ団体を作成しました。" if created else "デモ団体はすでにあります（変更なし）。")
        self.stdout.write("")
        self.stdout.write("デモのログイン（ログインID / パスワード）:")
        for username, (_name, _no, role, _unit, title) in demo.USERS.items():
            line = f"  {username:<11} {demo.PASSWORDS[username]:<28} {title}（{role.label}）"
            if username in demo.OTP_KEYS:
                line += f"  ※二要素認証: `hogokan demo --otp {username}` で確認コードを表示"
            self.stdout.write(line)
