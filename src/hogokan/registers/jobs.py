"""Worker job of the registers: keep the PIA reminders in step with the due dates (idempotent)."""

from hogokan.core.jobs import register_job


@register_job("registers.pia_reminders", order=20)
def _pia_reminders(now) -> str:
    from hogokan.registers.models import PIA
    from hogokan.registers.services import pia_reminders

    count = 0
    for pia in PIA.objects.select_related("file__unit"):
        pia_reminders(pia)
        count += 1
    return f"保護評価 {count} 件の期限通知を更新"
