"""The author preview (``python -m course preview``): the site served on loopback, rebuilt
page first on every saved edit, the open tab reloaded by itself.

Above the builder (it calls the build) and below the command line; nothing in the
published site depends on it.
"""
