"""Synthetic fact bases (`facts`) and the questions asked of them (`questions`)."""
