"""Export an executed lesson as a site page and as a reveal.js deck.

Both exporters are nbconvert's, configured through traitlets and pointed at the
course templates; the course preprocessors pick the static renderings, move
figures into files and resolve citations.
"""

from __future__ import annotations

from jinja2 import pass_context
from nbconvert import HTMLExporter, NotebookExporter, SlidesExporter
from traitlets.config import Config

from course import paths
from course.builder import tags
from course.builder.preprocessors import (
    ReadableOutputsPreprocessor,
)

TEMPLATE_ROOT = paths.TEMPLATES_DIR / "nbconvert"
# Partials and fragments are shared with the index page and with Jupyter displays.
SHARED_TEMPLATES = [str(paths.TEMPLATES_DIR / "partials"), str(paths.TEMPLATES_DIR / "fragments")]


class _TemplateOutput(HTMLExporter):
    """The page exactly as the course templates render it. nbconvert's HTMLExporter then
    parses the whole page again with BeautifulSoup, to give alt text to images without it
    and tabindex to the cells of a ``.jp-Notebook`` element, and writes it back out. The
    course templates leave no image without alt text (the figure views require it; the
    export tests check every page) and have no ``.jp-Notebook`` element, so the pass
    added nothing: it only wrote the same elements out again, and took half the export
    time. The rest is HTMLExporter.from_notebook_node as nbconvert 7.17 has it."""

    def from_notebook_node(self, nb, resources=None, **kw):
        from nbconvert.filters.highlight import Highlight2HTML
        from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight_code = self.filters.get(
            "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
        )
        resources = self._init_resources(resources)
        filter_data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight_code)
        self.register_filter("filter_data_type", filter_data_type)
        return super(HTMLExporter, self).from_notebook_node(nb, resources, **kw)


class SiteExporter(_TemplateOutput):
    """nbconvert's HTML exporter whose markdown filter also links glossary terms: the
    linking then works on the rendered HTML, not on markdown source."""

    @pass_context
    def markdown2html(self, context, source):
        from course.builder import glossary

        html = super().markdown2html(context, source)
        return glossary.linker(context["resources"])(html)


class DeckExporter(_TemplateOutput, SlidesExporter):
    """nbconvert's reveal.js exporter, its output as the course templates render it."""


def _validated_once() -> Config:
    """nbformat validates the notebook after every preprocessor by default (a third of what
    was left of the export time). The lesson notebooks are validated before they run
    (course.builder.checks) and again when the cache writes them executed; the course's
    preprocessors have their own tests; and one validation after the last preprocessor
    still stops a notebook they leave invalid."""
    c = Config()
    c.Exporter.optimistic_validation = True
    return c


def _config(hide: str | None, link_citations: bool) -> Config:
    c = _validated_once()
    c.TagRemovePreprocessor.enabled = True
    c.TagRemovePreprocessor.remove_cell_tags = {tags.REMOVE_CELL} | ({hide} if hide else set())
    c.TagRemovePreprocessor.remove_input_tags = {tags.REMOVE_INPUT}
    c.TagRemovePreprocessor.remove_all_outputs_tags = {tags.REMOVE_OUTPUT}
    c.CSSHTMLHeaderPreprocessor.enabled = False  # pygments CSS ships once in assets/
    c.CitationPreprocessor.link = link_citations
    return c


def _exporter(cls, template: str, hide: str | None, link_citations: bool):
    exporter = cls(
        config=_config(hide, link_citations=link_citations),
        template_name=template,
        extra_template_basedirs=[str(TEMPLATE_ROOT)],
        extra_template_paths=SHARED_TEMPLATES,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    _bytecode_cache(exporter)
    return exporter


def site_exporter() -> SiteExporter:
    """Lesson pages: no speaker notes, citations linked to Sources, glossary terms linked
    (the preprocessors, in order, are listed in the template's conf.json)."""
    return _exporter(SiteExporter, "course_site", tags.SLIDES_ONLY, link_citations=True)


def slides_exporter() -> DeckExporter:
    """Decks: speaker notes kept, plain citations (links would leave the slide)."""
    from course.builder.speaker import speaker_view_sources

    # site-only cells: PageOnlyPreprocessor (a deck for the room keeps them in its notes)
    exporter = _exporter(DeckExporter, "course_slides", None, link_citations=False)
    exporter.environment.globals["speaker_csp"] = speaker_view_sources()
    # The course preprocessors come from conf.json, numbered to run before nbconvert's
    # reveal step (500-reveal), which turns the slide types they set into sections.
    return exporter


def download_exporter() -> NotebookExporter:
    """The notebook a learner downloads: executed, its outputs readable without a kernel."""
    exporter = NotebookExporter(config=_validated_once())
    exporter.register_preprocessor(ReadableOutputsPreprocessor(parent=exporter), enabled=True)
    return exporter


def _bytecode_cache(exporter) -> None:
    """Keep compiled templates between builds: a prose edit should not pay for compiling
    every nbconvert and course template again."""
    from jinja2 import FileSystemBytecodeCache

    folder = paths.BUILD_DIR / ".jinja-cache"
    folder.mkdir(parents=True, exist_ok=True)
    exporter.environment.bytecode_cache = FileSystemBytecodeCache(str(folder))


def export(exporter, nb, course_resources: dict) -> tuple[str, dict[str, bytes]]:
    """Render one notebook; returns (html, {relative file name: bytes}) for figures."""
    resources = {"course": dict(course_resources), "unique_key": course_resources["lesson"].id}
    html, out = exporter.from_notebook_node(nb, resources=resources)
    return html, dict(out.get("outputs", {}))
