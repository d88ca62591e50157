"""Language choice on unprefixed URLs, public pages in the visitor's script, the page cache,
and the admin's guard against input the database refuses."""

from django.conf import settings
from django.core.cache import cache
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

from core import cache as cache_versions
from core import i18n, versions
from core.filters import REFUSED_MESSAGE, has_refused_characters


class PreferredLanguageMiddleware:
    """Send a visitor on an unprefixed (default-language) URL to the language she chose.

    The choice is the language cookie set by the switcher; on a first visit without one,
    the browser's Accept-Language. Search engines and visitors who prefer simplified
    Chinese stay where they are. Goes after LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        redirect = self.redirect_for(request)
        if redirect is not None:
            return redirect
        response = self.get_response(request)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response

    def redirect_for(self, request):
        path = request.path_info
        if request.method not in ("GET", "HEAD") or path.startswith(i18n.UNPREFIXED_EXEMPT):
            return None
        if translation.get_language_from_path(path):
            return None  # the URL says which language
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if not i18n.supported(chosen):
            chosen = translation.get_language_from_request(request, check_path=False)
        if not i18n.supported(chosen) or chosen == settings.LANGUAGE_CODE:
            return None
        query = request.META.get("QUERY_STRING", "")
        target = i18n.path_in_language(path, chosen) + (f"?{query}" if query else "")
        response = HttpResponseRedirect(target)
        patch_vary_headers(response, ["Accept-Language", "Cookie"])
        return response


class VisitorScriptMiddleware:
    """Show public pages' content in the visitor's script (simplified or traditional).

    The admin is left alone: what staff see there is what is stored, and what they
    save must be what they typed.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = translation.get_language()
        if (
            not request.path_info.startswith(i18n.UNPREFIXED_EXEMPT)
            and response.get("Content-Type", "").startswith("text/html")
            and not response.streaming
            and response.status_code == 200
        ):
            charset = response.charset or "utf-8"
            text = response.content.decode(charset)
            response.content = i18n.to_visitor_script(text, language).encode(charset)
            if response.has_header("Content-Length"):
                # Set by a middleware inside this one; the page's length has changed.
                response["Content-Length"] = str(len(response.content))
        return response


class PublicPageCacheMiddleware:
    """Serve a public page or file from the cache while the data it shows has not changed.

    Sits after the language middleware (the language is known) and before
    VisitorScriptMiddleware, so the stored page is the finished one in the visitor's
    script. Only what every visitor would be shown is stored: requests without a session
    (staff, who are logged in, always get a page of their own), pages that did not read
    the session or the user, set no cookie and are complete HTML — no admin — or, for
    views that say so (`cache_files`), a finished Word or Excel file.

    A view says which query parameters it reads (`cached_query_parameters()`, see
    core.views.CachedPageMixin); only those are part of the key, so `?x=<random>` is
    answered from the cache instead of being made again. A view that says nothing is
    cached only when asked for without a query. It also says which apps' records it shows
    and which parameter (of the query or the URL) names its region (`cached_scope()`), so
    the page is kept under those apps' versions for that region — worked out here, before
    the view runs, since a hit does not run it. See core.cache for the versions.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.cacheable_request(request):
            return self.get_response(request)
        match = self.resolve(request)
        view_class = getattr(match.func, "view_class", None) if match else None
        parameters = self.query_parameters(view_class)
        if parameters is None and request.GET:
            return self.get_response(request)
        # Each version is read from the cache once per request, with the page's scope.
        with versions.one_read_per_request():
            scope = self.scope(request, view_class, match)
            with cache_versions.serving(scope):
                return self.serve(request, view_class, scope, parameters)

    def serve(self, request, view_class, scope, parameters):
        key = cache_versions.page_key(request, scope, parameters or frozenset())
        stored = cache.get(key)
        if stored is not None:
            content, status, headers = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if request.method == "GET" and self.cacheable_response(request, response, view_class):
            content = self.read_whole(response) if response.streaming else response.content
            if len(content) <= cache_versions.MAX_CACHED_BYTES:
                headers = list(response.headers.items())
                cache.set(
                    key, (content, response.status_code, headers), settings.PUBLIC_CACHE_SECONDS
                )
                response["X-Page-Cache"] = "miss"
        return response

    @staticmethod
    def resolve(request):
        try:
            return resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None

    @staticmethod
    def scope(request, view_class, match) -> versions.Scope:
        """The apps the page shows (a view that does not say: every app) and its region."""
        declared = getattr(view_class, "cached_scope", None)
        apps, region = declared() if declared is not None else (None, "")
        code = (match.kwargs.get(region) or request.GET.get(region, "")) if region else ""
        return versions.scope_of_page(apps, str(code))

    @staticmethod
    def query_parameters(view_class) -> frozenset | None:
        declared = getattr(view_class, "cached_query_parameters", None)
        return frozenset(declared()) if declared is not None else None

    @staticmethod
    def read_whole(response) -> bytes:
        """A file response's bytes (the files cached are a few megabytes), which it then sends.

        The response is not closed here: closing sends request_finished, which would close
        the request's database connection midway; the server closes it when it is sent.
        """
        content = b"".join(response.streaming_content)
        response.streaming_content = [content]
        response["Content-Length"] = str(len(content))
        return content

    @staticmethod
    def cacheable_request(request) -> bool:
        return (
            cache_versions.enabled()
            and request.method in ("GET", "HEAD")
            and not request.path_info.startswith(i18n.UNPREFIXED_EXEMPT)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
        )

    @staticmethod
    def cacheable_response(request, response, view_class) -> bool:
        session = getattr(request, "session", None)
        content_type = response.get("Content-Type", "")
        html = content_type.startswith("text/html") and not response.streaming
        document = getattr(view_class, "cache_files", False) and content_type.startswith(
            cache_versions.DOCUMENT_TYPES
        )
        return (
            response.status_code == 200
            and (html or document)
            and not (session is not None and session.accessed)
            and not response.cookies
            and "private" not in response.get("Cache-Control", "")
        )


class AdminInputMiddleware:
    """Refuse, in the admin, query strings and record ids that would fail in the database.

    The admin's search box, list filters and autocomplete (`term=`) put the query string
    into queries, and PostgreSQL refuses NUL there with a 500; such a request answers 400
    here. The history pages of django-simple-history (`…/<id>/history/<version>/`) turn
    their ids into numbers without a check (`history/abc/` was a 500); an id that is not
    a number is a 404. The public pages check their input in their FilterSets and URL
    converters instead (core.filters, core.converters), where it is a message on the form.
    """

    HISTORY_VIEWS = ("_history", "_simple_history")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and any(
            has_refused_characters(part)
            for key, values in request.GET.lists()
            for part in (key, *values)
        ):
            return HttpResponseBadRequest(
                str(REFUSED_MESSAGE), content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if (
            match is not None
            and match.url_name
            and match.url_name.endswith(self.HISTORY_VIEWS)
            and not all(
                str(value).isascii() and str(value).isdigit()
                for value in (*view_args, *view_kwargs.values())
            )
        ):
            raise Http404
        return None
