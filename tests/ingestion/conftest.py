import http.server
import threading

import pytest

PAGES = {
    "/article.html": (
        200,
        "text/html; charset=utf-8",
        b"<html><head><title>Ministers agree fund</title></head><body><nav>Home | World</nav><article>"
        b"<h1>Ministers agree fund</h1><p>Ministers from 14 countries agreed on Monday to put $4 billion into"
        b" a new fund for flood defences, the chair of the meeting said after talks that lasted all day.</p>"
        b'<p>"This is the largest commitment we have made," the chair told reporters in the capital.</p>'
        b"</article><footer>Copyright</footer></body></html>",
    ),
    "/big.html": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
    "/binary": (200, "application/octet-stream", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 2),
    "/missing": (404, "text/plain", b"not here"),
}


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802
        if self.path == "/redirect":
            self.send_response(302)
            self.send_header("Location", "/article.html")
            self.end_headers()
            return
        status, ctype, body = PAGES.get(self.path, PAGES["/missing"])
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def local_site():
    """A real HTTP server on loopback serving a few pages."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
