"""The committee papers made from the board's view: the board report as PDF (`pdf.py`) and as
Word (`word.py`), with their charts drawn as SVG from the dashboard's own series (`svg.py`)."""
