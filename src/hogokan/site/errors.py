"""Error pages: JSON under /api/, Japanese pages elsewhere; the 500 page needs no database."""

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


def server_error(request):
    if is_api(request):
        return JsonResponse({"detail": "システムエラーが発生しました。しばらくしてから再度お試しください。"}, status=500)
    # No request context: the context processors read the database, which may be what failed.
    return HttpResponse(loader.get_template("errors/500.html").render({}), status=500)
