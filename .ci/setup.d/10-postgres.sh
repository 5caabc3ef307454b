# PostgreSQL for the tests that run on both backends; stopped again however the tests end.
. .ci/postgres.sh
trap pg_stop EXIT
pg_start
export HEROTUI_REQUIRE_PG=1  # a PostgreSQL test that would skip fails instead
