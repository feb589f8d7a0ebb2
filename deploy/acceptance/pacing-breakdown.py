#!/usr/bin/env python3
"""Where the time goes between a one-off request and the carrier, on a running local stack.

Fires 40 one-off texts together over REST (as the pacing acceptance check does), then reads
each text's history from status-service, the carrier simulator's log and the records'
produce timestamps on sms.message-requested (kcat), and prints medians and maxima of each
step: REST answer, client -> REQUESTED, REQUESTED -> QUEUED (split into the outbox relay and
Kafka + dispatch's consumer), QUEUED -> carrier, and the total.

Usage: python3 deploy/acceptance/pacing-breakdown.py   (needs kcat: apt-get install kcat)
"""
import sys, time, statistics, concurrent.futures, subprocess, os

import importlib.util
spec = importlib.util.spec_from_file_location("acc", os.path.join(os.path.dirname(os.path.abspath(__file__)), "local-stack-acceptance.py"))
acc = importlib.util.module_from_spec(spec); spec.loader.exec_module(acc)
from datetime import datetime
def ms(iso): return datetime.fromisoformat(iso.replace('Z','+00:00')).timestamp()*1000
run=f"{time.time():.0f}"
nums=acc.unique_numbers(40, "+1415557")
def send(n):
    t0=time.time()*1000
    st, ans = acc.api("POST", f"{acc.CAMPAIGN}/api/v1/messages", {"recipient": n, "body": f"D {run} {n}"})
    t1=time.time()*1000
    return n, t0, t1, ans["messageId"]
with concurrent.futures.ThreadPoolExecutor(max_workers=44) as pool:
    res=list(pool.map(send, nums))
time.sleep(4)  # let the texts reach the carrier and their statuses the store
log={e["to"]: e["receivedAt"] for e in acc.accepted(acc.carrier_log(set(nums)))}
rows=[]
for n,t0,t1,mid in res:
    st, m = acc.api("GET", f"http://localhost:8083/api/v1/messages/{mid}")
    h={e["status"]: ms(e["occurredAt"]) for e in m.get("history",[])}
    rows.append((t1-t0, h.get("REQUESTED",0)-t0, h.get("QUEUED",0)-h.get("REQUESTED",0), log.get(n,0)-h.get("QUEUED",0), log.get(n,0)-t0))
for i,name in enumerate(["rest answer","client->REQUESTED","REQUESTED->QUEUED","QUEUED->carrier","total"]):
    v=[r[i] for r in rows]
    print(f"{name:20s} median {statistics.median(v):7.0f}  max {max(v):7.0f}")
out=subprocess.run(["kcat","-C","-b","localhost:9092","-t","sms.message-requested","-o","-60","-e","-q","-f","%T %k\n"],capture_output=True,text=True).stdout
ts={}
for line in out.splitlines():
    p=line.split()
    if len(p)==2: ts[p[1]]=int(p[0])
a=[];b=[]
for n,t0,t1,mid in res:
    st, m = acc.api("GET", f"http://localhost:8083/api/v1/messages/{mid}")
    h={e["status"]: ms(e["occurredAt"]) for e in m.get("history",[])}
    if n in ts:
        a.append(ts[n]-h["REQUESTED"]); b.append(h["QUEUED"]-ts[n])
print(f"REQUESTED->produced  median {statistics.median(a):7.0f} max {max(a):7.0f}")
print(f"produced->QUEUED     median {statistics.median(b):7.0f} max {max(b):7.0f}")
