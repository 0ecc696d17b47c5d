"""The issue's targets (issue 11), one place; bench/report.py marks the figures that miss."""

PROVINCE = 100.0  # ms, median: the province overview
NATIONAL = 300.0  # the national overview
LIST = 100.0  # every list page and the commune page
API_LIST = 80.0  # API lists, first and deep cursor page
TOTALS = 300.0  # activity totals
GROWTH = 1.5  # national ÷ tenth-size median
HTML_BYTES = 300 * 1024
THROUGHPUT = 40.0  # requests/s, province overview, wrk -c10, 5 gunicorn workers
REMINDER_SENDS_S = 30.0  # seconds of worker time for 10,000 reminder sends
BUILD_MS = 10 * 60 * 1000  # the national data set, loaded and analysed
