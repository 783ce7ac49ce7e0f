"""A real SMTP server on 127.0.0.1, in a thread of the test process, for the tests of a
dead mail server: it answers a minimal SMTP dialogue and keeps each message, or, made
`silent`, accepts connections and never says a word (a server hung, or a firewall that
drops its replies). Nothing listening on its port is the third case: refused.
"""

import socket
import socketserver
import threading
from email import message_from_bytes
from email.message import Message


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True


class MailServer:
    def __init__(self, port: int, *, silent: bool = False):
        self.port = port
        self.silent = silent
        self.messages: list[Message] = []
        self.connections = 0
        self._stopping = threading.Event()
        owner = self

        class Handler(socketserver.StreamRequestHandler):
            def handle(self):
                owner.connections += 1
                if owner.silent:
                    owner._stopping.wait()
                    return
                owner._converse(self.rfile, self.wfile)

        self._server = _Server(("127.0.0.1", port), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "MailServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()

    def _converse(self, rfile, wfile) -> None:
        def say(line: str) -> None:
            wfile.write(line.encode() + b"\r\n")
            wfile.flush()

        say("220 127.0.0.1 ESMTP test")
        while line := rfile.readline():
            verb = line.decode(errors="replace").strip().split(" ")[0].upper()
            if verb == "DATA":
                say("354 end with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.messages.append(message_from_bytes(data))
                say("250 kept")
            elif verb == "QUIT":
                say("221 bye")
                return
            else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                say("250 ok")
