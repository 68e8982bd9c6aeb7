import pickle

from flask import Flask, jsonify, request

app = Flask(__name__)

_TEMPLATE_BOARD = {
    "columns": ["Backlog", "In progress", "Review", "Done"],
    "cards": [],
    "settings": {"wip_limit": 5, "archived": False},
}
BLANK_BOARD = pickle.dumps(_TEMPLATE_BOARD, protocol=pickle.HIGHEST_PROTOCOL)

BOARDS = {}


def new_board():
    return pickle.loads(BLANK_BOARD)


@app.route("/boards", methods=["POST"])
def create_board():
    title = request.form.get("title", "Untitled board")
    board = new_board()
    board["title"] = title[:80]
    board_id = len(BOARDS) + 1
    BOARDS[board_id] = board
    return jsonify(id=board_id, board=board), 201
