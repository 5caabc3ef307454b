"""When the drive is gone, slow, read-only or synced by a cloud client (issue 12)."""

STRINGS = {
    "doctor.verdict.warn": (
        "Det fungerar, men läs råden ovan.",
        "It works, but read the advice above.",
    ),
    "doctor.check.cloud": ("molnsynkad mapp", "cloud-synced folder"),
    "doctor.check.conflicts": ("konfliktkopior bredvid filen", "conflicted copies beside the file"),
    "doctor.check.hot_journal": ("avbruten ändring (-journal)", "unfinished change (-journal)"),
    "doctor.advice.unreachable": (
        "Enheten svarar inte. Är den ansluten? Det du gör under tiden väntar i utkorgen och skickas sedan.",
        "The drive does not answer. Is it connected? What you do meanwhile waits in the outbox and is sent later.",
    ),
    "doctor.advice.lock_slow": (
        "Långsamt ({ms} ms; bra är under {slow_ms:.0f} ms): skrivningar känns tröga när flera skriver samtidigt.",
        "Slow ({ms} ms; good is under {slow_ms:.0f} ms): writes feel sluggish when several people write at once.",
    ),
    "doctor.advice.lock_too_slow": (
        "För långsamt ({ms} ms; över {too_slow_ms:.0f} ms köar kollegerna för varje ändring). "
        "Flytta databasen till PostgreSQL: herotui migrate --from FIL --to postgresql://...",
        "Too slow ({ms} ms; above {too_slow_ms:.0f} ms colleagues queue for every change). "
        "Move the database to PostgreSQL: herotui migrate --from FILE --to postgresql://...",
    ),
    "doctor.advice.cloud": (
        "{service} synkar hela filen mellan datorerna i efterhand; lås skyddar inget och teamet delas i kopior. "
        "Lägg databasen på en nätverksenhet (SMB) eller använd PostgreSQL.",
        "{service} copies the whole file between computers after the fact; locks protect nothing and the team "
        "splits into copies. Put the database on a network share (SMB) or use PostgreSQL.",
    ),
    "doctor.advice.conflicts": (
        "Synkklienten har redan delat databasen: ändringar i kopiorna finns inte i huvudfilen. "
        "Flytta databasen till en nätverksenhet eller PostgreSQL; ta inte bort kopiorna förrän någon har gått igenom dem.",
        "The sync client has already split the database: changes in the copies are not in the main file. "
        "Move the database to a network share or PostgreSQL; keep the copies until someone has looked through them.",
    ),
    "doctor.advice.hot_journal": (
        "En ändring avbröts mitt i (datorn eller enheten försvann). Journalfilen innehåller det som ska "
        "återställas, och nästa person med skrivrätt gör det automatiskt. Ta aldrig bort -journal-filen: "
        "då blir databasen trasig.",
        "A change was interrupted halfway (the computer or the drive went away). The journal file holds what "
        "must be put back, and the next person with write access does that automatically. Never delete the "
        "-journal file: that breaks the database.",
    ),
    "store.readonly.hot_journal": (
        "Databasen kan inte läsas just nu: en ändring avbröts mitt i och du har bara läsrätt. Nästa person med "
        "skrivrätt som öppnar herotui återställer den automatiskt. Ta aldrig bort filen {journal}.",
        "The database cannot be read right now: a change was interrupted halfway and you may only read. The "
        "next person with write access who opens herotui puts it right automatically. Never delete {journal}.",
    ),
    "store.cloud_folder": (
        "{path} ligger i en mapp som {service} synkar. Det är ingen delad fil: lås skyddar inget och teamet "
        "delas i kopior. Välj en nätverksenhet (SMB) eller PostgreSQL, eller lägg till --force om du vet vad du gör.",
        "{path} is in a folder synced by {service}. That is not a shared file: locks protect nothing and the "
        "team splits into copies. Choose a network share (SMB) or PostgreSQL, or add --force if you know what "
        "you are doing.",
    ),
    "status.cloud_warning": (
        "Databasen ligger i en molnsynkad mapp ({service}); ändringar kan hamna i kopior. Kör herotui doctor.",
        "The database is in a cloud-synced folder ({service}); changes may end up in copies. Run herotui doctor.",
    ),
    "status.conflicts_warning": (
        "Konfliktkopior bredvid databasen: {copies}. Kör herotui doctor.",
        "Conflicted copies beside the database: {copies}. Run herotui doctor.",
    ),
    "store.outbox_unavailable": (
        "Utkorgen på den här datorn ({path}) går inte att använda: {reason}",
        "The outbox on this computer ({path}) cannot be used: {reason}",
    ),
    "store.outbox_bypassed": (
        "{problem} Ändringar skickas direkt till databasen; inget kan vänta offline förrän mappen går att nå.",
        "{problem} Changes go straight to the database; none can wait offline until the folder is back.",
    ),
    "status.read_only_ended": (
        "Databasen går att skriva till igen.",
        "The database can be written again.",
    ),
    "cli.init.force_help": (
        "skapa även i en molnsynkad mapp",
        "create even in a cloud-synced folder",
    ),
    "cli.sync.refused_exit": (
        "{n} väntande ändringar avvisades; se ovan.",
        "{n} waiting changes were refused; see above.",
    ),
    "cli.sync.refused_exit.one": (
        "{n} väntande ändring avvisades; se ovan.",
        "{n} waiting change was refused; see above.",
    ),
}
