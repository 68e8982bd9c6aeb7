import random

from flask import Flask, abort, jsonify, session

app = Flask(__name__)

QUESTION_BANK = {
    1: [
        {"id": "q1", "text": "What does HTTP stand for?", "options": ["HyperText Transfer Protocol", "High Transfer Text Protocol", "Host Transfer Protocol"]},
        {"id": "q2", "text": "Default HTTPS port?", "options": ["443", "80", "8443"]},
        {"id": "q3", "text": "Which status code means Not Found?", "options": ["404", "500", "301"]},
    ],
}


@app.route("/quiz/<int:quiz_id>/start")
def start_quiz(quiz_id):
    bank = QUESTION_BANK.get(quiz_id)
    if bank is None:
        abort(404)
    questions = [dict(q, options=list(q["options"])) for q in bank]
    random.shuffle(questions)
    for question in questions:
        random.shuffle(question["options"])
    session["quiz_order"] = [q["id"] for q in questions]
    return jsonify(quiz=quiz_id, questions=questions)
