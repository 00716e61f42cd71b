// Layer input: sources arrive with the issue that fills it.
