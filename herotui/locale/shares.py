"""The share feed. (The share-feed issue adds the rest.)"""

STRINGS = {
    "share.error.url_scheme": (
        "Bara http- och https-länkar kan delas ({url}).",
        "Only http and https links can be shared ({url}).",
    ),
    "share.error.url_too_long": ("Länken får vara högst {max} tecken.", "The link may be at most {max} characters."),
    "share.error.title_required": ("Skriv en titel.", "Please give a title."),
    "share.error.title_too_long": ("Titeln får vara högst {max} tecken.", "The title may be at most {max} characters."),
    "share.error.note_too_long": ("Anteckningen får vara högst {max} tecken.", "The note may be at most {max} characters."),
    "share.error.already_shared": (
        "Länken är redan delad av {name} den {date}.",
        "This link was already shared by {name} on {date}.",
    ),
}
