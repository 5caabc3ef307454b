"""The store, errors, the command line and the app shell."""

STRINGS = {
    # storage
    "store.error": ("Databasfel: {detail}", "Database error: {detail}"),
    "store.missing": (
        "Ingen herotui-databas finns på {path} - är enheten ansluten? Skapa en där med: herotui init --db \"{path}\"",
        "No herotui database at {path} - is the drive connected? To create one there: herotui init --db \"{path}\"",
    ),
    "store.missing_with_folder": (
        "Ingen herotui-databas finns på {path}: mappen {folder} finns inte - är enheten ansluten? "
        "För en ny databas: skapa mappen först, sedan: herotui init --db \"{path}\"",
        "No herotui database at {path}: the folder {folder} does not exist - is the drive connected? "
        "For a new database, create the folder first, then: herotui init --db \"{path}\"",
    ),
    "store.missing_folder": (
        "Mappen {path} finns inte - är enheten ansluten? För en ny plats: skapa mappen först "
        "(herotui skapar inga mappar, så att en frånkopplad enhet aldrig blir en tom lokal mapp).",
        "The folder {path} does not exist - is the drive connected? For a new place, create the folder "
        "first (herotui creates no folders, so that a disconnected drive never becomes an empty local one).",
    ),
    "store.exists": (
        "Det finns redan en fil på {path}; herotui skriver inte över den.",
        "There is already a file at {path}; herotui will not overwrite it.",
    ),
    "store.not_herotui": (
        "{path} är ingen herotui-databas. Kontrollera sökvägen.",
        "{path} is not a herotui database. Check the path.",
    ),
    "store.too_new": (
        "{path} kommer från en nyare herotui (schema {found}, den här versionen känner till {known}). Uppdatera herotui.",
        "{path} comes from a newer herotui (schema {found}; this version knows {known}). Please update herotui.",
    ),
    "store.corrupt": (
        "{path} är skadad. Inget skrivs. Återställ från en säkerhetskopia (herotui backup) och kontakta den som sköter enheten.",
        "{path} is damaged. Nothing will be written. Restore a backup (herotui backup) and tell whoever looks after the drive.",
    ),
    "store.unavailable": (
        "Databasen på {path} går inte att nå just nu.",
        "The database at {path} cannot be reached right now.",
    ),
    "store.busy": (
        "Databasen är upptagen av en kollega just nu; försök igen om en stund.",
        "The database is busy with a colleague's change; try again in a moment.",
    ),
    "store.full": ("Enheten är full; inget kunde skrivas.", "The drive is full; nothing could be written."),
    "store.readonly": ("Databasen är skrivskyddad.", "The database is read-only."),
    "store.readonly.readonly": (
        "Databasen är skrivskyddad: du kan läsa men inte ändra något.",
        "The database is read-only: you can read but not change anything.",
    ),
    "store.readonly.wal": (
        "Någon har ställt om databasfilen till WAL-läge, som inte fungerar på nätverksenheter. herotui skriver inte till den. "
        "Stäng herotui på alla datorer och be den som sköter enheten ställa tillbaka filen (se \"WAL\" i README).",
        "Someone switched the database file to WAL mode, which does not work on network drives. herotui will not write to it. "
        "Close herotui on every computer and ask whoever looks after the drive to switch the file back (see \"WAL\" in the README).",
    ),
    "store.readonly.corrupt": (
        "Databasfilen är skadad; herotui skriver inget till den. Återställ en säkerhetskopia.",
        "The database file is damaged; herotui writes nothing to it. Restore a backup.",
    ),
    "store.backup_sqlite_only": (
        "Säkerhetskopior görs bara av SQLite-filer; använd pg_dump för PostgreSQL.",
        "Backups are made of SQLite files only; use pg_dump for PostgreSQL.",
    ),
    "store.saved_offline": (
        "Sparat offline - skickas när databasen går att nå.",
        "Saved offline, will be sent when the database is reachable.",
    ),
    "store.saved_behind_readonly": (
        "Sparat på den här datorn: databasen är skrivskyddad just nu och tidigare ändringar väntar. "
        "Allt skickas i tur och ordning när databasen tar emot ändringar igen.",
        "Saved on this computer: the database is read-only right now and earlier changes wait. "
        "Everything is sent in order once the database accepts changes again.",
    ),
    # rule errors
    "error.generic": ("Det gick inte.", "That did not work."),
    "error.invalid": ("Ogiltig uppgift.", "Invalid input."),
    "error.not_allowed": ("Det får du inte göra.", "You are not allowed to do that."),
    "error.not_found": ("Hittades inte.", "Not found."),
    "error.conflict": ("Någon hann före.", "Someone got there first."),
    "error.unknown_action": ("Okänd åtgärd: {name}", "Unknown action: {name}"),
    "error.admin_only": ("Bara administratörer får göra det.", "Only admins may do that."),
    "error.last_admin": (
        "Det måste finnas minst en administratör.",
        "There must be at least one admin.",
    ),
    "error.person_unknown": ("Ingen kollega med inloggningen {login}.", "No colleague with the login {login}."),
    "error.name_required": ("Skriv ett namn.", "Please enter a name."),
    "error.name_too_long": ("Namnet får vara högst {max} tecken.", "The name may be at most {max} characters."),
    "error.person_never_used": (
        "{login} har aldrig använt herotui (inloggningar jämförs utan hänsyn till versaler). Kontrollera "
        "stavningen, eller lägg till --new om kollegan inte har börjat än.",
        "{login} has never used herotui (logins are compared ignoring case). Check the spelling, or add "
        "--new if the colleague has not started yet.",
    ),
    "error.clock_ahead": (
        "Datorns klocka går {ahead} före databasens. Det du sparade fick databasens tid; "
        "ställ klockan rätt i Windows (Inställningar > Tid och språk).",
        "This computer's clock is {ahead} ahead of the database's. What you saved was given "
        "the database's time; please set the clock right (Windows: Settings > Time & language).",
    ),
    "error.clock_ahead_days": ("{n} dagar", "{n} days"),
    "error.login_required": ("Ange en inloggning.", "Please give a login."),
    "error.setting_unknown": ("Okänd inställning: {setting}", "Unknown setting: {setting}"),
    "error.goal_range": ("Veckomålet ska vara {low}-{high} minuter.", "The weekly goal must be {low}-{high} minutes."),
    "error.long_timer_range": (
        "Gränsen för långa timers ska vara {low}-{high} timmar.",
        "The long-timer limit must be {low}-{high} hours.",
    ),
    "error.timezone_unknown": ("Okänd tidszon: {zone}", "Unknown time zone: {zone}"),
    "error.settings_file": ("Inställningsfilen {path} går inte att använda: {reason}",
                            "The settings file {path} cannot be used: {reason}"),
    "settings.unknown_key": ("okänd inställning; tillåtna är {allowed}", "unknown setting; allowed are {allowed}"),
    "settings.bad_text": ("{value} är ingen sökväg eller adress; skriv en inom citattecken",
                          "{value} is not a path or address; write one in quotes"),
    "settings.not_utf8": (
        "filen är inte sparad som UTF-8; spara den som UTF-8 (i Anteckningar: Spara som, Kodning UTF-8)",
        "the file is not saved as UTF-8; save it as UTF-8 (in Notepad: Save as, Encoding UTF-8)",
    ),
    "settings.backslash": (
        "{detail}. En Windows-sökväg skrivs inom enkla citattecken: db = 'S:\\Hero\\hero.db'",
        "{detail}. A Windows path goes in single quotes: db = 'S:\\Hero\\hero.db'",
    ),
    "settings.bad_lang": ("{value} stöds inte; tillåtna är {allowed}", "{value} is not supported; allowed are {allowed}"),
    "settings.bad_theme": ("{value} är inget tema; tillåtna är {allowed}", "{value} is not a theme; allowed are {allowed}"),
    "settings.bad_seconds": ("{value} går inte; skriv ett antal sekunder från {low} till {high}",
                             "{value} is not allowed; give a number of seconds from {low} to {high}"),
    "doctor.settings": ("Inställningar: {path}", "Settings: {path}"),
    "doctor.settings_none": ("Inställningar: ingen fil ({path} finns inte), standardvärden gäller",
                             "Settings: no file ({path} does not exist), defaults apply"),
}

STRINGS.update({
    "store.pg_not_empty": (
        "Databasen {path} har redan andra tabeller; herotui skapar sitt schema bara i en tom databas.",
        "The database {path} already has other tables; herotui creates its schema only in an empty database.",
    ),
    "error.country_unknown": (
        "Okänd landskod för helgdagar: {country} (använd ISO-koden, t.ex. SE)",
        "Unknown country code for public holidays: {country} (use the ISO code, e.g. SE)",
    ),
    "error.on_holiday": ("breakfast_on_holiday ska vara \"next\" eller \"skip\", inte {value}",
                         "breakfast_on_holiday must be \"next\" or \"skip\", not {value}"),
    "error.months_off": ("breakfast_months_off ska vara en lista med månader 1-12, t.ex. [7]",
                         "breakfast_months_off must be a list of months 1-12, e.g. [7]"),
    "error.reserve_range": ("Reservationstiden ska vara {low}-{high} timmar", "The reservation time must be {low}-{high} hours"),
})
