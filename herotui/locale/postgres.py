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
    "doctor.password_elsewhere": ("inte i adressen", "not in the URL"),
    "doctor.check.timeouts": ("tidsgränser", "timeouts"),
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
}
