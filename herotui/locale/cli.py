"""The command line."""

STRINGS = {
    "cli.init.help": ("skapa en ny herotui-databas", "create a new herotui database"),
    "cli.init.demo_help": ("fyll den med svenska exempeldata", "fill it with Swedish sample content"),
    "cli.init.name_help": ("ditt visningsnamn", "your display name"),
    "cli.init.done": (
        "Skapade herotui-databasen {path}. {login} är administratör.",
        "Created the herotui database {path}. {login} is its admin.",
    ),
    "cli.demo.help": ("öppna appen på en demodatabas", "open the app on a demo database"),
    "cli.demo.creating": ("Skapar demodatabasen {path} ...", "Creating the demo database {path} ..."),
    "cli.doctor.help": ("kontrollera databasen och platsen", "check the database and its location"),
    "cli.whoami.help": ("visa vem du är i herotui", "show who you are in herotui"),
    "cli.whoami.admin": ("[administratör]", "[admin]"),
    "cli.admin.help": ("hantera administratörer", "manage admins"),
    "cli.admin.grant_help": ("gör en kollega till administratör", "make a colleague an admin"),
    "cli.admin.new_help": ("kollegan har inte använt herotui än: skapa inloggningen",
                           "the colleague has not used herotui yet: create the login"),
    "cli.admin.revoke_help": ("ta bort administratörsrätten", "take admin rights away"),
    "cli.admin.granted": ("{name} ({login}) är nu administratör.", "{name} ({login}) is now an admin."),
    "cli.admin.revoked": ("{name} ({login}) är inte längre administratör.", "{name} ({login}) is no longer an admin."),
    "cli.org.help": ("organisationens inställningar", "organisation settings"),
    "cli.org.show_help": ("visa inställningarna", "show the settings"),
    "cli.org.set_help": ("ändra en inställning (administratörer)", "change a setting (admins)"),
    "cli.org.value_help": ("värdet, som JSON eller text", "the value, as JSON or text"),
    "doctor.title": ("Kontroll av {target}", "Checking {target}"),
    "doctor.verdict.ok": ("Allt ser bra ut.", "Everything looks fine."),
    "doctor.verdict.fail": ("Minst en kontroll misslyckades.", "At least one check failed."),
    "doctor.check.filesystem": ("typ av enhet", "kind of drive"),
    "doctor.check.outbox": ("ändringar som väntar på att skickas", "changes waiting to be sent"),
    "doctor.advice.outbox_unreachable": (
        "Datamappen på den här datorn går inte att nå: inget kan vänta offline, och det som redan väntar "
        "skickas när mappen är tillbaka.",
        "This computer's data folder cannot be reached: nothing can wait offline, and what already waits "
        "is sent once the folder is back.",
    ),
    "doctor.check.exists": ("databasfilen finns", "the database file is there"),
    "doctor.check.readable": ("går att läsa", "can be read"),
    "doctor.check.writable": ("du kan spara ändringar", "you can save changes"),
    "doctor.check.open": ("går att öppna", "opens"),
    "doctor.check.herotui": ("är en herotui-databas", "is a herotui database"),
    "doctor.check.schema": ("filens version", "version of the file"),
    "doctor.check.journal": ("inställd för en delad enhet", "set up for a shared drive"),
    "doctor.check.integrity": ("filen är hel", "the file is undamaged"),
    "doctor.check.backup": ("senaste säkerhetskopia", "last backup"),
    "doctor.check.lock": ("tid för att få skriva", "time it takes to get the right to write"),
    "doctor.detail.yes": ("ja", "yes"),
    "doctor.detail.no": ("nej", "no"),
    "doctor.detail.local": ("lokal disk ({fs})", "local disk ({fs})"),
    "doctor.detail.network": ("nätverksenhet ({fs})", "network drive ({fs})"),
    "doctor.detail.unknown_fs": ("okänd ({fs})", "unknown ({fs})"),
    "doctor.detail.not_herotui": ("nej: filen hör till ett annat program", "no: the file belongs to another program"),
    "doctor.detail.schema_ok": ("{version} (den här herotui läser upp till {known})",
                                "{version} (this herotui reads up to {known})"),
    "doctor.detail.schema_newer": (
        "{version}: gjord av en nyare herotui (den här läser upp till {known}); uppdatera herotui",
        "{version}: made by a newer herotui (this one reads up to {known}); update herotui",
    ),
    "doctor.detail.wal": (
        "nej: filen har ställts om till WAL-läge, som inte fungerar på en nätverksenhet",
        "no: the file was switched to WAL mode, which does not work on a network drive",
    ),
    "doctor.detail.damaged": ("nej: {detail}", "no: {detail}"),
    "doctor.detail.no_tables": ("nej: databasen har inga herotui-tabeller (herotui init --db ADRESS skapar dem)",
                                "no: the database has no herotui tables (herotui init --db URL creates them)"),
    "doctor.detail.timeouts": (
        "en ändring väntar högst {seconds} s på en upptagen databas; en server som försvunnit märks inom "
        "ungefär en halv minut",
        "a change waits at most {seconds} s for a busy database; a server that vanished is noticed within "
        "about half a minute",
    ),
    "doctor.detail.no_backup": ("ingen än (herotui backup gör en)", "none yet (herotui backup makes one)"),
    "doctor.detail.backup": ("{at}, till {path}", "{at}, to {path}"),
    "doctor.detail.cannot_write": ("nej: filen eller mappen är skrivskyddad ({detail})",
                                   "no: the file or its folder is read-only ({detail})"),
    "doctor.detail.cannot_read": ("nej: {detail}", "no: {detail}"),
    "doctor.check.connection": ("anslutning", "connection"),
    "doctor.check.server": ("serverversion", "server version"),
    "doctor.check.latency": ("svarstid", "response time"),
    "store.postgres_unsupported": (
        "PostgreSQL stöds inte ännu i den här versionen.",
        "PostgreSQL is not supported by this version yet.",
    ),
}

STRINGS.update({
    "cli.description": ("herotui: lärtimme, delningsflöde och kunskapsfrukostar i terminalen.",
                        "herotui: learning hour, share feed and knowledge breakfasts in your terminal."),
    "cli.db_help": ("teamets databas (sökväg till fil eller postgresql://-adress)",
                    "team database (file path or postgresql:// URL)"),
    "cli.lang_help": ("språk: sv eller en", "language: sv or en"),
    "cli.theme_help": ("appens utseende: hero (mörkt) eller hero-light (ljust)",
                       "look of the app: hero (dark) or hero-light"),
    "cli.version_help": ("visa programmets version och avsluta", "show the program's version and exit"),
    "cli.command_metavar": ("KOMMANDO", "COMMAND"),
    "cli.kind_metavar": ("TYP", "KIND"),
    "cli.epilog": (
        "exempel:\n"
        "  herotui                                      öppna appen\n"
        "  herotui init --db S:\\Hero\\hero.db            skapa teamets databas\n"
        "  herotui learn log 30 --kind podd --title \"Avsnitt 12\"\n"
        "  herotui share add https://exempel.se --title \"Bra läsning\" --area Ledarskap\n"
        "  herotui share digest --format html --out veckan.html\n"
        "  herotui share list --json\n"
        "\n"
        "slutkoder:\n"
        "  0  klart\n"
        "  1  avvisat (skälet står på en rad i stderr)\n"
        "  2  fel i kommandoraden\n"
        "  3  databasen går inte att nå eller använda, eller inställningsfilen är fel",
        "examples:\n"
        "  herotui                                      open the app\n"
        "  herotui init --db S:\\Hero\\hero.db            create the team database\n"
        "  herotui learn log 30 --kind podcast --title \"Episode 12\"\n"
        "  herotui share add https://example.org --title \"Good read\" --area Ledarskap\n"
        "  herotui share digest --format html --out week.html\n"
        "  herotui share list --json\n"
        "\n"
        "exit codes:\n"
        "  0  done\n"
        "  1  refused (the reason is one line on stderr)\n"
        "  2  usage error\n"
        "  3  database unreachable or unusable, or the settings file is wrong",
    ),
    "cli.out_help": ("skriv till FIL (UTF-8) i stället för till skärmen", "write to FILE (UTF-8) instead of the screen"),
    "cli.out_failed": ("Kunde inte skriva {path}: {reason}", "Could not write {path}: {reason}"),
    "cli.json_help": ("skriv JSON i stället för text (nycklarna: docs/json.md)",
                      "print JSON instead of text (its keys: docs/json.md)"),
    "cli.out_no_folder": ("mappen {folder} finns inte", "the folder {folder} does not exist"),
    "cli.out_is_folder": ("det är en mapp; ange ett filnamn", "it is a folder; give a file name"),
    "cli.out_not_allowed": ("du har inte rätt att skriva där", "you may not write there"),
})

STRINGS.update({
    "cli.sync.help": ("skicka det som väntar i utkorgen", "send what waits in the outbox"),
    "cli.sync.sent": ("Skickade: {n}", "Sent: {n}"),
    "cli.sync.refused": ("Avvisades: {reason}", "Refused: {reason}"),
    "cli.sync.waiting": ("Väntar fortfarande: {n}", "Still waiting: {n}"),
    "cli.file_unreachable": (
        "{path} går inte att nå just nu ({reason}). Är enheten ansluten? Försök igen när den svarar.",
        "{path} cannot be reached right now ({reason}). Is the drive connected? Try again once it answers.",
    ),
    "cli.sync.readonly": (
        "Databasen är skrivskyddad just nu; det som väntar skickas när den tar emot ändringar igen.",
        "The database is read-only right now; what waits is sent once it accepts changes again.",
    ),
    "cli.backup.help": ("gör en säker kopia av databasen", "make a consistent copy of the database"),
    "cli.backup.dest_help": ("fil eller mapp för kopian (avsluta med / för en ny mapp)",
                             "file or folder for the copy (end with / for a new folder)"),
    "cli.backup.no_folder": ("Kan inte skapa mappen {path}: {reason}. Välj en annan plats.",
                             "Cannot create the folder {path}: {reason}. Choose another place."),
    "cli.backup.done": ("Säkerhetskopia skriven: {path}", "Backup written: {path}"),
})

STRINGS.update({
    "cli.migrate.help": ("kopiera en delad fil till PostgreSQL", "copy a shared file into PostgreSQL"),
    "cli.migrate.from_help": ("SQLite-filen att kopiera från", "the SQLite file to copy from"),
    "cli.migrate.to_help": ("postgresql://-adressen att kopiera till", "the postgresql:// URL to copy to"),
    "cli.migrate.merge_help": (
        "lägg till i en databas som redan har herotui-data (efter UUID)",
        "add to a database that already holds herotui data (by UUID)",
    ),
    "cli.migrate.title": ("Kopierat till {target}:", "Copied into {target}:"),
    "cli.migrate.row": ("{source} i källan, {copied} kopierade, {kept} fanns redan",
                        "{source} in the source, {copied} copied, {kept} already there"),
    "cli.migrate.done": ("Alla rader kom fram.", "Every row arrived."),
    "cli.migrate.mismatch": ("Antalen stämmer inte - kontrollera ovan.", "The counts do not match - see above."),
    "migrate.refused": ("Kopieringen avbröts.", "The copy was refused."),
    "migrate.target_not_postgres": ("Målet måste vara en postgresql://-adress.", "The target must be a postgresql:// URL."),
    "migrate.target_has_data": (
        "{path} har redan herotui-data. Lägg till --merge för att slå ihop efter UUID.",
        "{path} already holds herotui data. Add --merge to merge by UUID.",
    ),
})
