#!/usr/bin/env python3
"""Generates the difflib golden corpus for SequenceMatcherGoldenTest.

Every value in the corpus is computed by CPython's own ``difflib.SequenceMatcher`` so that the
Java port can be checked for *exact* equality (the same double, the same blocks, the same opcodes).
All inputs are synthetic and generated from a fixed seed: no real job postings are used.

Usage (from the repository root):

    python3 optimizer-consensus/src/test/python/gen_golden.py           # (re)write the corpus
    python3 optimizer-consensus/src/test/python/gen_golden.py --check   # verify the committed file
    mvn -o -pl optimizer-consensus test -Dtest=SequenceMatcherGoldenTest

The output is gzip-compressed JSON lines with a fixed gzip timestamp, so regenerating with the same
CPython version gives a byte-identical file and ``--check`` can compare bytes. The first line holds
metadata; every further line is one pair with results for three configurations:
autojunk on, autojunk off, and autojunk on with ``isjunk`` = space or tab.

Floats are stored as ``repr(float)`` strings (the shortest round-trip form), so Java's
``Double.parseDouble`` yields exactly the double CPython computed.
"""

import argparse
import difflib
import gzip
import io
import json
import os
import platform
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.normpath(os.path.join(
    HERE, "..", "resources", "io", "taskoptimizer", "consensus", "difflib-golden.jsonl.gz"))

SEED = 20250417

# Junk predicates, named so the Java test can build the same predicate.
JUNK = {
    None: None,
    "space_tab": lambda ch: ch in " \t",
}
CONFIGS = [(True, None), (False, None), (True, "space_tab")]

# --- synthetic vocabulary (invented for this corpus) -------------------------------------------

EN_WORDS = """
the a an and or of to in for with on at by from as is are be will you we our your team role
develop design build maintain operate support analyse analyze review improve deliver automate
software platform service services system systems data pipeline pipelines cloud api apis backend
frontend integration integrations testing quality security compliance reporting process processes
stakeholder stakeholders customer customers product products requirement requirements experience
years degree computer science engineering finance accounting payments banking risk controls audit
java python kotlin sql linux docker kubernetes terraform aws azure gcp spring jackson maven gradle
strong excellent good solid working knowledge fluent english german communication skills ability
responsible responsibilities lead junior senior principal analyst engineer developer manager
specialist architect consultant contact email phone location remote hybrid office berlin munich
hamburg frankfurt cologne london dublin amsterdam vienna zurich full-time part-time permanent
""".split()

DE_WORDS = """
der die das und oder für mit von zu im in am auf bei aus ist sind wird werden sie wir ihr ihre
unser unsere team rolle entwicklung betrieb wartung weiterentwicklung anforderungen aufgaben
kenntnisse erfahrung erfahrungen fähigkeiten abgeschlossenes studium informatik wirtschaft
rechnungswesen zahlungsverkehr prüfung prüfungen größe größere übernahme übernehmen überblick
verantwortung verantwortlich schnittstellen lösungen geschäftsbereich kunden kundinnen
mitarbeiterinnen mitarbeiter gemäß regelmäßig selbstständig zuverlässig teamfähig
sehr gute deutsch englisch kenntnisse wort schrift straße bürogebäude zusammenarbeit fachbereich
änderungen änderungsanträge qualitätssicherung dokumentation berichtswesen steuerabteilung
grundsätze ausschüsse führung führungskraft künftige zuständigkeit außerdem schließlich
""".split()

TITLES_EN = ["Senior Java Developer", "Data Engineer (f/m/x)", "Payments Analyst",
             "Cloud Platform Engineer", "IT Security Specialist", "Business Analyst - Reporting",
             "Junior Software Engineer", "Tax Analyst (d/m/w)", "Site Reliability Engineer"]
TITLES_DE = ["Softwareentwickler (m/w/d)", "Steuerberater*in Konzernsteuern", "Prüfer Zahlungsverkehr",
             "Anwendungsbetreuer Bürokommunikation", "Referent Qualitätssicherung (w/m/d)",
             "Sachbearbeiter Rechnungswesen", "Teamleiter Schnittstellenentwicklung"]
CITIES = ["Berlin", "München", "Hamburg", "Frankfurt am Main", "Köln", "Düsseldorf", "London",
          "Zürich", "Wien", "Remote"]

EMOJI = ["😀", "🚀", "👍", "🎉", "🔥", "✅", "❌", "💡", "📈", "🇩🇪", "🇬🇧", "👩‍💻", "🧑🏽‍🔬",
         "𝔘", "𝔫", "𝔦", "𝕔", "𝕠", "𝕕", "𝕖", "中", "文", "字", "漢", "😀😀", "e\u0301", "\u00e9",
         "\U0001F600", "\U0001F4BC", "\U00010348", "\U0001D11E"]

GERMAN_CHARS = "äöüÄÖÜßẞ"


def en_sentence(rnd, n=None):
    n = n or rnd.randint(4, 16)
    words = [rnd.choice(EN_WORDS) for _ in range(n)]
    s = " ".join(words)
    return s[0].upper() + s[1:] + rnd.choice([".", ".", ".", ";", "!", ":"])


def de_sentence(rnd, n=None):
    n = n or rnd.randint(4, 16)
    words = [rnd.choice(DE_WORDS) for _ in range(n)]
    s = " ".join(words)
    return s[0].upper() + s[1:] + rnd.choice([".", ".", "!", ":"])


def posting_like(rnd, size, german=False):
    """Invented posting-like text of roughly ``size`` characters."""
    sent = de_sentence if german else en_sentence
    title = rnd.choice(TITLES_DE if german else TITLES_EN)
    head = ["Über den Bereich", "Ihre Aufgaben", "Ihr Profil", "Was wir bieten"] if german else \
        ["About the team", "Your responsibilities", "Your profile", "What we offer"]
    parts = [title, rnd.choice(CITIES)]
    while sum(len(p) + 1 for p in parts) < size:
        if rnd.random() < 0.12:
            parts.append(rnd.choice(head))
        elif rnd.random() < 0.4:
            parts.append("- " + sent(rnd, rnd.randint(3, 9)))
        else:
            parts.append(sent(rnd))
    return "\n".join(parts)[:size]


def extraction_like(rnd, german_source=False):
    """An invented model extraction in the labelled format the consensus extractor asks for."""
    title = rnd.choice(TITLES_DE if german_source else TITLES_EN)
    lines = ["TITLE: " + title, "LOCATION: " + rnd.choice(CITIES), "RESPONSIBILITIES:"]
    for _ in range(rnd.randint(2, 6)):
        lines.append("- " + en_sentence(rnd, rnd.randint(3, 10)))
    lines.append("REQUIREMENTS:")
    for _ in range(rnd.randint(2, 6)):
        lines.append("- " + en_sentence(rnd, rnd.randint(3, 10)))
    lines.append("CONTACT: " + rnd.choice(["Not specified", "jobs@example.com", "+49 30 1234567",
                                            "Recruiting team, careers@example.org"]))
    return "\n".join(lines)


def mutate_chars(rnd, s, edits, alphabet=None):
    """Applies random single-character edits (insert, delete, replace)."""
    chars = list(s)
    alphabet = alphabet or (chars or ["x"])
    for _ in range(edits):
        op = rnd.random()
        pos = rnd.randint(0, len(chars))
        if op < 0.34 or not chars:
            chars.insert(pos, rnd.choice(alphabet))
        elif op < 0.67:
            del chars[min(pos, len(chars) - 1)]
        else:
            chars[min(pos, len(chars) - 1)] = rnd.choice(alphabet)
    return "".join(chars)


def mutate_lines(rnd, s, edits, sent):
    """Line-level edits: drop, duplicate, swap or rewrite lines (like two models disagreeing)."""
    lines = s.split("\n")
    for _ in range(edits):
        op = rnd.random()
        i = rnd.randrange(len(lines)) if lines else 0
        if not lines:
            lines.append(sent(rnd))
        elif op < 0.25:
            del lines[i]
        elif op < 0.5:
            lines.insert(i, lines[i])
        elif op < 0.75:
            j = rnd.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = sent(rnd)
    return "\n".join(lines)


def rand_str(rnd, alphabet, lo, hi):
    return "".join(rnd.choice(alphabet) for _ in range(rnd.randint(lo, hi)))


# --- corpus ---------------------------------------------------------------------------------------

def pairs(rnd):
    """Yields (category, a, b) in a fixed order."""
    # Hand-picked classics: tie-breaking, junk, the difflib docstring examples.
    classics = [
        ("", ""), ("", "a"), ("a", ""), ("a", "a"), ("ab", "acab"), ("abcd", "bcd"),
        ("abxcd", "abcd"), ("qabxcd", "abycdf"), ("private Thread currentThread;",
                                                  "private volatile Thread currentThread;"),
        (" abcd", "abcd abcd"), ("abcd", "abcd abcd"), ("a" * 199, "a" * 199), ("a" * 200, "a" * 200),
        ("a" * 201, "a" * 200 + "b"), ("ab" * 150, "ba" * 150), ("x" * 300 + "y", "y" + "x" * 300),
        ("The quick brown fox", "the quick brown fox"), ("Größe", "Grösse"), ("Straße", "STRASSE"),
        ("😀", "😀"), ("😀a", "a😀"), ("👩‍💻", "👨‍💻"), ("🇩🇪", "🇬🇧"), ("e\u0301", "\u00e9"),
    ]
    for a, b in classics:
        yield "classic", a, b

    ws = ["", " ", "  ", "\t", "\n", " \n", "\t\t ", "\r\n", "\u00a0", "\u2003", " a ", "a"]
    for a in ws:
        for b in ws:
            yield "whitespace", a, b

    for _ in range(900):
        alphabet = rnd.choice(["ab", "abc", "abcd", " a", "ab ", "abcdefgh", "äöü", "a😀", "01"])
        yield "tiny", rand_str(rnd, alphabet, 0, 14), rand_str(rnd, alphabet, 0, 14)

    for _ in range(250):
        a = " ".join(rnd.choice(EN_WORDS) for _ in range(rnd.randint(1, 12)))
        b = mutate_chars(rnd, a, rnd.randint(0, 6), list("abcdefghijklmnopqrstuvwxyz "))
        if rnd.random() < 0.3:
            b = " ".join(rnd.choice(EN_WORDS) for _ in range(rnd.randint(1, 12)))
        yield "short_text", a, b

    for _ in range(300):
        a = de_sentence(rnd) if rnd.random() < 0.7 else de_sentence(rnd) + " " + de_sentence(rnd)
        r = rnd.random()
        if r < 0.3:
            b = mutate_chars(rnd, a, rnd.randint(1, 8), list(GERMAN_CHARS + "aous "))
        elif r < 0.5:
            b = a.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")
        elif r < 0.65:
            b = a.upper() if rnd.random() < 0.5 else a.lower()
        else:
            b = de_sentence(rnd)
        yield "umlaut", a, b

    for _ in range(300):
        a = "".join(rnd.choice(EMOJI + list("abc ")) for _ in range(rnd.randint(0, 40)))
        b = mutate_chars(rnd, a, rnd.randint(0, 8), EMOJI + list("abc "))
        if rnd.random() < 0.2:
            b = "".join(rnd.choice(EMOJI) for _ in range(rnd.randint(0, 30)))
        yield "astral", a, b

    # Sequences of 200 or more with repeated elements: exercise the autojunk "popular" rule,
    # including lengths around the 200 threshold and counts around n // 100 + 1.
    for _ in range(320):
        r = rnd.random()
        if r < 0.3:
            alphabet = rnd.choice(["ab", "abc", "aab", "a b", "abcdefghij", "ä ö", "x😀"])
            a = rand_str(rnd, alphabet, 190, 700)
            b = rand_str(rnd, alphabet, 190, 700)
        elif r < 0.55:
            n = rnd.randint(196, 210)
            base = [rnd.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(n)]
            # make one or two letters hover around the popularity threshold (n // 100 + 1 = 2 or 3)
            for letter in rnd.sample("xyz", 2):
                for _ in range(rnd.randint(1, 5)):
                    base[rnd.randrange(n)] = letter
            a = "".join(base)
            b = mutate_chars(rnd, a, rnd.randint(0, 20), list("abcxyz"))
        elif r < 0.8:
            a = posting_like(rnd, rnd.randint(200, 900), german=rnd.random() < 0.5)
            b = mutate_chars(rnd, a, rnd.randint(0, 30), list("etaoin ä\n"))
        else:
            c = rnd.choice("a .\n")
            a = c * rnd.randint(150, 400) + rand_str(rnd, "abc", 0, 20)
            b = rand_str(rnd, "abc", 0, 20) + c * rnd.randint(150, 400)
        yield "autojunk", a, b

    for _ in range(300):
        a = posting_like(rnd, rnd.randint(150, 1200), german=rnd.random() < 0.4)
        if rnd.random() < 0.5:
            b = mutate_chars(rnd, a, rnd.randint(1, 15), list("abcdefghijklmnopqrstuvwxyzäöüß .,\n"))
        else:
            b = mutate_lines(rnd, a, rnd.randint(1, 4), en_sentence)
        yield "near_dup", a, b

    for _ in range(300):
        german = rnd.random() < 0.4
        a = extraction_like(rnd, german)
        r = rnd.random()
        if r < 0.45:
            b = mutate_lines(rnd, a, rnd.randint(1, 3), lambda x: "- " + en_sentence(x, 6))
        elif r < 0.7:
            b = mutate_chars(rnd, a, rnd.randint(1, 20), list("abcdefghijklmnopqrstuvwxyz .-\n"))
        else:
            b = extraction_like(rnd, german)
        yield "extraction", a, b

    for _ in range(60):
        german = rnd.random() < 0.5
        a = posting_like(rnd, 2048, german)
        r = rnd.random()
        if r < 0.4:
            b = mutate_chars(rnd, a, rnd.randint(5, 60), list("abcdefghijklmnopqrstuvwxyz \n"))
        elif r < 0.7:
            b = mutate_lines(rnd, a, rnd.randint(2, 10), de_sentence if german else en_sentence)
        else:
            b = posting_like(rnd, 2048, german)
        yield "long_2k", a, b

    for _ in range(16):
        german = rnd.random() < 0.5
        a = posting_like(rnd, 8192, german)
        r = rnd.random()
        if r < 0.5:
            b = mutate_lines(rnd, a, rnd.randint(5, 30), de_sentence if german else en_sentence)
        else:
            b = posting_like(rnd, 8192, german)
        yield "long_8k", a, b

    # Unpaired surrogates are single elements in both languages; never put two side by side
    # (Java cannot tell an adjacent high+low pair from an astral code point).
    for _ in range(12):
        lone = rnd.choice(["\ud800", "\udbff", "\udc00", "\udfff"])
        a = rand_str(rnd, "ab ", 0, 10) + lone + rand_str(rnd, "ab ", 1, 10)
        b = mutate_chars(rnd, a, rnd.randint(0, 3), list("ab "))
        yield "lone_surrogate", a, b


def results(a, b):
    out = []
    for autojunk, junk in CONFIGS:
        sm = difflib.SequenceMatcher(JUNK[junk], a, b, autojunk)
        out.append({
            "autojunk": autojunk,
            "junk": junk,
            "ratio": repr(sm.ratio()),
            "quick_ratio": repr(sm.quick_ratio()),
            "real_quick_ratio": repr(sm.real_quick_ratio()),
            "longest": list(sm.find_longest_match(0, len(a), 0, len(b))),
            "blocks": [list(m) for m in sm.get_matching_blocks()],
            "opcodes": [list(o) for o in sm.get_opcodes()],
        })
    return out


def build():
    rnd = random.Random(SEED)
    buf = io.StringIO()
    rows = list(pairs(rnd))
    meta = {"generator": "gen_golden.py", "python": platform.python_version(), "seed": SEED,
            "pairs": len(rows), "configs": [{"autojunk": aj, "junk": j} for aj, j in CONFIGS]}
    buf.write(json.dumps(meta) + "\n")
    for n, (cat, a, b) in enumerate(rows):
        # ensure_ascii keeps the file 7-bit: astral characters become \\ud83d\\ude00 pairs, which
        # JSON readers decode back to the same code point.
        line = {"id": n, "cat": cat, "a": a, "b": b, "results": results(a, b)}
        buf.write(json.dumps(line, ensure_ascii=True, separators=(",", ":")) + "\n")
    raw = buf.getvalue().encode("ascii")
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return out.getvalue(), len(rows)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="verify that the committed corpus equals a fresh generation")
    parser.add_argument("--output", default=OUT, help="where to write the corpus")
    args = parser.parse_args()
    if sys.version_info[:2] != (3, 11):
        sys.exit("The corpus is defined by CPython 3.11's difflib; run this with python3.11 "
                 "(found " + platform.python_version() + ")")
    data, count = build()
    if args.check:
        with open(args.output, "rb") as f:
            existing = f.read()
        if existing != data:
            sys.exit("MISMATCH: " + args.output + " differs from a fresh generation; "
                     "rerun without --check and commit the result")
        print("OK: %s matches a fresh generation (%d pairs)" % (args.output, count))
        return
    tmp = args.output + ".tmp"
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, args.output)
    print("wrote %s: %d pairs, %d bytes" % (args.output, count, len(data)))


if __name__ == "__main__":
    main()
