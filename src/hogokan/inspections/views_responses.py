from django.http import HttpResponse


def _todo(request, **kwargs):
    return HttpResponse("準備中")


home = response_detail = _todo
