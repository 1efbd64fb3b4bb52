"""/api/v1/inspections/: campaigns, a section's responses (read and submit) and the aggregated results.

Reads: every role but contractors, narrowed to the actor's units (``restrict``); a record outside
them answers 404. Submitting: the section's 保護責任者 only (staff may draft on screen, not submit),
through ``services.response_save_and_submit`` in one transaction — on any error nothing is saved
and the answer is 400 ``{"errors": ...}`` in Japanese. Every section submits on the same morning,
so a submit reads each row once and replies from the objects in hand (a fixed, small number of
queries, pinned by tests/api/test_inspections_submit_queries.py).
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Prefetch
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import exceptions, mixins, serializers
from rest_framework.decorators import action
from rest_framework.response import Response

from hogokan.core.permissions import CHANGE, restrict
from hogokan.core.rest import (
    ERROR_RESPONSES,
    ApiView,
    DateField,
    FiscalYearField,
    InputSerializer,
    RecordSerializer,
    ScopedViewSet,
    api_actor,
    django_errors,
)
from hogokan.inspections import aggregation, services
from hogokan.inspections.forms_manage import CampaignFilterForm
from hogokan.inspections.models import (
    Answer,
    Campaign,
    CorrectiveAction,
    InspectionResponse,
    SectionItem,
    SurveyQuestion,
)
from hogokan.inspections.rules import MARKS
from hogokan.org.models import Person, Role

OWN_ITEM_PREFIX = "個別"  # a 個別点検項目 whose number the form already uses: "個別1"


# ---- campaigns ----------------------------------------------------------------------------------

class InspectionCampaignSerializer(RecordSerializer):
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Campaign
        fields = ["id", "kind", "kind_label", "title", "fiscal_year", "year", "month", "inspection_date",
                  "report_due", "status", "template"]
        read_only_fields = fields


# ---- responses ----------------------------------------------------------------------------------

class InspectionAnswerSerializer(serializers.Serializer):
    item = serializers.IntegerField(allow_null=True, help_text="点検項目の ID（個別点検項目なら null）")
    section_item = serializers.IntegerField(allow_null=True, help_text="個別点検項目の ID")
    number = serializers.CharField(help_text="番号（①、1 …）")
    value = serializers.CharField(help_text="ok / ng / na、未回答は空文字")
    value_mark = serializers.CharField(help_text="○ / × / －、未回答は空文字")
    remark = serializers.CharField()


class InspectionSurveyAnswerSerializer(serializers.Serializer):
    question = serializers.IntegerField(help_text="設問の ID（提出のときのキー）")
    number = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField(help_text="single / multiple / text")
    choices = serializers.ListField(child=serializers.CharField())
    text_label = serializers.CharField(help_text="自由記述欄の見出し（空なら自由記述欄なし）")
    selected = serializers.ListField(child=serializers.CharField())
    answer_text = serializers.CharField()


class InspectionActionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField(help_text="「×」の項目の番号")
    description = serializers.CharField()
    assignee = serializers.IntegerField(allow_null=True, help_text="担当者（職員等）の ID")
    assignee_name = serializers.CharField()
    due_date = DateField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField()


def _cached(context: dict, key: tuple, load):
    cache = context.setdefault("_inspection_cache", {})
    if key not in cache:
        cache[key] = load()
    return cache[key]


class InspectionResponseSerializer(RecordSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    answers = serializers.SerializerMethodField(help_text="点検表の全ての項目（未回答を含む）")
    survey = serializers.SerializerMethodField(help_text="調査の設問と回答（点検強化月間）")
    actions = serializers.SerializerMethodField(help_text="「×」ごとの是正措置")

    class Meta:
        model = InspectionResponse
        fields = ["id", "campaign", "unit", "unit_name", "status", "status_label", "submitted_at", "late",
                  "answers", "survey", "actions"]
        read_only_fields = fields

    @extend_schema_field(InspectionAnswerSerializer(many=True))
    def get_answers(self, response: InspectionResponse) -> list[dict]:
        items = services.template_items(response.campaign.template_id)
        answers = list(response.answers.all())
        by_item = {answer.item_id: answer for answer in answers if answer.item_id}
        by_own = {answer.section_item_id: answer for answer in answers if answer.section_item_id}
        rows = [_answer_row(item.pk, None, item.number, by_item.get(item.pk)) for item in items]
        own = {answer.section_item_id: answer.section_item for answer in answers if answer.section_item_id}
        if not response.is_locked:  # still open: the section's current 個別点検項目 are to be answered too
            for item in _cached(self.context, ("own", response.unit_id), lambda: list(
                    SectionItem.objects.filter(unit_id=response.unit_id, active=True).order_by("number"))):
                own.setdefault(item.pk, item)
        rows += [_answer_row(None, pk, item.number, by_own.get(pk)) for pk, item in own.items()]
        return rows

    @extend_schema_field(InspectionSurveyAnswerSerializer(many=True))
    def get_survey(self, response: InspectionResponse) -> list[dict]:
        given = {answer.question_id: answer for answer in response.survey_answers.all()}
        rows = []
        for question in response.campaign.questions.all():
            answer = given.get(question.pk)
            rows.append({"question": question.pk, "number": question.number, "heading": question.heading,
                         "text": question.text, "kind": question.kind, "choices": list(question.choices),
                         "text_label": question.text_label,
                         "selected": list(answer.selected) if answer else [],
                         "answer_text": answer.text if answer else ""})
        return rows

    @extend_schema_field(InspectionActionSerializer(many=True))
    def get_actions(self, response: InspectionResponse) -> list[dict]:
        return [{"id": action.pk, "number": (action.answer.item or action.answer.section_item).number,
                 "description": action.description, "assignee": action.assignee_id,
                 "assignee_name": action.assignee.name if action.assignee else "",
                 "due_date": action.due_date, "status": action.status,
                 "status_label": action.get_status_display()}
                for action in response.actions.all()]


def _answer_row(item_id, section_item_id, number: str, answer: Answer | None) -> dict:
    value = answer.value if answer else ""
    return {"item": item_id, "section_item": section_item_id, "number": number, "value": value,
            "value_mark": MARKS.get(value, ""), "remark": answer.remark if answer else ""}


class InspectionResponseFilterSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, help_text="点検の ID")
    unit = serializers.IntegerField(required=False, min_value=1, help_text="課・公所（組織）の ID")
    status = serializers.ChoiceField(choices=InspectionResponse.Status.choices, required=False, allow_blank=True,
                                     help_text="状態（空は指定なし）")


class InspectionAnswerInputSerializer(InputSerializer):
    value = serializers.CharField(allow_blank=True, max_length=10, help_text="○ / × / －（空文字は未回答）")
    remark = serializers.CharField(allow_blank=True, max_length=500, required=False, default="")


class InspectionActionInputSerializer(InputSerializer):
    description = serializers.CharField(allow_blank=True, required=False, default="", help_text="是正の内容")
    assignee = serializers.IntegerField(allow_null=True, required=False, default=None,
                                        help_text="担当者（職員等）の ID")
    due_date = DateField(allow_null=True, required=False, default=None,
                                     help_text="期限（YYYY-MM-DD）")


class InspectionSurveyInputSerializer(InputSerializer):
    selected = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    text = serializers.CharField(allow_blank=True, required=False, default="")


class InspectionSubmitSerializer(InputSerializer):
    answers = serializers.DictField(child=InspectionAnswerInputSerializer(), required=False, default=dict,
                                    help_text="項目の番号（①、1 …、個別点検項目は番号または「個別」+番号）→ 回答")
    actions = serializers.DictField(child=InspectionActionInputSerializer(), required=False, default=dict,
                                    help_text="「×」の項目の番号 → 是正措置")
    survey = serializers.DictField(child=InspectionSurveyInputSerializer(), required=False, default=dict,
                                   help_text="設問の ID → 回答")


def _keys_by_number(rows: list) -> tuple[dict[str, str], dict[str, str]]:
    """The names a client may use → the services' row key (i<pk> / s<pk>), and each key's name.

    Items go by their number (①, 1 …); a 個別点検項目 also as 個別<number>, which is its only name
    when the form already uses its number.
    """
    by_number: dict[str, str] = {}
    numbers: dict[str, str] = {}
    for key, item in rows:
        name = item.number
        if key.startswith("s"):
            by_number[OWN_ITEM_PREFIX + item.number] = key
            if name in by_number and by_number[name] != key:
                name = OWN_ITEM_PREFIX + item.number
        by_number.setdefault(name, key)
        numbers[key] = name
    return by_number, numbers


def _submission(by_number: dict[str, str], data: dict, actor) -> tuple[dict, dict, dict]:
    """The request body as the services' arguments; 400 naming every bad key first."""
    errors: dict[str, dict[str, list[str]]] = {}
    answers, actions, survey = {}, {}, {}
    for number, given in data["answers"].items():
        if number not in by_number:
            errors.setdefault("answers", {})[number] = [f"この点検表に項目「{number}」はありません。"]
        else:
            answers[by_number[number]] = (given["value"], given.get("remark", ""))
    people = {}
    wanted = {given["assignee"] for given in data["actions"].values() if given.get("assignee")}
    if wanted:
        people = {person.pk: person
                  for person in restrict(Person.objects.filter(pk__in=wanted).select_related("user"), actor)}
    for number, given in data["actions"].items():
        if number not in by_number:
            errors.setdefault("actions", {})[number] = [f"この点検表に項目「{number}」はありません。"]
            continue
        assignee = given.get("assignee")
        if assignee and assignee not in people:
            errors.setdefault("actions", {})[number] = [f"担当者 ID {assignee} の職員等は存在しないか、参照できません。"]
            continue
        actions[by_number[number]] = services.ActionInput(given.get("description", ""), people.get(assignee),
                                                          given.get("due_date"))
    for key, given in data["survey"].items():
        if not str(key).isdigit():
            errors.setdefault("survey", {})[key] = ["設問の ID（整数）で指定してください。"]
            continue
        survey[int(key)] = (list(given.get("selected", [])), given.get("text", ""))
    if errors:
        raise exceptions.ValidationError(errors)
    return answers, actions, survey


def _service_errors(exc: DjangoValidationError, numbers: dict[str, str]) -> dict:
    """The services' errors keyed by the API's names: answers.<number>, survey.<question id>."""
    errors: dict = {}
    for field, messages in django_errors(exc).items():
        if field in numbers:
            errors.setdefault("answers", {})[numbers[field]] = messages
        elif field.startswith("q") and field[1:].isdigit():
            errors.setdefault("survey", {})[field[1:]] = messages
        else:
            errors.setdefault(field, []).extend(messages)
    return errors


class _ReadOnly(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedViewSet):
    pass


@extend_schema_view(
    list=extend_schema(summary="点検の一覧",
                       description="自分の課・公所（管理者は所管の部、総括・監査は全庁）が対象の点検。"),
    retrieve=extend_schema(summary="点検"),
)
class CampaignViewSet(_ReadOnly):
    queryset = Campaign.objects.order_by("-year", "-month", "kind", "pk")
    serializer_class = InspectionCampaignSerializer
    filter_form = CampaignFilterForm


@extend_schema_view(
    list=extend_schema(summary="点検結果の一覧", parameters=[InspectionResponseFilterSerializer]),
    retrieve=extend_schema(summary="点検結果"),
)
class ResponseViewSet(_ReadOnly):
    queryset = InspectionResponse.objects.select_related("campaign", "unit").prefetch_related(
        Prefetch("answers", Answer.objects.select_related("section_item")),
        "survey_answers",
        Prefetch("campaign__questions", SurveyQuestion.objects.order_by("order")),
        Prefetch("actions", CorrectiveAction.objects.select_related("answer__item", "answer__section_item",
                                                                    "assignee").order_by("pk")),
    ).order_by("campaign__year", "campaign__month", "campaign_id", "unit__code", "pk")
    serializer_class = InspectionResponseSerializer
    write_roles = (Role.OFFICER,)

    def filter_list(self, queryset):
        params = self.validated_params(InspectionResponseFilterSerializer)
        for name, lookup in (("campaign", "campaign_id"), ("unit", "unit_id"), ("status", "status")):
            if params.get(name) is not None:
                queryset = queryset.filter(**{lookup: params[name]})
        return queryset

    @extend_schema(summary="点検結果の提出", request=InspectionSubmitSerializer,
                   responses={200: InspectionResponseSerializer},
                   description="回答・是正措置・調査の回答を保存して提出します（課・公所の保護責任者のみ）。"
                               "誤りがあれば 400 で全ての誤りを返し、何も保存しません。")
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        response = self._response_to_answer()
        data = self.validated_input(InspectionSubmitSerializer)
        rows = services.response_items(response)
        by_number, numbers = _keys_by_number(rows)
        answers, actions, survey = _submission(by_number, data, self.actor)
        try:
            state = services.response_save_and_submit(actor=request.user, response=response, answers=answers,
                                                      actions=actions, survey=survey, rows=rows)
        except DjangoValidationError as exc:
            raise exceptions.ValidationError(_service_errors(exc, numbers)) from exc
        return Response(self.get_serializer(_in_hand(response, state)).data)

    def _response_to_answer(self) -> InspectionResponse:
        """The response of the URL with its campaign and unit: one query when the actor may answer it,
        else 404 outside the actor's units and 403 where they may only read (get_changeable_object)."""
        pk = str(self.kwargs[self.lookup_url_kwarg or self.lookup_field])
        if pk.isdigit():
            queryset = InspectionResponse.objects.select_related("campaign", "unit").filter(pk=int(pk))
            found = list(restrict(queryset, self.actor, CHANGE))
            if found:
                return found[0]
        self.get_changeable_object()  # raises 404 or 403
        raise exceptions.NotFound()  # changeable after all: changed in between, treat as gone


def _in_hand(response: InspectionResponse, state: services.ResponseState) -> InspectionResponse:
    """``response`` with what the service wrote as its prefetched relations: the reply reads nothing back."""
    _prefetched(response, "answers", sorted(state.answers.values(), key=lambda answer: answer.pk))
    _prefetched(response, "survey_answers", state.survey_answers.values())
    _prefetched(response.campaign, "questions", state.questions)
    _prefetched(response, "actions", sorted(state.actions.values(), key=lambda action: action.pk))
    return response


def _prefetched(obj, name: str, objects) -> None:
    """As prefetch_related would leave ``obj.<name>.all()``, from objects already loaded."""
    queryset = getattr(obj, name).all()
    queryset._result_cache, queryset._prefetch_done = list(objects), True
    if getattr(obj, "_prefetched_objects_cache", None) is None:
        obj._prefetched_objects_cache = {}
    obj._prefetched_objects_cache[name] = queryset


# ---- aggregated results -------------------------------------------------------------------------

class AggregateCountsSerializer(serializers.Serializer):
    ok = serializers.IntegerField(help_text="○")
    ng = serializers.IntegerField(help_text="×")
    na = serializers.IntegerField(help_text="－")
    not_submitted = serializers.IntegerField(help_text="未提出")
    answered = serializers.IntegerField(help_text="○・×・－の合計")
    ng_rate = serializers.FloatField(allow_null=True, help_text="×の割合（0〜1、回答がなければ null）")


class AggregateItemSerializer(serializers.Serializer):
    number = serializers.CharField()
    group = serializers.CharField()
    category = serializers.CharField()
    text = serializers.CharField()
    counts = AggregateCountsSerializer()


class AggregateStatusSerializer(serializers.Serializer):
    targets = serializers.IntegerField(help_text="対象の課・公所（延べ）")
    submitted = serializers.IntegerField(help_text="提出済み・承認済み")
    not_submitted = serializers.IntegerField(help_text="未提出")
    late = serializers.IntegerField(help_text="期限後の提出")
    by_status = serializers.DictField(child=serializers.IntegerField(), help_text="状態ごとの数")


class AggregateGroupCellSerializer(AggregateCountsSerializer):
    number = serializers.CharField()


class AggregateGroupSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="key", help_text="実施機関・組織の ID")
    name = serializers.CharField()
    context = serializers.CharField(help_text="局・区・室なら実施機関、課・公所なら局・区・室")
    status = AggregateStatusSerializer()
    sections_with_ng = serializers.IntegerField(help_text="×のある課・公所の数")
    items = serializers.SerializerMethodField()

    @extend_schema_field(AggregateGroupCellSerializer(many=True))
    def get_items(self, group) -> list[dict]:
        numbers = self.context["numbers"]
        return [{"number": number, **AggregateCountsSerializer(cell).data}
                for number, cell in zip(numbers, group.cells, strict=True)]


class AggregateNgMarkSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    number = serializers.CharField()
    own_item = serializers.BooleanField(help_text="個別点検項目")
    remark = serializers.CharField()


class AggregateNgSectionSerializer(serializers.Serializer):
    unit = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    bureau = serializers.CharField()
    marks = AggregateNgMarkSerializer(many=True)


class AggregatePendingSerializer(serializers.Serializer):
    response = serializers.IntegerField(source="response_id")
    campaign = serializers.IntegerField(source="campaign_id")
    campaign_title = serializers.CharField()
    inspection_date = DateField()
    unit = serializers.IntegerField(source="unit_id")
    name = serializers.CharField()
    bureau = serializers.CharField()
    status = serializers.CharField()
    status_label = serializers.CharField()
    overdue = serializers.BooleanField(help_text="点検日を過ぎている")


class AggregateTrendMonthSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    month = serializers.IntegerField()
    campaigns = serializers.ListField(source="campaign_ids", child=serializers.IntegerField())
    counts = AggregateCountsSerializer()


class AggregateTrendItemSerializer(serializers.Serializer):
    number = serializers.CharField()
    category = serializers.CharField()
    months = AggregateCountsSerializer(source="cells", many=True)


class AggregateTrendSerializer(serializers.Serializer):
    months = AggregateTrendMonthSerializer(many=True)
    items = AggregateTrendItemSerializer(source="rows", many=True)


class AggregateSurveyChoiceSerializer(serializers.Serializer):
    choice = serializers.CharField()
    sections = serializers.IntegerField(help_text="課・公所数")


class AggregateSurveyTextSerializer(serializers.Serializer):
    unit_name = serializers.CharField()
    text = serializers.CharField()


class AggregateSurveySerializer(serializers.Serializer):
    question = serializers.IntegerField(source="question_id")
    number = serializers.CharField()
    heading = serializers.CharField()
    text = serializers.CharField()
    kind = serializers.CharField()
    text_label = serializers.CharField()
    respondents = serializers.IntegerField(help_text="回答した課・公所数")
    choices = serializers.SerializerMethodField()
    texts = serializers.SerializerMethodField()

    @extend_schema_field(AggregateSurveyChoiceSerializer(many=True))
    def get_choices(self, row) -> list[dict]:
        return [{"choice": choice, "sections": count} for choice, count in row.choices]

    @extend_schema_field(AggregateSurveyTextSerializer(many=True))
    def get_texts(self, row) -> list[dict]:
        return [{"unit_name": name, "text": text} for name, text in row.texts]


class AggregateSerializer(serializers.Serializer):
    fiscal_year = serializers.IntegerField()
    campaign = InspectionCampaignSerializer(allow_null=True, help_text="?campaign= のときの点検（年度なら null）")
    campaigns = InspectionCampaignSerializer(many=True, help_text="集計した点検")
    by = serializers.ChoiceField(choices=list(aggregation.GROUPINGS), help_text="groups の単位")
    status = AggregateStatusSerializer()
    items = AggregateItemSerializer(many=True, help_text="項目ごとの ○・×・－・未提出")
    groups = AggregateGroupSerializer(many=True, help_text="単位（by）ごと・項目ごとの数")
    sections_with_ng = AggregateNgSectionSerializer(many=True)
    non_submitters = AggregatePendingSerializer(many=True)
    trend = AggregateTrendSerializer(allow_null=True, help_text="月別の推移（年度のとき）")
    survey = AggregateSurveySerializer(many=True, help_text="調査の集計（点検強化月間のとき）")


class AggregateParamsSerializer(serializers.Serializer):
    campaign = serializers.IntegerField(required=False, min_value=1, help_text="点検の ID")
    fiscal_year = FiscalYearField(required=False)
    by = serializers.ChoiceField(choices=list(aggregation.GROUPINGS), required=False,
                                 default=aggregation.DEFAULT_GROUPING,
                                 help_text="organ（実施機関）・bureau（局・区・室）・section（課・公所）")

    def validate(self, attrs):
        if ("campaign" in attrs) == ("fiscal_year" in attrs):
            raise serializers.ValidationError("campaign と fiscal_year のどちらか一方を指定してください。")
        return attrs


class AggregateView(ApiView):
    """GET /api/v1/inspections/aggregate: the results pages' tables as JSON, in the actor's scope."""


    @extend_schema(summary="点検結果の集計", parameters=[AggregateParamsSerializer],
                   responses={200: AggregateSerializer, 404: ERROR_RESPONSES[404]},
                   description="?campaign=（点検1回）または ?fiscal_year=（年度の定期点検・点検強化月間の合計と月別の推移）。"
                               "範囲は自分の課・公所（管理者は所管の部、総括・監査は全庁）。")
    def get(self, request):
        actor = api_actor(request)
        if actor.role == Role.CONTRACTOR:
            raise exceptions.PermissionDenied("点検結果の集計を見る権限がありません。")
        params = AggregateParamsSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        params = params.validated_data
        unit_ids, by = actor.unit_ids, params["by"]
        index = aggregation.UnitIndex()
        if "campaign" in params:
            campaign = restrict(Campaign.objects.all(), actor).filter(pk=params["campaign"]).first()
            if campaign is None:
                raise exceptions.NotFound("この点検は存在しないか、参照できません。")
            table = aggregation.campaign_table(campaign, unit_ids, by, index=index)
            items, groups, trend = table.items, table.groups, None
            survey = aggregation.survey_table(campaign, unit_ids)
            fiscal_year = campaign.fiscal_year
        else:
            fiscal_year, campaign = params["fiscal_year"], None
            items = aggregation.yearly_table(fiscal_year, unit_ids=unit_ids)
            groups = aggregation.group_table(items.campaigns, unit_ids, by, index=index)
            trend, survey = aggregation.monthly_trend(fiscal_year, unit_ids), []
        campaign_ids = [c.pk for c in items.campaigns]
        result = {
            "fiscal_year": fiscal_year, "campaign": campaign, "campaigns": items.campaigns, "by": by,
            "status": items.status, "items": items.rows, "groups": groups.groups,
            "sections_with_ng": aggregation.sections_with_ng(campaign_ids, unit_ids, index=index),
            "non_submitters": aggregation.non_submitters(campaign_ids, unit_ids, index=index),
            "trend": trend, "survey": survey,
        }
        numbers = [item.number for item in groups.items]
        return Response(AggregateSerializer(result, context={"request": request, "numbers": numbers}).data)
