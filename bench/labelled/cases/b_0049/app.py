from bottle import Bottle, redirect, request, response

app = Bottle()


@app.post("/preferences")
def save_preferences():
    theme = request.forms.get("theme", "light")
    response.set_cookie("theme", theme, path="/")
    return_to = request.query.get("return_to") or "/"
    if not return_to.startswith("/"):
        return_to = "/"
    redirect(return_to)


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8080)
