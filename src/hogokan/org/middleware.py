from django.utils.functional import SimpleLazyObject

from hogokan.org.access import SESSION_KEY, actor_for


class ActorMiddleware:
    """Puts ``request.actor``: the user acting as the assignment chosen in the header switcher."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.actor = SimpleLazyObject(lambda: actor_for(request.user, request.session.get(SESSION_KEY)))
        return self.get_response(request)
