# 2026年12月4日, 2026年12月4日 12:58 JST; a time of day alone (the checker's one-minute reuse window) keeps seconds.
DATE_FORMAT = "Y年n月j日"
DATETIME_FORMAT = "Y年n月j日 H:i T"
TIME_FORMAT = "H:i:s T"
YEAR_MONTH_FORMAT = "Y年n月"
MONTH_DAY_FORMAT = "n月j日"
SHORT_DATE_FORMAT = DATE_FORMAT
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
