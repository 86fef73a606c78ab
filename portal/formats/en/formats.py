# 4 December 2026, 4 December 2026 12:58 JST; a time of day alone (the checker's one-minute reuse window) keeps seconds.
DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y H:i T"
TIME_FORMAT = "H:i:s T"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
