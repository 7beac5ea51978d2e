#pragma once

#include <QLoggingCategory>

// One category per component, quiet below warnings unless QT_LOGGING_RULES
// turns them on ("attackmap.*.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcUi)
Q_DECLARE_LOGGING_CATEGORY(lcImport)
