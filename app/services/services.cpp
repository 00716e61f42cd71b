// Layer services: sources arrive with the issue that fills it.
