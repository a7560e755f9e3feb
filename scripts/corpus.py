#!/usr/bin/env python3
"""Generate the deterministic benchmark corpus: a programme guide of N pages.

The pages are in signpost's content format (docs/content.md): sections of
100 pages, 4-6 KB of prose each with headings, lists, a table on every tenth
page, an SVG image (with alt text) on every fifth page, and links between
pages written to `.md` files (`[Next](p12.md)`, `../s3/p4.md#key-points`).
With --hugo it also writes the same pages as a Hugo site, with the links
rewritten as plain relative URLs and minimal but equivalent layouts
(baseof with header, breadcrumbs and footer; single.html; list.html
listing the section's pages); taxonomies, RSS, sitemap and robots.txt are
disabled so that Hugo does comparable work.

The same page count and seed always give the same bytes (the corpus digest
printed at the end says so), so a corpus can be generated, inspected, built
and reused without running the benchmark. `scripts/bench` imports this
module and calls `generate`, which writes all the sites it times.

Search is off (`search: false`) unless --search is given, as Hugo's
builds, which the corpus is built to be compared with, make no index.

Usage:
    scripts/corpus.py --pages 1000 --out /tmp/corpus     # one audience
    scripts/corpus.py --pages 1000 --search --out /tmp/corpus-search
    scripts/corpus.py --pages 1000 --audiences 3 --out /tmp/corpus-3
    scripts/corpus.py --pages 1000 --out /tmp/sp --hugo /tmp/hugo --seed 2
    scripts/corpus.py --pages 200 --pdf --out /tmp/pdfs    # a PDF of every page
    signpost build --root /tmp/corpus                    # then build it

--out and --hugo must be new or empty folders: pages left from a larger
corpus would otherwise be built too.

Python 3.9+, standard library only.
"""

import argparse
import hashlib
import json
import os
import random
import re
import shutil
import statistics

PER_SECTION = 100
MIN_BYTES, MAX_BYTES = 4000, 6000  # each page file
# Part of the key of scripts/bench's reusable corpora (stamp.json): bump it
# whenever the bytes written for the same pages and seed change.
GENERATOR_VERSION = "5"

# --------------------------------------------------------------------------
# Programme-guide vocabulary
# --------------------------------------------------------------------------

SUBJECTS = [
    "the mentor", "the mentee", "each pair", "the programme lead",
    "your line manager", "the cohort", "a family carer",
    "the Workforce Equality Team", "a senior leader", "the person you support",
    "every participant", "the steering group", "the facilitator",
    "the service manager", "a new mentor", "the support worker",
    "the easy read group", "the council", "the trust", "each team",
]
VERBS = [
    "agrees", "records", "reviews", "shares", "plans", "checks", "discusses",
    "writes down", "talks through", "looks back at", "prepares", "signs",
    "explains", "listens to", "asks about", "keeps", "updates", "arranges",
    "follows up on", "reflects on",
]
OBJECTS = [
    "the ground rules", "a short reflection log", "the next session",
    "any worries about workload", "the mentoring agreement",
    "what went well and what could be better", "the dates for the cohort",
    "a plan for the next three months", "the feedback form",
    "the Tree of Life activity", "their own goals for the programme",
    "the questions from the last meeting", "a summary of the discussion",
    "how the pairing is going", "the support that is available",
    "the learning from the first cohort", "the data on who works here",
    "a quiet room for the meeting", "the contact details for help",
    "the actions they agreed", "the accessible version of the form",
    "a change to the meeting time", "the wellbeing check-in",
]
OPENERS = [
    "In the first month,", "Before the first meeting,", "Where it helps,",
    "If a session is cancelled,", "At the end of each meeting,",
    "During the training,", "Once the pairs are matched,",
    "When something is not working,", "After six months,",
    "Between sessions,", "At the check-in,", "For easy read readers,",
    "If you are not sure,", "As a rule,", "From the second session,",
]
TAILS = [
    "so that everyone knows what to expect",
    "before the end of the month",
    "with the support of the programme lead",
    "in a quiet room away from the team",
    "and keeps a copy for their own records",
    "in plain words that anyone can follow",
    "without sharing anything they would rather keep private",
    "at a time that suits both of them",
    "using the form in the resources section",
    "and agrees what happens next",
    "so that nobody is left out",
    "while it is still fresh",
    "in line with the council's safeguarding policy",
    "and tells the facilitator if anything changes",
]
SHORT = [
    "Keep it simple.", "That is normal.", "Take your time.",
    "Nobody is marked or graded.", "It's fine to pause.",
    "Ask for help early.", "Write it down.", "Be honest.",
    "Small steps count.", "There is no wrong answer.",
    "Don't rush this part.", "Listen first.",
]
QUESTIONS = [
    "What would make the next session more useful?",
    "Who else needs to know about this?",
    "How will you both know that the programme has worked?",
    "What does a good meeting look like for you?",
    "Is there anything you would rather not talk about?",
    "What did you learn that surprised you?",
]
ADJECTIVES = ["clear", "short", "honest", "practical", "regular", "safe",
              "simple", "useful", "friendly", "careful"]
TITLE_VERBS = ["Preparing for", "Planning", "Reviewing", "Recording",
               "Agreeing", "Ending", "Supporting", "Understanding",
               "Starting", "Choosing", "Explaining", "Checking"]
TITLE_OBJECTS = ["the first meeting", "ground rules", "feedback",
                 "a difficult conversation", "the mentoring agreement",
                 "your goals", "the cohort", "reflection logs",
                 "the Tree of Life", "confidentiality", "meeting times",
                 "easy read versions", "the check-in", "wellbeing",
                 "the celebration event", "data and evidence",
                 "reasonable adjustments", "a new pairing"]
HEADINGS = ["Why it matters", "Before you start", "What happens",
            "Who is involved", "How long it takes", "What to bring",
            "If something goes wrong", "Getting help", "Good practice",
            "Things to avoid", "Keeping records", "After the meeting",
            "Confidentiality", "Accessibility", "Questions to ask",
            "What we learned", "Timing", "Roles and responsibilities"]
SUBHEADINGS = ["For mentors", "For mentees", "For managers",
               "For carers", "An example", "A checklist"]
AREAS = ["Getting started", "Meetings", "Support and wellbeing",
         "Contracts and logs", "Activities", "Evaluation", "Easy read",
         "Training", "Resources", "Celebrating"]
ALT_TEXT = ["Two people talking at a table", "A calendar with a date ringed",
            "A checklist with ticks", "A tree with roots and branches",
            "A pen signing a form", "A speech bubble", "A bar chart",
            "A lifebuoy ring for help"]
TABLE_ROWS = [
    ("Agree the ground rules", "Mentor and mentee", "First session"),
    ("Fill in the reflection log", "Mentee", "After each meeting"),
    ("Check in on wellbeing", "Programme lead", "Every 6 weeks"),
    ("Review the pairing", "Facilitator", "Month 3"),
    ("Share what was learned", "Each pair", "Last session"),
    ("Book the celebration", "Workforce Equality Team", "Month 6"),
    ("Update the easy read guide", "Easy read group", "Each cohort"),
    ("Collect feedback", "Programme lead", "End of programme"),
]


def sentence(rng):
    """One sentence of 2 to 40 words, of a varied shape."""
    shape = rng.random()
    if shape < 0.12:
        return rng.choice(SHORT)
    if shape < 0.20:
        return rng.choice(QUESTIONS)
    words = [rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS)]
    if shape < 0.55:
        words.insert(0, rng.choice(OPENERS))
    if rng.random() < 0.6:
        words.append(rng.choice(TAILS))
    if shape > 0.85:
        words.append(", and " if rng.random() < 0.5 else " -- then ")
        words.append(" ".join([rng.choice(SUBJECTS), rng.choice(VERBS),
                               rng.choice(OBJECTS)]))
    text = " ".join(words).replace(" , ", ", ").replace("  ", " ")
    if rng.random() < 0.1:
        adjective = rng.choice(ADJECTIVES)
        text += f", keeping notes *{adjective}* and **to the point**"
    if rng.random() < 0.05:
        text += ', which some people call "the quiet hour"'
    text = text[0].upper() + text[1:] + "."
    return text


def paragraph(rng, extra=None):
    sentences = [sentence(rng) for _ in range(rng.randint(2, 6))]
    if extra:
        sentences.insert(rng.randint(1, len(sentences)), extra)
    return wrap(" ".join(sentences))


def wrap(text, width=76):
    """Wraps prose at spaces, as an editor would."""
    lines, line = [], ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    lines.append(line)
    return "\n".join(lines)


def title_of(rng):
    return f"{rng.choice(TITLE_VERBS)} {rng.choice(TITLE_OBJECTS)}"


# --------------------------------------------------------------------------
# The corpus
# --------------------------------------------------------------------------

class Corpus:
    """N pages in sections of 100: content/sK/pI.md, with their titles."""

    def __init__(self, pages, seed):
        self.pages = pages
        self.seed = seed
        self.sections = (pages + PER_SECTION - 1) // PER_SECTION
        self.titles = {}
        for s in range(1, self.sections + 1):
            for i in range(1, self.count(s) + 1):
                self.titles[(s, i)] = title_of(self.rng("title", s, i))

    def count(self, section):
        return min(PER_SECTION, self.pages - (section - 1) * PER_SECTION)

    def rng(self, *parts):
        return random.Random(":".join(str(p) for p in (self.seed,) + parts))

    def section_title(self, s):
        return f"Part {s}: {AREAS[(s - 1) % len(AREAS)]}"

    def page(self, s, i):
        """The Markdown of content/sS/pI.md (links to .md files), and the
        name of its image, if it has one."""
        rng = self.rng("page", s, i)
        target = rng.randint(MIN_BYTES + 100, MAX_BYTES - 500)
        count = self.count(s)

        def link(sec, num, anchor=""):
            if num is None:
                title = self.section_title(sec)
                file = "_index.md"
            else:
                title = self.titles[(sec, num)]
                file = f"p{num}.md"
            path = file if sec == s else f"../s{sec}/{file}"
            return f"[{title}]({path}{anchor})"

        other_s = s
        if self.sections > 1:
            other_s = (s - 1 + rng.randint(1, self.sections - 1)) % self.sections + 1
        cross = link(other_s, rng.randint(1, self.count(other_s)), "#key-points")
        near = link(s, rng.randint(1, count))
        links_in_prose = [
            f"For more on this, see {cross}.",
            f"There is a worked example in {near}.",
        ]
        summary = sentence(rng)
        front = (
            "---\n"
            f"title: {json.dumps(self.titles[(s, i)])}\n"
            f"summary: {json.dumps(summary)}\n"
            f"weight: {i}\n"
            "---\n\n"
        )
        blocks = [paragraph(rng)]
        image = None
        if i % 5 == 0:
            image = f"figure-p{i}.svg"
            alt = rng.choice(ALT_TEXT)
            blocks.append(f"![{alt}]({image}) {sentence(rng)}")
        blocks.append("## Key points")
        blocks.append("\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(3, 6))))
        if i % 10 == 0:
            rows = rng.sample(TABLE_ROWS, rng.randint(3, 6))
            table = ["| Task | Who | When |", "|---|---|---|"]
            table += [f"| {a} | {b} | {c} |" for a, b, c in rows]
            blocks.append("## At a glance")
            blocks.append("\n".join(table))
        headings = rng.sample(HEADINGS, len(HEADINGS))
        previous = link(s, i - 1) if i > 1 else link(s, None)
        following = link(s, i + 1) if i < count else link(s, None)
        related = ["## Related pages",
                   f"- Previous: {previous}\n- Next: {following}\n- Elsewhere: {cross}"]
        reserve = sum(len(b) + 2 for b in related)
        size = len(front) + sum(len(b) + 2 for b in blocks)
        while size + reserve + sum(len(x) + 3 for x in links_in_prose) < target:
            choice = rng.random()
            if choice < 0.55 or not headings:
                extra = links_in_prose.pop() if links_in_prose and rng.random() < 0.4 else None
                block = paragraph(rng, extra)
            elif choice < 0.75:
                block = f"## {headings.pop()}"
            elif choice < 0.82:
                block = f"### {rng.choice(SUBHEADINGS)}"
            elif choice < 0.90:
                block = "\n".join(f"{n}. {sentence(rng)}" for n in range(1, rng.randint(3, 6)))
            elif choice < 0.96:
                block = "\n".join(f"- {sentence(rng)}" for _ in range(rng.randint(2, 5)))
            else:
                block = "> " + wrap(sentence(rng) + " " + sentence(rng)).replace("\n", "\n> ")
            if size + reserve + len(block) > MAX_BYTES - 400:
                block = wrap(rng.choice(SHORT) + " " + rng.choice(QUESTIONS))
            blocks.append(block)
            size += len(block) + 2
        for extra in links_in_prose:
            blocks.append(wrap(extra))
        blocks += related
        return front + "\n\n".join(blocks) + "\n", image

    def section_index(self, s):
        rng = self.rng("section", s)
        first = f"[{self.titles[(s, 1)]}](p1.md)"
        return (
            "---\n"
            f"title: {json.dumps(self.section_title(s))}\n"
            f"summary: {json.dumps(sentence(rng))}\n"
            f"weight: {s}\n"
            "---\n\n"
            f"{paragraph(rng)}\n\n{paragraph(rng, 'Start with ' + first + '.')}\n"
        )

    def home(self):
        rng = self.rng("home")
        return (
            "---\n"
            'title: "Benchmark programme pack"\n'
            f"summary: {json.dumps(sentence(rng))}\n"
            "---\n\n"
            f"{paragraph(rng, 'Begin with [' + self.section_title(1) + '](s1/_index.md).')}\n"
        )


SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64">
<rect x="4" y="4" width="56" height="56" rx="8" fill="#e8f1f8" stroke="#1d4f91" stroke-width="3"/>
<circle cx="{cx}" cy="24" r="9" fill="#1d4f91"/>
<path d="M14 52 L30 34 L40 44 L50 36 L50 52 Z" fill="#2e8540"/>
</svg>
"""

# The one-audience site with search on (signpost's default): the build
# scripts/bench compares with Hugo followed by Pagefind's own program, and
# the site scripts/bench-serve serves.
SITE_SEARCH = """title: Benchmark programme pack
organisation: Example Borough Council
language: en-GB
audiences:
  professional: { label: For professionals }
contact:
  name: Workforce Equality Team
  email: mentoring@example.gov.uk
  phone: "0100 000 0000"
"""

# The sites whose builds are compared with Hugo's leave search out, as
# Hugo's builds make no search index.
NO_SEARCH = "search: false\n"

SITE_ONE = SITE_SEARCH + NO_SEARCH

SITE_THREE = """title: Benchmark programme pack
organisation: Example Borough Council
language: en-GB
contact:
  name: Workforce Equality Team
  email: mentoring@example.gov.uk
  phone: "0100 000 0000"
""" + NO_SEARCH

# The two-language site: the one-audience site with Welsh beside English,
# every page's Welsh file (pI.cy.md) beside its English one.
SITE_TWO_LANGUAGES = SITE_ONE + """languages:
  cy: { label: Cymraeg }
"""

HUGO_CONFIG = """baseURL = "/"
title = "Benchmark programme pack"
languageCode = "en-GB"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]

[params]
organisation = "Example Borough Council"
contact_name = "Workforce Equality Team"
contact_email = "mentoring@example.gov.uk"
contact_phone = "0100 000 0000"

[markup.goldmark.renderer]
unsafe = true

[markup.goldmark.extensions]
typographer = true
table = true
strikethrough = true
taskList = true
footnote = true
"""

# Hugo's multilingual config for the same two languages: English at the
# root, Welsh under /cy/, translations found by file name (pI.cy.md).
HUGO_CONFIG_TWO_LANGUAGES = HUGO_CONFIG.replace(
    'languageCode = "en-GB"\n', 'defaultContentLanguage = "en"\n') + """
[languages.en]
languageCode = "en-GB"
languageName = "English"
weight = 1

[languages.cy]
languageCode = "cy"
languageName = "Cymraeg"
weight = 2
"""

HUGO_BASEOF = """<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} – {{ site.Title }}</title>
<meta name="description" content="{{ with .Params.summary }}{{ . }}{{ else }}{{ site.Title }}, from {{ site.Params.organisation }}{{ end }}">
<link rel="canonical" href="{{ .RelPermalink }}">
{{- range .AllTranslations }}
<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .RelPermalink }}">
{{- end }}
<link rel="stylesheet" href="{{ "style.css" | relURL }}">
</head>
<body class="kind-{{ .Kind }}">
<a class="skip-link" href="#main_content">Skip to main content</a>
<header class="site-header">
  <div class="wrap site-header-inner">
    <p class="site-organisation">{{ site.Params.organisation }}</p>
    <p class="site-title"><a href="{{ site.Home.RelPermalink }}">{{ site.Title }}</a></p>
  </div>
  {{ if .IsTranslated }}<nav class="language-switcher" aria-label="Language / Iaith"><ul>
    {{- range .AllTranslations }}
    <li><a href="{{ .RelPermalink }}" lang="{{ .Language.Lang }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a></li>
    {{- end }}
  </ul></nav>{{ end }}
</header>
{{ with .Ancestors }}<nav class="breadcrumbs wrap" aria-label="Breadcrumb">
  <ol>
    {{- range .Reverse }}
    <li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>
    {{- end }}
    <li aria-current="page">{{ $.Title }}</li>
  </ol>
</nav>{{ end }}
<main id="main_content" class="wrap" tabindex="-1">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer">
  <div class="wrap">
    <h2 class="footer-title">Contact</h2>
    <p>{{ site.Params.contact_name }}<br><a href="mailto:{{ site.Params.contact_email }}">{{ site.Params.contact_email }}</a><br>{{ site.Params.contact_phone }}</p>
    <p class="footer-publisher">Published by {{ site.Params.organisation }}.</p>
  </div>
</footer>
</body>
</html>
"""

HUGO_ARTICLE = """<article class="page">
  <h1>{{ .Title }}</h1>
  {{ with .Params.summary }}<p class="lede">{{ . }}</p>{{ end }}
  <div class="content">
    {{ .Content }}
  </div>
"""

HUGO_PAGINATION = """{{ if or .PrevInSection .NextInSection }}<nav class="pagination" aria-label="Previous and next pages">
  <ul>
    {{- with .NextInSection }}
    <li class="pagination-previous"><a href="{{ .RelPermalink }}" rel="prev">Previous {{ .Title }}</a></li>
    {{- end }}
    {{- with .PrevInSection }}
    <li class="pagination-next"><a href="{{ .RelPermalink }}" rel="next">Next {{ .Title }}</a></li>
    {{- end }}
  </ul>
</nav>{{ end }}
"""

HUGO_SINGLE = ('{{ define "main" }}\n' + HUGO_ARTICLE + "</article>\n"
               + HUGO_PAGINATION + "{{ end }}\n")

HUGO_LIST = ('{{ define "main" }}\n' + HUGO_ARTICLE + """  {{ with .Pages }}<h2 class="listing-title">In this section</h2>
  <ul class="listing">
    {{- range . }}
    <li class="listing-item"><a href="{{ .RelPermalink }}">{{ .Title }}</a>
    {{- with .Params.summary }}<p>{{ . }}</p>{{ end }}</li>
    {{- end }}
  </ul>{{ end }}
</article>
{{ end }}
""")

HUGO_404 = '{{ define "main" }}<h1>Page not found</h1>{{ end }}\n'

STYLE = "body{font-family:sans-serif;max-width:44rem;margin:auto}\n"

LINK = re.compile(r"\]\((?:\.\./(s\d+)/)?(p\d+|_index)\.md(#[\w-]+)?\)")
IMAGE = re.compile(r"\]\((figure-p\d+\.svg)\)")


def hugo_links(markdown, kind):
    """The page's .md links as Hugo's relative URLs. `kind` is "page" (URL
    /sK/pI/), "section" (/sK/) or "home" (/)."""
    up = {"page": "../", "section": "", "home": ""}[kind]

    def page_link(match):
        section, name, anchor = match.group(1), match.group(2), match.group(3) or ""
        path = "" if name == "_index" else f"{name}/"
        if section:
            path = f"../{section}/{path}" if kind != "home" else f"{section}/{path}"
        return f"]({(up + path) or './'}{anchor})"

    markdown = LINK.sub(page_link, markdown)
    if kind == "home":
        markdown = markdown.replace("](s1/_index.md)", "](s1/)")
    return IMAGE.sub(lambda m: f"]({up}{m.group(1)})", markdown)


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)

# The site.yaml texts, by number of audiences and whether search is on:
# one audience lists only `professional`; three leaves `audiences` out, so
# signpost builds every page for each of its three built-in audiences.
SITE_YAML = {
    (1, False): SITE_ONE,
    (3, False): SITE_THREE,
    (1, True): SITE_SEARCH,
    (3, True): SITE_THREE.replace(NO_SEARCH, ""),
}


def write_hugo_files(hugo):
    """The Hugo site's config, layouts and stylesheet (not its pages)."""
    write(os.path.join(hugo, "config.toml"), HUGO_CONFIG)
    layouts = os.path.join(hugo, "layouts")
    write(os.path.join(layouts, "_default", "baseof.html"), HUGO_BASEOF)
    write(os.path.join(layouts, "_default", "single.html"), HUGO_SINGLE)
    write(os.path.join(layouts, "_default", "list.html"), HUGO_LIST)
    write(os.path.join(layouts, "404.html"), HUGO_404)
    write(os.path.join(hugo, "static", "style.css"), STYLE)


def write_site(corpus, root, audiences=1, hugo=None, search=False):
    """Writes the corpus as a signpost site in ROOT (site.yaml with 1 or 3
    audiences, search on or off, content/) and, given HUGO, as a Hugo site
    there too. Returns statistics, with a digest of the signpost pages."""
    write(os.path.join(root, "site.yaml"), SITE_YAML[(audiences, search)])
    if hugo:
        write_hugo_files(hugo)
    digest = hashlib.sha256()
    sizes = []

    def both(rel, text, kind):
        digest.update(rel.encode() + b"\0" + text.encode())
        write(os.path.join(root, "content", rel), text)
        if hugo:
            write(os.path.join(hugo, "content", rel), hugo_links(text, kind))

    both("_index.md", corpus.home(), "home")
    for s in range(1, corpus.sections + 1):
        both(f"s{s}/_index.md", corpus.section_index(s), "section")
        for i in range(1, corpus.count(s) + 1):
            text, image = corpus.page(s, i)
            sizes.append(len(text.encode()))
            both(f"s{s}/p{i}.md", text, "page")
            if image:
                svg = SVG.format(cx=16 + (i * 7) % 32)
                write(os.path.join(root, "content", f"s{s}", image), svg)
                if hugo:
                    # Hugo serves static/ at the site's root: the page's
                    # relative link (rewritten by hugo_links) finds it there.
                    write(os.path.join(hugo, "static", f"s{s}", image), svg)
    return {
        "pages": len(sizes),
        "sections": corpus.sections,
        "bytes_mean": statistics.mean(sizes),
        "bytes_min": min(sizes),
        "bytes_max": max(sizes),
        "sha256": digest.hexdigest()[:16],
    }


def add_welsh(root):
    """Beside every page NAME.md under ROOT/content, its Welsh version
    NAME.cy.md: the same bytes, hard-linked (the words do not change the
    work; the second language does)."""
    for folder, _, files in os.walk(os.path.join(root, "content")):
        for name in files:
            if name.endswith(".md") and not name.endswith(".cy.md"):
                page = os.path.join(folder, name)
                os.link(page, page[:-len(".md")] + ".cy.md")


def add_pdf(root):
    """Asks for a PDF of every page (not sections) under ROOT/content:
    `pdf: true` first in its front-matter. scripts/bench-pdf prints them."""
    for folder, _, files in os.walk(os.path.join(root, "content")):
        for name in files:
            if name.endswith(".md") and not name.startswith("_index"):
                page = os.path.join(folder, name)
                with open(page) as f:
                    text = f.read()
                write(page, text.replace("---\n", "---\npdf: true\n", 1))


def generate(corpus, base):
    """Writes BASE/signpost (one audience), BASE/signpost-3 (three
    audiences, content hard-linked), BASE/hugo, the two-language sites
    BASE/signpost-cy and BASE/hugo-cy (the same, with a Welsh file beside
    every page), all with search off, and BASE/signpost-search (one
    audience, search on, content hard-linked). Returns statistics.

    BASE/stamp.json records the page count, seed and GENERATOR_VERSION: a
    corpus already there with the same key is reused, not written again,
    as 10,000 pages take a while to generate."""
    stamp = os.path.join(base, "stamp.json")
    want = {"pages": corpus.pages, "seed": corpus.seed, "version": GENERATOR_VERSION}
    if os.path.exists(stamp):
        with open(stamp) as f:
            saved = json.load(f)
        if saved.get("key") == want:
            return saved["stats"]
    shutil.rmtree(base, ignore_errors=True)
    sp, hg = os.path.join(base, "signpost"), os.path.join(base, "hugo")
    stats = write_site(corpus, sp, 1, hg)
    three = os.path.join(base, "signpost-3")
    write(os.path.join(three, "site.yaml"), SITE_THREE)
    # Hard links: the same bytes as the one-audience site, without a copy.
    shutil.copytree(os.path.join(sp, "content"), os.path.join(three, "content"),
                    copy_function=os.link)
    searched = os.path.join(base, "signpost-search")
    write(os.path.join(searched, "site.yaml"), SITE_SEARCH)
    shutil.copytree(os.path.join(sp, "content"), os.path.join(searched, "content"),
                    copy_function=os.link)
    two = os.path.join(base, "signpost-cy")
    write(os.path.join(two, "site.yaml"), SITE_TWO_LANGUAGES)
    shutil.copytree(os.path.join(sp, "content"), os.path.join(two, "content"),
                    copy_function=os.link)
    add_welsh(two)
    hugo_two = os.path.join(base, "hugo-cy")
    shutil.copytree(hg, hugo_two, copy_function=os.link)
    # A new file, not the hard link to the one-language site's config.
    os.remove(os.path.join(hugo_two, "config.toml"))
    write(os.path.join(hugo_two, "config.toml"), HUGO_CONFIG_TWO_LANGUAGES)
    add_welsh(hugo_two)
    with open(stamp, "w") as f:
        json.dump({"key": want, "stats": stats}, f)
    return stats


def empty_folder(parser, flag, path):
    """Exits unless PATH is a new or empty folder: stale pages from an
    earlier, larger corpus would be built along with the new ones."""
    if os.path.exists(path) and (not os.path.isdir(path) or os.listdir(path)):
        parser.error(f"{flag} {path}: give a new or empty folder")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="Usage:" + __doc__.split("Usage:")[1],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, required=True, help="number of pages")
    parser.add_argument("--audiences", type=int, choices=(1, 3), default=1,
                        help="1: site.yaml lists only `professional`; 3: signpost's "
                        "three built-in audiences (default 1)")
    parser.add_argument("--out", required=True, help="the folder for the signpost site")
    parser.add_argument("--hugo", help="also write the same pages as a Hugo site here")
    parser.add_argument("--seed", type=int, default=1,
                        help="corpus seed (default 1, as scripts/bench)")
    parser.add_argument("--search", action="store_true",
                        help="leave search on (signpost's default); without it "
                        "site.yaml says `search: false`, as scripts/bench's "
                        "builds compared with Hugo's do")
    parser.add_argument("--pdf", action="store_true",
                        help="ask for a PDF of every page (pdf: true), as scripts/bench-pdf does")
    args = parser.parse_args()
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    empty_folder(parser, "--out", args.out)
    if args.hugo:
        if os.path.abspath(args.hugo) == os.path.abspath(args.out):
            parser.error("--hugo must be another folder than --out (both have a content/)")
        empty_folder(parser, "--hugo", args.hugo)
    stats = write_site(Corpus(args.pages, args.seed), args.out, args.audiences, args.hugo,
                       args.search)
    if args.pdf:
        add_pdf(args.out)
    print(f"{args.out}: {stats['pages']:,} pages in {stats['sections']} "
          f"section{'s' if stats['sections'] > 1 else ''}, "
          f"{args.audiences} audience{'s' if args.audiences > 1 else ''}, "
          f"search {'on' if args.search else 'off'}; page files "
          f"{stats['bytes_min']}-{stats['bytes_max']} bytes (mean {stats['bytes_mean']:.0f}); "
          f"corpus digest {stats['sha256']}")
    if args.hugo:
        print(f"{args.hugo}: the same pages as a Hugo site")


if __name__ == "__main__":
    main()
