"""Nightly maintenance jobs run by cron on the shop server (deliberately insecure)."""
import logging
import logging.config
import os
import subprocess
import tempfile

log = logging.getLogger(__name__)

MEDIA_DIR = "/srv/shop/media"
BACKUP_DIR = "/srv/shop/backups"


def run(command: str, shell: bool = False, check: bool = True) -> str:
    """The project's own shell helper: callers pass whole command lines."""
    return subprocess.run(command, shell=shell, check=check, capture_output=True, text=True).stdout


def backup_media() -> None:
    # shell=True through a project helper: the command line goes to /bin/sh.
    run(f"cd {MEDIA_DIR} && tar czf {BACKUP_DIR}/media.tgz .", shell=True)


def fix_media_permissions() -> None:
    # Wildcards expanded by the shell: a file named "--reference=x" becomes an option.
    os.system("chown www-data:www-data /srv/shop/media/*")
    os.system("cd /srv/shop/exports && tar cf /srv/shop/backups/exports.tar *")


def publish_sitemap(xml: bytes) -> str:
    # mktemp only picks a name; another process can create the file first.
    path = tempfile.mktemp(suffix=".xml")
    with open(path, "wb") as fh:
        fh.write(xml)
    # World-writable: any local user can swap the sitemap (or the script reading it).
    os.chmod(path, 0o777)
    return path


def rotate_logs(paths: list) -> None:
    for path in paths:
        try:
            os.rename(path, path + ".1")
        except Exception:
            # Every error is skipped silently, a permission problem included.
            continue


def read_motd(path: str = "/srv/shop/motd.txt") -> str:
    # Check, then use: the file can be swapped for a symlink between the two.
    if os.path.exists(path):
        with open(path) as fh:
            return fh.read()
    return ""


def restart_worker(program: str, *args: str) -> None:
    # Replaces this process with whatever program the caller names.
    os.execvp(program, [program, *args])


def listen_for_logging_config() -> None:
    # Accepts logging configurations from the network and applies them, unverified.
    listener = logging.config.listen(9030)
    listener.start()
