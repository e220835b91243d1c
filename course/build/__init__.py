"""The build: execute lessons once (with a cache), export site pages and slide decks, publish.

jsonschema (imported by nbformat) optionally imports ``rfc3987_syntax``, which JupyterLab
installs, to check "iri" string formats that notebooks never use; building its grammar
costs over a second on every import. The build process skips that optional checker.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
