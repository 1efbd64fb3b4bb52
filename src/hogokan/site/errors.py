"""Error pages: JSON under /api/, Japanese pages elsewhere; the 500 page needs no database."""

import sys

from django.db import DataError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader

from hogokan.core.middleware import bad_request as _bad_request
from hogokan.core.middleware import is_api


def bad_request(request, exception=None):
    return _bad_request(request, "リクエストの内容を処理できませんでした。入力を確認してください。")


def forbidden(request, exception=None):
    reason = str(exception or "")
    if is_api(request):
        return JsonResponse({"detail": reason or "この操作を行う権限がありません。"}, status=403)
    return render(request, "errors/403.html", {"reason": reason}, status=403)


def not_found(request, exception=None):
    if is_api(request):
        return JsonResponse({"detail": "見つかりません。"}, status=404)
    return render(request, "errors/404.html", status=404)


DATABASE_DOWN = "データベースに接続できません。入力した内容は保存されていません。しばらくしてから再度お試しください。"


def _database_down() -> bool:
    """Whether the exception being handled is a lost or refused database connection.

    Django calls handler500 inside its ``except`` block, so the exception is still at hand. Such
    a request wrote nothing (its transaction was never committed): 503 tells the user to retry.
    """
    exception = sys.exc_info()[1]
    return isinstance(exception, OperationalError | InterfaceError) and not isinstance(exception, DataError)


def server_error(request):
    if _database_down():
        if is_api(request):
            response = JsonResponse({"detail": DATABASE_DOWN}, status=503)
        else:
            response = HttpResponse(loader.get_template("errors/503.html").render({"message": DATABASE_DOWN}),
                                    status=503)
        response["Retry-After"] = "5"
        return response
    if is_api(request):
        return JsonResponse({"detail": "システムエラーが発生しました。しばらくしてから再度お試しください。"}, status=500)
    # No request context: the context processors read the database, which may be what failed.
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
