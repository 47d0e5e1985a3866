"""Deterministic data sets for scripts/bench: Accord's JSON import format with history.

Usage: generate.py COUNT OUT.json [TASKS.json]
Mixed statuses, due precisions (day, month, quarter, year, relative, none), parties, tags,
Unicode titles, quotes with commas, quotes and line breaks, and about three updates each.
With TASKS.json, also writes the same commitments as Taskwarrior tasks for `task import`.
"""
import datetime
import json
import random
import sys

OPEN = ["unassessed", "not-started", "in-progress", "stalled"]
FINAL = ["fulfilled", "partial", "broken", "withdrawn", "unverifiable"]
PARTIES = ["US", "MX", "CA", "GT", "HN", "SV", "BR", "CO"]
TAGS = ["border-operations", "trafficking", "root-causes", "daca", "migration-policy", "security", "trade"]
OWNERS = ["Antony Blinken", "Alejandro Mayorkas", "Alicia Bárcena", "Rosa Icela Rodríguez", "Andrés Manuel López Obrador"]
WORDS = ["reopen", "crossings", "assess", "progress", "cooperation", "trafficking", "regularise", "support",
         "región", "migración", "coopération", "国境", "合作", "✓", "ñandú", "Zürich"]


def day(date):
    return date.isoformat()


def main():
    count = int(sys.argv[1])
    rng = random.Random(20231227 + count)
    base = datetime.date(2020, 1, 1)
    tasks = [] if len(sys.argv) > 3 else None
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        out.write("[\n")
        for i in range(count):
            made = base + datetime.timedelta(days=rng.randrange(0, 5 * 365))
            kind = rng.randrange(6)
            if kind == 0:
                due = day(made + datetime.timedelta(days=rng.randrange(1, 900)))
            elif kind == 1:
                month = made + datetime.timedelta(days=rng.randrange(31, 900))
                due = f"{month.year:04d}-{month.month:02d}"
            elif kind == 2:
                later = made + datetime.timedelta(days=rng.randrange(92, 900))
                due = f"{later.year:04d}-Q{(later.month - 1) // 3 + 1}"
            elif kind == 3:
                due = str(made.year + rng.randrange(1, 3))
            elif kind == 4:
                due = f"+{rng.randrange(1, 400)}d"
            else:
                due = None
            title = " ".join(rng.choice(WORDS) for _ in range(rng.randrange(3, 9))).capitalize() + f" #{i}"
            quote = f"They agreed, \"in principle\", to {rng.choice(WORDS)} — item {i}.\nSecond line, with a comma."
            parties = rng.sample(PARTIES, rng.randrange(1, 3))
            owners = rng.sample(OWNERS, rng.randrange(0, 3))
            tags = rng.sample(TAGS, rng.randrange(0, 3))
            history = [{"on": day(made), "from_status": None, "to_status": "unassessed", "note": "recorded", "source": ""}]
            status = "unassessed"
            on = made
            for step in range(rng.randrange(1, 5)):
                on = min(on + datetime.timedelta(days=rng.randrange(1, 200)), datetime.date(2025, 11, 1))
                last = step == 3 or rng.random() < 0.3
                pool = FINAL if last and rng.random() < 0.6 else [s for s in OPEN if s != status]
                new = rng.choice([s for s in pool if s != status])
                history.append({"on": day(on), "from_status": status, "to_status": new,
                                "note": f"Update {step + 1}: progress, \"noted\"", "source": f"https://example.org/{i}/{step}"})
                status = new
                if status in FINAL:
                    break
            record = {"id": i + 1, "uid": f"bench-{i}", "title": title, "quote": quote, "parties": parties,
                      "owners": owners, "tags": tags, "made_on": day(made),
                      "occasion": "Bilateral meeting, Ciudad de México", "source": f"https://example.org/{i}",
                      "due": due, "status": status, "history": history}
            out.write(("" if i == 0 else ",\n") + json.dumps(record, ensure_ascii=False))
            if tasks is not None:
                task = {"uuid": f"00000000-0000-4000-8000-{i:012d}", "description": title,
                        "entry": made.strftime("%Y%m%dT000000Z"), "status": "completed" if status in FINAL else "pending",
                        "tags": [t.replace("-", "_") for t in tags], "project": parties[0]}
                if status in FINAL:
                    task["end"] = on.strftime("%Y%m%dT000000Z")
                if due:
                    task["due"] = (made + datetime.timedelta(days=200)).strftime("%Y%m%dT000000Z") if due.startswith("+") \
                        else datetime.date(int(due[:4]), 12, 31).strftime("%Y%m%dT000000Z")
                tasks.append(task)
        out.write("\n]\n")
    if tasks is not None:
        with open(sys.argv[3], "w", encoding="utf-8") as out:
            json.dump(tasks, out, ensure_ascii=False)


main()
