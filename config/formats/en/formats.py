# Dates the way the federation's English-reading partners write them: 8 March 2023.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j F Y H:i"
