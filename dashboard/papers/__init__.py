"""The committee papers made from the board's view: the board report as PDF (`report.py`)
and as Word (`word.py`), for publication too (`published.py`), with their charts drawn as SVG
from the dashboard's own series (`svg.py`); and the public annual report (`annual.py`)."""
