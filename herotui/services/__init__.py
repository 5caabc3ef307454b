"""The rules of herotui: who may do what, and how each write is made safe.

Services return plain dataclasses; no peewee row ever reaches the UI. Import what you need from
the submodules (`herotui.services.hero`, `herotui.services.errors`, ...): this package itself
imports nothing, so a light module such as `herotui.services.kinds` does not pull in the store.
"""
