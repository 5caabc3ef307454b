"""Is a path on a network filesystem? Linux reads /proc/mounts, Windows asks for the drive type."""

from __future__ import annotations

import os
import sys
from pathlib import Path, PureWindowsPath

NETWORK_TYPES = {
    "cifs", "smb3", "smbfs", "nfs", "nfs4", "afs", "9p", "fuse.sshfs", "sshfs", "davfs", "fuse.davfs",
    "webdav", "ncpfs", "fuse.rclone", "glusterfs", "ceph", "lustre", "gpfs", "fuse.gvfsd-fuse",
}


def filesystem_of(path: Path) -> tuple[str, bool | None]:
    """(filesystem type or a description, whether it is a network filesystem; None if unknown)."""
    raw = str(path)
    if raw.startswith(("\\\\", "//")):
        return "unc", True
    if sys.platform == "win32":
        return _windows_drive_type(path)
    if sys.platform.startswith("linux"):
        return _linux_mount_type(path)
    if sys.platform == "darwin":
        return _mac_mount_type(path)
    return "unknown", None


def _linux_mount_type(path: Path) -> tuple[str, bool | None]:
    try:
        mounts = Path("/proc/mounts").read_text().splitlines()
    except OSError:
        return "unknown", None
    target = os.path.realpath(path if path.exists() else path.parent)
    best, best_type = "", "unknown"
    for line in mounts:
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point = parts[1].replace("\\040", " ")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) > len(best):
            best, best_type = mount_point, parts[2]
    return best_type, best_type in NETWORK_TYPES


def _mac_mount_type(path: Path) -> tuple[str, bool | None]:
    import subprocess

    try:
        output = subprocess.run(["mount"], capture_output=True, text=True, timeout=5).stdout
    except (OSError, subprocess.SubprocessError):
        return "unknown", None
    target = os.path.realpath(path if path.exists() else path.parent)
    best, best_type = "", "unknown"
    for line in output.splitlines():
        # "//user@server/share on /Volumes/share (smbfs, nodev, ...)"
        if " on " not in line or "(" not in line:
            continue
        mount_point = line.split(" on ", 1)[1].rsplit(" (", 1)[0]
        fs_type = line.rsplit("(", 1)[1].split(",")[0].strip(" )")
        if (target == mount_point or target.startswith(mount_point.rstrip("/") + "/")) and len(mount_point) > len(best):
            best, best_type = mount_point, fs_type
    return best_type, best_type in NETWORK_TYPES


def _windows_drive_type(path: Path) -> tuple[str, bool | None]:
    try:
        import ctypes

        drive = PureWindowsPath(os.path.abspath(path)).drive + "\\"
        kind = ctypes.windll.kernel32.GetDriveTypeW(drive)  # type: ignore[attr-defined]
    except (AttributeError, OSError, ValueError):
        return "unknown", None
    names = {2: "removable", 3: "fixed", 4: "remote", 5: "cdrom", 6: "ramdisk"}
    return names.get(kind, "unknown"), kind == 4
