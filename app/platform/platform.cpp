// Layer platform: sources arrive with the issue that fills it.
