import csv
import io

SAMPLE_ROWS = [
    ("2024-01", "north", 1200),
    ("2024-01", "south", 950),
    ("2024-02", "north", 1320),
    ("2024-02", "south", 1010),
]


def render_csv(month):
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["month", "region", "revenue"])
    for row in SAMPLE_ROWS:
        if not month or row[0] == month:
            writer.writerow(row)
    return buffer.getvalue()
