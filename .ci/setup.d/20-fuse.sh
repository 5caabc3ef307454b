# The FUSE "network drive" (../shared/tools/netdrive) for the tests marked `fuse`: fuse3 and
# libfuse 3 from Debian, mfusepy 3.1.1 in its own venv (netdrive.py re-executes itself there).
if ! command -v fusermount3 >/dev/null 2>&1 || ! dpkg -s libfuse3-3 >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fuse3 libfuse3-3 >/dev/null
fi
NETDRIVE_VENV="${NETDRIVE_VENV:-$HOME/.cache/netdrive-venv}"
if ! "$NETDRIVE_VENV/bin/python" -c 'import mfusepy' >/dev/null 2>&1; then
    python3 -m venv "$NETDRIVE_VENV"
    "$NETDRIVE_VENV/bin/pip" install -q mfusepy==3.1.1
fi
export NETDRIVE_VENV
export HEROTUI_REQUIRE_FUSE=1  # a FUSE test that would skip fails instead
