"""PostgreSQL: signing in, URLs, the optional driver, doctor's advice and merging."""

STRINGS = {
    "store.signin_refused": (
        "Kan inte logga in på {path}: servern svarade \"{reason}\". Kontrollera användare, lösenord och "
        "databasnamn (inget har sparats i utkorgen).",
        "Cannot sign in to {path}: the server said \"{reason}\". Check the user, the password and the "
        "database name (nothing was queued).",
    ),
    "store.bad_url": (
        "Felaktig databasadress {path}: {problem}.",
        "Bad database URL {path}: {problem}.",
    ),
    "store.bad_url.port": ("porten \"{name}\" är inget nummer", "the port \"{name}\" is not a number"),
    "store.bad_url.option": (
        "okänt alternativ \"{name}\" (se libpq:s anslutningsparametrar)",
        "unknown option \"{name}\" (see libpq's connection parameters)",
    ),
    "store.bad_url.form": ("det är ingen postgresql://-adress", "it is not a postgresql:// URL"),
    "store.driver_missing": (
        "PostgreSQL-stöd är inte installerat. Installera det med: pip install 'herotui[postgres]' "
        "(med pipx: pipx install --force 'herotui[postgres]')",
        "PostgreSQL support is not installed. Install it with: pip install 'herotui[postgres]' "
        "(with pipx: pipx install --force 'herotui[postgres]')",
    ),
    "store.timed_out": (
        "Databasen svarade inte inom {seconds} s; ändringen väntar i utkorgen.",
        "The database did not answer within {seconds} s; the change waits in the outbox.",
    ),
    "doctor.check.password": ("lösenord", "password"),
    "doctor.password_in_url": (
        "lösenordet står i --db och syns i processlistan så länge herotui kör; använd ~/.pgpass, "
        "PGPASSFILE, PGPASSWORD eller service= (pg_service.conf) i stället",
        "the password is in --db and visible in the process list while herotui runs; use ~/.pgpass, "
        "PGPASSFILE, PGPASSWORD or service= (pg_service.conf) instead",
    ),
    "doctor.password_in_env": (
        "lösenordet står i HEROTUI_DB och kan läsas av program som körs som du (processens miljö); "
        "använd hellre ~/.pgpass, PGPASSFILE eller service= (pg_service.conf)",
        "the password is in HEROTUI_DB, readable by programs running as you (the process's environment); "
        "prefer ~/.pgpass, PGPASSFILE or service= (pg_service.conf)",
    ),
    "doctor.password_in_settings": (
        "lösenordet står i inställningsfilen: inte i processlistan, men den som kan läsa filen ser det; "
        "använd hellre ~/.pgpass, PGPASSFILE, PGPASSWORD eller service= (pg_service.conf)",
        "the password is in the settings file: not in the process list, but whoever can read the file sees "
        "it; prefer ~/.pgpass, PGPASSFILE, PGPASSWORD or service= (pg_service.conf)",
    ),
    "doctor.password_elsewhere": ("inte i adressen", "not in the URL"),
    "doctor.check.timeouts": ("tidsgränser", "timeouts"),
    "doctor.check.identity": ("vem du är (delad roll eller serveridentitet)", "who you are (shared role or server identity)"),
    "cli.migrate.row_merge": (
        "{source} i filen: {copied} kopierade, {updated} uppdaterade, {kept} fanns redan, {conflicts} i konflikt",
        "{source} in the file: {copied} copied, {updated} updated, {kept} kept, {conflicts} conflicting",
    ),
    "cli.migrate.conflict.differs": (
        "konflikt: {table} {row} skiljer sig ({fields}); databasens rad behölls",
        "conflict: {table} {row} differs ({fields}); the database's row was kept",
    ),
    "cli.migrate.conflict.refused": (
        "konflikt: {table} {row} togs inte emot av databasen ({fields}); databasens rader behölls",
        "conflict: {table} {row} was refused by the database ({fields}); the database's rows were kept",
    ),
    "cli.migrate.done_conflicts": (
        "Varje rad är redovisad; {n} konflikter listas ovan.",
        "Every row is accounted for; {n} conflicts are listed above.",
    ),
    "cli.migrate.done_conflicts.one": (
        "Varje rad är redovisad; {n} konflikt listas ovan.",
        "Every row is accounted for; {n} conflict is listed above.",
    ),
    "store.not_permitted": (
        "Servern tillåter inte den ändringen för din databasroll.",
        "The server does not allow that change for your database role.",
    ),
    "store.identity_mismatch": (
        "HEROTUI_USER={claimed} stämmer inte med din databasroll {role}: servern bestämmer vem du är. "
        "Ta bort HEROTUI_USER eller logga in som {claimed}.",
        "HEROTUI_USER={claimed} does not match your database role {role}: the server decides who you are. "
        "Unset HEROTUI_USER or sign in as {claimed}.",
    ),
    "cli.pg.help": ("PostgreSQL: roller per person (serveridentitet)", "PostgreSQL: one role per person (server identity)"),
    "cli.pg.roles_help": (
        "lista (eller med --create skapa) en databasroll per person och slå på serveridentitet",
        "list (or with --create, create) a database role per person and turn on server identity",
    ),
    "cli.pg.create_help": ("skapa saknade roller och reglerna på servern", "create missing roles and the server's rules"),
    "cli.pg.header": ("Person / roll / medlem / admin", "Person / role / member / admin"),
    "cli.pg.created": ("skapad", "created"),
    "cli.pg.missing": ("saknas", "missing"),
    "cli.pg.hba": (
        "Lägg till i pg_hba.conf (ovanför bredare rader) och ladda om servern (SELECT pg_reload_conf()):",
        "Add to pg_hba.conf (above broader lines) and reload the server (SELECT pg_reload_conf()):",
    ),
    "cli.pg.passwords": (
        "Sätt ett lösenord per roll i psql: \\password ROLL - eller använd Kerberos/certifikat. "
        "Var och en ansluter sedan med sin egen roll, t.ex. --db postgresql://ROLL@värd/databas",
        "Set a password per role in psql: \\password ROLE - or use Kerberos/certificates. "
        "Each colleague then connects as their own role, e.g. --db postgresql://ROLE@host/database",
    ),
    "cli.pg.needs_postgres": ("herotui pg fungerar bara med en postgresql://-adress.",
                              "herotui pg works only with a postgresql:// URL."),
}
