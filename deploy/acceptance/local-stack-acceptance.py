#!/usr/bin/env python3
"""Acceptance checks against a running local stack (./local-stack.sh start).

  pacing    four texts fired together to one number reach the carrier in order, >= 1 s
            apart, once each, while 40 texts to other numbers fired at the same time
            reach it with a median wait under 0.5 s; then a backlog of 20 texts to one
            number is served with a median gap under 1.05 s
  campaign  a 300-recipient inline campaign, quiet hours off, reaches DONE and its
            per-bucket counts add up to 300 (start status-service with a short
            SMS_STATUS_DELIVERY_WINDOW, e.g. PT20S, so silent numbers age out)

Ports follow local-stack.sh's variables (CAMPAIGN_PORT, STATUS_PORT, CARRIER_PORT); the
API key and carrier credentials are read from .local-stack/. Exit status 1 when a check
fails. Standard library only.
"""
import base64
import concurrent.futures
import json
import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STATE = os.path.join(ROOT, ".local-stack")
CAMPAIGN = f"http://localhost:{os.environ.get('CAMPAIGN_PORT', '8081')}"
STATUS = f"http://localhost:{os.environ.get('STATUS_PORT', '8083')}"
CARRIER = f"http://localhost:{os.environ.get('CARRIER_PORT', '8090')}"


def read_state(name):
    with open(os.path.join(STATE, name)) as f:
        return f.read().strip()


def credentials():
    values = {}
    with open(os.path.join(STATE, "carrier.env")) as f:
        for line in f:
            if "=" in line:
                key, value = line.strip().split("=", 1)
                values[key] = value
    return values["CARRIER_ACCOUNT_SID"], values["CARRIER_AUTH_TOKEN"]


def call(method, url, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            text = response.read()
            return response.status, (json.loads(text) if text else None)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def api(method, url, body=None):
    return call(method, url, body, {"Authorization": f"Bearer {read_state('api-key')}"})


def carrier_log(numbers):
    sid, token = credentials()
    auth = base64.b64encode(f"{sid}:{token}".encode()).decode()
    status, entries = call("GET", f"{CARRIER}/sim/messages", headers={"Authorization": f"Basic {auth}"})
    if status != 200:
        status, entries = call("GET", f"{CARRIER}/sim/messages")
    if isinstance(entries, dict):
        entries = entries.get("messages", entries.get("items", []))
    return [e for e in entries if e["to"] in numbers]


def accepted(entries):
    return [e for e in entries if str(e.get("outcome")).upper() == "ACCEPTED"]


def unique_numbers(count, prefix="+1415555"):
    base = random.randrange(0, 10000 - count)
    return [f"{prefix}{base + i:04d}" for i in range(count)]


def send(recipient, body):
    sent_at = time.time() * 1000
    status, answer = api("POST", f"{CAMPAIGN}/api/v1/messages", {"recipient": recipient, "body": body})
    if status != 202:
        raise SystemExit(f"POST /api/v1/messages answered {status}: {answer}")
    return sent_at, answer["messageId"]


def wait_for(predicate, timeout, what):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.5)
    raise SystemExit(f"timed out waiting for {what}")


def check(ok, message):
    print(("PASS " if ok else "FAIL ") + message)
    return ok


def pacing():
    run = f"{time.time():.0f}"
    burst_number, *others = unique_numbers(41)
    with concurrent.futures.ThreadPoolExecutor(max_workers=44) as pool:
        other_sends = {n: pool.submit(send, n, f"Offer {run} for {n}") for n in others}
        # The four go in this order, a few milliseconds apart: the order the carrier must see.
        burst = [send(burst_number, f"Burst {run} part {i}") for i in range(1, 5)]
        other_sent_at = {n: f.result()[0] for n, f in other_sends.items()}
    numbers = set(others) | {burst_number}
    log = wait_for(lambda: (lambda e: e if len(accepted(e)) >= 44 else None)(carrier_log(numbers)), 60,
                   "44 accepted texts at the carrier")
    creates = sorted(accepted(log), key=lambda e: e["receivedAt"])
    to_burst = [e for e in creates if e["to"] == burst_number]
    gaps = [b["receivedAt"] - a["receivedAt"] for a, b in zip(to_burst, to_burst[1:])]
    waits = [e["receivedAt"] - other_sent_at[e["to"]] for e in creates if e["to"] != burst_number]
    ok = check([e["body"].rsplit(" ", 1)[-1] for e in to_burst] == ["1", "2", "3", "4"],
               f"burst reached the carrier in order, once each ({len(to_burst)} accepted)")
    ok &= check(min(gaps) >= 1000, f"burst gaps at the carrier {gaps} ms, all >= 1000")
    ok &= check(not [e for e in log if e["to"] == burst_number and e.get("httpStatus") == 429],
                "no 429 for the burst number")
    ok &= check(statistics.median(waits) < 500,
                f"40 others: median wait {statistics.median(waits):.0f} ms (< 500), max {max(waits):.0f} ms")

    backlog_number = unique_numbers(1, "+1415556")[0]
    for i in range(1, 21):
        send(backlog_number, f"Backlog {run} part {i}")
    log = wait_for(lambda: (lambda e: e if len(accepted(e)) >= 20 else None)(carrier_log({backlog_number})), 60,
                   "20 backlog texts at the carrier")
    creates = sorted(accepted(log), key=lambda e: e["receivedAt"])
    gaps = [b["receivedAt"] - a["receivedAt"] for a, b in zip(creates, creates[1:])]
    ok &= check([int(e["body"].rsplit(" ", 1)[-1]) for e in creates] == list(range(1, 21)), "backlog in order")
    ok &= check(min(gaps) >= 1000 and statistics.median(gaps) < 1050,
                f"backlog gaps: min {min(gaps)} ms, median {statistics.median(gaps):.0f} ms (< 1050)")
    return ok


def campaign():
    numbers = unique_numbers(290) + unique_numbers(10, "+1415201")  # 10 landlines: refused by the carrier
    recipients = [{"phone": n, "attributes": {"firstName": f"Lead{i}"}} for i, n in enumerate(numbers)]
    status, created = api("POST", f"{CAMPAIGN}/api/v1/campaigns",
                          {"name": f"Acceptance {time.time():.0f}", "body": "Hi {{firstName}}, our sale starts now",
                           "quietHours": {"enabled": False}, "recipients": recipients})
    if status != 201:
        raise SystemExit(f"POST /api/v1/campaigns answered {status}: {created}")
    campaign_id = created["id"]
    started = time.time()
    status, answer = api("POST", f"{CAMPAIGN}/api/v1/campaigns/{campaign_id}/activate")
    if status >= 300:
        raise SystemExit(f"activate answered {status}: {answer}")

    def done():
        _, state = api("GET", f"{CAMPAIGN}/api/v1/campaigns/{campaign_id}")
        return state if state["status"] in ("DONE", "FAILED", "CANCELED") else None

    final = wait_for(done, 300, f"campaign {campaign_id} to finish")
    elapsed = time.time() - started
    _, stats = api("GET", f"{STATUS}/api/v1/campaigns/{campaign_id}/stats")
    counts = {bucket: n for bucket, n in stats["counts"].items() if bucket != "total"}
    ok = check(final["status"] == "DONE", f"campaign {campaign_id} is {final['status']} after {elapsed:.0f} s")
    ok &= check(sum(counts.values()) == 300 == stats["counts"]["total"],
                f"bucket counts {counts} add up to {sum(counts.values())} (300), total {stats['counts']['total']}")
    return ok


if __name__ == "__main__":
    checks = sys.argv[1:] or ["pacing", "campaign"]
    results = [globals()[name]() for name in checks]
    sys.exit(0 if all(results) else 1)
