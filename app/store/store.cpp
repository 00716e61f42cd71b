// Layer store: sources arrive with the issue that fills it.
