"""One line of a health verdict (`herotui doctor`), shared by the file's and the server's checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Check:
    """One line of the verdict. `level` is "ok", "warn" (works, but read the advice) or "fail"."""

    name: str  # translation key suffix: doctor.check.<name>
    ok: bool
    detail: str = ""
    key: str = ""  # translation key for the detail, when it is a sentence
    params: dict | None = None
    warning: bool = False  # passed, but with advice worth reading (shown as "warn")
    level: str = ""
    """"ok", "warn" or "fail"; worked out from `ok` and `warning` when not given."""
    advice: str = ""  # translation key of what to do about it, "" when nothing

    def __post_init__(self) -> None:
        if self.level == "warn":
            object.__setattr__(self, "warning", True)
        if not self.level:
            object.__setattr__(self, "level", "fail" if not self.ok else "warn" if self.warning else "ok")

    def as_dict(self) -> dict:
        return asdict(self)
