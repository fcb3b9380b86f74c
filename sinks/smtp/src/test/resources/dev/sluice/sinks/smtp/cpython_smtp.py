# Loads the test's dictConfig file (the one Sluice loads) with CPython's logging.config.dictConfig,
# then logs each message of a JSON list at ERROR on logger "app":
# python3 cpython_smtp.py CONFIG.json MESSAGES.json
import json
import logging
import logging.config
import sys

with open(sys.argv[1], encoding="utf-8") as f:
    logging.config.dictConfig(json.load(f))
with open(sys.argv[2], encoding="utf-8") as f:
    messages = json.load(f)
log = logging.getLogger("app")
for m in messages:
    log.error(m)
logging.shutdown()
