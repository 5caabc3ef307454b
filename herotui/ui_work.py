"""What every dialog and main screen shares: translated key bindings and one place where failed
database work is reported.

Below both `herotui.dialogs.base` and `herotui.screens.base` (each re-exports these names), so
neither imports the other.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding, BindingsMap
from textual.dom import DOMNode
from textual.worker import Worker, WorkerState

from herotui.i18n import catalogue_keys, t, textual_text


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


def is_outage(error: BaseException | None) -> bool:
    """True when `error` (a `DbCallFailed`'s cause) means the database does not answer: a write
    made now would wait in the outbox."""
    from herotui.store.errors import DatabaseUnavailable

    return isinstance(error, DatabaseUnavailable)


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


def translate_bindings(node: DOMNode) -> None:
    """Give a node's key bindings descriptions in the current language.

    Binding descriptions in herotui are translation keys. Textual copies a class's merged
    bindings into each instance, so the instance copy is rebuilt from the class's keys whenever
    the language changes. Bindings that Textual adds to the instance itself (the App's `ctrl+p`
    for the command palette) are kept: the first call remembers the instance's own map and every
    later call translates from that. (Textual's English descriptions are looked up as `bind.<text>`
    and pass through unchanged when the catalogue lacks them.)
    """
    original = node.__dict__.get("_untranslated_bindings")
    if original is None:
        merged = type(node)._merged_bindings
        if merged is None:
            return
        original = {key: list(bindings) for key, bindings in merged.key_to_bindings.items()}
        for key, bindings in node._bindings.key_to_bindings.items():
            for binding in bindings:
                if binding not in original.setdefault(key, []):
                    original[key].append(binding)
        node.__dict__["_untranslated_bindings"] = original
    keys = {key: [_translated(b) for b in bindings] for key, bindings in original.items()}
    node._bindings = BindingsMap.from_keys(keys)


def _translated(binding: Binding) -> Binding:
    tooltip = textual_text(binding.tooltip) if binding.tooltip else binding.tooltip
    return replace(binding, description=_describe(binding.description), tooltip=tooltip)


def _describe(description: str) -> str:
    """A herotui translation key ("bind.quit"), a short word of Textual's ("palette" ->
    "bind.palette"), or Textual's own English text (`textual_text`)."""
    if not description:
        return ""
    known = catalogue_keys()
    if description in known:
        return t(description)
    if " " not in description and "." not in description and "bind." + description in known:
        return t("bind." + description)
    return textual_text(description)


class TranslatedKeys:
    """Mixin for screens and dialogs: the keys that Textual's widgets bring (a list's "Scroll
    Left", a field's "Delete character left") are shown in the person's language wherever Textual
    lists the active keys: the keys panel (ctrl+p -> Keys) and the footer."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        shown = super().active_bindings  # type: ignore[misc]
        return {key: active._replace(binding=_translated(active.binding),
                                     tooltip=textual_text(active.tooltip) if active.tooltip else active.tooltip)
                for key, active in shown.items()}


def typed_before_it_appeared(app, event) -> bool:
    """Whether `event` is a key typed before the screen on top (a dialog with `appeared_at`, a
    monotonic time in seconds like `event.time`) appeared: on a slow start it was meant for the
    screen behind, so it must not land in the dialog's field or press its button."""
    from textual import events

    if not isinstance(event, events.Key):
        return False
    try:
        appeared = getattr(app.screen, "appeared_at", None)
    except Exception:  # noqa: BLE001 - no screen yet, or shutting down: nothing to protect
        return False
    return appeared is not None and event.time < appeared


def warn_at_start(app, opened) -> None:
    """Say once, when the database opens (`opened`: a `herotui.connection.Opened`), what puts the
    person's changes at risk: no outbox (this computer's data folder is out of reach), a
    cloud-synced folder, conflicted copies beside the file."""
    from herotui.i18n import t

    if opened.hero.outbox_problem:
        app.notify(t("store.outbox_bypassed", problem=opened.hero.outbox_problem), severity="error",
                   markup=False, timeout=20)
    if opened.cloud_service is not None:
        app.notify(t("status.cloud_warning", service=opened.cloud_service), severity="error",
                   markup=False, timeout=20)
    if opened.conflicted_copies:
        app.notify(t("status.conflicts_warning", copies=", ".join(opened.conflicted_copies)),
                   severity="error", markup=False, timeout=20)
