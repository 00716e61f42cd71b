// Layer content: sources arrive with the issue that fills it.
