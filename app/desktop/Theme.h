#pragma once

#include "CoverageIndex.h"

#include <QColor>
#include <QPalette>
#include <QString>

namespace attackmap::desktop {

/// Colours shared by the tree badges, the matrix, its legend and score chips.
/// They are picked to read on light and dark palettes alike: saturated fills
/// with a text colour chosen for contrast, and a "none" that follows the
/// palette.
namespace Theme {

QColor coverageColor(CoverageLevel level, const QPalette& palette);
QColor textOn(const QColor& background);

/// A score chip: hue by category (protect, detect, respond), depth by value.
QColor scoreColor(const QString& category, const QString& value);

} // namespace Theme

} // namespace attackmap::desktop
