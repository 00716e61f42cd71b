// Layer crypto: sources arrive with the issue that fills it.
