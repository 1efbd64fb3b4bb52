"""Who is acting: the user, their person, the assignment they act as, and its scope of units."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property

from django.conf import settings
from django.db import connection
from django.utils import timezone

from hogokan.org.models import BODY_WIDE_ROLES, Assignment, OrgUnit, Role

SESSION_KEY = "hogokan_acting_assignment"


@dataclass
class Actor:
    user: object
    assignment: Assignment | None
    assignments: list[Assignment] = field(default_factory=list)

    @property
    def is_authenticated(self) -> bool:
        return bool(self.user and self.user.is_authenticated and self.assignment is not None)

    @property
    def person(self):
        return self.assignment.person if self.assignment else None

    @property
    def role(self) -> str | None:
        return self.assignment.role if self.assignment else None

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    # ---- named checks: views, the menu and the API ask these, never Role.… themselves -------------

    @property
    def is_staff_member(self) -> bool:
        """職員: every signed-in role but the contractor (受託者 see only their contracts' records)."""
        return self.is_authenticated and self.role != Role.CONTRACTOR

    @property
    def is_contractor(self) -> bool:
        return self.is_authenticated and self.role == Role.CONTRACTOR

    @property
    def is_system_admin(self) -> bool:
        """システム管理者: users, the org tree, templates, settings."""
        return self.is_authenticated and self.role == Role.ADMIN

    @property
    def is_office(self) -> bool:
        """総括保護管理者・事務局: receives requests, publishes registers, reports to the PPC, runs campaigns."""
        return self.is_authenticated and self.role == Role.CHIEF

    @property
    def oversees(self) -> bool:
        """事務局・監査・システム管理者: the body-wide statistics and oversight lists (read)."""
        return self.is_authenticated and self.role in (Role.CHIEF, Role.ADMIN, Role.AUDITOR)

    @property
    def is_manager(self) -> bool:
        """保護管理者 (部長等): reviews the sections of their department."""
        return self.is_authenticated and self.role == Role.MANAGER

    @property
    def is_section_member(self) -> bool:
        """保護責任者 or 保護担当者 of a 課・公所: the people who answer for the section's own records."""
        return self.is_authenticated and self.role in (Role.OFFICER, Role.STAFF)

    @property
    def is_section_head(self) -> bool:
        """保護責任者 (課長等): submits the section's inspections, approves its registers."""
        return self.is_authenticated and self.role == Role.OFFICER

    @property
    def is_auditor(self) -> bool:
        return self.is_authenticated and self.role == Role.AUDITOR

    @property
    def is_body_wide(self) -> bool:
        if self.role in BODY_WIDE_ROLES:
            return True
        return self.role == Role.AUDITOR and self.assignment.unit_id is None

    @property
    def read_only(self) -> bool:
        return self.role == Role.AUDITOR

    @property
    def needs_second_factor(self) -> bool:
        """Signed in with the password only, while one of the user's current roles requires TOTP.

        The one place that decides it (settings.HOGOKAN_REQUIRE_2FA_ROLES): the middleware for pages
        and core.rest for session calls of the API both ask here. Any current assignment counts, not
        only the acting one: the header switcher would otherwise step around the second factor.
        """
        user = self.user
        if not (user and user.is_authenticated):
            return False
        is_verified = getattr(user, "is_verified", None)  # set by django_otp's OTPMiddleware
        if callable(is_verified) and is_verified():
            return False
        required = set(settings.HOGOKAN_REQUIRE_2FA_ROLES)
        return any(assignment.role in required for assignment in self.assignments)

    @cached_property
    def unit_ids(self) -> frozenset[int] | None:
        """Units whose records the actor reaches; None means every unit of the body."""
        if self.assignment is None:
            return frozenset()
        if self.is_body_wide:
            return None
        if self.role == Role.CONTRACTOR or self.assignment.unit_id is None:
            return frozenset()
        return unit_scope(self.assignment.unit_id)


# The org tree as (stamp, children, predecessors), kept per process: every request needs it and a
# designated city's 2,000 units cost a few ms to load and walk. Any change through the services or the
# admin writes a history row, and a bulk insert raises the largest id, so the stamp moves.
_tree_cache: tuple = (None, {}, {})


def _tree_stamp() -> tuple:
    units = OrgUnit._meta.db_table
    history = OrgUnit.history.model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(id) FROM {units}), (SELECT MAX(history_id) FROM {history}), "  # noqa: S608
                       f"(SELECT MAX(history_date) FROM {history})")
        return (connection.alias, *cursor.fetchone())


def _tree() -> tuple[dict, dict]:
    global _tree_cache
    stamp = _tree_stamp()
    cached_stamp, children, predecessors = _tree_cache
    if stamp != cached_stamp:
        children, predecessors = defaultdict(list), defaultdict(list)
        for pk, parent_id, successor_id in OrgUnit.objects.values_list("id", "parent_id", "successor_id"):
            if parent_id:
                children[parent_id].append(pk)
            if successor_id:
                predecessors[successor_id].append(pk)
        _tree_cache = (stamp, children, predecessors)
    return children, predecessors


def unit_scope(unit_id: int) -> frozenset[int]:
    """The unit, its whole subtree, and every unit these carry on from (renamed, merged …)."""
    children, predecessors = _tree()
    reached: set[int] = set()
    stack = [unit_id]
    while stack:
        pk = stack.pop()
        if pk in reached:
            continue
        reached.add(pk)
        stack.extend(children.get(pk, ()))
        stack.extend(predecessors.get(pk, ()))
    return frozenset(reached)


def current_assignments(user) -> list[Assignment]:
    person = getattr(user, "person", None) if user and user.is_authenticated else None
    if person is None or not person.is_active:
        return []
    today = timezone.localdate()
    return list(
        Assignment.objects.current_on(today).filter(person=person).select_related("unit", "person").order_by("start", "pk")
    )


def actor_for(user, acting_assignment_id: int | None = None) -> Actor:
    assignments = current_assignments(user)
    chosen = next((a for a in assignments if a.pk == acting_assignment_id), None)
    if chosen is None and assignments:
        chosen = assignments[0]
    return Actor(user=user, assignment=chosen, assignments=assignments)
