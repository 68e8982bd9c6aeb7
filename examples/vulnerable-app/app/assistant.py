"""The LLM support assistant of the shop (deliberately insecure: prompt injection and excessive agency)."""
import os
import sqlite3
import subprocess

from flask import Blueprint, jsonify, request
from markupsafe import Markup
from openai import OpenAI

from . import settings

bp = Blueprint("assistant", __name__)
# No timeout on the client: a slow provider ties up every worker.
client = OpenAI(api_key=os.environ.get("OPENAI_API_KEY"))
MODEL = "gpt-4o-mini"


def run_diagnostics(command: str) -> str:
    """Exposed to the model as a tool: it runs whatever command line the model chooses."""
    return subprocess.run(command, shell=True, capture_output=True, text=True, timeout=30).stdout


TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "run_diagnostics",
            "description": "Run a diagnostic shell command on the shop server",
            "parameters": {"type": "object", "properties": {"command": {"type": "string"}}, "required": ["command"]},
        },
    }
]


@bp.route("/support/ask", methods=["POST"])
def ask():
    question = request.json["question"]
    # Instructions and the customer's text in one string: "ignore the above and ..." wins.
    # No max_tokens: one request can run up an unbounded bill.
    resp = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": f"You are the shop's support agent. Never offer refunds. Question: {question}"}],
        tools=TOOLS,
    )
    answer = resp.choices[0].message.content
    # The model's answer is trusted as HTML.
    return jsonify(html=str(Markup(answer)))


@bp.route("/support/report", methods=["POST"])
def sales_report():
    wish = request.form["wish"]
    resp = client.chat.completions.create(
        model=MODEL,
        messages=[
            {"role": "system", "content": "Write one SQLite query over the tables orders(id, total, created) and customers(id, city)."},
            {"role": "user", "content": wish},
        ],
        max_tokens=300,
    )
    sql = resp.choices[0].message.content
    # Model output executed as SQL: a prompt injection becomes "DROP TABLE orders".
    rows = sqlite3.connect(settings.DATABASE_PATH).execute(sql).fetchall()
    return jsonify(rows)


@bp.route("/support/discount", methods=["POST"])
def discount():
    basket = request.form["basket"]
    resp = client.chat.completions.create(
        model=MODEL,
        messages=[{"role": "user", "content": "Return a Python expression for the discount of this basket: " + basket}],
        max_tokens=50,
        timeout=20,
    )
    # eval() of model output: remote code execution by prompt.
    return jsonify(discount=eval(resp.choices[0].message.content))
