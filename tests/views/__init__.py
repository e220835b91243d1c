"""What notebooks show, in Jupyter and as static HTML (course/views)."""
