"""The scanner's API: the pre-send check (``POST /api/v1/scan``, multipart ``file``) and the runs the agent
posts (``POST /api/v1/scan-runs``, then ``POST /api/v1/scan-runs/{id}/files`` for more files)."""

from __future__ import annotations

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response

from hogokan.core.rest import ApiView, InputSerializer, call_service
from hogokan.org.models import Role
from hogokan.scanner import rules, services
from hogokan.scanner.models import FileStatus, ScanRun
from hogokan.scanner.scoping import may_post_runs

STAFF_ROLES = tuple(role for role in Role.values if role != Role.CONTRACTOR)
MAX_FILES_PER_POST = 5000
FILE_MESSAGES = {
    "required": "file（確認するファイル）を multipart/form-data で送ってください。",
    "null": "file（確認するファイル）を multipart/form-data で送ってください。null は指定できません。",
    "invalid": "file にはファイルを送ってください（multipart/form-data）。文字列や数値は受け付けません。",
    "no_name": "ファイル名のないファイルは確認できません。",
    "empty": "空のファイルです。中身のあるファイルを送ってください。",
    "max_length": "ファイル名が長すぎます（255 文字まで）。",
}


def _counts_serializer(name: str, *, read: bool):
    # A file's total (the sum of its categories) must fit the database's integer too.
    most = (2**31 - 1) // len(rules.CATEGORIES)
    fields = {category: serializers.IntegerField(min_value=0, max_value=most, **(
        {} if read else {"required": False, "default": 0}), help_text=rules.CATEGORY_LABELS[category])
        for category in rules.CATEGORIES}
    return type(name, (InputSerializer,), fields)


FindingsSerializer = _counts_serializer("ScanFindingsSerializer", read=True)
FindingsInputSerializer = _counts_serializer("ScanFindingsInputSerializer", read=False)


class PreSendInputSerializer(InputSerializer):
    file = serializers.FileField(max_length=255, error_messages=FILE_MESSAGES,
                                 help_text=f"確認するファイル（{services.MAX_CHECK_BYTES >> 20} MB まで）")


class PreSendResultSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="確認の記録の ID")
    file_name = serializers.CharField()
    size = serializers.IntegerField()
    status = serializers.ChoiceField(choices=FileStatus.choices)
    status_label = serializers.CharField()
    reason = serializers.CharField(allow_blank=True)
    findings = FindingsSerializer(help_text="種類ごとの件数")
    in_context = FindingsSerializer(help_text="うち見出し・文脈（個人番号、電話 など）のあるもの")
    samples = serializers.DictField(child=serializers.ListField(child=serializers.CharField()),
                                    help_text="種類ごとの例（伏せ字: 1234-****-**12, s***@example.jp）")
    seconds = serializers.FloatField()
    has_personal_information = serializers.BooleanField()


class PreSendCheckView(ApiView):
    """POST /api/v1/scan: check one file before it is sent; the check is logged, the file is not kept."""

    parser_classes = [MultiPartParser, JSONParser]  # JSON only to answer a body without a file with a 400
    write_roles = STAFF_ROLES

    @extend_schema(summary="送信前の確認（ファイルの個人情報の検査）", request={"multipart/form-data": PreSendInputSerializer},
                   responses={200: PreSendResultSerializer},
                   description="ファイルに含まれる個人情報の種類ごとの件数と伏せ字の例を返します。"
                               "確認したこと（ファイル名、サイズ、件数、確認した人）は記録され、ファイルは保存されません。")
    def post(self, request):
        data = self.validated_input(PreSendInputSerializer)
        uploaded = data["file"]
        if uploaded.size > services.MAX_CHECK_BYTES:
            raise exceptions.ValidationError({"file": [f"ファイルが大きすぎます（{services.MAX_CHECK_BYTES >> 20} MB まで）。"]})
        _check, result = call_service(services.presend_check, actor=self.actor, file_name=uploaded.name,
                                      data=uploaded.read())
        return Response(result)


class ScannedFileInputSerializer(InputSerializer):
    # A file's name may begin or end with spaces: paths are kept exactly as the scanner saw them.
    path = serializers.CharField(max_length=1500, trim_whitespace=False, help_text="PATH 引数からの相対パス（/ 区切り）")
    root = serializers.CharField(max_length=500, trim_whitespace=False, help_text="PATH 引数（絶対パス）")
    size = serializers.IntegerField(min_value=0, max_value=2**62)
    status = serializers.ChoiceField(choices=FileStatus.choices)
    findings = FindingsInputSerializer()
    reason = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
    samples = serializers.DictField(child=serializers.ListField(child=serializers.CharField(max_length=200),
                                                                max_length=10), required=False, default=dict)


class ScanFilesInputSerializer(InputSerializer):
    files = ScannedFileInputSerializer(many=True, max_length=MAX_FILES_PER_POST,
                                       help_text=f"1回に {MAX_FILES_PER_POST} ファイルまで（残りは /files へ）")


class ScanSummaryInputSerializer(InputSerializer):
    files = serializers.IntegerField(min_value=0, max_value=2**31 - 1, required=False)
    bytes = serializers.IntegerField(min_value=0, max_value=2**62, required=False)
    seconds = serializers.FloatField(min_value=0, max_value=10**7, required=False)


class ScanRunInputSerializer(ScanFilesInputSerializer):
    host = serializers.CharField(max_length=200)
    roots = serializers.ListField(child=serializers.CharField(max_length=500, trim_whitespace=False), min_length=1, max_length=100)
    summary = ScanSummaryInputSerializer(required=False)


class ScanRunCreatedSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    files = serializers.IntegerField(help_text="この実行に記録したファイルの数（累計）")


def _files(data) -> list[dict]:
    return [dict(item, findings=dict(item["findings"])) for item in data["files"]]


class ScanRunView(ApiView):
    """POST /api/v1/scan-runs: the results of ``hogokan scan --post`` (the office's service account)."""

    write_roles = (Role.ADMIN, Role.CHIEF)

    @extend_schema(summary="検査結果の送信（hogokan scan --post）", request=ScanRunInputSerializer,
                   responses={201: ScanRunCreatedSerializer},
                   description="ファイルごとの件数（値は含まない）を受け取り、対応フォルダで所属に振り分けます。")
    def post(self, request):
        data = self.validated_input(ScanRunInputSerializer)
        if not may_post_runs(self.actor):
            raise exceptions.PermissionDenied("検査結果の送信は事務局・システム管理者のトークンで行います。")
        run = call_service(services.run_record, actor=request.user, host=data["host"], roots=data["roots"],
                           files=_files(data), summary=dict(data.get("summary") or {}))
        return Response({"id": run.pk, "files": run.files}, status=status.HTTP_201_CREATED)


class ScanRunFilesView(ApiView):
    """POST /api/v1/scan-runs/{id}/files: more files of a run (a big share is sent in parts)."""

    queryset = ScanRun.objects.all()  # the records {id} names (the schema's and the fuzz test's)
    write_roles = (Role.ADMIN, Role.CHIEF)

    @extend_schema(summary="検査結果の追加送信", request=ScanFilesInputSerializer,
                   responses={201: ScanRunCreatedSerializer})
    def post(self, request, pk: int):
        run = get_object_or_404(ScanRun.objects.filter(posted_by=request.user), pk=pk)
        data = self.validated_input(ScanFilesInputSerializer)
        run = call_service(services.run_add_files, actor=request.user, run=run, files=_files(data))
        return Response({"id": run.pk, "files": run.files}, status=status.HTTP_201_CREATED)
