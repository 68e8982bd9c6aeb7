import configparser
import sqlite3

from flask import Flask, request

app = Flask(__name__)


@app.route("/inventory/check", methods=["POST"])
def inventory_check():
    param = request.form.get("sku", "")
    conf = configparser.ConfigParser()
    conf.add_section("section1")
    conf.set("section1", "keyA", "a-Value")
    conf.set("section1", "keyB", param)
    bar = conf.get("section1", "keyB")
    sql = "UPDATE inventory SET checked = 1 WHERE sku = '{}'".format(bar)
    conn = sqlite3.connect("/srv/app/inventory.db")
    try:
        conn.executescript(sql)
        conn.commit()
    finally:
        conn.close()
    return "ok"
