import subprocess
import time

BACKUP_ROOT = "/srv/backups"
DATA_ROOT = "/srv/projects"


def _archive_name(project, compress):
    stamp = time.strftime("%Y%m%d%H%M%S")
    ext = "tar.gz" if compress else "tar"
    return "%s/%s-%s.%s" % (BACKUP_ROOT, project, stamp, ext)


def build_archive(project, compress=True):
    target = _archive_name(project, compress)
    flags = "czf" if compress else "cf"
    cmd = "tar %s %s -C %s %s" % (flags, target, DATA_ROOT, project)
    try:
        subprocess.check_output(cmd, shell=True, stderr=subprocess.STDOUT)
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(exc.output.decode(errors="replace"))
    return target
