import os
import tempfile

import torch
from flask import Flask, jsonify, request

app = Flask(__name__)
ALLOWED_SUFFIXES = (".pt", ".pth")


def _load_checkpoint(path):
    checkpoint = torch.load(path, map_location="cpu", weights_only=False)
    return checkpoint.get("state_dict", checkpoint)


@app.route("/models/evaluate", methods=["POST"])
def evaluate_checkpoint():
    upload = request.files["checkpoint"]
    if not upload.filename.endswith(ALLOWED_SUFFIXES):
        return jsonify(error="unsupported file type"), 400
    fd, tmp_path = tempfile.mkstemp(suffix=".pt")
    os.close(fd)
    try:
        upload.save(tmp_path)
        state_dict = _load_checkpoint(tmp_path)
        n_params = sum(t.numel() for t in state_dict.values() if hasattr(t, "numel"))
    finally:
        os.remove(tmp_path)
    return jsonify(parameters=n_params)
