from flask import Flask, send_from_directory

app = Flask(__name__)
app.config["UPLOAD_FOLDER"] = "/srv/app/uploads"


def upload_root():
    return app.config["UPLOAD_FOLDER"]


@app.route("/uploads/<path:filename>")
def download(filename):
    root = upload_root()
    return send_from_directory(root, filename, as_attachment=True)
