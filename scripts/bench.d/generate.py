"""Deterministic data sets for scripts/bench: Accord's JSON import format with history.

Usage: generate.py COUNT OUT.json [TASKS.json]
Mixed statuses, due precisions (day, month, quarter, year, relative, none), parties, tags,
Unicode titles, quotes with commas, quotes and line breaks, and about three updates each.
With TASKS.json, also writes the same commitments as Taskwarrior tasks for `task import`:
every field (those without a Taskwarrior attribute as UDAs, see TASKWARRIOR_UDAS), the deadline's
last day as `due`, and each history entry as an annotation.
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


# The user-defined attributes that hold what Taskwarrior has no attribute for.
TASKWARRIOR_UDAS = ["accord_uid", "accord_status", "quote", "parties", "owners", "occasion", "source"]


def day(date):
    return date.isoformat()


def stamp(date, second=0):
    return date.strftime("%Y%m%dT0000") + f"{second:02d}Z"


def last_day(due, made):
    """The last day of a deadline, as Accord resolves it."""
    if due.startswith("+"):
        return made + datetime.timedelta(days=int(due[1:-1]))
    if len(due) == 10:
        return datetime.date.fromisoformat(due)
    year = int(due[:4])
    if len(due) == 4:
        return datetime.date(year, 12, 31)
    month = int(due[6]) * 3 if "Q" in due else int(due[5:7])
    following = datetime.date(year + month // 12, month % 12 + 1, 1)
    return following - datetime.timedelta(days=1)


def task(i, record, made, finished):
    """The same commitment as a Taskwarrior task."""
    final = record["status"] in FINAL
    result = {"uuid": f"00000000-0000-4000-8000-{i:012d}", "description": record["title"],
              "entry": stamp(made), "status": "completed" if final else "pending",
              "project": record["parties"][0], "tags": [t.replace("-", "_") for t in record["tags"]],
              "accord_uid": record["uid"], "accord_status": record["status"], "quote": record["quote"],
              "parties": "; ".join(record["parties"]), "owners": "; ".join(record["owners"]),
              "occasion": record["occasion"], "source": record["source"],
              # Distinct seconds: Taskwarrior keys annotations by their time.
              "annotations": [{"entry": stamp(datetime.date.fromisoformat(h["on"]), n),
                               "description": f"{h['from_status'] or '-'} -> {h['to_status']}: {h['note']} {h['source']}".strip()}
                              for n, h in enumerate(record["history"])]}
    if final:
        result["end"] = stamp(finished)
    if record["due"]:
        result["due"] = stamp(last_day(record["due"], made))
    return result


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
                tasks.append(task(i, record, made, on))
        out.write("\n]\n")
    if tasks is not None:
        with open(sys.argv[3], "w", encoding="utf-8") as out:
            json.dump(tasks, out, ensure_ascii=False)


if __name__ == "__main__":
    main()
