"""A minimal Flask-like routing layer on top of wsgiref."""
import json


class App:
    def __init__(self):
        self.routes = {}

    def route(self, path):
        def register(fn):
            self.routes[path] = fn
            return fn
        return register

    def __call__(self, environ, start_response):
        handler = self.routes.get(environ.get("PATH_INFO", "/"))
        if handler is None:
            start_response("404 Not Found", [("Content-Type", "application/json")])
            return [b'{"error": "not found"}']
        start_response("200 OK", [("Content-Type", "application/json")])
        return [json.dumps(handler()).encode()]


app = App()


@app.route("/health")
def health():
    return {"ok": True}


@app.route("/items")
def items():
    return [{"sku": "A-1", "qty": 3}, {"sku": "B-7", "qty": 0}]
