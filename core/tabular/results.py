"""What an import reports: each row's outcome (new, update, unchanged, error) and the summary."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

NEW, UPDATE, UNCHANGED, ERROR = "new", "update", "unchanged", "error"
STATUS_LABELS = {
    NEW: gettext_lazy("新增"),
    UPDATE: gettext_lazy("更新"),
    UNCHANGED: gettext_lazy("无变化"),
    ERROR: gettext_lazy("错误"),
}


@dataclass
class RowOutcome:
    line: int  # the row's line in the file, header = 1
    status: str
    label: str = ""
    errors: list[str] = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return str(STATUS_LABELS[self.status])


@dataclass
class ImportResult:
    outcomes: list[RowOutcome]
    committed: bool
    file_errors: list[str] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def has_errors(self) -> bool:
        return bool(self.file_errors) or any(o.status == ERROR for o in self.outcomes)

    @property
    def error_messages(self) -> list[str]:
        lines = list(self.file_errors)
        for outcome in self.outcomes:
            lines.extend(
                _("第%(line)s行%(error)s") % {"line": outcome.line, "error": error}
                for error in outcome.errors
            )
        return lines

    def to_json(self) -> dict:
        return {
            "committed": self.committed,
            "file_errors": self.file_errors,
            "outcomes": [[o.line, o.status, o.label, o.errors] for o in self.outcomes],
        }

    @classmethod
    def from_json(cls, data: dict) -> "ImportResult":
        outcomes = [RowOutcome(*values) for values in data.get("outcomes", [])]
        return cls(outcomes, data.get("committed", False), data.get("file_errors", []))

    @property
    def summary(self) -> str:
        return _("新增 %(new)s 行，更新 %(update)s 行，无变化 %(same)s 行，错误 %(error)s 行") % {
            "new": self.count(NEW),
            "update": self.count(UPDATE),
            "same": self.count(UNCHANGED),
            "error": self.count(ERROR),
        }
