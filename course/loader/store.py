"""The content of this process: loaded and validated once, kept for kernels (``get``) and
for builds, which validate again only when a content file changed (``load_cached``)."""

from __future__ import annotations

import functools
from pathlib import Path

from course import atomic, paths
from course.loader import crosschecks, reads
from course.loader.content import FILES, PARTS, Content, QuizBanks
from course.loader.problems import Collector, ContentError
from course.model import quiz_order
from course.model.claims import Claim
from course.model.quiz import QuizBank
from course.model.records import (
    Syllabus,
)


def load(root: Path | None = None) -> Content:
    """Load and validate all content under ``root``; raise ContentError listing every problem."""
    with reads.paused():  # validation reads everything; outputs depend on what is used
        return _load(Path(root or paths.content_dir()))


def _load(root: Path) -> Content:
    c = Collector(root)
    parts = {part.name: c.part(part) for part in PARTS}
    syllabus_path = root / FILES["syllabus"]
    syllabus: Syllabus | None = parts["syllabus"]
    claims: dict[str, Claim] = parts["claims"]

    quizzes: dict[str, QuizBank] = {}
    question_home: dict[str, str] = {}
    for path in sorted((root / "quizzes").glob("*.yml")):
        data = c.read(path)
        if data is None:
            continue
        bank = c.model(QuizBank, data, path)
        if bank is None:
            continue
        quizzes[path.stem] = bank
        seen: set[str] = set()
        for index, question in enumerate(bank.questions):
            loc = ("questions", index)
            if question.id in seen or question.id in question_home:
                other = question_home.get(question.id, path.stem)
                c.add(path, (*loc, "id"), question.id, f"duplicate question id (also in {other})")
            seen.add(question.id)
            question_home.setdefault(question.id, path.stem)

    # Option order, balanced over the whole course for each number of options: a guesser
    # works across lessons, so the right answer's positions must even out there too.
    everything = [q for bank_id in sorted(quizzes) for q in quizzes[bank_id].questions]
    bank_of = {q.id: bank_id for bank_id in quizzes for q in quizzes[bank_id].questions}
    ordered = {q.id: q for q in quiz_order.assign(everything, group=lambda q: bank_of[q.id])}
    for bank_id, bank in quizzes.items():
        mine = [ordered.get(q.id, q) for q in bank.questions]
        quizzes[bank_id] = bank.model_copy(update={"questions": mine})

    bank_files: dict[str, tuple[str, ...]] = {}
    for bank_id, bank in list(quizzes.items()):
        path = root / "quizzes" / f"{bank_id}.yml"
        homes = {question_home[q] for q in bank.include if question_home.get(q, bank_id) != bank_id}
        bank_files[bank_id] = tuple(f"quizzes/{b}.yml" for b in [bank_id, *sorted(homes)])
        if not bank.questions and not bank.include:
            c.add(path, (), bank_id, "a bank needs questions or an include list")
        included = []
        for index, question_id in enumerate(bank.include):
            home = question_home.get(question_id)
            if home is None or home == bank_id:
                c.add(
                    path,
                    ("include", index),
                    bank_id,
                    f"include: no question {question_id!r} in another bank",
                )
                continue
            included.append(next(q for q in quizzes[home].questions if q.id == question_id))
        if included:
            quizzes[bank_id] = bank.model_copy(update={"questions": [*bank.questions, *included]})

    if syllabus:
        ids = [lesson.id for lesson in syllabus.lessons]
        for index, lesson_id in enumerate(ids):
            if ids.index(lesson_id) != index:
                c.add(syllabus_path, ("lessons", index, "id"), lesson_id, "duplicate lesson id")
        for bank_id, bank in quizzes.items():
            if bank_id not in ids and bank.lesson not in ids:
                where = ("lesson",) if bank.lesson else ()
                message = f"no lesson {bank.lesson!r}" if bank.lesson else "no lesson with this id"
                c.add(root / "quizzes" / f"{bank_id}.yml", where, bank_id, message)

    crosschecks.check_quotes(c, root / FILES["claims"], claims)
    crosschecks.check_copies(c, parts["red_flags"])
    teaching = parts["teaching"]
    if teaching and syllabus:
        crosschecks.check_plans(c, root / FILES["teaching"], teaching, syllabus, quizzes)

    if c.problems or syllabus is None:
        raise ContentError(c.problems)
    return Content(**parts, quizzes=QuizBanks(quizzes, bank_files), lines=c.lines)


# Files that may name warning signs freely: their source, and the bibliography's notes
# (which say what each source lists).


@functools.lru_cache(maxsize=1)
def _cached(root: str) -> Content:
    return load(Path(root))


# Content a build loaded through load_cached(), by content folder: what get() returns.
_built: dict[str, Content] = {}


def reload() -> None:
    """Forget the loaded content: the next get() reads the files again (a build starts
    from what is on disk; tests switch to edited copies)."""
    _cached.cache_clear()
    _built.clear()


def get() -> Content:
    """The package's own content, loaded once per process (kernels call this often)."""
    root = paths.content_dir()
    reads.install(root)
    return _built.get(str(root)) or _cached(str(root))


def load_cached(key: str, folder: Path) -> Content:
    """The content for a build, validated once per change: kept in ``folder`` under a
    digest of ``key`` (the caller's digest of the content files, the package code and the
    environment) and of the articles the quotes are checked against. A course ten times
    this one takes half a second to validate; reading it back takes a few milliseconds.
    Whatever this returns is what get() returns in this process."""
    import hashlib
    import pickle

    root = paths.content_dir()
    h = hashlib.sha256(f"{key}\0{root.resolve()}".encode())
    seeds = paths.seeds_dir()
    for article in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        h.update(article.name.encode() + b"\0" + article.read_bytes())
    path = Path(folder) / f"content-{h.hexdigest()[:40]}.pickle"
    data = None
    try:
        data = pickle.loads(path.read_bytes())  # written below by this function only
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError):
        data = None
    if not isinstance(data, Content):
        data = load(root)  # a content error is raised here, and nothing is kept
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob("content-*.pickle"):
            old.unlink(missing_ok=True)
        atomic.write(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL), mode=None)
    _cached.cache_clear()
    _built.clear()
    _built[str(root)] = data
    return data
