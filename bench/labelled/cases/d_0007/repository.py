import sqlite3


class ReportRepository:
    def __init__(self, path="reports.db"):
        self.path = path

    def rows_for(self, report_id, limit=50):
        with sqlite3.connect(self.path) as conn:
            conn.row_factory = sqlite3.Row
            cur = conn.execute(
                "SELECT * FROM report_rows WHERE report_id = ? ORDER BY id LIMIT ?",
                (report_id, limit),
            )
            return [dict(row) for row in cur.fetchall()]
