"""Command modules of the `kb` CLI; each defines `register(app)`."""
