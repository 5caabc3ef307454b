"""argparse's own words in Swedish ("usage", "options", its error messages).

argparse asks `gettext` for these (Python 3.11's messages, `%`-style placeholders); with
`--lang sv` `herotui.cli.words.install` answers from here. Kept apart from `STRINGS` because the
placeholders are argparse's, not `str.format`'s. A message missing here stays in English.
"""

ARGPARSE_SV = {
    "usage: ": "användning: ",
    "positional arguments": "argument",
    "options": "flaggor",
    "optional arguments": "flaggor",
    "subcommands": "kommandon",
    "show this help message and exit": "visa den här hjälpen och avsluta",
    "show program's version number and exit": "visa programmets version och avsluta",
    "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
    "the following arguments are required: %s": "de här argumenten krävs: %s",
    "unrecognized arguments: %s": "okända argument: %s",
    "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
    "invalid %(type)s value: %(value)r": "ogiltigt värde: %(value)r",
    "expected one argument": "ett värde behövs",
    "expected at most one argument": "högst ett värde",
    "expected at least one argument": "minst ett värde behövs",
    "ambiguous option: %(option)s could match %(matches)s": "tvetydig flagga: %(option)s kan vara %(matches)s",
    "not allowed with argument %s": "går inte tillsammans med %s",
    "one of the arguments %s is required": "ett av argumenten %s krävs",
    "ignored explicit argument %r": "värdet %r används inte",
    "can't open '%(filename)s': %(error)s": "kan inte öppna '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "okänt kommando %(parser_name)r (välj bland: %(choices)s)",
    "unexpected option string: %s": "oväntad flagga: %s",
}

ARGPARSE_SV_PLURAL = {
    ("expected %s argument", "expected %s arguments"): ("%s värde behövs", "%s värden behövs"),
}
