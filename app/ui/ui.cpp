// Layer ui: sources arrive with the issue that fills it.
