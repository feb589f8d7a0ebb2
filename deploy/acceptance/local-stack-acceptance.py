#!/usr/bin/env python3
"""Acceptance checks against a running local stack (./local-stack.sh start).

  pacing    four texts fired together to one number reach the carrier in order, >= 1 s
            apart, once each, while 40 texts to other numbers fired at the same time
            reach it with a median wait under 0.5 s; then a backlog of 20 texts to one
            number is served with a median gap under 1.05 s
  accounts  tenants at run time, with no restart: an account created through the admin API
            texts within 5 s (request accepted and at the carrier); its revoked key is
            refused by campaign-service and status-service within 5 s; it cannot send
            from another account's number; a lead texted by two accounts who replies STOP
            to one is opted out of that one only; "Yes, see you at 3" changes nothing; a
            replayed signed reply changes nothing; a STOP to a number nobody owns yet is
            applied once an account owns it
  campaign  a 300-recipient inline campaign, quiet hours off, reaches DONE and its
            per-bucket counts add up to 300 (start status-service with a short
            SMS_STATUS_DELIVERY_WINDOW, e.g. PT20S, so silent numbers age out)

Ports follow local-stack.sh's variables (CAMPAIGN_PORT, STATUS_PORT, CARRIER_PORT); the
API key and carrier credentials are read from .local-stack/. Exit status 1 when a check
fails. Standard library only.
"""
import base64
import concurrent.futures
import hashlib
import hmac
import json
import os
import random
import statistics
import sys
import time
import urllib.error
import urllib.parse
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


def admin(method, path, body=None):
    return call(method, f"{CAMPAIGN}/admin/v1/accounts{path}", body,
                {"Authorization": f"Bearer {read_state('admin-key')}"})


def as_key(key, method, url, body=None):
    return call(method, url, body, {"Authorization": f"Bearer {key}"})


def new_account(run, name, number):
    status, answer = admin("POST", "", {"id": f"{name}-{run}", "name": name,
                                        "senders": [{"number": number, "kind": "LONG_CODE"}]})
    if status != 201:
        raise SystemExit(f"creating account {name} answered {status}: {answer}")
    status, key = admin("POST", f"/{name}-{run}/keys", {"name": "acceptance"})
    if status != 201:
        raise SystemExit(f"issuing a key answered {status}: {key}")
    return f"{name}-{run}", key["keyId"], key["apiKey"]


def reply(sender, to, body):
    """A lead's text through the simulator, which signs the inbound webhook as the carrier."""
    status, answer = call("POST", f"{CARRIER}/sim/inbound", {"From": sender, "To": to, "Body": body})
    if status != 200:
        raise SystemExit(f"POST /sim/inbound answered {status}: {answer}")
    return answer


def replay(webhook_url, params):
    """Posts a signed inbound webhook again, exactly as the carrier would on a retry."""
    _, token = credentials()
    payload = webhook_url + "".join(k + params[k] for k in sorted(params))
    signature = base64.b64encode(hmac.new(token.encode(), payload.encode(), hashlib.sha1).digest()).decode()
    request = urllib.request.Request(webhook_url, data=urllib.parse.urlencode(params).encode(), method="POST",
                                     headers={"X-Twilio-Signature": signature,
                                              "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.status


def text_status(key, recipient, body, sender=None):
    request = {"recipient": recipient, "body": body}
    if sender:
        request["sender"] = sender
    return as_key(key, "POST", f"{CAMPAIGN}/api/v1/messages", request)


def opted_out(key, recipient):
    """Whether the account's next text to the lead is refused as opted out (a text that goes
    out is a real text: the check sends one)."""
    status, answer = text_status(key, recipient, f"Reminder {time.time_ns()}")
    return status == 202 and answer.get("reasonCode") == "OPTED_OUT"


def accounts():
    run = f"{time.time():.0f}"
    a_number, b_number, orphan_number = unique_numbers(3, "+1646555")
    lead, other_lead = unique_numbers(2, "+1212555")
    ok = True

    created = time.time()
    a_id, a_key_id, a_key = new_account(run, "accept-a", a_number)
    status, answer = wait_for(lambda: (lambda r: r if r[0] == 202 else None)(
        text_status(a_key, lead, "Welcome to Spring Clinic")), 30, "the new account's first text")
    accepted_after = time.time() - created
    at_carrier = wait_for(lambda: accepted(carrier_log({lead})), 30, "the new account's text at the carrier")
    carrier_after = at_carrier[0]["receivedAt"] / 1000 - created if "receivedAt" in at_carrier[0] else None
    ok &= check(accepted_after <= 5, f"new account's text accepted {accepted_after:.2f} s after creation")
    if carrier_after is not None:
        ok &= check(carrier_after <= 5, f"new account's text at the carrier {carrier_after:.2f} s after creation")

    b_id, _, b_key = new_account(run, "accept-b", b_number)
    wait_for(lambda: text_status(b_key, other_lead, "Hello from B")[0] == 202, 30, "account B's key")
    status, answer = text_status(b_key, other_lead, "Your bank account is locked", sender=a_number)
    ok &= check(status == 422 and "sender" in str(answer),
                f"account B sending from A's number answered {status} naming sender")

    # The lead, texted by both accounts from their own numbers, answers STOP to A only.
    text_status(b_key, lead, "Your order shipped")
    stop = reply(lead, a_number, "STOP")
    wait_for(lambda: opted_out(a_key, lead), 30, "the STOP to A applied")
    ok &= check(not opted_out(b_key, lead), "STOP to A's number left the lead opted in with B")

    reply(lead, b_number, "Yes, see you at 3")
    reply(lead, b_number, "Cancel my 3pm")
    time.sleep(3)
    ok &= check(not opted_out(b_key, lead), "'Yes, see you at 3' and 'Cancel my 3pm' changed nothing for B")

    reply(lead, a_number, "START")
    wait_for(lambda: not opted_out(a_key, lead), 30, "the START to A applied")
    replay(stop["webhookUrl"], {"MessageSid": stop["messageSid"], "SmsMessageSid": stop["messageSid"],
                                "SmsSid": stop["messageSid"], "AccountSid": credentials()[0], "From": lead,
                                "To": a_number, "Body": "STOP", "NumMedia": "0", "NumSegments": "1",
                                "SmsStatus": "received", "ApiVersion": "2010-04-01"})
    time.sleep(3)
    ok &= check(not opted_out(a_key, lead), "the replayed signed STOP changed nothing after the lead's START")

    # A STOP to a number nobody owns yet, then an account that owns it.
    reply(other_lead, orphan_number, "STOP")
    c_id, _, c_key = new_account(run, "accept-c", orphan_number)
    kept = time.time()
    wait_for(lambda: opted_out(c_key, other_lead), 60, "the kept STOP applied to the number's new owner")
    ok &= check(True, f"kept STOP applied {time.time() - kept:.1f} s after its number got an owner")

    status, _ = admin("DELETE", f"/{a_id}/keys/{a_key_id}")
    revoked = time.time()
    wait_for(lambda: as_key(a_key, "GET", f"{CAMPAIGN}/api/v1/campaigns")[0] == 401, 10, "401 on campaign-service")
    campaign_after = time.time() - revoked
    wait_for(lambda: as_key(a_key, "GET", f"{STATUS}/api/v1/campaigns")[0] == 401, 10, "401 on status-service")
    status_after = time.time() - revoked
    ok &= check(status == 204 and campaign_after <= 5 and status_after <= 5,
                f"revoked key refused by campaign-service after {campaign_after:.2f} s, "
                f"status-service after {status_after:.2f} s")
    return ok


if __name__ == "__main__":
    checks = sys.argv[1:] or ["pacing", "campaign"]
    results = [globals()[name]() for name in checks]
    sys.exit(0 if all(results) else 1)
