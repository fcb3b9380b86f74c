"""Applies one dictConfig with CPython in a given directory, at a fixed time and process id, logs the
calls, and prints what it wrote: stdout, stderr and every *.log file under the directory.

Input (stdin, JSON): {"config": dict, "calls": [[logger, level, message, extra?, args?], ...], "cwd": str,
                      "created": float, "process": int, "django": bool?}
With "django", Django's settings are configured with their defaults (DEBUG False, no ADMINS) and a
SECRET_KEY first.
Output (stdout, JSON): {"refusal": null or "Type: message", "stdout": str, "stderr": str, "files": {path: text}}
"""
import io
import json
import logging
import logging.config
import os
import sys
import time

case = json.load(sys.stdin)
os.chdir(case["cwd"])
sys.path.insert(0, case["cwd"])  # stand-ins of a project's own handler modules
created = case["created"]
time.time = lambda: created
time.time_ns = lambda: int(created * 1_000_000_000)
os.getpid = lambda: case["process"]
real_stdout = sys.stdout
out, err = io.StringIO(), io.StringIO()
sys.stdout, sys.stderr = out, err
if case.get("django"):
    import django
    from django.conf import settings
    settings.configure(SECRET_KEY="sluice-comparison")  # Django refuses an empty one
    django.setup()
try:
    logging.config.dictConfig(case["config"])
    refusal = None
except Exception as e:
    refusal = "%s: %s" % (type(e).__name__, e)
for call in case["calls"]:
    name, level, msg = call[:3]
    args = call[4] if len(call) > 4 else []
    logging.getLogger(name).log(level, msg, *args, extra=call[3] if len(call) > 3 else None)
logging.shutdown()
sys.stdout, sys.stderr = real_stdout, sys.__stderr__
files = {}
for root, _, names in os.walk(case["cwd"]):
    for n in names:
        if n.endswith(".log"):
            p = os.path.join(root, n)
            with open(p, encoding="utf-8") as f:
                files[os.path.relpath(p, case["cwd"]).replace(os.sep, "/")] = f.read()
json.dump({"refusal": refusal, "stdout": out.getvalue(), "stderr": err.getvalue(), "files": files}, real_stdout)
