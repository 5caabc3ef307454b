"""What every dialog and screen shares: translated keys and one place where failed work is reported."""

from __future__ import annotations

from typing import TypeVar

from textual.screen import ModalScreen
from textual.worker import Worker, WorkerState

from herotui.i18n import t

ResultType = TypeVar("ResultType")


class DbCallFailed(Exception):
    """A database call failed; `__cause__` is the error (a `HeroError` or `StoreError`).

    Raised by `HeroApp.db`. Screens and dialogs never catch it: it ends the worker, and
    `WorkErrors` turns it into a notice (and calls `work_failed` for screens that reload).
    """


class WorkErrors:
    """Mixin for screens and dialogs: a worker that ended in an error becomes one notice, here.

    Actions start workers (`@work(exclusive=True, group=..., exit_on_error=False)`); a worker
    lets `DbCallFailed` (or any other error) escape, and this handler reports it and calls
    `work_failed(group, error)` so the screen can reload or reopen what the person was doing.
    """

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        if isinstance(error, DbCallFailed):
            explain(self.app, error.__cause__)
            self.work_failed(event.worker.group, error.__cause__)
        elif error is not None:
            self.app.log.error(f"worker {event.worker.name} failed", error)
            self.app.notify(t("error.unexpected", reason=f"{type(error).__name__}: {error}"),
                            severity="error", markup=False, timeout=15)
            self.work_failed(event.worker.group, error)

    def work_failed(self, group: str, error: BaseException | None) -> None:
        """Called after the notice for a failed worker of `group`. Override to reload or recover."""


def explain(app, error: BaseException | None) -> None:
    """Tell the person what went wrong with a database call, and update the status line.

    `HeroError` (a rule said no) and `DatabaseBusy` (the file is busy: try again) are warnings;
    `DatabaseUnavailable` marks the app offline (said once per outage), `DatabaseReadOnly`
    read-only, any other `StoreError` a database problem.
    """
    from herotui.services.errors import HeroError
    from herotui.store.errors import DatabaseBusy, DatabaseReadOnly, DatabaseUnavailable, StoreError

    if error is None:
        app.notify(t("status.not_ready"), severity="warning")
    elif isinstance(error, (HeroError, DatabaseBusy)):
        # A rule said no, or the shared file is busy right now ("try again"): the drive is fine.
        app.notify(error.message(), severity="warning", markup=False)
    elif isinstance(error, DatabaseUnavailable):
        if app.db_state != "offline":
            # Said once per outage: every screen's load would otherwise repeat it.
            app.db_state = "offline"
            app.notify(error.message(), severity="warning", markup=False)
    elif isinstance(error, DatabaseReadOnly):
        app.db_state = "readonly"
        app.notify(error.message(), severity="warning", markup=False, timeout=8)
    elif isinstance(error, StoreError):
        app.db_state = "problem"
        app.notify(error.message(), severity="error", markup=False, timeout=15)
    else:
        app.notify(t("error.unexpected", reason=str(error)), severity="error", markup=False, timeout=15)


class HeroDialog(WorkErrors, ModalScreen[ResultType]):
    """A modal dialog with translated keys; on a short terminal (< 32 lines) its fields go compact."""

    DEFAULT_CLASSES = "hero-dialog"

    def __init__(self) -> None:
        super().__init__()
        from herotui.screens.base import translate_bindings

        translate_bindings(self)

    def on_mount(self) -> None:
        if self.app.size.height < 32:
            self.add_class("-short")
            for widget in self.query("Input, TextArea, Button, SelectionList, OptionList, Select"):
                widget.compact = True
