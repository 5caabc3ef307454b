"""herotui's one dialog kit: confirm, prompt, pick-from-list and a form base.

Every dialog returns a typed result through `dismiss` (push it with a callback, or
`push_screen_wait` inside a worker), names its default explicitly, and carries its own
translated keys. Text a person typed arrives as `Content` and is shown literally.

- `Confirm(question, yes_label, default=...)` -> `bool`
- `Prompt(title, body, value, choices, validate=...)` -> `PromptAnswer | None`
- `Pick(title, options, current=...)` -> the chosen value, or `None`; 20+ options get type-to-find
- `FormDialog`: Esc on a form with typed text asks before throwing it away
"""

from importlib import import_module

# Loaded on first use: the first frame of the app needs none of them.
_WHERE = {"Confirm": "confirm", "FormDialog": "form", "HeroDialog": "base", "Pick": "pick", "Prompt": "prompt",
          "PromptAnswer": "prompt", "WorkErrors": "base", "DbCallFailed": "base"}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(import_module(f"herotui.dialogs.{_WHERE[name]}"), name)
    raise AttributeError(name)
