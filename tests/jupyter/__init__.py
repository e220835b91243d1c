"""The course in JupyterLab itself: make lab, and a downloaded lesson run by a learner."""
