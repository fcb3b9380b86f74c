# Sends each message of a JSON list through CPython's logging.handlers.SMTPHandler, as the test's
# handler is configured: python3 cpython_smtp.py PORT MESSAGES.json
import json
import logging
import logging.handlers
import sys

port = int(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as f:
    messages = json.load(f)
handler = logging.handlers.SMTPHandler(("127.0.0.1", port), "app@example.com",
                                       ["oncall@example.com", "dev@example.com"], "Application error \u00e9")
handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
log = logging.getLogger("app")
log.propagate = False
log.setLevel(logging.DEBUG)
log.addHandler(handler)
for m in messages:
    log.error(m)
