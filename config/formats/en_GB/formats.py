"""Dates as people in the partnerships write them: `26 November 2026`, shown and typed.

Django's British English formats abbreviate the month (`26 Nov 2026`) and accept only figures
when typed; these take precedence (settings.FORMAT_MODULE_PATH), the rest stay Django's.
"""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i"
DATE_INPUT_FORMATS = [
    "%d %B %Y",  # '26 November 2026'
    "%d %b %Y",  # '26 Nov 2026'
    "%d/%m/%Y",  # '26/11/2026'
    "%d/%m/%y",  # '26/11/26'
]
