"""The command line (`bydelsteam`): one module per sub-command, each with `configure(parser)`; see `main`."""
