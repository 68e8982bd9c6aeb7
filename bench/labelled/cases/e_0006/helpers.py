import shlex


def build_count_command(filename):
    parts = ["wc", "-l", shlex.quote(filename.strip())]
    return " ".join(parts)
