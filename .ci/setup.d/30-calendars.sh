# A real command-line calendar (khal, and calcurse beside it) for tests/test_ics_updates.py, which
# imports the breakfast exports and checks that moves and cancellations are applied on re-import.
if ! command -v khal >/dev/null 2>&1 || ! command -v calcurse >/dev/null 2>&1; then
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends khal calcurse >/dev/null
fi
export HEROTUI_REQUIRE_CALENDAR=1  # the calendar-program test fails instead of skipping
