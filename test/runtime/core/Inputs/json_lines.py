"""Reads a log on stdin and checks that it is JSON Lines: every line valid
UTF-8 and one JSON object. Prints, per line, what kind of record it is (the
check of a report, or the key naming the record), for FileCheck."""
import json
import sys

for n, raw in enumerate(sys.stdin.buffer, 1):
    try:
        rec = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        print(f"line {n} is not JSON in UTF-8: {e}: {raw!r}")
        sys.exit(1)
    if not isinstance(rec, dict) or rec.get("tool") != "syncsan":
        print(f"line {n} is not a syncsan record: {raw!r}")
        sys.exit(1)
    if "check" in rec:
        names = [t.get("name", "") for t in rec.get("threads", [])]
        print(f"report {rec['check']} threads {json.dumps(names)}")
    else:
        kind = next(k for k in rec if k not in ("tool", "pid"))
        print(f"{kind} {json.dumps(rec[kind])}")
print("all JSON")
