import os
from wsgiref.simple_server import make_server

from .web import app

if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    with make_server("", port, app) as server:
        print(f"serving on {port}")
        server.serve_forever()
