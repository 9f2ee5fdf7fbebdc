#!/usr/bin/env python3
"""Checks a SARIF file against the properties the SARIF 2.1.0 schema
requires (and the shapes it constrains), plus syncsan's own promises: one
run, one rule per check ID with help text, results pointing at their rule.
Prints one line per result for FileCheck: "<level> <ruleId> <file>:<line>:<col>".
Exits non-zero with a message on the first violation."""
import json
import sys

try:
    import jsonschema
except ImportError:  # the hand-written checks below still run
    jsonschema = None

TEXT = {"type": "object", "required": ["text"], "properties": {"text": {"type": "string"}}}
REGION = {"type": "object",
          "properties": {"startLine": {"type": "integer", "minimum": 1},
                         "startColumn": {"type": "integer", "minimum": 1}}}
PHYSICAL = {"type": "object",
            "anyOf": [{"required": ["artifactLocation"]}, {"required": ["address"]}],
            "properties": {"artifactLocation": {"type": "object",
                                                "properties": {"uri": {"type": "string"}}},
                           "region": REGION}}
LOCATION = {"type": "object",
            "properties": {"id": {"type": "integer", "minimum": -1},
                           "physicalLocation": PHYSICAL, "message": TEXT}}
RULE = {"type": "object", "required": ["id"],
        "properties": {"id": {"type": "string"}, "shortDescription": TEXT,
                       "fullDescription": TEXT, "help": TEXT,
                       "defaultConfiguration": {
                           "type": "object",
                           "properties": {"level": {"enum": ["none", "note", "warning",
                                                             "error"]}}}}}
RESULT = {"type": "object", "required": ["message"],
          "properties": {"ruleId": {"type": "string"},
                         "ruleIndex": {"type": "integer", "minimum": -1},
                         "level": {"enum": ["none", "note", "warning", "error"]},
                         "message": TEXT,
                         "locations": {"type": "array", "items": LOCATION},
                         "relatedLocations": {"type": "array", "items": LOCATION}}}
SCHEMA = {"type": "object", "required": ["version", "runs"],
          "properties": {"version": {"enum": ["2.1.0"]}, "$schema": {"type": "string"},
                         "runs": {"type": ["array", "null"], "items": {
                             "type": "object", "required": ["tool"],
                             "properties": {
                                 "tool": {"type": "object", "required": ["driver"],
                                          "properties": {"driver": {
                                              "type": "object", "required": ["name"],
                                              "properties": {
                                                  "name": {"type": "string"},
                                                  "rules": {"type": "array",
                                                            "items": RULE}}}}},
                                 "results": {"type": ["array", "null"], "items": RESULT}}}}}}

CHECK_IDS = ["atomic-false-sharing", "atomic-invalid-order", "atomic-misaligned",
             "atomic-mixed-access", "atomic-seq-cst-counter", "atomic-split-line",
             "condvar-uninitialized", "fence-without-atomic"]


def fail(msg):
    sys.stderr.write("sarif_check: %s\n" % msg)
    sys.exit(1)


def main(path):
    with open(path) as f:
        text = f.read()
    log = json.loads(text)
    if not text.lstrip().startswith('{\n  "version"') and not text.lstrip().startswith('{"version"'):
        fail("'version' is not the first property")
    if jsonschema:
        try:
            jsonschema.validate(log, SCHEMA)
        except jsonschema.ValidationError as e:
            fail("schema: %s" % e.message)
    if log.get("version") != "2.1.0" or not isinstance(log.get("runs"), list):
        fail("version/runs")
    if len(log["runs"]) != 1:
        fail("expected one run, got %d" % len(log["runs"]))
    run = log["runs"][0]
    driver = run.get("tool", {}).get("driver", {})
    if driver.get("name") != "syncsan":
        fail("tool.driver.name")
    rules = driver.get("rules", [])
    ids = [r.get("id") for r in rules]
    for cid in CHECK_IDS:
        if cid not in ids:
            fail("no rule for %s" % cid)
    for r in rules:
        if not r.get("help", {}).get("text") or not r.get("shortDescription", {}).get("text"):
            fail("rule %s lacks help text" % r.get("id"))
    for res in run.get("results", []):
        if "text" not in res.get("message", {}):
            fail("result without message text")
        idx = res.get("ruleIndex")
        if idx is None or not 0 <= idx < len(rules) or rules[idx]["id"] != res.get("ruleId"):
            fail("ruleIndex %r does not point at %r" % (idx, res.get("ruleId")))
        locs = res.get("locations", [])
        if len(locs) != 1:
            fail("expected one location per result")
        phys = locs[0].get("physicalLocation", {})
        uri = phys.get("artifactLocation", {}).get("uri", "")
        if not uri.startswith("file:///"):
            fail("uri %r is not an absolute file URI" % uri)
        reg = phys.get("region", {})
        print("%s %s %s:%s:%s" % (res.get("level"), res.get("ruleId"), uri.rsplit("/", 1)[-1],
                                  reg.get("startLine", 0), reg.get("startColumn", 0)))
        for rel in res.get("relatedLocations", []):
            r = rel.get("physicalLocation", {}).get("region", {})
            print("  related %s:%s %s" % (r.get("startLine", 0), r.get("startColumn", 0),
                                          rel.get("message", {}).get("text", "")))
    print("results: %d" % len(run.get("results", [])))


if __name__ == "__main__":
    main(sys.argv[1])
