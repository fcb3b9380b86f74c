"""Formats records with CPython's logging.Formatter: the reference for PythonFormatterCPythonTest.

Input (argv[1], JSON): {"start": ns, "pid": int, "records": [...], "formats": [...]}.
Output (stdout, JSON): for each format, {"error": text} when CPython rejects it, else the list of
formatted records; a record with an exception gives {"text": part before the traceback,
"exc": the traceback}, so the caller can compare the part that does not depend on the language.
Times are set from integer nanoseconds, as CPython 3.12+ computes them (3.11 truncates a float).
"""
import json
import logging
import sys
import time

data = json.load(open(sys.argv[1], encoding="utf-8"))
start = data["start"]
results = []
for f in data["formats"]:
    try:
        formatter = logging.Formatter(f["format"], f.get("datefmt"), f["style"], validate=f.get("validate", True),
                                      defaults=f.get("defaults"))
    except (ValueError, TypeError) as e:
        results.append({"error": str(e)})
        continue
    if f.get("utc"):
        formatter.converter = time.gmtime
    lines = []
    try:
        for r in data["records"]:
            rec = logging.LogRecord(r["name"], r["levelno"], r.get("pathname") or "(unknown file)",
                                    r.get("lineno", 0), r["message"], None, None,
                                    func=r.get("funcName") or "(unknown function)")
            ns = r["ns"]
            rec.created = ns / 1e9
            rec.msecs = (ns % 1_000_000_000) // 1_000_000 + 0.0
            rec.relativeCreated = (ns - start) / 1e6
            rec.levelname = r["levelname"]
            rec.thread = r["thread"]
            rec.threadName = r["threadName"]
            rec.process = data["pid"]
            rec.processName = "MainProcess"
            for k, v in r.get("extra", {}).items():
                setattr(rec, k, v)
            if r.get("exc"):
                try:
                    raise ValueError(r["exc"])
                except ValueError:
                    rec.exc_info = sys.exc_info()
            s = formatter.format(rec)
            if rec.exc_text:
                assert s.endswith(rec.exc_text)
                lines.append({"text": s[:len(s) - len(rec.exc_text)], "exc": rec.exc_text})
            else:
                lines.append(s)
    except Exception as e:
        results.append({"error": "%s: %s" % (type(e).__name__, e)})
        continue
    results.append(lines)
json.dump(results, sys.stdout, ensure_ascii=True)
