"""Touches and holds MB megabytes of private anonymous memory (one write per page; RssAnon then shows MB plus
the interpreter's own 7 MB) until killed, at most an hour.

Used by bench/ingest/run.sh and client-memory.sh as a stand-in for a client's own memory beside the server.
    python3 bench/ingest/hold-memory.py MB
"""
import mmap
import sys
import time

size = int(sys.argv[1]) << 20
held = mmap.mmap(-1, size, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
for offset in range(0, size, mmap.PAGESIZE):
    held[offset] = 1
time.sleep(3600)
