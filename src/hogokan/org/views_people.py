"""People and their assignments: the list, a person's page, and the admin forms."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from hogokan.core.calendar import wareki
from hogokan.core.exports import export_format, export_links, table_download
from hogokan.core.forms import add_service_errors
from hogokan.core.history import history_of
from hogokan.core.lists import filter_data, paginate
from hogokan.core.permissions import CHANGE, VIEW, get_for_actor
from hogokan.core.views import attachments_context
from hogokan.org import exports, forms, selectors, services
from hogokan.org.models import Assignment, Person
from hogokan.org.views import require_admin, require_staff

PERSON_FIELDS = ("name", "name_kana", "email", "kind", "company")


def _posted(request):
    return request.POST if request.method == "POST" else None


@login_required
def person_list(request):
    actor, today = request.actor, timezone.localdate()
    require_staff(actor)
    form = forms.PersonFilterForm(actor, today, data=filter_data(request, forms.PersonFilterForm))
    filters = forms.valid_filters(form)
    people = selectors.person_list(actor, day=today, keyword=filters.get("q") or "", unit=filters.get("unit"),
                                   role=filters.get("role") or "", status=filters.get("status") or "active")
    kind = export_format(request)
    if kind:
        return table_download(kind, stem="org-people", title="職員一覧", header=exports.PERSON_HEADER,
                                       rows=exports.person_rows(people))
    return render(request, "org/person_list.html", {
        "form": form, "page": paginate(request, people), "exports": export_links(request),
        "can_change": actor.is_system_admin,
    })


@login_required
def person_detail(request, pk: int):
    actor, today = request.actor, timezone.localdate()
    person = get_for_actor(Person.objects.select_related("user"), actor, action=VIEW, pk=pk)
    assignments = list(selectors.person_assignments(actor, person))
    units = [a.unit for a in assignments if a.unit_id]
    successors = {a.unit_id: a.unit.current_successor() for a in assignments if a.unit_id and a.unit.valid_to}
    visible = set(selectors.units_for(actor).filter(
        pk__in={u.pk for u in [*units, *[s for s in successors.values() if s]]}).values_list("pk", flat=True))
    for assignment in assignments:
        assignment.unit_now = successors.get(assignment.unit_id)
        assignment.future = assignment.start > today
    return render(request, "org/person_detail.html", {
        "person": person, "visible": visible,
        "current_assignments": [a for a in assignments if a.end is None or a.end >= today],
        "past_assignments": [a for a in assignments if a.end is not None and a.end < today],
        "page": paginate(request, selectors.person_events(actor, person)),
        "is_admin": actor.is_system_admin, "history": history_of(person), **attachments_context(person, actor),
    })


def _render_form(request, form, *, title: str, submit: str, cancel: str, person: Person | None = None,
                 intro: str = "", danger: bool = False):
    return render(request, "org/form.html", {"form": form, "title": title, "submit": submit, "cancel": cancel,
                                             "person": person, "intro": intro, "danger": danger,
                                             "section": "people"})


@login_required
def person_create(request):
    require_admin(request.actor)
    form = forms.PersonCreateForm(data=_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.person_create(
                actor=request.user, employee_no=data["employee_no"].strip(), name=data["name"].strip(),
                name_kana=data["name_kana"].strip(), email=data["email"], kind=data["kind"],
                company=data["company"].strip(), username=data["username"], password=data["password1"] or None,
            )
        except ValidationError as exc:
            add_service_errors(form, exc, plain_field="password1")
        else:
            messages.success(request, f"{person.name}さん（{person.employee_no}）を登録しました。続けて配属を追加してください。")
            return redirect("org:person_detail", pk=person.pk)
    return _render_form(request, form, title="職員等の登録", submit="登録する", cancel=reverse("org:person_list"))


@login_required
def person_edit(request, pk: int):
    person = get_for_actor(Person.objects.select_related("user"), request.actor, action=CHANGE, pk=pk)
    form = forms.PersonEditForm(person, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        if not form.has_changed():
            messages.info(request, "変更はありません。")
            return redirect("org:person_detail", pk=person.pk)
        fields = {name: form.cleaned_data[name] for name in (*PERSON_FIELDS, "is_active")}
        fields = {name: value.strip() if isinstance(value, str) else value for name, value in fields.items()}
        try:
            services.person_update(actor=request.user, person=person, **fields)
        except ValidationError as exc:
            person.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{person.name}さんの情報を更新しました。")
            return redirect("org:person_detail", pk=person.pk)
    return _render_form(request, form, title=f"{person.name}さんの情報の変更", submit="変更する", person=person,
                        cancel=reverse("org:person_detail", args=[person.pk]))


@login_required
def assignment_create(request, pk: int):
    person = get_for_actor(Person.objects.all(), request.actor, action=CHANGE, pk=pk)
    form = forms.AssignmentStartForm(request.actor, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            assignment = services.assignment_start(actor=request.user, person=person, unit=data["unit"],
                                                   role=data["role"], title=data["title"].strip(), start=data["start"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{person.name}さんの配属「{assignment}」を{wareki(assignment.start)}から登録しました。")
            return redirect("org:person_detail", pk=person.pk)
    return _render_form(request, form, title=f"{person.name}さんの配属の追加", submit="配属を追加する",
                        person=person, cancel=reverse("org:person_detail", args=[person.pk]),
                        intro="異動（今の配属を終えて別の組織へ移る）は人事異動の画面からまとめて登録できます。")


@login_required
def assignment_end(request, pk: int):
    assignment = get_for_actor(Assignment.objects.select_related("person", "unit"), request.actor,
                               action=CHANGE, pk=pk)
    person = assignment.person
    form = forms.AssignmentEndForm(assignment, data=_posted(request))
    if request.method == "POST" and form.is_valid():
        end = form.cleaned_data["end"]
        try:
            services.assignment_end(actor=request.user, assignment=assignment, end=end)
        except ValidationError as exc:
            assignment.refresh_from_db()
            add_service_errors(form, exc)
        else:
            messages.success(request, f"{person.name}さんの配属「{assignment}」を{wareki(end)}で終了しました。")
            return redirect("org:person_detail", pk=person.pk)
    return _render_form(request, form, title=f"{person.name}さんの配属「{assignment}」の終了", submit="配属を終了する",
                        person=person, danger=True, cancel=reverse("org:person_detail", args=[person.pk]),
                        intro=f"開始日: {wareki(assignment.start)}。終了日の翌日からこの配属の権限はなくなります。")
