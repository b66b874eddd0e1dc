import unittest

from app.web import app


class WebTest(unittest.TestCase):
    def call(self, path):
        status = []
        body = app({"PATH_INFO": path}, lambda s, h: status.append(s))
        return status[0], b"".join(body)

    def test_health(self):
        self.assertEqual(self.call("/health"), ("200 OK", b'{"ok": true}'))

    def test_missing(self):
        self.assertTrue(self.call("/nope")[0].startswith("404"))
