"""Applies dictConfigs in order with CPython and logs the same calls after each; prints what it wrote.

Input (stdin, JSON): {"configs": [dict, ...], "calls": [[logger name, level number, message], ...]}
Output (stdout, JSON): {"steps": [null or "ExceptionType: message", ...], "stdout": str, "stderr": str}
"""
import io
import json
import logging
import logging.config
import sys

case = json.load(sys.stdin)
real_stdout = sys.stdout
out, err = io.StringIO(), io.StringIO()
sys.stdout, sys.stderr = out, err
steps = []
for cfg in case["configs"]:
    try:
        logging.config.dictConfig(cfg)
        steps.append(None)
    except Exception as e:  # what dictConfig refuses
        steps.append("%s: %s" % (type(e).__name__, e))
    for name, level, msg in case["calls"]:
        logging.getLogger(name).log(level, msg)
logging.shutdown()
sys.stdout, sys.stderr = real_stdout, sys.__stderr__
json.dump({"steps": steps, "stdout": out.getvalue(), "stderr": err.getvalue(),
           "version": sys.version_info[0] * 100 + sys.version_info[1]}, real_stdout)
