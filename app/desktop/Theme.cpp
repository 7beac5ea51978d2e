#include "Theme.h"

namespace attackmap::desktop::Theme {

QColor coverageColor(CoverageLevel level, const QPalette& palette) {
    switch (level) {
    case CoverageLevel::Significant:
        return QColor(0x1b, 0x7a, 0x3e);
    case CoverageLevel::Partial:
        return QColor(0x5f, 0xb0, 0x4f);
    case CoverageLevel::Minimal:
        return QColor(0xd9, 0xc2, 0x3f);
    case CoverageLevel::Mapped:
        return QColor(0x6a, 0x8c, 0xc7);
    case CoverageLevel::None:
        break;
    }
    return palette.color(QPalette::AlternateBase);
}

QColor textOn(const QColor& background) {
    // Relative luminance by the usual weights; dark text on light fills.
    double luminance =
        0.2126 * background.redF() + 0.7152 * background.greenF() + 0.0722 * background.blueF();
    return luminance > 0.55 ? QColor(0x1a, 0x1a, 0x1a) : QColor(0xfa, 0xfa, 0xfa);
}

QColor scoreColor(const QString& category, const QString& value) {
    int hue = 210; // protect: blue
    if (category == QLatin1String("detect")) {
        hue = 35; // amber
    } else if (category == QLatin1String("respond")) {
        hue = 285; // violet
    } else if (category.isEmpty()) {
        return QColor(0x80, 0x80, 0x80);
    }
    int saturation = 110;
    int lightness = 185;
    if (value == QLatin1String("partial")) {
        saturation = 170;
        lightness = 135;
    } else if (value == QLatin1String("significant")) {
        saturation = 220;
        lightness = 85;
    }
    return QColor::fromHsl(hue, saturation, lightness);
}

} // namespace attackmap::desktop::Theme
