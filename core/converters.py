"""URL converters for public paths that carry a code.

A region code is 6 or 12 ASCII digits (the Region model's own rule); anything else in
that place of a URL matches no pattern and is a 404, without a query — `/regions/%00/`
used to reach PostgreSQL, which refuses NUL, and answered 500.
"""


class RegionCodeConverter:
    regex = "[0-9]{6}(?:[0-9]{6})?"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value) -> str:
        return str(value)
