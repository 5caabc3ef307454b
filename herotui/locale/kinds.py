"""Kinds of learning material."""

STRINGS = {
    "kind.article": ("artikel", "article"),
    "kind.podcast": ("podd", "podcast"),
    "kind.webinar": ("webbinarium", "webinar"),
    "kind.book": ("bok", "book"),
    "kind.course": ("kurs", "course"),
    "kind.video": ("video", "video"),
    "kind.other": ("annat", "other"),
    "error.kind_unknown": ("Okänd typ: {kind}. Välj en av: {kinds}", "Unknown kind: {kind}. Choose one of: {kinds}"),
    "area.error.unknown": ("Okänt fokusområde: {name}", "Unknown focus area: {name}"),
    "area.error.unknown_choose": (
        "Okänt fokusområde: {name}. Välj bland: {known}. En admin kan lägga till fler (herotui areas add).",
        "Unknown focus area: {name}. Choose one of: {known}. An admin can add more (herotui areas add).",
    ),
    "area.error.retired": ("Fokusområdet {name} används inte längre.", "The focus area {name} is retired."),
    "area.error.name_required": ("Skriv ett namn på fokusområdet.", "Please name the focus area."),
    "area.error.name_too_long": ("Namnet får vara högst {max} tecken.", "The name may be at most {max} characters."),
    "area.error.exists": ("Fokusområdet {name} finns redan.", "The focus area {name} already exists."),
    "area.error.need_one": ("Välj minst ett fokusområde.", "Choose at least one focus area."),
}
