import signal
import time

from django.conf import settings
from django.core.management.base import BaseCommand

from hogokan.core.jobs import STOP, run_due_jobs


class Command(BaseCommand):
    help = "Run scheduled jobs (reminders, generated campaigns, mail) in a loop; --once runs what is due and exits."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="run the due jobs once and exit")
        parser.add_argument("--interval", type=int, default=settings.HOGOKAN_WORKER_INTERVAL_SECONDS)

    def handle(self, *args, once=False, interval=60, **options):
        stopping = []

        def on_term(*_):
            stopping.append(True)
            STOP.set()  # the mail job finishes the mail in hand and stops

        signal.signal(signal.SIGTERM, on_term)
        while True:
            for name, result in run_due_jobs().items():
                self.stdout.write(f"{name}: {result}")
            if once or stopping:
                return
            for _ in range(interval):
                if stopping:
                    return
                time.sleep(1)
