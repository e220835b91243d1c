"""Notebook outputs as a kernel records them, made by the real course displays: for tests of
what the build makes of outputs without running a kernel."""

from __future__ import annotations

import json

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from course.output.view import WIDGET_VIEW


def shown(display, widget: bool = False):
    """The output a kernel would record for ``display`` (JSON round trip, as on disk)."""
    bundle = display._repr_mimebundle_()
    data, metadata = bundle if isinstance(bundle, tuple) else (bundle, {})
    data = json.loads(json.dumps(data, default=str))
    if widget:
        data[WIDGET_VIEW] = {"model_id": "m1", "version_major": 2, "version_minor": 0}
    output = new_output("execute_result", data=data, execution_count=1)
    output.metadata = json.loads(json.dumps(metadata or {}))
    return output


def notebook(*outputs, markdown: str = "Some prose."):
    nb = new_notebook(cells=[new_markdown_cell(markdown)])
    for output in outputs:
        cell = new_code_cell("shown()")
        cell.outputs = [output]
        nb.cells.append(cell)
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nb.metadata["language_info"] = {"name": "python", "version": "3.11.7"}
    nb.metadata["course_cache"] = {"key": "k"}
    return nb
