"""The site's date formats, one per language (FORMAT_MODULE_PATH): docs/terminology.md, "Dates".

Templates name these formats (`|date:"DATE_FORMAT"`, `|date:"DATETIME_FORMAT"`, `|local_time`) and never spell a
format out; tests/portal/test_date_formats.py flags any other. Machine-readable dates (`<time datetime>`) stay ISO.
"""
