# Formats records with python-json-logger's JsonFormatter, as the Java test describes them.
# Input: {"cases": [{"kwargs": {...}, "records": [{"created_ns": N, "name": ..., "levelno": ..., "levelname": ...,
#          "msg": ..., "thread": ..., "threadName": ..., "extra": {...}}]}]}
# Output: a list (per case) of lists of formatted lines.
import json
import logging
import sys

from pythonjsonlogger import jsonlogger


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        spec = json.load(f)
    out = []
    for case in spec["cases"]:
        fmt = jsonlogger.JsonFormatter(**case["kwargs"])
        fmt.converter = __import__("time").gmtime
        lines = []
        for r in case["records"]:
            rec = logging.LogRecord(r["name"], r["levelno"], "app.py", 1, r["msg"], None, None)
            ns = r["created_ns"]
            rec.created = ns / 1e9
            rec.msecs = float((ns % 1_000_000_000) // 1_000_000)  # a float, as LogRecord makes it
            rec.thread = r["thread"]
            rec.threadName = r["threadName"]
            rec.process = 4242
            rec.processName = "MainProcess"
            for k, v in r["extra"].items():
                setattr(rec, k, v)
            lines.append(fmt.format(rec))
        out.append(lines)
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
