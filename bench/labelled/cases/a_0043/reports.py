import sqlite3

from flask import Flask, request, jsonify

app = Flask(__name__)


class SalesReport:
    table = "sales"

    def __init__(self, region, year):
        self.region = region
        self.year = year

    def sql(self):
        return (
            "SELECT product, SUM(amount) AS total FROM {t} "
            "WHERE region = '{r}' AND strftime('%Y', sold_at) = '{y}' GROUP BY product"
        ).format(t=self.table, r=self.region, y=self.year)


@app.route("/reports/sales")
def sales():
    region = request.cookies.get("region", "EMEA")
    report = SalesReport(region, "2024")
    conn = sqlite3.connect("/var/data/sales.db")
    try:
        rows = conn.execute(report.sql()).fetchall()
    finally:
        conn.close()
    return jsonify([{"product": p, "total": t} for p, t in rows])
