"""Reading a page's own forms, and hostile values to post back through them.

`page_forms` parses the forms of an HTML page (fields with the values the page filled in,
hidden version fields included) so that a fuzz run starts from a valid-ish submission and
replaces one field at a time. `encode_body` builds a urlencoded body from str or bytes values,
so that lone surrogates and invalid UTF-8 travel exactly as a hostile client would send them.
"""

from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import quote_from_bytes, urljoin, urlsplit

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE_BREAK = '"><img src=x onerror=alert(1)>'
ONE_MEGABYTE = "x" * (1024 * 1024)

# (label, value): a str is sent UTF-8 encoded, bytes as they are (percent-encoded).
CORPUS = [
    ("script", SCRIPT),
    ("nul", "before\x00after"),
    ("sql", "' OR 1=1 --"),
    ("percent-nul", "%00"),
    ("rtl-override", "abc\u202edef"),
    ("lone-surrogate", b"\xed\xa0\x80"),
    ("attribute-break", ATTRIBUTE_BREAK),
    ("invalid-utf8", b"\xff\xfe\xc3("),
    ("superscript-digit", "\u00b2"),
    ("huge-number", "99999999999999999999"),
    ("zero", "0"),
    ("five", "5"),
    ("minus-one", "-1"),
    ("one-and-a-half", "1.5"),
    ("nan", "NaN"),
    ("empty", ""),
    ("whitespace", " \t\r\n "),
    ("bad-date", "2026-02-30"),
    ("bad-uuid", "00000000-0000-0000-0000-00000000000g"),
    ("foreign-uuid", "3f2504e0-4f89-41d3-9a0c-0305e82c3301"),
]
# The rubric's score corpus, posted to every score and rating field.
SCORE_VALUES = ["0", "5", "-1", "1.5", "NaN", ""]
# Posted with them to every other field of those forms that is not typed text (the ticks).
SCORE_EXTRAS = ["\u00b2", "99999999999999999999", "\x00", "1 ", "٣"]
# Markers that must never come back unescaped in a response body.
RAW_MARKERS = [SCRIPT.encode(), ATTRIBUTE_BREAK.encode()]
CSRF = "csrfmiddlewaretoken"
# Fields left empty on purpose: filling one in marks a public answer as a robot's.
HONEYPOTS = {"website"}
# Date fields that should come after the form's other dates (an end after its start).
LATER = ("end", "close", "due")
TEXT_TYPES = {"text", "email", "search", "url", "tel", "password", "textarea", ""}


@dataclass
class Field:
    name: str
    kind: str  # input type, "textarea", "select" or "button"
    value: str = ""
    checked: bool = False
    multiple: bool = False
    options: list = field(default_factory=list)  # (value, selected) of a select
    disabled: bool = False
    minimum: str = ""

    def plausible(self) -> str:
        """The value a person would type into this empty field (for a valid-ish baseline)."""
        if self.value or self.name in HONEYPOTS:
            return self.value
        if "link" in self.name or "url" in self.name:
            return "https://example.org/"
        if self.name == "number":
            return "60%"
        return {
            "email": "fuzz@a.example",
            "url": "https://example.org/",
            "date": "2027-06-15" if any(w in self.name for w in LATER) else "2026-10-15",
            "number": self.minimum or "1",
            "password": "Correct-horse-battery-9",
            "tel": "555-0100",
            "hidden": "",
        }.get(self.kind, "Plain words")


@dataclass
class Form:
    action: str
    hx_post: str
    method: str
    enctype: str
    fields: list = field(default_factory=list)

    def posts_to(self, path: str) -> bool:
        return self.method == "post" and path in (self.action, self.hx_post)

    def baseline(self) -> list[tuple[str, str]]:
        """What a browser would submit untouched: checked boxes, selected options, first button."""
        pairs: list[tuple[str, str]] = []
        radios_seen: dict[str, str | None] = {}
        button_sent = False
        selects = {f.name for f in self.fields if f.kind == "select"}
        for f in self.fields:
            if f.disabled or not f.name:
                continue
            if f.kind in ("checkbox",):
                if f.checked:
                    pairs.append((f.name, f.value or "on"))
            elif f.kind == "radio":
                radios_seen.setdefault(f.name, None)
                if f.checked and f.value:
                    radios_seen[f.name] = f.value
            elif f.kind == "select":
                chosen = [v for v, selected in f.options if selected and v]
                if not chosen and f.options and not f.multiple:
                    # A person picks something rather than leaving "---------".
                    non_empty = [v for v, _ in f.options if v]
                    chosen = non_empty[:1] or [f.options[0][0]]
                pairs.extend((f.name, v) for v in chosen)
            elif f.kind in ("submit", "button", "image"):
                if f.kind != "button" and not button_sent:
                    pairs.append((f.name, f.value))
                    button_sent = True
            elif f.kind in ("file", "reset"):
                continue
            elif f.name.endswith("_name") and f.name.removesuffix("_name") in selects:
                pairs.append((f.name, f.value))  # a member is chosen, so no name is typed
            else:
                pairs.append((f.name, f.plausible()))
        for name, value in radios_seen.items():
            if value is None:
                values = [f.value for f in self.fields if f.name == name and f.kind == "radio"]
                value = next((v for v in values if v), values[0])
            pairs.append((name, value))
        return pairs

    def field_names(self) -> list[str]:
        """Names a user can type or choose into (not buttons), in page order, once each."""
        names: list[str] = []
        for f in self.fields:
            typed = f.kind not in ("submit", "button", "image", "reset")
            if f.name and typed and not f.disabled and f.name not in names:
                names.append(f.name)
        return names

    def text_names(self) -> list[str]:
        return [
            f.name
            for f in self.fields
            if f.name and not f.disabled and f.kind in TEXT_TYPES and f.name != "version"
        ]

    def file_names(self) -> list[str]:
        return [f.name for f in self.fields if f.kind == "file" and f.name]


class _FormParser(HTMLParser):
    def __init__(self, page_path: str):
        super().__init__(convert_charrefs=True)
        self.page_path = page_path
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._option: list | None = None
        self._textarea: Field | None = None
        self._button: Field | None = None

    def _path(self, url: str | None) -> str:
        if url is None:
            return ""
        return urlsplit(urljoin(self.page_path, url)).path

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            action = a.get("action")
            self._form = Form(
                action=self._path(action if action else self.page_path),
                hx_post=self._path(a.get("hx-post")) if a.get("hx-post") else "",
                method=(a.get("method") or "get").lower(),
                enctype=(a.get("enctype") or "application/x-www-form-urlencoded").lower(),
            )
            self.forms.append(self._form)
            return
        if self._form is None:
            return
        disabled = "disabled" in a
        if tag == "input":
            self._form.fields.append(
                Field(
                    name=a.get("name") or "",
                    kind=(a.get("type") or "text").lower(),
                    value=a.get("value") or "",
                    checked="checked" in a,
                    disabled=disabled,
                    minimum=a.get("min") or "",
                )
            )
        elif tag == "textarea":
            self._textarea = Field(name=a.get("name") or "", kind="textarea", disabled=disabled)
            self._form.fields.append(self._textarea)
        elif tag == "select":
            self._select = Field(
                name=a.get("name") or "", kind="select", multiple="multiple" in a, disabled=disabled
            )
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._option = [a.get("value"), "selected" in a, ""]
            self._select.options.append(self._option)
        elif tag == "button":
            self._button = Field(
                name=a.get("name") or "",
                kind=(a.get("type") or "submit").lower(),
                value=a.get("value") or "",
                disabled=disabled,
            )
            self._form.fields.append(self._button)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._textarea is not None:
            # Browsers drop the one newline that may follow <textarea>.
            self._textarea.value = self._textarea.value.removeprefix("\n")
            self._textarea = None
        elif tag == "option":
            self._finish_option()
        elif tag == "select" and self._select is not None:
            self._finish_option()
            self._select.options = [tuple(o[:2]) for o in self._select.options]
            self._select = None
        elif tag == "button":
            self._button = None

    def _finish_option(self):
        if self._option is not None:
            if self._option[0] is None:
                self._option[0] = self._option[2].strip()
            self._option = None


def page_forms(html: str, page_path: str) -> list[Form]:
    """Every form of the page, with actions as paths resolved against the page."""
    parser = _FormParser(page_path)
    parser.feed(html)
    parser.close()
    return parser.forms


def form_for(forms: list[Form], path: str) -> Form | None:
    """The form of the page that posts to `path`, the one with the most fields if several do."""
    candidates = [f for f in forms if f.posts_to(path)]
    return max(candidates, key=lambda f: len(f.fields), default=None)


def _encode(value: str | bytes) -> bytes:
    if isinstance(value, bytes):
        return value
    # surrogatepass: a lone surrogate goes out as the invalid bytes a hostile client sends.
    return value.encode("utf-8", "surrogatepass")


def encode_body(pairs: list[tuple[str, str | bytes]]) -> bytes:
    """A urlencoded body; values are sent byte for byte as given (str as UTF-8)."""
    return b"&".join(
        quote_from_bytes(_encode(name), safe="").encode()
        + b"="
        + quote_from_bytes(_encode(value), safe="").encode()
        for name, value in pairs
    )


def replace(pairs: list[tuple[str, str | bytes]], name: str, value) -> list:
    """The pairs with every value of `name` replaced by `value` (added if absent)."""
    out = [(n, value if n == name else v) for n, v in pairs]
    if not any(n == name for n, _ in pairs):
        out.append((name, value))
    return out


def hostile_files(header: list[str]) -> list[tuple[str, str, bytes]]:
    """(label, file name, content): spreadsheets whose every cell is hostile, and a fake one."""
    line = ",".join(f'"{h}"' for h in header).encode() + b"\r\n"

    def rows(cell: bytes) -> bytes:
        return line + b",".join([cell] * len(header)) + b"\r\n"

    return [
        ("csv-with-script", "upload.csv", rows(SCRIPT.encode())),
        ("csv-with-nul", "upload.csv", rows(b"before\x00after")),
        ("csv-invalid-utf8", "upload.csv", rows(b"\xed\xa0\x80\xff")),
        ("fake-xlsx", "upload.xlsx", b"PK\x03\x04\x00\x00not a workbook"),
    ]


def raw_markers_in(content: bytes) -> list[bytes]:
    return [marker for marker in RAW_MARKERS if marker in content]


# --- checking what got stored -------------------------------------------------------------

_MODELS: list = []


def _district_models() -> list:
    if not _MODELS:
        from sel_planner.districts.graph import district_models

        _MODELS.extend(district_models())
    return _MODELS


def _text_fields(model) -> list:
    from django.db import models

    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.is_relation
    ]


def row_problems(obj) -> list[str]:
    """NUL characters in text, and field values the model's own validation refuses."""
    from django.core.exceptions import ValidationError

    model = type(obj)
    problems = []
    for f in _text_fields(model):
        value = getattr(obj, f.attname)
        if isinstance(value, str) and "\x00" in value:
            problems.append(f"{model._meta.label}.{f.name} pk={obj.pk} stores a NUL")
    # Relations are the database's to check (foreign keys); this is about values typed in.
    relations = [f.name for f in model._meta.concrete_fields if f.is_relation]
    # A history row's own bookkeeping (change reason, type) is simple_history's, not a form's.
    bookkeeping = [f.name for f in model._meta.concrete_fields if f.name.startswith("history_")]
    try:
        obj.clean_fields(exclude=relations + bookkeeping)
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            value = repr(getattr(obj, name, None))[:80]
            problems.append(f"{model._meta.label}.{name} pk={obj.pk} = {value}: {messages}")
    return problems


def _tables_with_rows(models: list) -> list:
    """The models whose tables hold any row, found in one query."""
    from django.db import connection

    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT {index} WHERE EXISTS (SELECT 1 FROM {quote(m._meta.db_table)})"
        for index, m in enumerate(models)
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [models[row[0]] for row in cursor.fetchall()]


def stored_value_problems() -> list[str]:
    """Every row of every district table (in a test, only the test's own districts' rows)."""
    problems = []
    for model in _tables_with_rows(_district_models()):
        for obj in model._base_manager.all():
            problems.extend(row_problems(obj))
    return problems


def district_value_problems(district) -> tuple[list[str], int]:
    """The same checks over exactly the district's rows (as the district archive finds them),
    and how many rows there were."""
    from sel_planner.districts.portability import district_rows

    rows = district_rows(district=district)
    problems = []
    for model in rows.models:
        if rows.pks[model]:
            for obj in rows.queryset(model):
                problems.extend(row_problems(obj))
    return problems, rows.count()


# --- posting ------------------------------------------------------------------------------

TEXT_ROTATION = [
    "script",
    "nul",
    "sql",
    "attribute-break",
    "rtl-override",
    "lone-surrogate",
    "percent-nul",
    "invalid-utf8",
]
CHOICE_ROTATION = [
    "zero",
    "five",
    "minus-one",
    "one-and-a-half",
    "nan",
    "empty",
    "superscript-digit",
    "huge-number",
    "nul",
    "script",
    "bad-uuid",
    "foreign-uuid",
    "bad-date",
    "whitespace",
]
VALUES = dict(CORPUS)
# Number inputs are few and sit on integer columns with ranges: each gets all of these.
NUMBER_SWEEP = ["huge-number", "minus-one", "one-and-a-half", "nan", "superscript-digit", "nul"]
SCORE_FIELDS = {"choice", "score"}


@dataclass
class Outcome:
    label: str
    status: int
    location: str = ""


@dataclass
class FuzzRun:
    """Posts hostile variants of one form and collects every broken promise as a problem."""

    client: object
    url: str
    form: Form | None
    relogin: object = None  # a callable, for posts that end the session
    csv_header: list = field(default_factory=lambda: ["name", "grades"])
    page_url: str = ""  # the page holding the form, read again after the first save
    reread: bool = False
    problems: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)
    pairs: list = field(default_factory=list)

    def __post_init__(self):
        self.pairs = [(n, v) for n, v in (self.form.baseline() if self.form else []) if n != CSRF]
        self.htmx = bool(self.form and self.form.hx_post == self.url)

    # A single request -----------------------------------------------------------------

    def post(self, label: str, body, content_type: str = "application/x-www-form-urlencoded"):
        if self.relogin is not None:
            self.relogin()
        extra = {"HTTP_HX_REQUEST": "true"} if self.htmx else {}
        try:
            if content_type == "multipart":
                response = self.client.post(self.url, body, **extra)
            else:
                response = self.client.post(self.url, body, content_type=content_type, **extra)
        except Exception as error:  # a 500: the test client re-raises the view's exception
            self.problems.append(f"{label}: raised {type(error).__name__}: {str(error)[:300]}")
            raise _Stop from error
        self.check(label, response)
        location = response.get("Location", "") if response.status_code in (301, 302, 303) else ""
        self.outcomes.append(Outcome(label, response.status_code, location))
        if response.status_code in (302, 303) and self.form is not None:
            self._after_save()
        return response

    def _after_save(self):
        """Follow the saved record as a person reloading the page would."""
        if any(n == "version" or n.endswith("-version") for n, _ in self.pairs):
            self._advance_versions()
        elif self.page_url and not self.reread:
            # The first save made a new record, whose form now asks for its version.
            self.reread = True
            response = self.client.get(self.page_url)
            form = form_for(page_forms(response.content.decode(), self.page_url), self.url)
            if response.status_code == 200 and form is not None:
                self.form = form
                self.pairs = [(n, v) for n, v in form.baseline() if n != CSRF]

    def check(self, label: str, response):
        if response.status_code >= 500:
            self.problems.append(f"{label}: status {response.status_code}")
        content = b"" if getattr(response, "streaming", False) else response.content
        for marker in raw_markers_in(content):
            self.problems.append(f"{label}: echoed {marker[:30]!r} unescaped")

    def _advance_versions(self):
        """A saved versioned form moves the record one version on; follow it, as a reload would."""
        advanced = []
        for name, value in self.pairs:
            if (
                (name == "version" or name.endswith("-version"))
                and str(value).isascii()
                and str(value).isdigit()
            ):
                value = str(int(value) + 1)
            advanced.append((name, value))
        self.pairs = advanced

    # The passes --------------------------------------------------------------------------

    def run(self, *, offset: int = 0, score_fields: bool = False, variants=None):
        """Each field in turn, then the whole-form variants (all of them unless chosen)."""
        try:
            self._field_pass(offset, score_fields)
            for variant in variants if variants is not None else WHOLE_FORM:
                getattr(self, f"_variant_{variant}")()
            if self.form is not None:
                self._variant_stale_with_script()
            self.post("baseline", encode_body(self.pairs))
        except _Stop:
            pass
        return self.problems

    def _field_pass(self, offset: int, score_fields: bool):
        names = [n for n in (self.form.field_names() if self.form else []) if n != CSRF]
        text = set(self.form.text_names()) if self.form else set()
        files = set(self.form.file_names()) if self.form else set()
        numbers = {f.name for f in self.form.fields if f.kind == "number"} if self.form else set()
        for index, name in enumerate(names):
            if name in files:
                self._file_field(name, index + offset)
                continue
            if score_fields and (name in SCORE_FIELDS or name not in text):
                for value in SCORE_VALUES + SCORE_EXTRAS:
                    self.post(f"{name}={value!r}", encode_body(replace(self.pairs, name, value)))
                continue
            if name in numbers:
                for label in NUMBER_SWEEP:
                    self.post(
                        f"{name}={label}", encode_body(replace(self.pairs, name, VALUES[label]))
                    )
                continue
            rotation = TEXT_ROTATION if name in text else CHOICE_ROTATION
            label = rotation[(index + offset) % len(rotation)]
            self.post(f"{name}={label}", encode_body(replace(self.pairs, name, VALUES[label])))

    def _file_field(self, name: str, index: int):
        from django.core.files.uploadedfile import SimpleUploadedFile

        for label, filename, content in hostile_files(self.csv_header):
            data = {n: v for n, v in self.pairs if n != name}
            data[name] = SimpleUploadedFile(filename, content, content_type="text/csv")
            self.post(f"{name}=file:{label}", data, content_type="multipart")

    def _first_text(self) -> str:
        names = self.form.text_names() if self.form else []
        return names[0] if names else "text"

    def _variant_stale_with_script(self):
        """An outdated version beside a script: the conflict page shows the user's text back."""
        versions = [n for n, _ in self.pairs if n == "version" or n.endswith("-version")]
        if not versions:
            return
        texts = set(self.form.text_names())
        pairs = [
            (n, "1000" if n in versions else SCRIPT if n in texts else v) for n, v in self.pairs
        ]
        self.post("stale version with a script", encode_body(pairs))

    def _variant_duplicated(self):
        doubled = [p for n, v in self.pairs for p in ((n, v), (n, VALUES["script"]))]
        self.post("duplicated fields", encode_body(doubled))

    def _variant_duplicated_hostile_first(self):
        doubled = [p for n, v in self.pairs for p in ((n, VALUES["minus-one"]), (n, v))]
        self.post("duplicated fields, hostile first", encode_body(doubled))

    def _variant_every_field_script(self):
        names = list(dict.fromkeys(n for n, _ in self.pairs)) or [self._first_text()]
        self.post("every field a script", encode_body([(n, SCRIPT) for n in names]))

    def _variant_json(self):
        import json

        body = json.dumps(dict(self.pairs) | {self._first_text(): SCRIPT})
        self.post("JSON body", body, "application/json")

    def _variant_text_plain(self):
        body = encode_body(replace(self.pairs, self._first_text(), SCRIPT))
        self.post("text/plain body", body, "text/plain")

    def _variant_file_for_text(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        first = self._first_text()
        data = {n: v for n, v in self.pairs if n != first}
        data[first] = SimpleUploadedFile("note.txt", SCRIPT.encode(), content_type="text/html")
        self.post("a file where text is expected", data, content_type="multipart")

    def _variant_raw_invalid_utf8(self):
        first = self._first_text()
        rest = encode_body([p for p in self.pairs if p[0] != first])
        raw = first.encode() + b"=\xed\xa0\x80\xff\x00"  # not percent-encoded: bytes as sent
        self.post("raw invalid UTF-8 bytes", (rest + b"&" + raw) if rest else raw)

    def _variant_one_megabyte(self):
        self.post("1 MB string", encode_body(replace(self.pairs, self._first_text(), ONE_MEGABYTE)))

    def echo_check(self):
        """The page the last successful post led to (showing what was stored) escapes it."""
        locations = [o.location for o in self.outcomes if o.location.startswith("/")]
        if not locations:
            return
        if self.relogin is not None:
            self.relogin()
        try:
            self.check(f"GET {locations[-1]} afterwards", self.client.get(locations[-1]))
        except Exception as error:
            self.problems.append(f"GET {locations[-1]} raised {type(error).__name__}: {error}")


WHOLE_FORM = [
    "duplicated",
    "duplicated_hostile_first",
    "every_field_script",
    "json",
    "text_plain",
    "file_for_text",
    "raw_invalid_utf8",
    "one_megabyte",
]


class _Stop(Exception):
    """A request raised: the test's transaction may be broken, so the run stops there."""


# --- control characters in one-line fields --------------------------------------------------

# Each is posted to every one-line field of every form: refused beside the field, never stored.
CONTROL_CORPUS = [
    ("crlf-header", "One\r\nBcc: x@evil.example"),  # short enough for every max_length
    ("vertical-tab", "one\x0btwo"),
    ("escape", "one\x1b[31mtwo"),
    ("next-line", "one\x85two"),
    ("line-separator", "one\u2028two"),
]
ONE_LINE_TYPES = {"text", "email", "search", "url", "tel", ""}
ONE_LINE_MESSAGE = b"without line breaks, tabs or other control characters"
# Buttons that only redraw the form (another program row), so nothing is checked: the pass
# submits as the form's main button instead.
REDRAW_BUTTONS = {"add_program"}


def one_line_names(form: Form | None) -> list[str]:
    """The form's one-line text inputs a person types into (not text areas or passwords)."""
    if form is None:
        return []
    names = [
        f.name
        for f in form.fields
        if f.name and not f.disabled and f.kind in ONE_LINE_TYPES and f.name not in HONEYPOTS
    ]
    return list(dict.fromkeys(names))


def stored_control_characters() -> list[str]:
    """One-line columns (CharFields) of district tables that hold a control character."""
    import unicodedata

    from django.db import models

    problems = []
    for model in _tables_with_rows(_district_models()):
        one_line = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and not f.is_relation and not f.choices
        ]
        for obj in model._base_manager.all():
            for f in one_line:
                value = getattr(obj, f.attname) or ""
                if any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} for c in value):
                    problems.append(f"{model._meta.label}.{f.name} pk={obj.pk} = {value!r}")
    return problems


def control_character_problems(run: "FuzzRun") -> list[str]:
    """Posts each control character to each one-line field of the run's form in turn."""
    run.pairs = [(n, v) for n, v in run.pairs if n not in REDRAW_BUTTONS]
    run.reread = True  # nothing is saved here, and reading the page would take its messages
    for name in one_line_names(run.form):
        for label, value in CONTROL_CORPUS:
            try:
                response = run.post(f"{name}={label}", encode_body(replace(run.pairs, name, value)))
            except _Stop:
                return run.problems
            if response.status_code in (301, 302, 303):
                # Forms posted from a board or a list report their errors on the page they
                # lead back to (django.contrib.messages).
                response = run.client.get(response["Location"])
            if ONE_LINE_MESSAGE not in response.content:
                run.problems.append(
                    f"{name}={label}: no message that says why ({response.status_code})"
                )
    return run.problems + stored_control_characters()


# --- path segments ------------------------------------------------------------------------

# Percent-encoded as a client sends them: a NUL alone and inside a token, a control character,
# characters no token holds, a non-ASCII letter and bytes that are not UTF-8.
PATH_CORPUS = [
    ("nul", "%00"),
    ("nul-inside", "abc%00def"),
    ("newline", "abc%0Adef"),
    ("space", "a%20b"),
    ("quote", "%27%3Cb%3E"),
    ("accented", "caf%C3%A9"),
    ("invalid-utf8", "%FF%FE"),
]


def path_variants(path: str, marker: str) -> list[tuple[str, str]]:
    """(label, path) for the path with its one `marker` segment replaced by each hostile value."""
    assert path.count(marker) == 1, (path, marker)
    return [(label, path.replace(marker, hostile)) for label, hostile in PATH_CORPUS]
