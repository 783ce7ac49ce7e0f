"""Limits on fetching and importing sources: an overall deadline, the size cap
on local files, and one clear line naming the line or field for bad input."""

import socket
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.helpers import SOURCE_FIXTURES
from watch_sources.clients import SourceFetchError, fetch
from watch_sources.models import Source

pytestmark = pytest.mark.django_db


class TricklingServer:
    """A real HTTP server on loopback that sends one byte every `every` seconds,
    in the headers or in the body, and counts the connections it accepted."""

    def __init__(self, *, part: str, every: float = 2.0, total: int = 60):
        self.part, self.every, self.total = part, every, total
        self.connections = 0
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.listener.getsockname()[1]}/list.xml"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        self.thread.join(timeout=5)
        self.listener.close()

    def _serve(self):
        while not self.stopped.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.connections += 1
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: socket.socket):
        head = f"HTTP/1.1 200 OK\r\nContent-Length: {self.total}\r\nX-Padding: ".encode()
        with conn:
            try:
                conn.recv(65536)
                if self.part == "body":
                    conn.sendall(head + b"x\r\n\r\n")
                else:
                    conn.sendall(head)
                for _ in range(self.total):
                    if self.stopped.wait(self.every):
                        return
                    conn.sendall(b"x")
            except OSError:
                return  # the client hung up: what the deadline is for


@pytest.mark.parametrize("part", ["body", "headers"])
def test_a_server_trickling_a_byte_every_two_seconds_fails_at_the_deadline(settings, part):
    settings.SOURCE_TIMEOUT = settings.SOURCE_DEADLINE = 3.0
    settings.SOURCE_FETCH_ATTEMPTS = 3

    with TricklingServer(part=part) as server:
        started = time.monotonic()
        with pytest.raises(SourceFetchError, match=r"no complete response within the 3 s deadline"):
            fetch(server.url)
        elapsed = time.monotonic() - started

    # Each byte arrives well inside the 3 s read timeout, so only the deadline ends it,
    # and a deadline is not retried (three attempts would take 9 s).
    assert 2.9 <= elapsed < 4.5
    assert server.connections == 1


def test_a_refresh_from_a_trickling_server_records_a_failed_attempt_and_keeps_the_live_version(settings):
    settings.SOURCE_TIMEOUT = settings.SOURCE_DEADLINE = 2.0
    call_command("import_source", "un", str(SOURCE_FIXTURES / "un_consolidated.xml"), "--format", "un-xml")

    with TricklingServer(part="body") as server:
        call_command("configure_source", "un", "--url", server.url)
        with pytest.raises(CommandError, match="1 source"):
            call_command("refresh_sources", "un")

    source = Source.objects.get(slug="un")
    attempt = source.fetch_attempts.get()
    assert (attempt.outcome, source.live_version.number) == ("failed", 1)
    assert "deadline" in attempt.message


def test_local_file_over_the_size_cap_is_refused(settings, tmp_path):
    path = tmp_path / "big.xml"
    path.write_bytes((SOURCE_FIXTURES / "un_consolidated.xml").read_bytes())
    settings.SOURCE_MAX_BYTES = path.stat().st_size - 1

    with pytest.raises(CommandError, match=r"big.xml: file over the \d+-byte limit \(SOURCE_MAX_BYTES\)"):
        call_command("import_source", "un", str(path), "--format", "un-xml")

    assert not Source.objects.get(slug="un").versions.exists()


def test_local_file_at_the_size_cap_imports(settings):
    path = SOURCE_FIXTURES / "un_consolidated.xml"
    settings.SOURCE_MAX_BYTES = path.stat().st_size

    call_command("import_source", "un", str(path), "--format", "un-xml")

    assert Source.objects.get(slug="un").live_version.number == 1


FTM_OK = '{"id": "p1", "schema": "Person", "properties": {"name": ["Teague Halloran"]}}\n'
LOCAL_HEADER = "id,kind,name,aliases,date_of_birth,justification,evidence_ref,review_by\n"
LOCAL_OK = "L-1,person,Teague Halloran,,,Local concern,PO-1,2099-01-01\n"


@pytest.mark.parametrize(
    ("fmt", "content", "message"),
    [
        ("ftm", FTM_OK.encode() + "Ren\u00e9e".encode("latin-1") + b"\n", r"line 2: not UTF-8 text"),
        ("csv", (LOCAL_HEADER + LOCAL_OK).encode() + b"L-2,person,Ren\xe9e\n", r"line 3: not UTF-8 text"),
        (
            "ftm",
            FTM_OK + '{"id": "p2", "schema": "Person", "properties": "Teague"}\n',
            r"line 2: field properties must be an object",
        ),
        (
            "ftm",
            FTM_OK + '{"id": "p2", "schema": "Person", "properties": {"name": "Teague Halloran"}}\n',
            r"line 2: field properties.name must be a list of strings",
        ),
        (
            "ftm",
            FTM_OK
            + '{"id": "p2", "schema": "Person", "properties": {"name": ["A B"], "birthDate": [1980]}}\n',
            r"line 2: field properties.birthDate must be a list of strings",
        ),
        (
            "ftm",
            FTM_OK + '{"id": "p2", "schema": ["Person"], "properties": {"name": ["A B"]}}\n',
            r"line 2: field schema must be a string",
        ),
        (
            "ftm",
            FTM_OK + '{"id": "p2", "schema": "Person", "properties": {"name": ["A B"]}, "datasets": "x"}\n',
            r"line 2: field datasets must be a list of strings",
        ),
        ("ftm", FTM_OK + '{"id": "p2", "schema": "Person"\n', r"line 2: not valid JSON"),
        (
            "ftm",
            '{"op": "MOD", "entity": {"id": "p1", "schema": "Person", "properties": {"alias": [["x"]]}}}\n',
            r"line 1: field properties.alias must be a list of strings",
        ),
        ("csv", LOCAL_HEADER + LOCAL_OK + 'L-2,person,"' + "x" * 140_000 + "\n", r"line \d+: malformed CSV"),
        (
            "uk-sanctions-csv",
            (SOURCE_FIXTURES / "uk_sanctions_list.csv").read_text() + 'x,"' + "y" * 140_000 + "\n",
            r"line \d+: malformed CSV \(field larger than field limit",
        ),
        ("csv", LOCAL_HEADER + "L-1,person,Teague Halloran,,,why,PO-1,31/12/2099\n", r"line 2: review_by"),
        ("un-xml", b"<CONSOLIDATED_LIST><INDIVIDUALS><INDIVIDUAL></INDIVIDUALS>", r"malformed XML: .*line 1"),
        ("un-xml", b"\xff\xfe not xml at all", r"malformed XML: .*line 1"),
    ],
    ids=[
        "ftm-not-utf8",
        "csv-not-utf8",
        "ftm-properties-not-object",
        "ftm-property-not-list",
        "ftm-property-not-strings",
        "ftm-schema-not-string",
        "ftm-datasets-not-list",
        "ftm-bad-json",
        "ftm-delta-bad-property",
        "csv-unterminated-quote",
        "uk-csv-unterminated-quote",
        "csv-bad-date",
        "xml-mismatched-tag",
        "xml-binary",
    ],
)
def test_malformed_input_fails_with_one_line_naming_the_place_and_keeps_the_live_version(
    tmp_path, fmt, content, message
):
    good = {
        "ftm": FTM_OK.encode(),
        "csv": (LOCAL_HEADER + LOCAL_OK).encode(),
        "uk-sanctions-csv": (SOURCE_FIXTURES / "uk_sanctions_list.csv").read_bytes(),
        "un-xml": (SOURCE_FIXTURES / "un_consolidated.xml").read_bytes(),
    }[fmt]
    (tmp_path / "good").write_bytes(good)
    call_command("import_source", "src", str(tmp_path / "good"), "--format", fmt)
    bad = tmp_path / "bad"
    bad.write_bytes(content.encode() if isinstance(content, str) else content)

    with pytest.raises(CommandError, match=message) as failure:
        call_command("import_source", "src", str(bad), "--format", fmt)

    assert "\n" not in str(failure.value)
    assert str(failure.value).startswith("src: cannot parse")
    source = Source.objects.get(slug="src")
    assert (source.versions.count(), source.live_version.number) == (1, 1)
