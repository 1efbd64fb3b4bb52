from django.http import HttpResponse


def _todo(request):
    return HttpResponse("準備中")


unit_list = person_list = transfers = import_start = _todo
