"""A staff member's browser over HTTP, for the write stream (bench/write_stream.py): it logs in
to the admin and saves a record by posting its change form back, one field changed, as a
browser would — so the save goes the way staff's do (the admin's save_model → the service)."""

import html.parser
import http.client
import re
import secrets
import urllib.parse

from bench.common import HOST, PROXY_HEADERS

STAFF = "bench-writer"
# The field each kind of record has a word appended to (and taken off again) when saved.
EDITED = {
    "honors.honor": "unit",
    "families.family": "conferring_body",
    "programs.activity": "title",
}
MARK = "（改）"


def staff_password() -> str:
    """A superuser for the writer, with a password made for this run."""
    from django.contrib.auth import get_user_model

    password = secrets.token_urlsafe(16)
    user, _created = get_user_model().objects.get_or_create(username=STAFF)
    user.is_staff = user.is_superuser = True
    user.set_password(password)
    user.save()
    return password


class FormReader(html.parser.HTMLParser):
    """The fields a browser would post from a page's form that posts (files left out)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.fields: list[tuple[str, str]] = []
        self.in_form = False
        self.select: tuple[str, list[str], bool] | None = None
        self.option: str | None = None
        self.textarea: str | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self.in_form = True  # the admin's pages have one such form
        if not self.in_form:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = (a.get("type") or "text").lower()
            if kind in ("file", "submit", "button", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            self.fields.append((name, a.get("value") or ("on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            self.select = (name, [], "multiple" in a)
            self.first_option = None
        elif tag == "option" and self.select is not None:
            value = a.get("value", "")
            if self.first_option is None:
                self.first_option = value
            if "selected" in a:
                self.select[1].append(value)
        elif tag == "textarea" and name:
            self.textarea, self.text = name, []

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "select" and self.select is not None:
            name, chosen, multiple = self.select
            if not chosen and not multiple and self.first_option is not None:
                chosen = [self.first_option]
            self.fields += [(name, value) for value in chosen]
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.text)
            self.fields.append((self.textarea, text[1:] if text.startswith("\n") else text))
            self.textarea = None

    def handle_data(self, data):
        if self.textarea is not None:
            self.text.append(data)


class Browser:
    """A staff member's browser over HTTP: cookies, the CSRF token, HTTPS as nginx says."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: list | None = None):
        headers = {"Host": HOST, **PROXY_HEADERS}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = f"https://{HOST}"
            headers["Referer"] = f"https://{HOST}{path}"
        connection = http.client.HTTPConnection(HOST, self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
            for name, value in response.getheaders():
                if name.lower() == "set-cookie":
                    cookie, _sep, _rest = value.partition(";")
                    key, _eq, content = cookie.partition("=")
                    self.cookies[key.strip()] = content.strip()
            return response.status, response.getheader("Location", ""), text
        finally:
            connection.close()

    def form(self, path: str) -> list[tuple[str, str]]:
        status, _location, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        reader = FormReader()
        reader.feed(text)
        return reader.fields

    def log_in(self, password: str) -> None:
        path = "/admin/login/?next=/admin/"
        fields = dict(self.form(path))
        form = [
            ("csrfmiddlewaretoken", fields.get("csrfmiddlewaretoken", "")),
            ("username", STAFF),
            ("password", password),
            ("next", "/admin/"),
        ]
        status, _location, _text = self.request("POST", path, form)
        if status != 302:
            raise RuntimeError(f"the writer could not log in ({status})")


def save(browser: Browser, path: str) -> None:
    """Open the change page, change one field, post the form back as the browser would."""
    label = ".".join(path.split("/")[2:4])
    edited = EDITED[label]
    form = []
    for name, value in browser.form(path):
        if name == edited:
            value = value.removesuffix(MARK) if value.endswith(MARK) else value + MARK
        form.append((name, value))
    status, _location, text = browser.request("POST", path, [*form, ("_save", "保存")])
    if status != 302:
        errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', text, re.S)
        raise RuntimeError(f"POST {path}: {status} {errors[:2]}")
