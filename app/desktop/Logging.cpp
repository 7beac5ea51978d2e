#include "Logging.h"

Q_LOGGING_CATEGORY(lcUi, "attackmap.ui", QtWarningMsg)
Q_LOGGING_CATEGORY(lcImport, "attackmap.import", QtWarningMsg)
