"""The build: execution and its cache, export preprocessors, the site and the download
(course/builder)."""
