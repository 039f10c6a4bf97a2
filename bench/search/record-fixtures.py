#!/usr/bin/env python3
"""Records the replies of a real valkey-search to the same exchanges as the 1.2.1 fixtures.

Usage: bench/search/record-fixtures.py FIXTURES_IN OUT_DIR [SEARCH_HOME]

Starts SEARCH_HOME/bin/valkey-server (default ../shared/valkey-search or $VST_SEARCH_HOME) with
SEARCH_HOME/bin/libsearch.so on a free loopback port, writes the keys the recorded sequence relies on
(vec:1..5, a bad 3-byte vector vec:7, flat:1..2, ip:1, 20,000 bf:* keys) where the 1.2.1 recording wrote
them, then sends every command of FIXTURES_IN/NN-*.json in file order (RESP3 files on a connection that
said HELLO 3) and writes OUT_DIR/NN-*.json in the same format with the exact reply bytes.
"""
import base64
import json
import os
import socket
import struct
import subprocess
import sys
import tempfile
import time


def encode(args):
    out = b"*%d\r\n" % len(args)
    for a in args:
        if isinstance(a, str):
            a = a.encode()
        out += b"$%d\r\n%s\r\n" % (len(a), a)
    return out


class Conn:
    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port))
        self.buf = b""

    def _line(self):
        while b"\r\n" not in self.buf:
            self.buf += self.sock.recv(65536)
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line

    def _take(self, n):
        while len(self.buf) < n + 2:
            self.buf += self.sock.recv(65536)
        data, self.buf = self.buf[:n], self.buf[n + 2:]
        return data

    def read(self, raw):
        """Reads one reply; appends its wire bytes to raw; returns the readable form."""
        line = self._line()
        raw.append(line + b"\r\n")
        t, rest = chr(line[0]), line[1:]
        if t in "+":
            return rest.decode()
        if t == "-":
            return {"error": rest.decode()}
        if t == ":":
            return int(rest)
        if t == ",":
            return {"double": float(rest)}
        if t == "_":
            return None
        if t == "#":
            return rest == b"t"
        if t in "$=":
            n = int(rest)
            if n < 0:
                return None
            data = self._take(n)
            raw.append(data + b"\r\n")
            try:
                text = data.decode()
                if all(c.isprintable() or c in "\r\n\t" for c in text):
                    return text
            except UnicodeDecodeError:
                pass
            return {"hex": data.hex()}
        if t in "*~>":
            n = int(rest)
            return None if n < 0 else [self.read(raw) for _ in range(n)]
        if t == "%":
            return {"map": [[self.read(raw), self.read(raw)] for _ in range(int(rest))]}
        raise ValueError("unknown RESP type " + t)

    def call(self, args):
        self.sock.sendall(encode(args))
        raw = []
        readable = self.read(raw)
        return b"".join(raw), readable


def vec(*xs):
    return struct.pack("<%df" % len(xs), *xs)


def hset(conn, key, vector, *fields):
    conn.call(["HSET", key, "vector", vector, *fields])


def setup_before(name, conn):
    """The unrecorded writes the sequence relies on, made just before the named exchange."""
    if name.startswith("08-"):
        hset(conn, "vec:1", vec(0, 0, 0, 0), "category", "a", "price", "10")
        hset(conn, "vec:2", vec(1, 0, 0, 0), "category", "b", "price", "20")
        hset(conn, "vec:3", vec(0.1, 0.1, 0, 0), "category", "a", "price", "30")
        hset(conn, "vec:4", vec(3, 3, 3, 3), "category", "b", "price", "40")
        hset(conn, "vec:5", vec(0, 2, 0, 0), "category", "a", "price", "50")
    elif name.startswith("24-"):
        hset(conn, "vec:7", b"abc", "category", "a", "price", "70")
    elif name.startswith("28-"):
        hset(conn, "flat:1", vec(1, 1, 0, 0))
        hset(conn, "flat:2", vec(0, 1, 0, 0))
    elif name.startswith("30-"):
        hset(conn, "ip:1", vec(0.5, 0, 0, 0))
    elif name.startswith("37-"):
        pipe = b"".join(encode(["HSET", "bf:%d" % i, "vector", vec(i % 97, i % 89, i % 83, i % 79)])
                        for i in range(20000))
        conn.sock.sendall(pipe)
        for _ in range(20000):
            conn.read([])
    elif name.startswith("39-"):
        for _ in range(600):
            _, info = conn.call(["FT.INFO", "idx_bf"])
            if isinstance(info, list) and "ready" in info:
                return
            time.sleep(0.1)


def argument(a):
    return bytes.fromhex(a["hex"]) if isinstance(a, dict) else a


def main():
    src, out = sys.argv[1], sys.argv[2]
    here = os.path.dirname(os.path.abspath(__file__))
    home = sys.argv[3] if len(sys.argv) > 3 else os.environ.get(
        "VST_SEARCH_HOME", os.path.join(here, "..", "..", "..", "shared", "valkey-search"))
    home = os.path.abspath(home)
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    work = tempfile.mkdtemp(prefix="vst-record-")
    server = subprocess.Popen([os.path.join(home, "bin/valkey-server"), "--port", str(port), "--bind", "127.0.0.1",
                               "--save", "", "--appendonly", "no", "--dir", work, "--logfile", work + "/valkey.log",
                               "--loadmodule", os.path.join(home, "bin/libsearch.so")])
    try:
        for _ in range(100):
            try:
                plain = Conn(port)
                break
            except OSError:
                time.sleep(0.1)
        resp3 = Conn(port)
        resp3.call(["HELLO", "3"])
        os.makedirs(out, exist_ok=True)
        for name in sorted(f for f in os.listdir(src) if f.endswith(".json")):
            fixture = json.load(open(os.path.join(src, name)))
            setup_before(name, plain)
            conn = resp3 if fixture["protocol"] == 3 else plain
            wire, readable = conn.call([argument(a) for a in fixture["command"]])
            record = {"name": fixture["name"], "protocol": fixture["protocol"], "command": fixture["command"],
                      "note": fixture.get("note", ""), "reply_base64": base64.b64encode(wire).decode(),
                      "reply": readable}
            with open(os.path.join(out, name), "w") as f:
                json.dump(record, f, indent=1)
        print("recorded into", out, "from", home, "on port", port)
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
