"""What makes a build fast: worker processes (``workers``)."""
