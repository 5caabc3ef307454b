"""Text that people (or pasted content) might type, which must be shown literally and never crash."""

HOSTILE_STRINGS = [
    "[bold red]x[/]",
    "[@click=app.quit]y[/]",
    "x[/]",
    "[link=https://evil.example]z[/link]",
    "[/bold]",
    "\\[not escaped]",
    "\x1b[2J\x1b[H cleared?",
    "\x1b]52;c;aGVsbG8=\x07 clipboard?",
    "bell\x07 and null\x00 and del\x7f",
    "rtl \u202eevil\u202c and zero\u200bwidth",
    "emoji 🎉 and 漢字 wide",
    "A" * 10_000,
    "ordinarily-long-word-" * 50,
    '"quoted" * AND OR NOT NEAR( ) {col}: ^',
    "line1\nline2\r\nline3",
    "{curly} {0} %s %(name)s",
]
