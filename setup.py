"""Every wheel of the course package carries its lesson index.

An installed package has no notebooks folder, yet ``sources("01-back-pain")`` and
``claims_summary(lesson=...)`` need to know what each lesson shows and cites. This build
hook scans the notebooks beside it (course.loader.lesson_index, standard library only,
so it runs in pip's isolated build environment too) and writes ``course/lesson_index.json``
into the wheel. Without a notebooks folder (the course download stages a copy of the
package that already holds the index) the package is built as it is.
"""

import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent


class BuildPyWithLessonIndex(build_py):
    def run(self) -> None:
        super().run()
        notebooks = HERE / "notebooks"
        if not self.dry_run and notebooks.is_dir():
            sys.path.insert(0, str(HERE))
            from course.loader import lesson_index

            lessons = sorted(path.stem for path in notebooks.glob("*.ipynb"))
            target = Path(self.build_lib) / "course" / lesson_index.SNAPSHOT
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(lesson_index.snapshot(lessons, notebooks), encoding="utf-8")


setup(cmdclass={"build_py": BuildPyWithLessonIndex})
