def build_count_command(filename):
    parts = ["wc", "-l", filename.strip()]
    return " ".join(parts)
