"""Replays timelines through CPython's RotatingFileHandler or TimedRotatingFileHandler.

argv[1]: JSON list of scenarios, each {"dir": directory for app.log and its backups,
         "handler": "timed"|"rotating", "kwargs": {...}, "start": seconds,
         "preexisting": {"content": text, "mtime": seconds} or null,
         "events": [[seconds, message], ...]}
time.time is replaced by the timeline's clock, so the reference runs on virtual time too.
"""
import datetime
import json
import logging
import logging.handlers
import os
import sys
import time

now = [0.0]
time.time = lambda: now[0]

for cfg in json.load(open(sys.argv[1], encoding="utf-8")):
    now[0] = cfg["start"]
    base = os.path.join(cfg["dir"], "app.log")
    pre = cfg.get("preexisting")
    if pre:
        with open(base, "w", encoding="utf-8") as f:
            f.write(pre["content"])
        os.utime(base, (pre["mtime"], pre["mtime"]))
    else:
        # FileHandler creates the file before TimedRotatingFileHandler reads its mtime: on the real
        # clock that mtime is "now". Create it here with the virtual now, so the reference runs on
        # the timeline's clock too.
        open(base, "a").close()
        os.utime(base, (cfg["start"], cfg["start"]))
    kwargs = dict(cfg["kwargs"])
    if "atTime" in kwargs:
        kwargs["atTime"] = datetime.time.fromisoformat(kwargs["atTime"])
    kwargs["encoding"] = "utf-8"
    if cfg["handler"] == "timed":
        h = logging.handlers.TimedRotatingFileHandler(base, **kwargs)
    else:
        h = logging.handlers.RotatingFileHandler(base, **kwargs)
    h.setFormatter(logging.Formatter("%(message)s"))
    for t, msg in cfg["events"]:
        now[0] = t
        h.handle(logging.makeLogRecord({"msg": msg, "levelno": 20, "levelname": "INFO"}))
    h.close()
